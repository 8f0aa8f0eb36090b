"""What the playbook's page templates use to show measured data: a KPI with
its history (stage pages, the dashboard), a trend chart, a percentage."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from mkdocs_custflow.i18n import words
from mkdocs_custflow.measured.kpis import KpiHistory
from mkdocs_custflow.playbook.model import Playbook, PlaybookStage
from mkdocs_custflow.renderers.funnel import count, percent
from mkdocs_custflow.renderers.grid import badge
from mkdocs_custflow.renderers.kpi_history import (
    ARROWS,
    as_written_mark,
    measured_entry,
    shown_value,
    trend_svg,
)
from mkdocs_custflow.structure import Kpi


def measured_context(playbook: Playbook, locale: str) -> dict[str, Callable[..., object]]:
    """Template globals: ``kpi_shown(stage, kpi)`` (None without data, so a
    template shows the KPI as written), ``trend(history)``, ``result(status)``,
    ``direction(history)``, ``percent(share)``, ``number(n)``, ``value(text)``."""
    text = words(locale)
    data = playbook.measured

    def kpi_shown(stage: PlaybookStage, kpi: Kpi) -> Markup | None:
        if data is None:
            return None
        history = data.kpi_history(kpi, None, stage.id, stage.name)
        if history is None:
            return Markup(as_written_mark(locale)) if kpi.current else None
        return Markup(measured_entry(history, locale))

    def result(status: str | None) -> Markup:
        if not status:
            return Markup("–")
        mark = "✓" if status == "met" else "✗"
        return Markup(badge(f"{mark} {text[status]}", status))

    def direction(history: KpiHistory | None) -> Markup:
        way = history.direction if history else None
        if not way:
            return Markup("")
        return Markup(f'<span class="custflow-direction custflow-direction-{way}">'
                      f"{ARROWS[way]} {text['direction_' + way]}</span>")

    def trend(history: KpiHistory | None) -> Markup:
        if history is None or len(history) < 2:
            return Markup("")
        return Markup(trend_svg(history, locale))

    return {"kpi_shown": kpi_shown, "result": result, "direction": direction, "trend": trend,
            "percent": percent, "number": count, "value": shown_value}
