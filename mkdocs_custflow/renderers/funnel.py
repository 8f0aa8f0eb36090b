"""The ``funnel`` view: the latest period's customers per stage, as an HTML
table at the page's own text size, with a bar per stage, the conversion from
the stage before, those lost at the stage and the change against the period
before; the bottleneck (the stage that loses the largest share of those who
reach it) is marked in words and in the colour reserved for problems.
"""

from __future__ import annotations

from html import escape

from mkdocs_custflow.i18n import words
from mkdocs_custflow.measured.flow import JourneyFlow, PeriodFlow, StageFlow
from mkdocs_custflow.renderers.grid import badge, linked
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Journey


def percent(share: float | None) -> str:
    """``0.4`` -> ``40%``, ``0.0953`` -> ``9.5%``; None -> ``–``."""
    if share is None:
        return "–"
    shown = f"{share * 100:.1f}".removesuffix(".0")
    return f"{shown}%"


def signed(value: float, unit: str = "%") -> str:
    shown = f"{value:+.1f}".replace(".0", "") if abs(value) >= 0.05 else "±0"
    return f"{shown}{unit}" if shown != "±0" else shown


def count(n: int) -> str:
    return f"{n:,}"


def no_flow(journey: Journey, options: RenderOptions, view: str) -> str:
    text = words(options.locale)
    return (f'<div class="admonition note custflow-{view} custflow-no-data"><p>'
            f"{escape(text['no_flow'].format(journey=journey.id))}</p></div>")


def _change(stage: StageFlow, before: StageFlow | None, text: dict[str, str]) -> str:
    if before is None or not before.entered:
        return "–"
    parts = [signed((stage.entered - before.entered) / before.entered * 100)]
    if stage.conversion is not None and before.conversion is not None:
        points = (stage.conversion - before.conversion) * 100
        parts.append(f"{escape(text['conversion'])} {signed(points, ' ' + text['pp'])}")
    return " · ".join(parts)


def render_funnel(journey: Journey, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    flow = options.measured.flow_of(journey) if options.measured else None
    if flow is None:
        return no_flow(journey, options, "funnel")
    return funnel_table(journey, flow, options)


def funnel_table(journey: Journey, flow: JourneyFlow, options: RenderOptions) -> str:
    text = words(options.locale)
    latest, previous = flow.latest, flow.previous
    stage_url = options.stage_url
    widest = max((s.entered for s in latest.stages), default=0) or 1
    bottleneck = latest.bottleneck
    change_head = (escape(text["change_vs"].format(period=previous.period.key))
                   if previous else "")
    head = "".join(f"<th>{h}</th>" for h in (
        escape(text["stage"]), escape(text["customers"]),
        escape(text["conversion_from_before"]), escape(text["drop"]),
        *([change_head] if previous else [])))
    rows = []
    for stage in latest.stages:
        is_bottleneck = bottleneck is not None and stage.stage_id == bottleneck.stage_id
        name = linked(stage.name, stage_url(stage.stage_id))
        if is_bottleneck:
            name += " " + badge(text["bottleneck"], "missed")
        bar = (f'<span class="custflow-bar" style="width: '
               f'{round(stage.entered / widest * 100, 1)}%"></span>')
        drop = f"{count(stage.drop)} ({percent(stage.drop_share)})" if stage.entered else "–"
        cells = [
            f'<th scope="row">{name}</th>',
            f'<td class="custflow-bar-cell">{bar}<span class="custflow-bar-value">'
            f"{count(stage.entered)}</span></td>",
            f"<td>{percent(stage.conversion)}</td>",
            f"<td>{drop}</td>",
        ]
        if previous is not None:
            cells.append(f"<td>{_change(stage, previous.stage(stage.stage_id), text)}</td>")
        css = ' class="custflow-bottleneck"' if is_bottleneck else ""
        rows.append(f"<tr{css}>" + "".join(cells) + "</tr>")
    caption = text["funnel_caption"].format(journey=journey.title, period=latest.period.key)
    return (
        '<div class="custflow-funnel custflow-grid" tabindex="0">'
        '<table class="custflow-grid-table custflow-figures">'
        f"<caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        + summary(latest, text) + "</div>"
    )


def summary(period: PeriodFlow, text: dict[str, str]) -> str:
    """Under the funnel: customers in, through, overall conversion, bottleneck."""
    colon = escape(text["colon"])
    parts = [
        f"{escape(text['customers_in'])}{colon}{count(period.entered)}",
        f"{escape(text['customers_through'])}{colon}{count(period.through)}",
        f"{escape(text['overall_conversion'])}{colon}{percent(period.overall)}",
    ]
    line = f'<p class="custflow-funnel-summary">{" · ".join(parts)}</p>'
    stage = period.bottleneck
    if stage is not None:
        note = text["bottleneck_note"].format(stage=stage.name, share=percent(stage.drop_share))
        line += f'<p class="custflow-bottleneck-note">{escape(note)}</p>'
    return line
