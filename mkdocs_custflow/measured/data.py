"""A site's measured data: every file read once, indexed for the views.

:func:`load_measures` reads the files of ``measures:``; :class:`MeasuredData`
answers what the renderers and the playbook ask (a journey's flow, a KPI's
history) and keeps what reading found (``measure-value``).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.measured.files import read_file
from mkdocs_custflow.measured.flow import JourneyFlow, journey_flow
from mkdocs_custflow.measured.kpis import KpiHistory, KpiIndex
from mkdocs_custflow.measured.rows import FlowRow, KpiRow, Period, read_rows
from mkdocs_custflow.measured.sources import MeasureOptions, MeasureSource
from mkdocs_custflow.structure import Journey, Kpi


@dataclass
class MeasuredData:
    flows: list[FlowRow] = field(default_factory=list)
    kpis: list[KpiRow] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    """What reading the files found (``measure-value``)."""
    files: list[str] = field(default_factory=list)
    """Every file read, as messages name it."""
    stale_after: str = "45d"
    """How old the newest period of a file may be (the option ``stale_after``)."""

    def __post_init__(self) -> None:
        self._by_journey: dict[str, list[FlowRow]] = {}
        for row in self.flows:
            self._by_journey.setdefault(row.journey, []).append(row)
        self.kpi_index = KpiIndex(self.kpis)
        self._flows: dict[tuple[object, ...], JourneyFlow | None] = {}
        self._by_object: dict[int, tuple[Journey, JourneyFlow | None]] = {}

    @property
    def journeys(self) -> list[str]:
        """The journey ids flow rows name, in the order first named."""
        return list(self._by_journey)

    def flow_rows(self, journey_id: str) -> list[FlowRow]:
        return self._by_journey.get(journey_id, [])

    def flow_of(self, journey: Journey) -> JourneyFlow | None:
        """The journey's flow: its own rows, or (a to-be journey without rows of
        its own) those of the journey it improves. None without rows. Made
        once per journey read (the checks, each view and the dashboard ask)."""
        known = self._by_object.get(id(journey))
        if known is not None and known[0] is journey:
            return known[1]
        own = journey.id
        if own not in self._by_journey and journey.improves in self._by_journey:
            own = journey.improves or own
        key = (own, journey.id, tuple((s.id, s.name, tuple(t for _, t in journey.successors(s)))
                                      for s in journey.stages))
        if key not in self._flows:
            rows = self._by_journey.get(own)
            self._flows[key] = journey_flow(journey, rows) if rows else None
        self._by_object[id(journey)] = (journey, self._flows[key])
        return self._flows[key]

    def kpi_history(self, kpi: Kpi, journey_id: str | None, stage_id: str,
                    stage_name: str) -> KpiHistory | None:
        if not self.kpis:
            return None
        return self.kpi_index.history(kpi, journey_id, stage_id, stage_name)

    def latest_period(self) -> Period | None:
        periods = [row.period for row in self.flows] + [row.period for row in self.kpis]
        return max(periods) if periods else None


def load_measures(sources: Iterable[MeasureSource], shown: Callable[[str], str],
                  stale_after: str = "45d", locale: str = "en") -> MeasuredData:
    """Every file of ``measures:`` read; what cannot be is a finding at its line."""
    flows: list[FlowRow] = []
    kpis: list[KpiRow] = []
    findings: list[Diagnostic] = []
    files: list[str] = []
    with collector_paused():
        for source in sources:
            _read_source(source, shown, flows, kpis, findings, files, locale)
    return MeasuredData(flows, kpis, findings, files, stale_after)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the rows are made: every row is
    kept and none holds a cycle, yet each collection would walk them all
    again (two thirds of reading a large export). On again after, as it was."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _read_source(source: MeasureSource, shown: Callable[[str], str], flows: list[FlowRow],
                 kpis: list[KpiRow], findings: list[Diagnostic], files: list[str],
                 locale: str = "en") -> None:
    name = shown(source.path)
    files.append(name)
    file_rows = read_file(source, name, locale)
    findings.extend(file_rows.findings)
    if file_rows.kind is None:
        return
    more_flows, more_kpis, found = read_rows(file_rows, locale)
    flows.extend(more_flows)
    kpis.extend(more_kpis)
    findings.extend(found)


def site_measures(
    options: MeasureOptions, shown: Callable[[str], str], locale: str = "en"
) -> MeasuredData | None:
    """The site's measured data, or None when ``measures:`` names no file."""
    if not options.files:
        return None
    return load_measures(options.files, shown, options.stale_after, locale)


def effective_split(periods: Iterable[Period], effective: date
                    ) -> tuple[list[Period], list[Period], list[Period]]:
    """Periods before the day a change went live (ending before it), after it
    (starting on or after it), and across it (left out of both)."""
    before, after, across = [], [], []
    for period in periods:
        if period.end < effective:
            before.append(period)
        elif period.start >= effective:
            after.append(period)
        else:
            across.append(period)
    return before, after, across
