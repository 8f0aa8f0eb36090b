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
from collections.abc import Iterable
from dataclasses import dataclass, field

from mkdocs_custflow.measured.rows import FlowRow, Period
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


@dataclass
class JourneyFlow:
    journey_id: str
    periods: list[PeriodFlow]

    @property
    def latest(self) -> PeriodFlow:
        return self.periods[-1]

    @property
    def previous(self) -> PeriodFlow | None:
        return self.periods[-2] if len(self.periods) > 1 else None


def stage_names(journey: Journey) -> dict[str, str]:
    """What a row may call each stage (its id, or its name) -> the stage id."""
    names = {stage.name: stage.id for stage in journey.stages}
    names.update({stage.id: stage.id for stage in journey.stages})
    return names


def journey_flow(journey: Journey, rows: Iterable[FlowRow]) -> JourneyFlow:
    """The journey's flow in each period of ``rows`` (all of this journey)."""
    names = stage_names(journey)
    by_period: dict[Period, list[FlowRow]] = {}
    for row in rows:
        by_period.setdefault(row.period, []).append(row)
    leads_to = {s.id: {target for _, target in journey.successors(s)} for s in journey.stages}
    last_ids = {s.id for s in journey.stages if not leads_to[s.id]}
    if not last_ids and journey.stages:
        last_ids = {journey.stages[-1].id}
    periods = []
    for period in sorted(by_period):
        stages = {s.id: StageFlow(s.id, s.name, last=s.id in last_ids) for s in journey.stages}
        transitions: dict[tuple[str, str], int] = {}
        lines: dict[tuple[str, str], tuple[str, int]] = {}
        entered = 0
        for row in by_period[period]:
            source = names.get(row.source, row.source) if row.source else ""
            target = names.get(row.target, row.target)
            if (source and source not in stages) or (not source and target not in stages):
                continue  # from no stage, or entering at none: reported (measure-unknown)
            key = (source, target)
            transitions[key] = transitions.get(key, 0) + row.customers
            lines.setdefault(key, (row.file, row.line))
            if not source:
                entered += row.customers
            elif source in stages:
                if target in stages:
                    stages[source].moved_on += row.customers
                else:
                    exits = stages[source].exits
                    exits[target] = exits.get(target, 0) + row.customers
            if target in stages:
                stages[target].entered += row.customers
        ordered = [stages[s.id] for s in journey.stages]
        for before, stage in itertools.pairwise(ordered):
            if stage.stage_id in leads_to[before.stage_id] and before.entered:
                moved = transitions.get((before.stage_id, stage.stage_id), 0)
                stage.conversion = moved / before.entered
        through = sum(s.entered for s in ordered if s.last)
        periods.append(PeriodFlow(period, ordered, transitions, lines, entered, through))
    return JourneyFlow(journey.id, periods)
