"""Finding and reading journey templates: ``use: after-sales-repair`` plus ``with:``.

A template is a YAML file (``<name>.<locale>.yaml``) with a header (``name``,
``title``, ``description``, ``locale``, ``params``, optional ``extends``) and a
``journey`` body whose strings may use ``{{ param }}`` (filled by
:mod:`.expansion`). The library is the site's folders first, then the
built-in templates in ``builtin/``: a site's template of the same name wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_custflow.diagnostics import did_you_mean, name_hint, shown_path
from mkdocs_custflow.messages import say
from mkdocs_custflow.reading.located_yaml import YamlLimits, YamlMapping, YamlReadError, parse
from mkdocs_custflow.reading.sources import SourceError, read_text
from mkdocs_custflow.templates.errors import TemplateError
from mkdocs_custflow.templates.expansion import SandboxedStrings
from mkdocs_custflow.templates.merge import merge_journey

BUILTIN_DIR = Path(__file__).parent / "builtin"
TEMPLATE_NAME = re.compile(r"^\w[\w-]*$")
HEADER_KEYS = ("name", "title", "description", "locale", "params", "extends", "journey")
_FILE_NAME = re.compile(r"^(?P<name>\w[\w-]*?)(?:\.(?P<locale>[A-Za-z]{2}(?:[-_][A-Za-z]+)?))?$")
FALLBACK_LOCALE = "en"


@dataclass
class Param:
    name: str
    default: str | None
    description: str = ""


@dataclass
class JourneyTemplate:
    name: str
    locale: str
    title: str
    description: str
    params: dict[str, Param]
    extends: str | None
    journey: YamlMapping
    path: Path
    extends_line: int = 0
    locales: list[str] = field(default_factory=list)


class TemplateLibrary:
    """Built-in templates plus a site's folders (searched first: a site's own
    template of the same name wins)."""

    def __init__(
        self, folders: list[Path] | None = None, *, builtin: bool = True, base: Path | None = None
    ) -> None:
        """``base`` is the folder messages name files relative to (mkdocs.yml's);
        built-in templates are named from the package's folder."""
        self.folders = [Path(f) for f in folders or []]
        if builtin:
            self.folders.append(BUILTIN_DIR)
        self._files: dict[str, dict[str, Path]] | None = None
        self._parsed: dict[Path, JourneyTemplate] = {}
        self._jinja = SandboxedStrings()
        self.base = base or Path.cwd()

    def shown(self, path: Path) -> str:
        """A template file as messages name it."""
        if BUILTIN_DIR in path.parents:
            return f"mkdocs_custflow/templates/builtin/{path.name}"
        return shown_path(path, self.base)

    # -- finding -------------------------------------------------------------
    def _index(self) -> dict[str, dict[str, Path]]:
        if self._files is None:
            files: dict[str, dict[str, Path]] = {}
            for folder in self.folders:
                root = folder.resolve()
                for path in sorted(folder.glob("*.y*ml")):
                    if path.suffix not in (".yaml", ".yml") or not path.is_file():
                        continue
                    if root not in path.resolve().parents:  # a link leading outside
                        continue
                    match = _FILE_NAME.match(path.stem)
                    if not match:
                        continue
                    locale = (match["locale"] or "").lower().replace("_", "-")
                    variants = files.setdefault(match["name"], {})
                    variants.setdefault(locale.split("-")[0] or "", path)
            self._files = files
        return self._files

    def names(self) -> list[str]:
        return sorted(self._index())

    def locales(self, name: str) -> list[str]:
        return sorted(loc for loc in self._index().get(name, {}) if loc)

    def find(self, name: str, locale: str = FALLBACK_LOCALE) -> JourneyTemplate:
        if not TEMPLATE_NAME.match(name):
            raise TemplateError(say("template.bad-name", name=name))
        variants = self._index().get(name)
        if not variants:
            raise TemplateError(say("template.unknown", name=name,
                                    hint=name_hint(name, self.names())))
        path = (
            variants.get(locale)
            or variants.get(FALLBACK_LOCALE)
            or variants.get("")
            or variants[sorted(variants)[0]]
        )
        template = self._parse(path)
        template.locales = self.locales(name)
        return template

    # -- reading template files ---------------------------------------------
    def _parse(self, path: Path) -> JourneyTemplate:
        cached = self._parsed.get(path)
        if cached is not None:
            return cached
        shown = self.shown(path)
        try:
            text = read_text(path)
        except SourceError as exc:
            raise TemplateError(say("template.file", problem=exc.said), shown) from None
        try:
            data = parse(text, YamlLimits())
        except YamlReadError as exc:
            raise TemplateError(say("template.yaml", problem=exc.said), shown,
                                exc.line + 1) from None
        if not isinstance(data, YamlMapping):
            raise TemplateError(say("template.not-mapping"), shown, 1)
        for key in data:
            if key not in HEADER_KEYS:
                raise TemplateError(
                    say("template.unknown-key", key=key, hint=did_you_mean(key, HEADER_KEYS)),
                    shown, data.line_of(key) + 1,
                )
        journey = data.get("journey")
        if not isinstance(journey, YamlMapping):
            raise TemplateError(say("template.no-journey"), shown, data.line_of("journey") + 1)
        stem = _FILE_NAME.match(path.stem)
        name = _text(data, "name", shown) or (stem["name"] if stem else path.stem)
        template = JourneyTemplate(
            name=name,
            locale=(_text(data, "locale", shown) or (stem["locale"] if stem else "") or "en"),
            title=_text(data, "title", shown) or name,
            description=_text(data, "description", shown) or "",
            params=_params(data, shown),
            extends=_text(data, "extends", shown),
            extends_line=data.line_of("extends") + 1,
            journey=journey,
            path=path,
        )
        self._parsed[path] = template
        return template

    # -- expansion -----------------------------------------------------------
    def expand(
        self, name: str, values: dict[str, str], locale: str = FALLBACK_LOCALE,
        at: int | None = None,
    ) -> tuple[YamlMapping, JourneyTemplate]:
        """The template's journey with parameters filled in, ``extends`` resolved;
        every part placed at line ``at`` (a block's ``use:``) when given."""
        template = self.find(name, locale)
        chain = list(self._chain(template, locale))
        params: dict[str, Param] = {}
        for link in reversed(chain):
            params.update(link.params)
        unknown = [key for key in values if key not in params]
        if unknown:
            raise TemplateError(
                say("template.unknown-param", name=name, param=unknown[0],
                    hint=name_hint(unknown[0], params)),
                param=unknown[0],
            )
        filled: dict[str, str] = {}
        for param in params.values():
            value = values.get(param.name, param.default)
            if value is None:
                hint = (say("part.param-description", description=param.description)
                        if param.description else "")
                raise TemplateError(
                    say("template.needs-value", name=name, param=param.name, hint=hint))
            filled[param.name] = value
        journey: YamlMapping | None = None
        for link in reversed(chain):  # base first, then each extension over it
            rendered = self._jinja.fill(link.journey, filled, self.shown(link.path), at=at)
            assert isinstance(rendered, YamlMapping)  # rendering keeps the shape
            journey = rendered if journey is None else merge_journey(journey, rendered)
        assert journey is not None
        return journey, template

    def _chain(self, template: JourneyTemplate, locale: str) -> Iterator[JourneyTemplate]:
        seen = [template.name]
        current = template
        yield current
        while current.extends:
            if current.extends in seen:
                cycle = " -> ".join([*seen, current.extends])
                raise TemplateError(say("template.extends-cycle", cycle=cycle),
                                    self.shown(current.path), current.extends_line)
            try:
                parent = self.find(current.extends, locale)
            except TemplateError as exc:
                raise TemplateError(say("template.extends", problem=exc.said),
                                    self.shown(current.path), current.extends_line) from None
            seen.append(parent.name)
            current = parent
            yield current


def _text(data: YamlMapping, key: str, file: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise TemplateError(say("template.key-not-text", key=key), file, data.line_of(key) + 1)
    return value


def _params(data: YamlMapping, file: str) -> dict[str, Param]:
    raw = data.get("params")
    if raw is None:
        return {}
    if not isinstance(raw, YamlMapping):
        raise TemplateError(say("template.params-not-mapping"), file, data.line_of("params") + 1)
    params: dict[str, Param] = {}
    for name, spec in raw.items():
        line = raw.line_of(name) + 1
        if not TEMPLATE_NAME.match(name):
            raise TemplateError(say("template.param-not-identifier", param=name), file, line)
        if isinstance(spec, YamlMapping):
            default = spec.get("default")
            description = spec.get("description") or ""
            if not isinstance(default, (str, type(None))) or not isinstance(description, str):
                raise TemplateError(say("template.param-needs-text", param=name), file, line)
            params[name] = Param(name, default, description)
        elif spec is None or isinstance(spec, str):
            params[name] = Param(name, spec, "")
        else:
            raise TemplateError(say("template.param-bad-form", param=name), file, line)
    return params


# -- merging (spec section 5) -------------------------------------------------
