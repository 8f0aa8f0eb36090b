"""A site's measured data: every file read once, indexed for the views.

:func:`load_measures` reads the files of ``measures:``; :class:`MeasuredData`
answers what the renderers and the playbook ask (a journey's flow, a KPI's
history) and keeps what reading found (``measure-value``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from mkdocs_custflow.collector import collector_paused
from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.measured.files import read_file
from mkdocs_custflow.measured.flow import Grouped, JourneyFlow, group_flows, journey_flow
from mkdocs_custflow.measured.kpis import KpiHistory, KpiIndex
from mkdocs_custflow.measured.rows import (
    DATE,
    FlowRow,
    KpiRow,
    Period,
    Readings,
    read_period,
    read_rows,
)
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
    readings: Readings = field(default_factory=lambda: Readings({}, {}))
    """The period of each date and the quantity of each value the rows write."""

    def __post_init__(self) -> None:
        periods = self.readings.periods
        for rows in (self.flows, self.kpis) if not periods else ():
            for text in {row[DATE] for row in rows}:  # rows made by hand: dates read here
                period = read_period(text)
                if period is not None:
                    periods[text] = period
        self.periods = periods
        self._flows: dict[tuple[object, ...], JourneyFlow | None] = {}
        self._by_object: dict[int, tuple[Journey, JourneyFlow | None]] = {}
        self._newest: dict[str, tuple[Period, int]] | None = None

    @functools.cached_property
    def grouped(self) -> dict[str, Grouped]:
        """Flow rows by journey, then by ``(from, to)`` as written (one pass,
        when first asked: by the checks or a view, not by reading)."""
        with collector_paused():
            return group_flows(self.flows)

    @functools.cached_property
    def kpi_index(self) -> KpiIndex:
        with collector_paused():
            return KpiIndex(self.kpis, self.readings)

    @property
    def journeys(self) -> list[str]:
        """The journey ids flow rows name, in the order first named."""
        return list(self.grouped)

    def has_flow(self, journey_id: str) -> bool:
        return journey_id in self.grouped

    def flow_of(self, journey: Journey) -> JourneyFlow | None:
        """The journey's flow: its own rows, or (a to-be journey without rows of
        its own) those of the journey it improves. None without rows. Made
        once per journey read (the checks, each view and the dashboard ask)."""
        known = self._by_object.get(id(journey))
        if known is not None and known[0] is journey:
            return known[1]
        own = journey.id
        if own not in self.grouped and journey.improves in self.grouped:
            own = journey.improves or own
        key = (own, journey.id, tuple((s.id, s.name, tuple(t for _, t in journey.successors(s)))
                                      for s in journey.stages))
        if key not in self._flows:
            rows = self.grouped.get(own)
            self._flows[key] = journey_flow(journey, rows, self.periods) if rows else None
        self._by_object[id(journey)] = (journey, self._flows[key])
        return self._flows[key]

    def kpi_history(self, kpi: Kpi, journey_id: str | None, stage_id: str,
                    stage_name: str) -> KpiHistory | None:
        if not self.kpis:
            return None
        return self.kpi_index.history(kpi, journey_id, stage_id, stage_name)

    def newest(self) -> dict[str, tuple[Period, int]]:
        """Each file's newest period, and the line of its first row (made once)."""
        if self._newest is None:
            first: dict[tuple[str, str], int] = {}  # (file, date as written) -> line
            for rows in (self.flows, self.kpis):
                for row in rows:  # the file and line are a row's last two fields
                    first.setdefault((row[-2], row[DATE]), row[-1])
            newest: dict[str, tuple[Period, int]] = {}
            for (file, text), line in first.items():
                period = self.periods[text]
                known = newest.get(file)
                if known is None or period > known[0] or (period == known[0]
                                                          and line < known[1]):
                    newest[file] = (period, line)
            self._newest = newest
        return self._newest

    def latest_period(self) -> Period | None:
        periods = [period for period, _ in self.newest().values()]
        return max(periods) if periods else None


def load_measures(sources: Iterable[MeasureSource], shown: Callable[[str], str],
                  stale_after: str = "45d", locale: str = "en") -> MeasuredData:
    """Every file of ``measures:`` read; what cannot be is a finding at its line."""
    flows: list[FlowRow] = []
    kpis: list[KpiRow] = []
    findings: list[Diagnostic] = []
    files: list[str] = []
    readings = Readings({}, {})
    with collector_paused():
        for source in sources:
            _read_source(source, shown, (flows, kpis, findings, files), readings, locale)
    return MeasuredData(flows, kpis, findings, files, stale_after, readings)


def _read_source(source: MeasureSource, shown: Callable[[str], str],
                 into: tuple[list[FlowRow], list[KpiRow], list[Diagnostic], list[str]],
                 readings: Readings, locale: str = "en") -> None:
    flows, kpis, findings, files = into
    name = shown(source.path)
    files.append(name)
    file_rows = read_file(source, name, locale)
    findings.extend(file_rows.findings)
    if file_rows.kind is None:
        return
    more_flows, more_kpis, found = read_rows(file_rows, readings, locale)
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
