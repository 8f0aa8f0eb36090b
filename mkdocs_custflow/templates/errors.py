"""The one error a template can raise, with where to look."""

from __future__ import annotations


class TemplateError(Exception):
    """A template cannot be used; ``file``/``line`` say where to look, and
    ``param`` names the ``with:`` value at fault, if one is."""

    def __init__(
        self, message: str, file: str | None = None, line: int = 0, param: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.param = param

    def located(self) -> str:
        if self.file:
            return f"{self.message} ({self.file}:{self.line})" if self.line else (
                f"{self.message} ({self.file})"
            )
        return self.message
