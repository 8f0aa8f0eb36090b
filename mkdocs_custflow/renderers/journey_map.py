"""The ``map`` view: the journey map customer-experience teams know, as an
HTML table (not Mermaid), one column per stage.

Rows: what the customer does (every step the customer takes part in, with
its score), the touchpoints, the emotion curve drawn from the step scores as
an inline SVG line, the pain points, the opportunities, the KPIs (met or
missed), and the owner with the time limit. Text is the page's own; the
curve is drawn per stage column, each piece meeting its neighbours halfway
between their scores, so it reads as one line across the table whatever the
column widths. Low scores (1 and 2) are points in the problem colour.
"""

from __future__ import annotations

from html import escape

from mkdocs_custflow.i18n import words
from mkdocs_custflow.renderers.grid import (
    Row,
    actor_name,
    badge,
    items,
    linked,
    render_grid,
    touchpoints,
)
from mkdocs_custflow.renderers.kpi_history import as_written_mark, measured_entry
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Journey, Kpi, Message, Stage

LOW_SCORE = 2
TOP, BOTTOM = 10.0, 90.0
"""Where scores 5 and 1 sit in the curve's box (0-100 from the top)."""


def customer_steps(journey: Journey, stage: Stage) -> list[Message]:
    """The steps the customer takes part in (or placed in the customer lane)."""
    def is_customer(actor_id: str) -> bool:
        actor = journey.actors.get(actor_id)
        return actor is not None and actor.kind == "customer"

    return [
        m for m in stage.messages
        if m.lane == "customer" or (m.lane in (None, "frontstage")
                                    and (is_customer(m.sender) or is_customer(m.receiver)))
    ]


def _y(score: int) -> float:
    return BOTTOM - (score - 1) * (BOTTOM - TOP) / 4


def _point(x: float, y: float) -> str:
    return f"{x:.1f},{y:.1f}"


def _curves(journey: Journey, text: dict[str, str]) -> dict[str, str]:
    """Each stage's piece of the emotion curve (an inline SVG), by stage id."""
    scored = [[m for m in s.messages if m.score is not None] for s in journey.stages]
    count = len(scored)
    # Where the line crosses the border after stage i: halfway between the last
    # score before it and the first after it (None when a side has none).
    borders: list[float | None] = []
    for i in range(count - 1):
        before = next((s[-1].score for s in reversed(scored[: i + 1]) if s), None)
        after = next((s[0].score for s in scored[i + 1 :] if s), None)
        borders.append((_y(before) + _y(after)) / 2 if before and after else None)
    curves = {}
    for i, (stage, points) in enumerate(zip(journey.stages, scored, strict=True)):
        left = borders[i - 1] if i > 0 else None
        right = borders[i] if i < count - 1 else None
        line = [] if left is None else [_point(0, left)]
        dots = []
        for k, message in enumerate(points):
            score = message.score or 0
            x, y = (k + 0.5) * 100 / len(points), _y(score)
            line.append(_point(x, y))
            low = " custflow-point-low" if score <= LOW_SCORE else ""
            label = escape(f"{message.text}{text['colon']}{score}/5")
            dots.append(
                f'<line class="custflow-point{low}" x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" '
                f'y2="{y:.1f}" vector-effect="non-scaling-stroke"><title>{label}</title></line>'
            )
        if right is not None:
            line.append(_point(100, right))
        if len(line) < 2 and not dots:
            curves[stage.id] = ""
            continue
        gap = " custflow-curve-gap" if not points else ""
        said = "; ".join(f"{m.text}{text['colon']}{m.score}/5" for m in points) or text["no_scores"]
        path = (
            f'<polyline class="custflow-curve-line{gap}" points="{" ".join(line)}" '
            'vector-effect="non-scaling-stroke"/>' if len(line) > 1 else ""
        )
        curves[stage.id] = (
            f'<svg class="custflow-curve" viewBox="0 0 100 100" preserveAspectRatio="none" '
            f'role="img" aria-label="{escape(text["emotion_curve"], quote=True)}{text["colon"]}'
            f'{escape(said, quote=True)}">{path}{"".join(dots)}</svg>'
        )
    return curves


def kpi_entry(kpi: Kpi, text: dict[str, str]) -> str:
    """A KPI: its name, target and measured value, and met or missed."""
    parts = [escape(kpi.name)]
    if kpi.target:
        parts.append(f"{escape(text['target'])} {escape(kpi.target)}")
    if kpi.current:
        parts.append(f"{escape(text['current'])} {escape(kpi.current)}")
    shown = " · ".join(parts)
    result = kpi.result
    if result:
        mark = "✓" if result == "met" else "✗"
        shown += " " + badge(f"{mark} {text[result]}", result)
    return shown


def kpi_text(journey: Journey, stage: Stage, kpi: Kpi, options: RenderOptions) -> str:
    """A KPI where a journey shows it: with its measured history when the
    site's data has one (data wins over the written ``current``), else as
    written (said so, on a site with data)."""
    measured = options.measured
    history = measured.kpi_history(kpi, journey.id, stage.id, stage.name) if measured else None
    if history is not None:
        return measured_entry(history, options.locale)
    entry = kpi_entry(kpi, words(options.locale))
    return entry + as_written_mark(options.locale) if measured and kpi.current else entry


def render_map(journey: Journey, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    text = words(options.locale)
    actor_url = options.actor_url
    curves = _curves(journey, text)

    def actions(stage: Stage) -> str:
        return items([
            escape(m.text) + (f' <span class="custflow-grid-score">({m.score}/5)</span>'
                              if m.score is not None else "")
            for m in customer_steps(journey, stage)
        ])

    def pains(stage: Stage) -> str:
        found = [
            f"{badge(text[f'severity_{p.severity}'], p.severity)} {escape(p.text)}"
            for p in stage.pains
        ]
        found += [escape(m.pain) for m in stage.messages if m.pain]
        return items(found)

    def opportunities(stage: Stage) -> str:
        found = []
        for o in stage.opportunities:
            entry = f"{badge(text[f'status_{o.status}'], o.status)} {escape(o.text)}"
            if o.owner:
                entry += f" ({linked(actor_name(journey, o.owner), actor_url(o.owner))})"
            found.append(entry)
        return items(found)

    def owner(stage: Stage) -> str:
        found = []
        if stage.owner:
            found.append(linked(actor_name(journey, stage.owner), actor_url(stage.owner)))
        if stage.sla:
            found.append(f"{escape(text['sla'])}{text['colon']}{escape(stage.sla)}")
        return items(found)

    rows: list[Row | str] = [
        ("actions", text["customer_actions"], actions),
        ("touchpoints", text["touchpoints"], lambda stage: touchpoints(journey, stage, options)),
        ("emotion", text["emotion"], lambda stage: curves[stage.id]),
        ("pains", text["pain_points"], pains),
        ("opportunities", text["opportunities"], opportunities),
    ]
    if any(stage.kpis for stage in journey.stages):
        rows.append(("kpis", text["kpis"],
                     lambda stage: items([kpi_text(journey, stage, k, options)
                                         for k in stage.kpis])))
    rows.append(("owner", text["owner_sla"], owner))
    return render_grid(journey, options, "map", rows)
