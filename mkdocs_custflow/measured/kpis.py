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
from dataclasses import dataclass, field
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


@dataclass(eq=False)
class KpiHistory:
    """The measured series of one KPI as shown in one place: each period's
    row (in order of the periods) and its value in the KPI's unit."""

    kpi: Kpi
    periods: list[Period]
    values: list[Quantity]
    rows: list[KpiRow]
    segment: str = ""
    shown: dict[tuple[object, ...], str] = field(default_factory=dict)
    """What the renderers made of it (made once per build, wherever shown)."""

    def point(self, index: int) -> KpiPoint:
        row = self.rows[index]
        return KpiPoint(self.periods[index], self.values[index], row[VALUE], row[-2], row[-1])

    @property
    def points(self) -> list[KpiPoint]:
        """Every period's point, made when asked (not kept)."""
        return [self.point(i) for i in range(len(self.rows))]

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def latest(self) -> KpiPoint:
        return self.point(-1)

    @functools.cached_property
    def status(self) -> str | None:
        """``met`` or ``missed`` of the latest value against the target."""
        return judge(self.kpi, self.values[-1])

    @functools.cached_property
    def direction(self) -> str | None:
        """Latest against the period before: ``better``, ``worse``, ``same``;
        ``up``/``down`` when no target says which way is better."""
        if len(self.values) < 2:
            return None
        now, before = self.values[-1], self.values[-2]
        if now.unit != before.unit:
            return None
        if abs(now.value - before.value) < 1e-9:
            return "same"
        goal = read_target(self.kpi.target, self.kpi.unit) if self.kpi.target else None
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
        self.groups: dict[tuple[str, str, str], list[KpiRow]] = {}
        """``(kpi, journey, stage)`` as the rows write them -> the rows."""
        self.readings = readings
        groups = self.groups
        for row in rows:
            key = (row[KPI], row[KPI_JOURNEY], row[KPI_STAGE])
            same = groups.get(key)
            if same is None:
                groups[key] = [row]
            else:
                same.append(row)
        Found = list[tuple[str, list[KpiRow]]]  # (stage as written, rows)
        self.by_name: dict[str, Found] = {}
        self.by_journey: dict[tuple[str, str], Found] = {}
        for (kpi, journey, stage), same in groups.items():
            name = name_key(kpi)
            self.by_name.setdefault(name, []).append((stage, same))
            self.by_journey.setdefault((name, journey), []).append((stage, same))
        self._made: dict[tuple[object, ...], list[KpiHistory]] = {}

    def rows_for(self, kpi: Kpi, journey_id: str | None, stage_ids: set[str]) -> list[KpiRow]:
        """The rows of ``kpi`` as shown in a journey (None: any) at a stage
        (``stage_ids``: its id and name, keyed)."""
        found: list[KpiRow] = []
        for key in kpi_keys(kpi):
            if journey_id is None:
                groups = self.by_name.get(key, [])
            else:
                groups = [*self.by_journey.get((key, ""), ()),
                          *self.by_journey.get((key, journey_id), ())]
            for stage, rows in groups:
                if not stage or name_key(stage) in stage_ids:
                    found.extend(rows)
        return found

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
        rows = self.rows_for(kpi, journey_id, {name_key(stage_id), name_key(stage_name)})
        periods, values = self.readings
        series: dict[str, dict[Period, KpiRow]] = {}
        for row in sorted(rows, key=_FILE_LINE):  # the later row of a period wins
            series.setdefault(row[SEGMENT], {})[periods[row[DATE]]] = row
        unit = kpi.unit
        made = []
        for segment, points in sorted(series.items()):
            order = sorted(points)
            shown = [points[p] for p in order]
            quantities = [values[row[VALUE]] for row in shown]
            if unit:  # a bare number takes the KPI's unit
                quantities = [q if q.unit else read_value(row[VALUE], unit) or q
                              for q, row in zip(quantities, shown, strict=True)]
            made.append(KpiHistory(kpi, order, quantities, shown, segment))
        return made

    def history(self, kpi: Kpi, journey_id: str | None, stage_id: str,
                stage_name: str) -> KpiHistory | None:
        """The series shown where the KPI is: the rows without a segment (or,
        with segments only, none: the dashboard lists those)."""
        found = self.histories(kpi, journey_id, stage_id, stage_name)
        return found[0] if found and not found[0].segment else None
