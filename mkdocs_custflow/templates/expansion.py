"""Fill a template's strings with ``with:`` values, in a sandbox.

Strings are rendered one by one after the YAML is read, so a value can hold
any text without breaking the YAML. Jinja runs sandboxed with strict
undefined and no loader: a template cannot read files, import, or reach
Python internals, and any error it raises becomes a located
:class:`TemplateError`.
"""

from __future__ import annotations

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from mkdocs_custflow.messages import say
from mkdocs_custflow.reading.located_yaml import YamlMapping, YamlSequence
from mkdocs_custflow.templates.errors import TemplateError


class SandboxedStrings:
    """One sandboxed Jinja environment and a cache of compiled strings."""

    def __init__(self) -> None:
        self.env = ImmutableSandboxedEnvironment(
            undefined=jinja2.StrictUndefined, autoescape=False, loader=None
        )
        self.compiled: dict[str, jinja2.Template] = {}

    def render(self, text: str, values: dict[str, str]) -> str:
        if "{" not in text:
            return text
        template = self.compiled.get(text)
        if template is None:
            template = self.env.from_string(text)
            self.compiled[text] = template
        return template.render(values)

    def fill(
        self, value: object, values: dict[str, str], file: str, line: int = 0,
        at: int | None = None,
    ) -> object:
        """``value`` with its strings rendered; ``at``: the line every part of
        the copy is placed at (the block's ``use:``), else the template's own."""
        if isinstance(value, str):
            try:
                return self.render(value, values)
            except jinja2.UndefinedError as exc:
                raise TemplateError(say("template.undefined", problem=exc.message), file,
                                    line + 1) from None
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(say("template.syntax", problem=exc.message), file,
                                    line + 1) from None
            except Exception as exc:  # any failure of a template is the template's
                reason = f"{type(exc).__name__}: {exc}" if not isinstance(
                    exc, jinja2.TemplateError) else str(exc)
                raise TemplateError(say("template.failed", problem=reason), file,
                                    line + 1) from None
        if isinstance(value, YamlMapping):
            out = YamlMapping()
            if at is None:
                out.line, out.key_lines = value.line, dict(value.key_lines)
            else:
                out.line, out.key_lines = at, dict.fromkeys(value.key_lines, at)
            for key, item in value.items():
                out[key] = self.fill(item, values, file, value.line_of(key), at)
            return out
        if isinstance(value, YamlSequence):
            seq = YamlSequence()
            seq.line = value.line if at is None else at
            seq.item_lines = list(value.item_lines) if at is None else [at] * len(value)
            for index, item in enumerate(value):
                seq.append(self.fill(item, values, file, value.line_of(index), at))
            return seq
        return value
