"""The ``stages`` and ``raci`` views: HTML tables, every text escaped.

The class sits on a wrapping ``div``: Material styles only tables without a
class of their own.
"""

from __future__ import annotations

from html import escape

from mkdocs_custflow.i18n import words
from mkdocs_custflow.renderers.journey_map import kpi_text
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Journey


def _linked(text: str, url: str | None) -> str:
    shown = escape(text)
    return f'<a href="{escape(url, quote=True)}">{shown}</a>' if url else shown


def render_stage_table(journey: Journey, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    text = words(options.locale)
    stage_url = options.stage_url
    actor_url = options.actor_url
    touchpoint_url = options.touchpoint_url
    head = "".join(
        f"<th>{escape(text[key])}</th>" for key in ("stage", "owner", "touchpoints", "kpis", "sla")
    )
    rows = []
    for stage in journey.stages:
        owner = journey.actors.get(stage.owner or "")
        cells = [
            _linked(stage.name, stage_url(stage.id)),
            _linked(owner.name, actor_url(owner.id)) if owner else "",
            ", ".join(
                _linked(journey.touchpoints[tp].name if tp in journey.touchpoints else tp,
                        touchpoint_url(tp))
                for tp in stage.touchpoints
            ),
            "<br>".join(kpi_text(journey, stage, kpi, options) for kpi in stage.kpis),
            escape(stage.sla or ""),
        ]
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    caption = f"<caption>{escape(text['stages_table'])}</caption>\n"
    return (
        '<div class="custflow-stages">\n<table>\n' + caption + "<thead><tr>" + head
        + "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
    )


def raci_letters(letters: str) -> str:
    """RACI letters with A (accountable) and R (responsible) in bold: who owns
    and who does stand out from who is asked or told."""
    return "".join(f"<strong>{c}</strong>" if c in "AR" else c for c in letters)


def raci_roles(journey: Journey) -> list[str]:
    """Actor ids with any RACI letter, in the catalog's order (the journey's
    actors: the catalog's, then the block's own)."""
    roles: set[str] = set()
    for stage in journey.stages:
        for actor_id in [stage.owner, *stage.responsible, *stage.consulted, *stage.informed]:
            if actor_id and actor_id in journey.actors:
                roles.add(actor_id)
    return [actor_id for actor_id in journey.actors if actor_id in roles]


def render_raci_table(journey: Journey, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    text = words(options.locale)
    stage_url = options.stage_url
    actor_url = options.actor_url
    roles = raci_roles(journey)
    head = f'<th scope="col">{escape(text["stage"])}</th>' + "".join(
        f'<th scope="col"><span>{_linked(journey.actors[r].name, actor_url(r))}</span></th>'
        for r in roles
    )
    rows = []
    for stage in journey.stages:
        cells = "".join(f"<td>{raci_letters(stage.raci(r))}</td>" for r in roles)
        rows.append(
            f'<tr><th scope="row">{_linked(stage.name, stage_url(stage.id))}</th>{cells}</tr>'
        )
    caption = f"<caption>{escape(text['raci_table'])}</caption>\n"
    many = " custflow-raci-many" if len(roles) > 6 else ""
    return (
        f'<div class="custflow-raci{many}" tabindex="0">\n<table class="custflow-raci-table">\n'
        + caption + "<thead><tr>" + head
        + "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
    )
