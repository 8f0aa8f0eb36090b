"""The journey template library: ``use: after-sales-repair`` plus ``with:``.

A template is a YAML file (``<name>.<locale>.yaml``) with a header (``name``,
``title``, ``description``, ``locale``, ``params``, optional ``extends``) and a
``journey`` body whose strings may use ``{{ param }}``. Strings are rendered
one by one after the YAML is read, so a parameter value can hold any text
without breaking the YAML. Jinja runs sandboxed with strict undefined and no
loader: a template cannot read files, import, or reach Python internals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from mkdocs_custflow.diagnostics import Reporter, did_you_mean, name_hint
from mkdocs_custflow.i18n import normalize_locale
from mkdocs_custflow.located_yaml import (
    TRUE_WORDS,
    YamlLimits,
    YamlMapping,
    YamlReadError,
    YamlSequence,
    load,
)

BUILTIN_DIR = Path(__file__).parent / "library"
TEMPLATE_NAME = re.compile(r"^\w[\w-]*$")
HEADER_KEYS = ("name", "title", "description", "locale", "params", "extends", "journey")
_FILE_NAME = re.compile(r"^(?P<name>\w[\w-]*?)(?:\.(?P<locale>[A-Za-z]{2}(?:[-_][A-Za-z]+)?))?$")
FALLBACK_LOCALE = "en"


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


class _Env:
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


class TemplateLibrary:
    """Built-in templates plus a site's folders (searched first: a site's own
    template of the same name wins)."""

    def __init__(self, folders: list[Path] | None = None, *, builtin: bool = True) -> None:
        self.folders = [Path(f) for f in folders or []]
        if builtin:
            self.folders.append(BUILTIN_DIR)
        self._files: dict[str, dict[str, Path]] | None = None
        self._parsed: dict[Path, JourneyTemplate] = {}
        self._jinja = _Env()

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
            raise TemplateError(
                f"'{name}' is not a template name (letters, digits, '-' and '_' only)"
            )
        variants = self._index().get(name)
        if not variants:
            raise TemplateError(f"unknown template '{name}'{name_hint(name, self.names())}")
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
        shown = path.as_posix()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise TemplateError(f"cannot read template: {exc.strerror or exc}", shown) from None
        try:
            data = load(text, YamlLimits())
        except YamlReadError as exc:
            raise TemplateError(f"template {exc.message}", shown, exc.line + 1) from None
        if not isinstance(data, YamlMapping):
            raise TemplateError("a template must be a YAML mapping", shown, 1)
        for key in data:
            if key not in HEADER_KEYS:
                raise TemplateError(
                    f"unknown template key '{key}'{did_you_mean(key, HEADER_KEYS)}",
                    shown, data.line_of(key) + 1,
                )
        journey = data.get("journey")
        if not isinstance(journey, YamlMapping):
            raise TemplateError(
                "a template needs a 'journey' mapping", shown, data.line_of("journey") + 1
            )
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
        self, name: str, values: dict[str, str], locale: str = FALLBACK_LOCALE
    ) -> tuple[YamlMapping, JourneyTemplate]:
        """The template's journey with parameters filled in, ``extends`` resolved."""
        template = self.find(name, locale)
        chain = list(self._chain(template, locale))
        params: dict[str, Param] = {}
        for link in reversed(chain):
            params.update(link.params)
        unknown = [key for key in values if key not in params]
        if unknown:
            raise TemplateError(
                f"template '{name}' has no parameter '{unknown[0]}'"
                f"{name_hint(unknown[0], params)}",
                param=unknown[0],
            )
        filled: dict[str, str] = {}
        for param in params.values():
            value = values.get(param.name, param.default)
            if value is None:
                hint = f" ({param.description})" if param.description else ""
                raise TemplateError(
                    f"template '{name}' needs a value for '{param.name}'{hint}; "
                    "add it under 'with:'"
                )
            filled[param.name] = value
        journey: YamlMapping | None = None
        for link in reversed(chain):  # base first, then each extension over it
            rendered = self._render(link.journey, filled, link.path.as_posix())
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
                raise TemplateError(
                    f"'extends' cycle: {cycle}; remove one 'extends'",
                    current.path.as_posix(), current.extends_line,
                )
            try:
                parent = self.find(current.extends, locale)
            except TemplateError as exc:
                raise TemplateError(
                    f"'extends': {exc.message}", current.path.as_posix(), current.extends_line
                ) from None
            seen.append(parent.name)
            current = parent
            yield current

    def _render(self, value: object, values: dict[str, str], file: str, line: int = 0) -> object:
        if isinstance(value, str):
            try:
                return self._jinja.render(value, values)
            except jinja2.UndefinedError as exc:
                raise TemplateError(f"template error: {exc.message}", file, line + 1) from None
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(
                    f"template syntax error: {exc.message}", file, line + 1
                ) from None
            except (jinja2.TemplateError, TypeError, ValueError, OverflowError) as exc:
                raise TemplateError(
                    f"template error: {exc}; only '{{{{ param }}}}' substitutions are supported",
                    file, line + 1,
                ) from None
        if isinstance(value, YamlMapping):
            out = YamlMapping()
            out.line, out.key_lines = value.line, dict(value.key_lines)
            for key, item in value.items():
                out[key] = self._render(item, values, file, value.line_of(key))
            return out
        if isinstance(value, YamlSequence):
            seq = YamlSequence()
            seq.line, seq.item_lines = value.line, list(value.item_lines)
            for index, item in enumerate(value):
                seq.append(self._render(item, values, file, value.line_of(index)))
            return seq
        return value


def _text(data: YamlMapping, key: str, file: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise TemplateError(f"template key '{key}' must be text", file, data.line_of(key) + 1)
    return value


def _params(data: YamlMapping, file: str) -> dict[str, Param]:
    raw = data.get("params")
    if raw is None:
        return {}
    if not isinstance(raw, YamlMapping):
        raise TemplateError("'params' must be a mapping", file, data.line_of("params") + 1)
    params: dict[str, Param] = {}
    for name, spec in raw.items():
        line = raw.line_of(name) + 1
        if not TEMPLATE_NAME.match(name):
            raise TemplateError(f"parameter name '{name}' is not an identifier", file, line)
        if isinstance(spec, YamlMapping):
            default = spec.get("default")
            description = spec.get("description") or ""
            if not isinstance(default, (str, type(None))) or not isinstance(description, str):
                raise TemplateError(
                    f"parameter '{name}' needs text 'default' and 'description'", file, line
                )
            params[name] = Param(name, default, description)
        elif spec is None or isinstance(spec, str):
            params[name] = Param(name, spec, "")
        else:
            raise TemplateError(f"parameter '{name}' must be {{default, description}}", file, line)
    return params


# -- merging (spec section 5) -------------------------------------------------
def _copy_mapping(source: YamlMapping) -> YamlMapping:
    out = YamlMapping(source)
    out.line, out.key_lines = source.line, dict(source.key_lines)
    return out


def _set(mapping: YamlMapping, key: str, value: object, line: int) -> None:
    mapping[key] = value
    mapping.key_lines[key] = line


class MergeError(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def merge_journey(base: YamlMapping, over: YamlMapping) -> YamlMapping:
    """``over`` onto ``base``: scalars replace, ``actors``/``touchpoints`` merge by
    id (field by field), ``stages`` merge by ``id`` (fields replace; a new id is
    appended or placed ``after:`` a stage; ``remove: true`` drops one)."""
    merged = _copy_mapping(base)
    for key, value in over.items():
        line = over.line_of(key)
        if key in ("actors", "touchpoints") and isinstance(value, YamlMapping) and isinstance(
            merged.get(key), YamlMapping
        ):
            _set(merged, key, _merge_by_id(merged[key], value), line)
        elif key == "stages" and isinstance(value, YamlSequence) and isinstance(
            merged.get(key), YamlSequence
        ):
            _set(merged, key, _merge_stages(merged[key], value), line)
        else:
            _set(merged, key, value, line)
    return merged


def _merge_by_id(base: YamlMapping, over: YamlMapping) -> YamlMapping:
    merged = _copy_mapping(base)
    for item_id, value in over.items():
        current = merged.get(item_id)
        if isinstance(current, YamlMapping) and isinstance(value, YamlMapping):
            combined = _overlay(current, value)
            combined.line = value.line
            value = combined
        _set(merged, item_id, value, over.line_of(item_id))
    return merged


def _overlay(base: YamlMapping, over: YamlMapping) -> YamlMapping:
    """A copy of ``base`` with each key of ``over`` set, keeping its line."""
    combined = _copy_mapping(base)
    for key, value in over.items():
        _set(combined, key, value, over.line_of(key))
    return combined


def _stage_id(stage: object) -> str | None:
    if isinstance(stage, str):
        return stage
    if isinstance(stage, YamlMapping) and isinstance(stage.get("id"), str):
        return stage["id"]
    return None


def _merge_stages(base: YamlSequence, over: YamlSequence) -> YamlSequence:
    stages: list[object] = list(base)
    lines: list[int] = list(base.item_lines)
    for index, item in enumerate(over):
        line = over.line_of(index)
        stage_id = _stage_id(item)
        ids = [_stage_id(s) for s in stages]
        if stage_id is None:
            raise MergeError("a stage merged onto a template needs an 'id'", line)
        after = item.get("after") if isinstance(item, YamlMapping) else None
        remove = item.get("remove") if isinstance(item, YamlMapping) else None
        if remove is not None and str(remove).lower() in TRUE_WORDS:
            if stage_id not in ids:
                hint = name_hint(stage_id, [i for i in ids if i])
                raise MergeError(f"cannot remove stage '{stage_id}': not in the template{hint}",
                                 line)
            position = ids.index(stage_id)
            del stages[position], lines[position]
            continue
        if isinstance(item, YamlMapping):
            item = _copy_mapping(item)
            item.pop("after", None)
            item.pop("remove", None)
            item.key_lines.pop("after", None)
            item.key_lines.pop("remove", None)
        if stage_id in ids:
            position = ids.index(stage_id)
            current = stages[position]
            if isinstance(current, YamlMapping) and isinstance(item, YamlMapping):
                item = _overlay(current, item)
            if after is None:
                stages[position], lines[position] = item, line
                continue
            del stages[position], lines[position]
            ids = [_stage_id(s) for s in stages]
        if after is not None:
            if not isinstance(after, str) or after not in ids:
                hint = name_hint(str(after), [i for i in ids if i])
                raise MergeError(f"'after: {after}': no such stage{hint}", line)
            position = ids.index(after) + 1
            stages.insert(position, item)
            lines.insert(position, line)
        else:
            stages.append(item)
            lines.append(line)
    merged = YamlSequence(stages)
    merged.line, merged.item_lines = over.line, lines
    return merged


def relocate(value: object, line: int) -> object:
    """Point every line of template content at ``line`` of the block (its
    ``use:``), so findings about it land where the writer can act."""
    if isinstance(value, YamlMapping):
        value.line = line
        value.key_lines = dict.fromkeys(value.key_lines, line)
        for item in value.values():
            relocate(item, line)
    elif isinstance(value, YamlSequence):
        value.line = line
        value.item_lines = [line] * len(value.item_lines)
        for item in value:
            relocate(item, line)
    return value


def use_template(
    library: TemplateLibrary, data: YamlMapping, locale: str, report: Reporter
) -> tuple[YamlMapping, str] | None:
    """Expand ``use:``/``with:`` of a block and merge the block's other keys;
    returns the merged journey and the template's name."""
    name = data.get("use")
    use_line = data.line_of("use")
    if not isinstance(name, str):
        report.error("'use' must name a template", use_line)
        return None
    values_raw = data.get("with")
    values: dict[str, str] = {}
    if values_raw is not None:
        if not isinstance(values_raw, YamlMapping):
            report.error("'with' must be a mapping of parameter: value", data.line_of("with"))
            return None
        for key, value in values_raw.items():
            if value is not None and not isinstance(value, str):
                report.error(f"parameter '{key}' must be text", values_raw.line_of(key))
                return None
            values[key] = value or ""
    own_locale = data.get("locale")
    if isinstance(own_locale, str) and own_locale:
        locale = normalize_locale(own_locale)
    try:
        journey, template = library.expand(name, values, locale)
    except TemplateError as exc:
        line = use_line
        if values_raw is not None and exc.param is not None:
            line = values_raw.line_of(exc.param)
        report.error(exc.located(), line)
        return None
    relocate(journey, use_line)
    journey.pop("id", None)  # the block's own id, else the slug of its title
    overrides = YamlMapping((k, v) for k, v in data.items() if k not in ("use", "with"))
    overrides.line = data.line
    overrides.key_lines = {k: data.line_of(k) for k in overrides}
    try:
        merged = merge_journey(journey, overrides)
    except MergeError as exc:
        report.error(exc.message, exc.line)
        return None
    merged.line = data.line
    return merged, template.name


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def to_yaml(journey: YamlMapping) -> str:
    """An expanded journey as block YAML a writer could paste and edit."""
    import yaml

    return yaml.safe_dump(
        _plain(journey), allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
