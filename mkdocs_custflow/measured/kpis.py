"""KPI history: the measured values of one KPI where it is shown.

A KPI row names its KPI by ``id`` or by name as written (case, spaces and
full-width forms aside); ``journey`` and ``stage`` on the row narrow it to
the KPI of that journey or stage. Rows with a ``segment`` form a series of
their own (the dashboard lists them); where a KPI is shown, its series is
the rows without one. Two rows of one series and period: the later wins
(``measure-value`` reports it).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from operator import itemgetter
from typing import NamedTuple

from mkdocs_custflow.measured.rows import (
    DATE,
    KPI,
    KPI_JOURNEY,
    KPI_STAGE,
    SEGMENT,
    VALUE,
    KpiRow,
    Period,
    Readings,
)
from mkdocs_custflow.structure import Kpi
from mkdocs_custflow.structure.measures import COMPARISONS, Quantity, read_target, read_value

_FILE_LINE = itemgetter(-2, -1)
"""A KPI row's file and line."""


@functools.lru_cache(maxsize=65_536)  # a few names, on many rows
def name_key(text: str) -> str:
    """How a row's text is matched to an id or name."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


class KpiPoint(NamedTuple):
    period: Period
    value: Quantity
    text: str
    file: str
    line: int


class KpiHistory:
    """The measured series of one KPI as shown in one place: each period's
    row, in order of the periods. Its periods and values (in the KPI's unit)
    are looked up when asked; a site has thousands of histories, each kept
    for the build, so each holds only its rows (few objects for the cycle
    collector to walk)."""

    __slots__ = ("direction", "kpi", "readings", "rows", "segment", "shown", "status")

    def __init__(self, kpi: Kpi, rows: tuple[KpiRow, ...], readings: Readings,
                 segment: str = "") -> None:
        self.kpi = kpi
        self.rows = rows
        self.readings = readings
        self.segment = segment
        self.shown: dict[tuple[object, ...], str] | None = None
        """What the renderers made of it (made once per build, wherever shown)."""
        latest = self.values[-2:]
        self.status = judge(kpi, latest[-1])
        """``met`` or ``missed`` of the latest value against the target."""
        self.direction = _direction(kpi, latest)
        """Latest against the period before: ``better``, ``worse``, ``same``;
        ``up``/``down`` when no target says which way is better."""

    @property
    def periods(self) -> list[Period]:
        periods = self.readings.periods
        return [periods[row[DATE]] for row in self.rows]

    @property
    def values(self) -> list[Quantity]:
        """Each period's value; a bare number takes the KPI's unit."""
        values, unit = self.readings.values, self.kpi.unit
        found = [values[row[VALUE]] for row in self.rows]
        if unit:
            found = [q if q.unit else read_value(row[VALUE], unit) or q
                     for q, row in zip(found, self.rows, strict=True)]
        return found

    def point(self, index: int) -> KpiPoint:
        row = self.rows[index]
        return KpiPoint(self.readings.periods[row[DATE]], self.values[index], row[VALUE],
                        row[-2], row[-1])

    @property
    def points(self) -> list[KpiPoint]:
        """Every period's point, made when asked (not kept)."""
        values = self.values
        periods = self.readings.periods
        return [KpiPoint(periods[row[DATE]], value, row[VALUE], row[-2], row[-1])
                for row, value in zip(self.rows, values, strict=True)]

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def latest(self) -> KpiPoint:
        return self.point(-1)


def _direction(kpi: Kpi, latest: list[Quantity]) -> str | None:
    if len(latest) < 2:
        return None
    before, now = latest
    if now.unit != before.unit:
        return None
    if abs(now.value - before.value) < 1e-9:
        return "same"
    goal = read_target(kpi.target, kpi.unit) if kpi.target else None
    if goal is None or goal.quantity.unit != now.unit:
        return "up" if now.value > before.value else "down"
    if goal.comparison in (">=", ">"):
        better = now.value > before.value
    elif goal.comparison in ("<=", "<"):
        better = now.value < before.value
    else:
        target = goal.quantity.value
        better = abs(now.value - target) < abs(before.value - target)
    return "better" if better else "worse"


def judge(kpi: Kpi, value: Quantity) -> str | None:
    goal = read_target(kpi.target, kpi.unit) if kpi.target else None
    if goal is None or goal.quantity.unit != value.unit:
        return None
    return "met" if COMPARISONS[goal.comparison](value.value, goal.quantity.value) else "missed"


def kpi_keys(kpi: Kpi) -> set[str]:
    return {name_key(kpi.key), name_key(kpi.name)}


class KpiIndex:
    """KPI rows by the KPI, journey and stage they name as written (one pass
    over the rows), and from those by the name they give and the journey, so
    that finding a KPI's history reads only its own rows; each history is
    made once (pages, checks and the dashboard ask for the same ones)."""

    def __init__(self, rows: Iterable[KpiRow], readings: Readings) -> None:
        self.readings = readings
        groups: dict[tuple[str, str, str], list[KpiRow]] = {}
        for row in rows:
            key = (row[KPI], row[KPI_JOURNEY], row[KPI_STAGE])
            same = groups.get(key)
            if same is None:
                groups[key] = [row]
            else:
                same.append(row)
        self.groups = {key: tuple(same) for key, same in groups.items()}
        """``(kpi, journey, stage)`` as the rows write them -> the rows (tuples of
        plain tuples: nothing for the cycle collector to walk)."""
        self.by_journey: dict[tuple[str, str], dict[str, tuple[KpiRow, ...]]] = {}
        """``(KPI name keyed, journey as written)`` -> stage as written -> rows
        (tuples of plain tuples: nothing for the cycle collector to walk)."""
        for (kpi, journey, stage), kept in self.groups.items():
            stages = self.by_journey.setdefault((name_key(kpi), journey), {})
            stages[stage] = (*stages[stage], *kept) if stage in stages else kept
        self.journeys_of: dict[str, list[str]] = {}
        """KPI name keyed -> the journeys its rows name."""
        for name, journey in self.by_journey:
            self.journeys_of.setdefault(name, []).append(journey)
        self._made: dict[tuple[object, ...], list[KpiHistory]] = {}

    def rows_for(self, kpi: Kpi, journey_id: str | None, stage_ids: set[str]
                 ) -> tuple[list[KpiRow], int]:
        """The rows of ``kpi`` as shown in a journey (None: any) at a stage
        (``stage_ids``: its id and name, keyed), and how many groups of rows
        (one: they are in the order of the file)."""
        found: list[KpiRow] = []
        groups = 0
        for key in kpi_keys(kpi):
            journeys = self.journeys_of.get(key, []) if journey_id is None else ["", journey_id]
            for journey in journeys:
                for stage, rows in self.by_journey.get((key, journey), {}).items():
                    if not stage or name_key(stage) in stage_ids:
                        found.extend(rows)
                        groups += 1
        return found, groups

    def histories(self, kpi: Kpi, journey_id: str | None, stage_id: str,
                  stage_name: str) -> list[KpiHistory]:
        """The KPI's series (without a segment first, then each segment)."""
        memo = (kpi.key, kpi.name, kpi.unit, kpi.target, journey_id, stage_id, stage_name)
        made = self._made.get(memo)
        if made is None:
            made = self._made[memo] = self._histories(kpi, journey_id, stage_id, stage_name)
        return made

    def _histories(self, kpi: Kpi, journey_id: str | None, stage_id: str,
                   stage_name: str) -> list[KpiHistory]:
        rows, groups = self.rows_for(kpi, journey_id, {name_key(stage_id), name_key(stage_name)})
        if groups > 1 or (rows and rows[0][-2] != rows[-1][-2]):
            rows.sort(key=_FILE_LINE)  # the later row of a period wins
        periods = self.readings.periods
        series: dict[str, dict[Period, KpiRow]] = {}
        for row in rows:
            series.setdefault(row[SEGMENT], {})[periods[row[DATE]]] = row
        return [KpiHistory(kpi, tuple(points[p] for p in sorted(points)), self.readings, segment)
                for segment, points in sorted(series.items())]

    def history(self, kpi: Kpi, journey_id: str | None, stage_id: str,
                stage_name: str) -> KpiHistory | None:
        """The series shown where the KPI is: the rows without a segment (or,
        with segments only, none: the dashboard lists those)."""
        found = self.histories(kpi, journey_id, stage_id, stage_name)
        return found[0] if found and not found[0].segment else None
