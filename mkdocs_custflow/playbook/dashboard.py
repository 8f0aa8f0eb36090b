"""The dashboard: what the measured data says across the playbook.

Every KPI of the playbook's stages (owner, target, latest value and its
period, met or missed, trend), every measured journey (customers in and
through, overall conversion, bottleneck, period) and the age of each data
file against ``stale_after``. The dashboard page and ``playbook.json`` (and
``custflow export``) are made from this one model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mkdocs_custflow.measured.data import MeasuredData
from mkdocs_custflow.measured.flow import JourneyFlow
from mkdocs_custflow.measured.kpis import KpiHistory
from mkdocs_custflow.measured.rows import Period
from mkdocs_custflow.playbook.model import JourneyRecord, Playbook, PlaybookStage
from mkdocs_custflow.structure import Kpi
from mkdocs_custflow.structure.review_cycle import Interval, add_interval, read_interval


@dataclass
class KpiLine:
    stage: PlaybookStage
    kpi: Kpi
    owner: str | None
    history: KpiHistory | None
    """None: no data for this KPI (the written ``current`` is shown)."""

    @property
    def segment(self) -> str:
        return self.history.segment if self.history else ""


@dataclass
class JourneyLine:
    record: JourneyRecord
    flow: JourneyFlow


@dataclass
class FileAge:
    file: str
    period: Period
    days: int
    stale: bool


@dataclass
class Dashboard:
    kpis: list[KpiLine]
    journeys: list[JourneyLine]
    files: list[FileAge]
    latest: Period | None
    stale_after: str

    @property
    def stale(self) -> list[FileAge]:
        return [f for f in self.files if f.stale]


def file_ages(data: MeasuredData, today: date) -> list[FileAge]:
    interval = read_interval(data.stale_after) or Interval(45, "d")
    return [FileAge(file, period, (today - period.end).days,
                    add_interval(period.end, interval.count, interval.unit) < today)
            for file, (period, _) in data.newest().items()]


_MADE: dict[tuple[int, int, date], tuple[Playbook, Dashboard]] = {}


def make_dashboard(playbook: Playbook, data: MeasuredData, today: date) -> Dashboard:
    """The dashboard of this playbook and data (made once: its page and
    ``playbook.json`` both show it)."""
    key = (id(playbook), id(data), today)
    made = _MADE.get(key)
    if made is not None and made[0] is playbook:
        return made[1]
    board = _make_dashboard(playbook, data, today)
    _MADE.clear()  # one build's: the playbook of the next build is another
    _MADE[key] = (playbook, board)
    return board


def _make_dashboard(playbook: Playbook, data: MeasuredData, today: date) -> Dashboard:
    kpis: list[KpiLine] = []
    seen: set[tuple[str, str]] = set()
    for stage in playbook.stages.values():
        candidates = [*stage.kpis, *(k for use in stage.uses for k in use.stage.kpis)]
        owner = stage.owner or next((u.stage.owner for u in stage.uses if u.stage.owner), None)
        for kpi in candidates:
            if (stage.id, kpi.key) in seen:
                continue
            seen.add((stage.id, kpi.key))
            histories = data.kpi_index.histories(kpi, None, stage.id, stage.name)
            if not histories:
                if kpi.target or kpi.current:
                    kpis.append(KpiLine(stage, kpi, owner, None))
                continue
            kpis.extend(KpiLine(stage, kpi, owner, h) for h in histories)
    journeys = []
    for record in playbook.journeys:
        flow = data.flow_of(record.journey) if data.has_flow(record.journey.id) else None
        if flow is not None:
            journeys.append(JourneyLine(record, flow))
    return Dashboard(kpis, journeys, file_ages(data, today), data.latest_period(),
                     data.stale_after)


def dashboard_json(playbook: Playbook, today: date) -> dict[str, object] | None:
    """The dashboard as ``playbook.json`` carries it (None without data)."""
    data = playbook.measured
    if data is None:
        return None
    board = make_dashboard(playbook, data, today)

    def history(line: KpiLine) -> dict[str, object]:
        h = line.history
        entry: dict[str, object] = {
            "stage": line.stage.id, "kpi": line.kpi.key, "name": line.kpi.name,
            "owner": line.owner, "target": line.kpi.target, "segment": line.segment,
        }
        if h is None:
            entry.update({"latest": line.kpi.current, "period": None, "source": "written",
                          "result": line.kpi.result, "direction": None, "history": []})
        else:
            entry.update({
                "latest": h.latest.text, "period": h.latest.period.key, "source": "measured",
                "result": h.status, "direction": h.direction,
                "history": [{"period": p.period.key, "value": p.text} for p in h.points],
            })
        return entry

    def journey(line: JourneyLine) -> dict[str, object]:
        latest = line.flow.latest
        bottleneck = latest.bottleneck
        return {
            "journey": line.record.journey.id, "period": latest.period.key,
            "customers_in": latest.entered, "customers_through": latest.through,
            "conversion": latest.overall,
            "bottleneck": bottleneck.stage_id if bottleneck else None,
            "stages": [{"stage": s.stage_id, "customers": s.entered, "conversion": s.conversion,
                        "drop": s.drop} for s in latest.stages],
            "periods": line.flow.period_keys,
        }

    return {
        "as_of": board.latest.key if board.latest else None, "build_date": today.isoformat(),
        "stale_after": board.stale_after,
        "kpis": [history(line) for line in board.kpis],
        "journeys": [journey(line) for line in board.journeys],
        "files": [{"file": f.file, "newest": f.period.key, "days": f.days, "stale": f.stale}
                  for f in board.files],
    }
