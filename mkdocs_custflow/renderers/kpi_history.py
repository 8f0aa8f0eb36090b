"""A KPI with measured history, wherever a KPI is shown (stage table, map,
stage page, dashboard): its latest value and period in place of the written
``current``, met or missed, the direction since the period before, and a
small trend chart (inline SVG in the text colour, so it reads in dark mode
too, with the values as its text alternative, the chart's ``<title>``; its
points are rounded to a tenth of a pixel of its 96 x 24 box).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from html import escape

from mkdocs_custflow.i18n import words
from mkdocs_custflow.measured.kpis import KpiHistory
from mkdocs_custflow.measured.rows import VALUE
from mkdocs_custflow.renderers.grid import badge
from mkdocs_custflow.structure.measures import read_target

ARROWS = {"better": "▲", "worse": "▼", "same": "＝", "up": "↗", "down": "↘"}
WIDTH, HEIGHT, PAD = 96, 24, 3


def shown_value(text: str) -> str:
    """A measured value as the page shows it (full-width forms made plain)."""
    return unicodedata.normalize("NFKC", text).strip()


def trend_alt(history: KpiHistory, locale: str) -> str:
    """The trend chart's text alternative: every period and value."""
    text = words(locale)
    values = ", ".join(f"{period.key} {shown_value(row[VALUE])}"
                       for period, row in zip(history.periods, history.rows, strict=True))
    return text["trend_alt"].format(kpi=history.kpi.name, n=len(history), values=values)


def trend_svg(history: KpiHistory, locale: str) -> str:
    """A small line of every period's value, the target dashed when comparable
    (made once per history and language: every table and page showing the
    KPI shows the same)."""
    return _made(history, ("trend", locale), lambda: _trend_svg(history, locale))


def _made(history: KpiHistory, key: tuple[object, ...], make: Callable[[], str]) -> str:
    """What ``make`` makes of the history, made once (kept on the history)."""
    if history.shown is None:
        history.shown = {}
    made = history.shown.get(key)
    if made is None:
        made = history.shown[key] = make()
    return made


def _trend_svg(history: KpiHistory, locale: str) -> str:
    unit = history.values[-1].unit
    values = [q.value for q in history.values if q.unit == unit]
    goal = read_target(history.kpi.target, history.kpi.unit) if history.kpi.target else None
    target = goal.quantity.value if goal is not None and goal.quantity.unit == unit else None
    low = min([*values, *([target] if target is not None else [])])
    high = max([*values, *([target] if target is not None else [])])
    span = (high - low) or 1.0

    def y(value: float) -> float:
        return round(HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD), 1)

    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)
    coords = [(round(PAD + i * step, 1), y(v)) for i, v in enumerate(values)]
    if len(coords) == 1:
        coords = [(PAD, coords[0][1]), (WIDTH - PAD, coords[0][1])]
    line = " ".join(f"{x},{yy}" for x, yy in coords)
    parts = []
    if target is not None:
        ty = y(target)
        parts.append(f'<line class="custflow-trend-target" x1="0" y1="{ty}" x2="{WIDTH}" '
                     f'y2="{ty}"/>')
    parts.append(f'<polyline points="{line}"/>')
    last_x, last_y = coords[-1]
    status = history.status or "none"
    parts.append(f'<circle class="custflow-trend-{status}" cx="{last_x}" cy="{last_y}" r="2.5"/>')
    # The text alternative once, as the chart's <title>: its accessible name
    # (role="img") and its tooltip. A site shows thousands of these charts.
    alt = escape(trend_alt(history, locale), quote=False)
    return (f'<svg class="custflow-trend" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}" role="img"><title>{alt}</title>' + "".join(parts) + "</svg>")


def measured_entry(history: KpiHistory, locale: str, *, name: bool = True) -> str:
    """The KPI with its history: name, target, latest value (marked as
    measured, with its period), met or missed, direction, trend (made once
    per history, language and form)."""
    return _made(history, ("entry", locale, name),
                 lambda: _measured_entry(history, locale, name))


def _measured_entry(history: KpiHistory, locale: str, name: bool) -> str:
    text = words(locale)
    kpi = history.kpi
    latest = history.latest
    parts = [escape(kpi.name)] if name else []
    if kpi.target:
        parts.append(f"{escape(text['target'])} {escape(kpi.target)}")
    parts.append(
        f'<span class="custflow-measured">{escape(text["latest"])} '
        f"<strong>{escape(shown_value(latest.text))}</strong> "
        f"({escape(latest.period.key)}, {escape(text['measured'])})</span>")
    shown = " · ".join(parts)
    if history.status:
        mark = "✓" if history.status == "met" else "✗"
        shown += " " + badge(f"{mark} {text[history.status]}", history.status)
    direction = history.direction
    if direction:
        shown += (f' <span class="custflow-direction custflow-direction-{direction}">'
                  f"{ARROWS[direction]} {escape(text['direction_' + direction])}</span>")
    if len(history) > 1:
        shown += " " + trend_svg(history, locale)
    return shown


def as_written_mark(locale: str) -> str:
    """What a KPI without data shows beside its written ``current``."""
    return f' <span class="custflow-as-written">({escape(words(locale)["as_written"])})</span>'
