"""The one error a template can raise, with where to look."""

from __future__ import annotations

from mkdocs_custflow.messages import Text, say


class TemplateError(Exception):
    """A template cannot be used; ``file``/``line`` say where to look, and
    ``param`` names the ``with:`` value at fault, if one is. ``said`` is the
    message to write in the site's language; ``message`` is it in English."""

    def __init__(
        self, said: Text, file: str | None = None, line: int = 0, param: str | None = None
    ) -> None:
        super().__init__(str(said))
        self.said = said
        self.message = str(said)
        self.file = file
        self.line = line
        self.param = param

    def located(self) -> Text:
        if self.file:
            where = f"{self.file}:{self.line}" if self.line else self.file
            return say("part.at", message=self.said, where=where)
        return self.said
