"""Assemble one block's HTML: its title, one element per view, or its errors."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from html import escape

from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.i18n import normalize_locale, words
from mkdocs_custflow.renderers.flowchart import render_flowchart
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.renderers.satisfaction import render_satisfaction
from mkdocs_custflow.renderers.sequence import render_sequence
from mkdocs_custflow.renderers.tables import render_raci_table, render_stage_table
from mkdocs_custflow.safe_text import description_html
from mkdocs_custflow.structure import Journey
from mkdocs_custflow.structure.ids import anchor

MERMAID_VIEWS: dict[str, Callable[[Journey, RenderOptions], str]] = {
    "flow": render_flowchart,
    "sequence": render_sequence,
    "journey": render_satisfaction,
}
TABLE_VIEWS: dict[str, Callable[[Journey, RenderOptions], str]] = {
    "stages": render_stage_table,
    "raci": render_raci_table,
}


# Mermaid's own limits (secure settings a page cannot raise under Material):
# past them a diagram is not drawn at all.
MERMAID_MAX_TEXT = 50_000
MERMAID_MAX_EDGES = 500


def too_large(view: str, source: str) -> str | None:
    """Why Mermaid would refuse ``source``, or None."""
    if len(source) > MERMAID_MAX_TEXT:
        return f"{len(source)} characters (Mermaid draws at most {MERMAID_MAX_TEXT})"
    if view == "flow":
        edges = sum(1 for line in source.split("\n") if " --> " in line or "-->|" in line)
        if edges > MERMAID_MAX_EDGES:
            return f"{edges} arrows (Mermaid draws at most {MERMAID_MAX_EDGES})"
    return None


def render_diagrams(journey: Journey, options: RenderOptions) -> dict[str, str]:
    """Mermaid source of each diagram view the journey asks for (non-empty
    only), but for those the checks found too large to draw."""
    diagrams = {}
    for view in journey.views:
        if view in MERMAID_VIEWS and view not in journey.too_large:
            source = MERMAID_VIEWS[view](journey, options)
            if source:
                diagrams[view] = source
    return diagrams


def render_journey_html(journey: Journey, options: RenderOptions) -> str:
    if journey.locale:  # a block may write in another language than its site
        options = dataclasses.replace(options, locale=normalize_locale(journey.locale))
    diagrams = render_diagrams(journey, options)
    parts = [
        f'<div class="custflow-journey" id="{escape(anchor(journey.id), quote=True)}" '
        f'data-journey="{escape(journey.id, quote=True)}">',
        f'<p class="custflow-journey-title"><strong>{escape(journey.title)}</strong></p>',
    ]
    if journey.description:
        parts.append(
            '<div class="custflow-journey-description">'
            f"{description_html(journey.description)}</div>"
        )
    for view in journey.views:
        reason = journey.too_large.get(view)
        if reason:
            parts.append(
                f'<div class="admonition warning custflow-too-large"><p>'
                f"{escape(view)}: {escape(reason)}</p></div>"
            )
        elif view in diagrams:
            parts.append(
                f'<pre class="mermaid custflow-{view}"><code>{escape(diagrams[view])}</code></pre>'
            )
        elif view in TABLE_VIEWS:
            parts.append(TABLE_VIEWS[view](journey, options))
    parts.append("</div>")
    return "\n".join(parts)


def render_error_html(diagnostics: list[Diagnostic], locale: str = "en") -> str:
    items = "\n".join(
        f"<li><code>{escape(f'{d.file}:{d.line}')}</code> {escape(d.message)}</li>"
        for d in diagnostics
        if d.is_error
    )
    title = escape(words(locale)["error_title"])
    return (
        '<div class="admonition failure custflow-error">\n'
        f'<p class="admonition-title">{title}</p>\n<ul>\n{items}\n</ul>\n</div>'
    )
