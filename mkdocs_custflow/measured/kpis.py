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
from dataclasses import dataclass
from typing import NamedTuple

from mkdocs_custflow.measured.rows import KpiRow, Period
from mkdocs_custflow.structure import Kpi
from mkdocs_custflow.structure.measures import COMPARISONS, Quantity, read_target, read_value


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


@dataclass
class KpiHistory:
    """The measured series of one KPI as shown in one place."""

    kpi: Kpi
    points: list[KpiPoint]
    segment: str = ""

    @property
    def latest(self) -> KpiPoint:
        return self.points[-1]

    @property
    def status(self) -> str | None:
        """``met`` or ``missed`` of the latest value against the target."""
        return judge(self.kpi, self.latest.value)

    @property
    def direction(self) -> str | None:
        """Latest against the period before: ``better``, ``worse``, ``same``;
        ``up``/``down`` when no target says which way is better."""
        if len(self.points) < 2:
            return None
        now, before = self.latest.value, self.points[-2].value
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
    """KPI rows by the name they give and the journey they name, so that
    finding a KPI's history reads only its own rows; each history is made
    once (pages, checks and the dashboard ask for the same ones)."""

    def __init__(self, rows: Iterable[KpiRow]) -> None:
        self.by_name: dict[str, list[KpiRow]] = {}
        self.by_journey: dict[tuple[str, str], list[KpiRow]] = {}
        keys: dict[str, str] = {}
        for row in rows:
            key = keys.get(row.kpi)
            if key is None:
                key = keys[row.kpi] = name_key(row.kpi)
            self.by_name.setdefault(key, []).append(row)
            self.by_journey.setdefault((key, row.journey), []).append(row)
        self._made: dict[tuple[object, ...], list[KpiHistory]] = {}

    def rows_for(self, kpi: Kpi, journey_id: str | None, stage_ids: set[str]) -> list[KpiRow]:
        """The rows of ``kpi`` as shown in a journey (None: any) at a stage
        (``stage_ids``: its id and name, keyed)."""
        found: list[KpiRow] = []
        for key in kpi_keys(kpi):
            if journey_id is None:
                rows: Iterable[KpiRow] = self.by_name.get(key, ())
            else:
                rows = [*self.by_journey.get((key, ""), ()),
                        *self.by_journey.get((key, journey_id), ())]
            found.extend(row for row in rows
                         if not row.stage or name_key(row.stage) in stage_ids)
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
        series: dict[str, dict[Period, KpiPoint]] = {}
        for row in sorted(rows, key=lambda r: (r.file, r.line)):
            value = row.value  # a bare number takes the KPI's unit
            if kpi.unit and not value.unit:
                value = read_value(row.value_text, kpi.unit) or value
            series.setdefault(row.segment, {})[row.period] = KpiPoint(
                row.period, value, row.value_text, row.file, row.line)
        return [KpiHistory(kpi, [points[p] for p in sorted(points)], segment)
                for segment, points in sorted(series.items())]

    def history(self, kpi: Kpi, journey_id: str | None, stage_id: str,
                stage_name: str) -> KpiHistory | None:
        """The series shown where the KPI is: the rows without a segment (or,
        with segments only, none: the dashboard lists those)."""
        found = self.histories(kpi, journey_id, stage_id, stage_name)
        return found[0] if found and not found[0].segment else None
