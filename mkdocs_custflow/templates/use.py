"""The block-level ``use:`` step: expand the template, merge the block over it."""

from __future__ import annotations

from mkdocs_custflow.checks.template_catalog import yield_to_catalog
from mkdocs_custflow.diagnostics import Reporter
from mkdocs_custflow.i18n import normalize_locale
from mkdocs_custflow.messages import say
from mkdocs_custflow.reading.located_yaml import YamlLimits, YamlMapping, text_size
from mkdocs_custflow.structure import Catalog
from mkdocs_custflow.templates.errors import TemplateError
from mkdocs_custflow.templates.library import TemplateLibrary
from mkdocs_custflow.templates.merge import MergeError, merge_journey


def use_template(
    library: TemplateLibrary,
    data: YamlMapping,
    locale: str,
    report: Reporter,
    limits: YamlLimits | None = None,
    catalog: Catalog | None = None,
) -> tuple[YamlMapping, str] | None:
    """Expand ``use:``/``with:`` of a block and merge the block's other keys;
    returns the merged journey and the template's name. The expanded journey
    counts against ``limits.max_chars`` like the block's own text. Under a
    ``catalog``, the template yields to the catalog's names, owners, actors and
    touchpoints, and says so (:mod:`mkdocs_custflow.checks.template_catalog`)."""
    name = data.get("use")
    use_line = data.line_of("use")
    if not isinstance(name, str):
        report.error(say("template.use-not-name"), use_line, rule="template")
        return None
    values_raw = data.get("with")
    values: dict[str, str] = {}
    if values_raw is not None:
        if not isinstance(values_raw, YamlMapping):
            report.error(say("template.with-not-mapping"), data.line_of("with"), rule="template")
            return None
        for key, value in values_raw.items():
            if value is not None and not isinstance(value, str):
                report.error(say("template.param-not-text", param=key), values_raw.line_of(key),
                             rule="template")
                return None
            values[key] = value or ""
    site_locale = normalize_locale(locale)
    own_locale = data.get("locale")
    if isinstance(own_locale, str) and own_locale:
        locale = normalize_locale(own_locale)
    try:
        # Every line of template content at the block's ``use:``, so findings
        # about it land where the writer can act.
        journey, template = library.expand(name, values, locale, at=use_line)
    except TemplateError as exc:
        line = use_line
        if values_raw is not None and exc.param is not None:
            line = values_raw.line_of(exc.param)
        report.error(exc.located(), line, rule="template")
        return None
    if catalog is not None and locale == site_locale:
        # A block in another language than the site's keeps the template's
        # words: the catalog's are in the site's language.
        yield_to_catalog(journey, catalog, template.name, report, use_line, data)
    journey.pop("id", None)  # the block's own id, else the slug of its title
    overrides = YamlMapping((k, v) for k, v in data.items() if k not in ("use", "with"))
    overrides.line = data.line
    overrides.key_lines = {k: data.line_of(k) for k in overrides}
    try:
        merged = merge_journey(journey, overrides)
    except MergeError as exc:
        report.error(exc.said, exc.line, rule="template")
        return None
    merged.line = data.line
    limits = limits or YamlLimits()
    size = text_size(merged)
    if size > limits.max_chars:
        report.error(say("template.too-large", name=name, size=size, limit=limits.max_chars),
                     use_line, rule="limit")
        return None
    return merged, template.name
