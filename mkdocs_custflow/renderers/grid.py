"""The frame of the ``map`` and ``blueprint`` views: a real table, one
column per stage and one row per lane, in a box that scrolls sideways.

The table has a caption, a header row of stages (linked to their playbook
pages) and a header cell at the start of every row; the first column stays in
view while the box scrolls (``assets/custflow.css``). The box is a labelled,
focusable region so a keyboard can scroll it. Every text is escaped here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from mkdocs_custflow.i18n import words
from mkdocs_custflow.renderers.colours import PROBLEM_COLOUR
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Journey, Message, Stage
from mkdocs_custflow.structure.ids import humanize


def linked(text: str, url: str | None) -> str:
    shown = escape(text)
    return f'<a href="{escape(url, quote=True)}">{shown}</a>' if url else shown


def items(entries: Sequence[str]) -> str:
    """Cell content: a list (a screen reader says how many), or nothing."""
    if not entries:
        return ""
    return '<ul class="custflow-grid-list">' + "".join(f"<li>{e}</li>" for e in entries) + "</ul>"


def badge(text: str, kind: str) -> str:
    """A short label (a severity, a status, met or missed) that says in words
    what its colour shows."""
    css = escape(kind, quote=True)
    return f'<span class="custflow-badge custflow-badge-{css}">{escape(text)}</span>'


def actor_name(journey: Journey, actor_id: str | None) -> str:
    actor = journey.actors.get(actor_id or "")
    return actor.name if actor else actor_id or ""


def touchpoints(journey: Journey, stage: Stage, options: RenderOptions) -> str:
    """The stage's touchpoints (its own and its steps' ``via``), linked."""
    url = options.touchpoint_url
    return items([
        linked(journey.touchpoints[tp].name if tp in journey.touchpoints else humanize(tp),
               url(tp))
        for tp in stage.touchpoints_used()
    ])


def step_text(journey: Journey, message: Message, colon: str = ": ") -> str:
    """``Desk → CRM: Open the ticket``, escaped (``colon``: the language's)."""
    return (
        f"{escape(actor_name(journey, message.sender))} → "
        f"{escape(actor_name(journey, message.receiver))}{colon}{escape(message.text)}"
    )


def stage_heading(journey: Journey, stage: Stage, options: RenderOptions) -> str:
    """The stage's name (a link to its page), and the sub-journey that draws
    it in detail."""
    stage_url = options.stage_url(stage.id)
    head = linked(stage.name, stage_url)
    if stage.detail:
        sub = options.journey_ref(stage.detail)
        title = sub.title if sub else stage.detail
        said = words(options.locale)
        head += (
            f'<br><small class="custflow-grid-detail">▸ {escape(said["subjourney"])}'
            f"{escape(said['colon'])}"
            f"{linked(title, sub.url if sub else None)}</small>"
        )
    return head


Row = tuple[str, str, Callable[[Stage], str]]
"""A row: its CSS name, its heading, and its cell for each stage (HTML)."""


def render_grid(
    journey: Journey, options: RenderOptions, kind: str, rows: Sequence[Row | str]
) -> str:
    """The view's table. A row given as a plain string is a separator line
    (the blueprint's line of visibility) with that heading."""
    text = words(options.locale)
    title = f"{text[kind]}{text['colon']}{journey.title}"
    head = "".join(
        f'<th scope="col">{stage_heading(journey, stage, options)}</th>'
        for stage in journey.stages
    )
    body = []
    for row in rows:
        if isinstance(row, str):
            body.append(
                f'<tr class="custflow-grid-line"><th scope="row">{escape(row)}</th>'
                f'<td colspan="{max(len(journey.stages), 1)}"></td></tr>'
            )
            continue
        name, heading, cell = row
        cells = "".join(f"<td>{cell(stage)}</td>" for stage in journey.stages)
        body.append(
            f'<tr class="custflow-row-{name}"><th scope="row">{escape(heading)}</th>{cells}</tr>'
        )
    return (
        f'<div class="custflow-grid custflow-{kind}" role="region" tabindex="0" '
        f'aria-label="{escape(title, quote=True)}" style="--custflow-problem: {PROBLEM_COLOUR}">\n'
        f'<table class="custflow-grid-table">\n<caption>{escape(text[kind])}</caption>\n'
        f'<thead><tr><th scope="col" class="custflow-grid-corner">{escape(text["stage"])}</th>'
        f"{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n</div>\n"
    )
