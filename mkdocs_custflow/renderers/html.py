"""Assemble one block's HTML: its title, one element per view, or its errors."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from html import escape

from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.i18n import normalize_locale, words
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.renderers.blueprint import render_blueprint
from mkdocs_custflow.renderers.colours import coloured_teams
from mkdocs_custflow.renderers.effective import render_effective
from mkdocs_custflow.renderers.flowchart import render_flowchart
from mkdocs_custflow.renderers.funnel import render_funnel
from mkdocs_custflow.renderers.grid import badge, linked
from mkdocs_custflow.renderers.journey_map import render_map
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.renderers.sankey import render_sankey
from mkdocs_custflow.renderers.satisfaction import render_satisfaction
from mkdocs_custflow.renderers.sequence import (
    ordered_participants,
    render_sequence,
    render_sequence_part,
    sequence_parts,
)
from mkdocs_custflow.renderers.systems_view import render_systems
from mkdocs_custflow.renderers.tables import render_raci_table, render_stage_table
from mkdocs_custflow.renderers.to_be_changes import render_changes
from mkdocs_custflow.safe_text import description_html
from mkdocs_custflow.structure import Decision, Journey, Message, Note
from mkdocs_custflow.structure.ids import anchor

MERMAID_VIEWS: dict[str, Callable[[Journey, RenderOptions], str]] = {
    "flow": render_flowchart,
    "sequence": render_sequence,
    "systems": render_systems,
}
TABLE_VIEWS: dict[str, Callable[[Journey, RenderOptions], str]] = {
    "stages": render_stage_table,
    "raci": render_raci_table,
    "journey": render_satisfaction,
    "map": render_map,
    "blueprint": render_blueprint,
    "funnel": render_funnel,
    "sankey": render_sankey,
}


# Mermaid's own limits (secure settings a page cannot raise under Material):
# past them a diagram is not drawn at all.
MERMAID_MAX_TEXT = 50_000
MERMAID_MAX_EDGES = 500


def too_large(view: str, source: str, locale: str = "en") -> str | None:
    """Why Mermaid would refuse ``source`` (in ``locale``), or None."""
    if len(source) > MERMAID_MAX_TEXT:
        return text_in(locale, "part.characters", count=len(source), limit=MERMAID_MAX_TEXT)
    if view == "flow":
        edges = sum(1 for line in source.split("\n") if " --> " in line or "-->|" in line)
        if edges > MERMAID_MAX_EDGES:
            return text_in(locale, "part.arrows", count=edges, limit=MERMAID_MAX_EDGES)
    return None


def render_diagrams(
    journey: Journey, options: RenderOptions, too_large: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Mermaid source of each diagram view the journey asks for, each whole
    (non-empty only), but for those the checks found ``too_large`` to draw
    (view -> reason, as the size check measured them)."""
    diagrams = {}
    for view in journey.views:
        if view in MERMAID_VIEWS and view not in (too_large or {}):
            source = MERMAID_VIEWS[view](journey, options)
            if source:
                diagrams[view] = source
    return diagrams


def diagram_parts(
    journey: Journey, view: str, options: RenderOptions
) -> list[tuple[str, list[str]]]:
    """The diagrams the page shows for one view (a long sequence in parts),
    each with the actors it shows in their team's colour."""
    if view == "sequence":
        parts = [
            (render_sequence_part(journey, part, options),
             [a.id for a in ordered_participants(journey, part.stages)])
            for part in sequence_parts(journey)
        ]
    else:
        owners = [s.owner for s in journey.stages if s.owner] if view == "flow" else []
        parts = [(MERMAID_VIEWS[view](journey, options), owners)]
    return [(source, actors) for source, actors in parts if source]


Part = tuple[str, bool]
"""A piece of a block's HTML, and whether the site's search should read it."""


def render_journey_html(
    journey: Journey, options: RenderOptions, too_large: Mapping[str, str] | None = None
) -> str:
    """The block's HTML: a notice instead of each view the checks found
    ``too_large`` to draw (view -> reason, as the size check measured them)."""
    return joined(render_journey_parts(journey, options, too_large))


def joined(parts: list[Part]) -> str:
    return "\n".join(html for html, _ in parts)


def searched(html: str) -> Part:
    return html, True


def skipped(html: str) -> Part:
    """A part marked ``data-search-exclude``."""
    return html, False


def render_journey_parts(
    journey: Journey, options: RenderOptions, too_large: Mapping[str, str] | None = None
) -> list[Part]:
    """The block's HTML in pieces. Search reads the title, the description and
    the text version; the diagrams and the tables, which repeat them, are
    marked ``data-search-exclude`` (a host may keep them from its search's
    parser altogether: :mod:`mkdocs_custflow.search_skip`)."""
    if journey.locale:  # a block may write in another language than its site
        options = dataclasses.replace(options, locale=normalize_locale(journey.locale))
    text = words(options.locale)
    parts = [searched(
        f'<div class="custflow-journey" id="{escape(anchor(journey.id), quote=True)}" '
        f'data-journey="{escape(journey.id, quote=True)}">\n'
        f'<p class="custflow-journey-title"><strong>{escape(journey.title)}</strong></p>'
    )]
    meta = journey_meta(journey, options)
    if meta:
        parts.append(searched(meta))
    if journey.description:
        parts.append(searched(
            '<div class="custflow-journey-description">'
            f"{description_html(journey.description)}</div>"
        ))
    drawn = False
    for view in journey.views:
        reason = (too_large or {}).get(view)
        if reason:
            parts.append(searched(
                f'<div class="admonition warning custflow-too-large"><p>'
                f"{escape(view)}{escape(words(options.locale)['colon'])}{escape(reason)}</p></div>"
            ))
        elif view in MERMAID_VIEWS:
            sources = diagram_parts(journey, view, options)
            for number, (source, actors) in enumerate(sources, start=1):
                caption = text["part"].format(n=number, total=len(sources)) if len(
                    sources) > 1 else ""
                legend = _legend(coloured_teams(journey, options, actors), options)
                parts.append(skipped(_figure(view, source, caption, legend)))
                drawn = True
        elif view in TABLE_VIEWS:
            table = TABLE_VIEWS[view](journey, options)
            parts.append(skipped(unindexed(table)))
            drawn = drawn or (view == "journey" and bool(table))
    if drawn:
        parts.append(searched(text_version(journey, options)))
    parts.append(searched("</div>"))
    return parts


def unindexed(html: str) -> str:
    """``html`` (one element) marked for the site's search to skip."""
    end = html.find(">")
    if not html.startswith("<") or end < 0 or "data-search-exclude" in html[:end]:
        return html
    return f"{html[:end]} data-search-exclude{html[end:]}"


def journey_meta(journey: Journey, options: RenderOptions) -> str:
    """Under the title: the journey's state (and what it improves), the
    stages it is a sub-journey of, and who reviews it when."""
    text = words(options.locale)
    lines = []
    if journey.state == "to-be" or "state" in journey.key_lines:
        line = badge(text[f"state_{journey.state}"], journey.state)
        if journey.improves:
            ref = options.journey_ref(journey.improves)
            title = ref.title if ref else journey.improves
            line += f" {escape(text['improves'])} {linked(title, ref.url if ref else None)}"
        lines.append(f'<p class="custflow-journey-state">{line}</p>')
        if journey.improves and ref is not None and ref.journey is not None:
            base = linked(ref.title, ref.url)
            lines.append(render_changes(ref.journey, journey, base, options.locale,
                                        options.journey_ref))
        if journey.effective:
            lines.append(render_effective(journey, options))
    for place in options.part_of(journey.id):
        lines.append(
            f'<p class="custflow-part-of">{escape(text["part_of"])}{escape(text["colon"])}'
            f"{linked(place.journey.title, place.journey.url)}, {escape(place.stage_name)}</p>"
        )
    if journey.review is not None:
        lines.append(_review(journey, options))
    if not lines:
        return ""
    return '<div class="custflow-journey-meta">' + "".join(lines) + "</div>"


def _review(journey: Journey, options: RenderOptions) -> str:
    text = words(options.locale)
    review = journey.review
    assert review is not None
    actor_url = options.actor_url

    def person(actor_id: str) -> str:
        actor = journey.actors.get(actor_id)
        return linked(actor.name if actor else actor_id, actor_url(actor_id))

    parts = []
    if review.owner:
        parts.append(escape(text["review_by"]).format(owner=person(review.owner)))
    if review.participants:
        people = ", ".join(person(a) for a in review.participants)
        parts.append(escape(text["review_with"]).format(people=people))
    parts.append(
        escape(text["review_last"]).format(date=review.last.isoformat())
        if review.last else escape(text["review_never"])
    )
    due = review.next_date()
    if due is not None:
        shown = escape(text["review_next"]).format(date=due.isoformat())
        if options.today is not None and due < options.today:
            shown += " " + badge(text["overdue"], "overdue")
        parts.append(shown)
    return (
        f'<p class="custflow-review"><strong>{escape(text["review"])}</strong>: '
        + " · ".join(parts) + "</p>"
    )


def _figure(view: str, source: str, caption: str, legend: str) -> str:
    """One diagram in a box that scrolls sideways rather than shrink it past
    reading (``assets/custflow.js``); Mermaid's source is kept out of search."""
    under = f"<figcaption>{escape(caption)}{legend}</figcaption>" if caption or legend else ""
    return (
        f'<figure class="custflow-diagram custflow-{view}" data-search-exclude>'
        f'<div class="custflow-scroll"><pre class="mermaid"><code>{escape(source)}</code></pre>'
        f"</div>{under}</figure>"
    )


def _legend(colours: dict[str, str], options: RenderOptions) -> str:
    """The team colours a diagram uses, named."""
    if not colours:
        return ""
    items = "".join(
        f'<li><span class="custflow-swatch" style="--custflow-team: {colour}"></span>'
        f"{escape(team)}</li>"
        for team, colour in colours.items()
    )
    label = escape(words(options.locale)["teams_legend"], quote=True)
    # In the figure, which search skips: team names are not what a reader searches by.
    return f'<ul class="custflow-legend" aria-label="{label}">{items}</ul>'


def text_version(journey: Journey, options: RenderOptions) -> str:
    """The diagrams' content as a list: what screen readers and the site's
    search read (Mermaid's source is excluded from search)."""
    text = words(options.locale)
    stage_url = options.stage_url
    names = {stage.id: stage.name for stage in journey.stages}
    names.setdefault("end", text["end"])

    def actor(actor_id: str | None) -> str:
        found = journey.actors.get(actor_id or "")
        return escape(found.name if found else actor_id or "")

    items = []
    colon = escape(text["colon"])
    opened, closed = escape(text["paren_open"]), escape(text["paren_close"])
    semicolon = escape(text["semicolon"])
    for stage in journey.stages:
        url = stage_url(stage.id)
        name = escape(stage.name)
        head = f'<a href="{escape(url, quote=True)}">{name}</a>' if url else name
        details = [f"{escape(text['owner'])}{colon}{actor(stage.owner)}"] if stage.owner else []
        if stage.sla:
            details.append(f"{escape(text['sla'])}{colon}{escape(stage.sla)}")
        steps = [f"{escape(text['pain'])}{colon}{escape(pain.text)}" for pain in stage.pains]
        for step in stage.steps:
            if isinstance(step, Message):
                score = (f"{opened}{escape(text['score'])} {step.score}/5{closed}"
                         if step.score else "")
                pain = (f"{opened}{escape(text['pain'])}{colon}{escape(step.pain)}{closed}"
                        if step.pain else "")
                steps.append(f"{actor(step.sender)} → {actor(step.receiver)}{colon}"
                             f"{escape(step.text)}{score}{pain}")
                if step.reply:
                    steps.append(f"{actor(step.receiver)} → {actor(step.sender)}{colon}"
                                 f"{escape(step.reply)}")
            elif isinstance(step, Note):
                steps.append(escape(step.text))
            elif isinstance(step, Decision):
                branches = semicolon.join(
                    f"{escape(b.label)} → {escape(names.get(b.target, b.target))}"
                    for b in step.branches
                )
                steps.append(f"{escape(text['decision'])}{colon}{escape(step.question)} {branches}")
        inner = "".join(f"<li>{s}</li>" for s in steps)
        items.append(
            f"<li>{head}" + (f"{opened}{semicolon.join(details)}{closed}" if details else "")
            + (f"<ol>{inner}</ol>" if inner else "") + "</li>"
        )
    return (
        f'<details class="custflow-text"><summary>{escape(text["text_version"])}</summary>'
        f'<ol>{"".join(items)}</ol></details>'
    )


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
