"""Customer flow of one journey, period by period.

From the flow rows of a journey: the customers who entered each stage (all
rows whose ``to`` is the stage), the transitions, the exits (a ``to`` that is
no stage), the conversion from the stage before (in journey order: the share of
its customers who went on to this one, where the journey leads there) and
over the whole journey, and the drop at each stage: those who entered it and went
on to no other stage (for a last stage, only those who left by an exit). The
bottleneck is the stage that loses the largest share of those who reach it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from mkdocs_custflow.measured.rows import FlowRow, Period, read_period
from mkdocs_custflow.structure import Journey


@dataclass
class StageFlow:
    stage_id: str
    name: str
    entered: int = 0
    moved_on: int = 0
    """Customers who went on to another stage of the journey."""
    exits: dict[str, int] = field(default_factory=dict)
    last: bool = False
    """A stage the journey ends after: finishing it is no drop."""
    conversion: float | None = None
    """Share of the customers of the stage before (in journey order) who went
    on to this one; None when the journey does not lead from that one to this."""

    @property
    def left(self) -> int:
        return self.moved_on + sum(self.exits.values())

    @property
    def drop(self) -> int:
        if self.last:
            return sum(self.exits.values())
        return max(self.entered - self.moved_on, 0)

    @property
    def drop_share(self) -> float | None:
        return self.drop / self.entered if self.entered else None


@dataclass
class PeriodFlow:
    period: Period
    stages: list[StageFlow]
    transitions: dict[tuple[str, str], int]
    """``(from stage id or "", to stage id or exit)`` -> customers."""
    lines: dict[tuple[str, str], tuple[str, int]]
    """Where each transition's first row is (file, line)."""
    entered: int = 0
    """Customers who entered the journey (rows without ``from``)."""
    through: int = 0
    """Customers who reached a stage the journey ends after."""

    @property
    def overall(self) -> float | None:
        return self.through / self.entered if self.entered else None

    def stage(self, stage_id: str) -> StageFlow | None:
        return next((s for s in self.stages if s.stage_id == stage_id), None)

    @property
    def bottleneck(self) -> StageFlow | None:
        """The stage losing the largest share of those who reach it (none lost: None)."""
        best: StageFlow | None = None
        for stage in self.stages:
            share = stage.drop_share
            if share and (best is None or share > (best.drop_share or 0)):
                best = stage
        return best

    @property
    def exits(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for stage in self.stages:
            for name, count in stage.exits.items():
                found[name] = found.get(name, 0) + count
        return found


Totals = dict[tuple[str, str], int]
"""``(from stage id or "", to stage id or exit)`` -> customers, in one period."""
Places = dict[tuple[str, str], FlowRow]
"""Each transition's first row (its file and line are the row's last two
fields: the row itself is kept, no pair is made for each)."""
Grouped = dict[tuple[str, str], Sequence[FlowRow]]
"""A journey's rows by ``(from, to)`` as written."""


class JourneyFlow:
    """A journey's flow: each period's transitions, added up in one pass
    over its rows; a period's stages (:class:`PeriodFlow`) are made when a
    view asks for them (most ask only for the latest and the one before)."""

    def __init__(self, journey: Journey, periods: list[Period], totals: list[Totals],
                 places: list[Places]) -> None:
        self.journey_id = journey.id
        self.totals = totals
        """Each period's transitions, in the order of ``period_list``."""
        self.places = places
        self.period_list = periods
        self._stages = [(s.id, s.name) for s in journey.stages]
        ways = {(s.id, target) for s in journey.stages for _, target in journey.successors(s)}
        last_ids = {s.id for s in journey.stages} - {source for source, _ in ways}
        if not last_ids and journey.stages:
            last_ids = {journey.stages[-1].id}
        self._ways = ways
        """Each ``(stage id, stage id it leads to)``: one set for the journey."""
        self._last = last_ids
        self._made: dict[int, PeriodFlow] = {}

    def __len__(self) -> int:
        return len(self.totals)

    @property
    def period_keys(self) -> list[str]:
        return [period.key for period in self.period_list]

    def period(self, index: int) -> PeriodFlow:
        index %= len(self.totals)
        made = self._made.get(index)
        if made is None:
            made = self._made[index] = self._period_flow(
                self.period_list[index], self.totals[index], self.places[index])
        return made

    @property
    def periods(self) -> list[PeriodFlow]:
        return [self.period(i) for i in range(len(self.totals))]

    @property
    def latest(self) -> PeriodFlow:
        return self.period(-1)

    @property
    def previous(self) -> PeriodFlow | None:
        return self.period(-2) if len(self.totals) > 1 else None

    def _period_flow(self, period: Period, transitions: Totals, lines: Places) -> PeriodFlow:
        stages = {sid: StageFlow(sid, name, last=sid in self._last) for sid, name in self._stages}
        entered = 0
        for (source, target), n in transitions.items():
            if not source:
                entered += n
            elif target in stages:
                stages[source].moved_on += n
            else:
                exits = stages[source].exits
                exits[target] = exits.get(target, 0) + n
            if target in stages:
                stages[target].entered += n
        ordered = [stages[sid] for sid, _ in self._stages]
        for before, stage in itertools.pairwise(ordered):
            if (before.stage_id, stage.stage_id) in self._ways and before.entered:
                moved = transitions.get((before.stage_id, stage.stage_id), 0)
                stage.conversion = moved / before.entered
        through = sum(s.entered for s in ordered if s.last)
        places = {key: (row[-2], row[-1]) for key, row in lines.items()}
        return PeriodFlow(period, ordered, transitions, places, entered, through)

    def leaks(self) -> Iterator[tuple[Period, str, int, int, tuple[str, int] | None]]:
        """``(period, stage id, customers who left it, who entered it, the
        first row out of it)`` wherever more left a stage than entered it:
        from the totals, without making each period's stages."""
        for period, transitions, lines in zip(self.period_list, self.totals, self.places,
                                              strict=True):
            entered: dict[str, int] = {}
            left: dict[str, int] = {}
            for (source, target), n in transitions.items():
                if source:
                    left[source] = left.get(source, 0) + n
                entered[target] = entered.get(target, 0) + n
            for stage_id, _ in self._stages:
                out = left.get(stage_id, 0)
                if out > entered.get(stage_id, 0):
                    row = next((row for (source, _), row in lines.items()
                                if source == stage_id), None)
                    first = (row[-2], row[-1]) if row is not None else None
                    yield period, stage_id, out, entered.get(stage_id, 0), first


def group_flows(rows: Iterable[FlowRow]) -> dict[str, Grouped]:
    """Flow rows by journey, then by ``(from, to)`` as written: one pass."""
    grouped: dict[str, dict[tuple[str, str], list[FlowRow]]] = {}
    for row in rows:
        journey = grouped.get(row[1])
        if journey is None:
            journey = grouped[row[1]] = {}
        key = (row[2], row[3])
        same = journey.get(key)
        if same is None:
            journey[key] = [row]
        else:
            same.append(row)
    # Kept as tuples of plain tuples: nothing for the cycle collector to walk.
    return {journey: {key: tuple(same) for key, same in ways.items()}
            for journey, ways in grouped.items()}


def stage_names(journey: Journey) -> dict[str, str]:
    """What a row may call each stage (its id, or its name) -> the stage id."""
    names = {stage.name: stage.id for stage in journey.stages}
    names.update({stage.id: stage.id for stage in journey.stages})
    return names


def journey_flow(journey: Journey, rows: Grouped | Iterable[FlowRow],
                 periods: Mapping[str, Period] | None = None) -> JourneyFlow:
    """The journey's flow in each period of ``rows`` (all of this journey,
    as :func:`group_flows` groups them, or as read); ``periods``: the period
    of each date as the rows write it (by default, read here)."""
    grouped = rows if isinstance(rows, dict) else group_flows(rows).get(journey.id, {})
    names = stage_names(journey)
    stage_ids = set(names.values())
    by_date: dict[str, tuple[Totals, Places]] = {}
    for (written_from, written_to), same in grouped.items():
        source = names.get(written_from, written_from) if written_from else ""
        target = names.get(written_to, written_to)
        if (source and source not in stage_ids) or (not source and target not in stage_ids):
            continue  # from no stage, or entering at none: reported (measure-unknown)
        key = (source, target)
        for row in same:
            here = by_date.get(row[0])
            if here is None:
                here = by_date[row[0]] = ({}, {})
            totals, lines = here
            totals[key] = totals.get(key, 0) + row[4]
            if key not in lines:
                lines[key] = row
    by_period: dict[Period, tuple[Totals, Places]] = {}
    for text, (totals, lines) in by_date.items():  # 2026-10 and 2026/10: one period
        period = periods[text] if periods is not None else read_period(text)
        if period is None:
            continue
        known = by_period.get(period)
        if known is None:
            by_period[period] = (totals, lines)
            continue
        for key, n in totals.items():
            known[0][key] = known[0].get(key, 0) + n
        for key, where in lines.items():
            known[1].setdefault(key, where)
    order = sorted(by_period)
    return JourneyFlow(journey, order, [by_period[p][0] for p in order],
                       [by_period[p][1] for p in order])
