"""The playbook's model: every journey, and each stage, touchpoint and role
gathered across them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar

from mkdocs_custflow.measured.data import MeasuredData
from mkdocs_custflow.playbook.record import JourneyRecord
from mkdocs_custflow.structure.journey import (
    Actor,
    Message,
    Opportunity,
    Pain,
    Stage,
    Touchpoint,
)

if TYPE_CHECKING:
    from mkdocs_custflow.playbook.systems_model import SystemsIndex

T = TypeVar("T")
SEVERITY_ORDER = ("high", "medium", "low")
STATUS_ORDER = ("doing", "planned", "idea", "done")


@dataclass(eq=False)  # compared by identity: fast, and two records are never equal
class StageUse:
    record: JourneyRecord
    stage: Stage


@dataclass(eq=False)
class PlaybookStage(Stage):
    """One stage id across the site: a stage whose fields are the first
    definition found (the catalog's, else the first journey's) completed by
    later ones, plus every journey that uses it (its own ``steps`` stay empty)."""

    uses: list[StageUse] = field(default_factory=list)
    defined_at: str | None = None
    name_given: bool = True
    letters: dict[str, str] | None = field(default=None, repr=False)
    """Each actor's RACI letters, worked out by :meth:`settle` once gathered."""

    def members(self, role: str) -> list[str]:
        """Everyone ``responsible``/``consulted``/``informed`` here, across journeys."""
        ids = dict.fromkeys(getattr(self, role))
        for use in self.uses:
            ids.update(dict.fromkeys(getattr(use.stage, role)))
        return list(ids)

    def raci(self, actor_id: str) -> str:
        """The letters ``actor_id`` holds here in any journey, in ARCI order."""
        if self.letters is not None:
            return self.letters.get(actor_id, "")
        held = Stage.raci(self, actor_id) + "".join(u.stage.raci(actor_id) for u in self.uses)
        return "".join(letter for letter in "ARCI" if letter in held)

    def raci_in(self, actor_id: str, state: str) -> str:
        """The letters ``actor_id`` holds here in the journeys of one state
        (``as-is``, ``to-be``), in ARCI order: the RACI matrix shows the
        states apart, so a to-be owner is never a second A beside today's."""
        held = "".join(u.stage.raci(actor_id) for u in self.uses
                       if u.record.journey.state == state)
        return "".join(letter for letter in "ARCI" if letter in held)

    def settle(self) -> None:
        """Work out every actor's letters once, when the playbook is gathered:
        pages ask for every stage and role, and the uses no longer change."""
        held: dict[str, set[str]] = {}
        for stage in (self, *(use.stage for use in self.uses)):
            for letter, ids in (("A", [stage.owner] if stage.owner else []),
                                ("R", stage.responsible), ("C", stage.consulted),
                                ("I", stage.informed)):
                for actor_id in ids:
                    held.setdefault(actor_id, set()).add(letter)
        self.letters = {a: "".join(x for x in "ARCI" if x in s) for a, s in held.items()}

    def journeys(self) -> list[JourneyRecord]:
        """Every journey through this stage, in playbook order."""
        return [use.record for use in self.uses]

    def variants(self, name: str) -> list[tuple[str | None, int]]:
        """The values ``name`` (``owner``, ``sla``) takes across the journeys,
        each with how many use it, most used first: one value means they agree."""
        counts = Counter(getattr(use.stage, name) or getattr(self, name) for use in self.uses)
        return counts.most_common()

    def all_pains(self) -> list[Finding[Pain]]:
        """The stage's pain points, its own and each journey's, its steps'
        (``pain:``, of medium severity) included as the flowchart counts them,
        worst first; one pain written alike in many journeys (a template's) is
        one entry."""
        written: list[tuple[Pain, JourneyRecord | None]] = [(p, None) for p in self.pains]
        written += [(p, u.record) for u in self.uses for p in u.stage.pains]
        written += [(Pain(m.pain, line=m.line), u.record) for u in self.uses
                    for m in u.stage.messages if m.pain]
        found = _grouped(self, written, lambda p: (p.text, p.severity))
        return sorted(found, key=lambda f: _rank(SEVERITY_ORDER, f.item.severity))

    def all_opportunities(self) -> list[Finding[Opportunity]]:
        """The stage's opportunities, its own and each journey's, by status."""
        found = _grouped(self, [(o, None) for o in self.opportunities]
                         + [(o, u.record) for u in self.uses for o in u.stage.opportunities],
                         lambda o: (o.text, o.status, o.owner))
        return sorted(found, key=lambda f: _rank(STATUS_ORDER, f.item.status))

    def states(self) -> list[str]:
        """The states (``as-is``, ``to-be``) of the journeys through it."""
        return list(dict.fromkeys(use.record.journey.state for use in self.uses))

    def all_touchpoints(self) -> list[str]:
        ids = dict.fromkeys(self.touchpoints)
        for use in self.uses:
            ids.update(dict.fromkeys(use.stage.touchpoints_used()))
        return list(ids)


@dataclass(frozen=True)
class Finding(Generic[T]):
    """A pain point or opportunity of a stage, with the journeys that write it
    (none: the catalog's stage writes it)."""

    item: T
    stage: str
    records: tuple[JourneyRecord, ...] = ()

    @property
    def record(self) -> JourneyRecord | None:
        """The journey, when exactly one writes it."""
        return self.records[0] if len(self.records) == 1 else None


def _grouped(
    stage: PlaybookStage, items: list[tuple[T, JourneyRecord | None]], key: Callable[[T], object]
) -> list[Finding[T]]:
    """One finding per distinct item, with every journey that writes it."""
    groups: dict[object, tuple[T, list[JourneyRecord]]] = {}
    for item, record in items:
        entry = groups.setdefault(key(item), (item, []))
        if record is not None:
            entry[1].append(record)
    return [Finding(item, stage.id, tuple(records)) for item, records in groups.values()]


def _rank(order: tuple[str, ...], value: str) -> int:
    return order.index(value) if value in order else len(order)


@dataclass
class PlaybookTouchpoint:
    touchpoint: Touchpoint
    stages: list[str] = field(default_factory=list)
    journeys: list[JourneyRecord] = field(default_factory=list)


@dataclass(eq=False)  # compared by identity: fast, and two records are never equal
class RoleStep:
    record: JourneyRecord
    stage: Stage
    message: Message


@dataclass
class PlaybookRole:
    actor: Actor
    steps: list[RoleStep] = field(default_factory=list)

    def journey_steps(self) -> dict[JourneyRecord, int]:
        """Each journey this role takes a step in, with how many steps."""
        counts: dict[JourneyRecord, int] = {}
        for step in self.steps:
            counts[step.record] = counts.get(step.record, 0) + 1
        return counts


def by_page(records: Iterable[JourneyRecord]) -> list[tuple[str, list[JourneyRecord]]]:
    """Journeys grouped by the page that holds them, in first-seen order."""
    pages: dict[str, list[JourneyRecord]] = {}
    for record in records:
        pages.setdefault(record.page, []).append(record)
    return list(pages.items())


@dataclass
class Playbook:
    journeys: list[JourneyRecord] = field(default_factory=list)
    stages: dict[str, PlaybookStage] = field(default_factory=dict)
    touchpoints: dict[str, PlaybookTouchpoint] = field(default_factory=dict)
    roles: dict[str, PlaybookRole] = field(default_factory=dict)
    systems: SystemsIndex | None = None
    """Systems and data (:mod:`.systems_model`), once gathered."""
    measured: MeasuredData | None = None
    """The site's measured data (``measures:``): the dashboard and KPI history."""
    _actor_names: dict[str, str] | None = field(default=None, repr=False, compare=False)

    def actor_names(self) -> dict[str, str]:
        """Every actor's name by id, roles or not (a partner, a system, the
        customer), as the journeys name them (the catalog's where it has one)."""
        if self._actor_names is None:
            names: dict[str, str] = {}
            for record in self.journeys:
                for actor_id, actor in record.journey.actors.items():
                    if actor.name:
                        names.setdefault(actor_id, actor.name)
            names.update((role_id, role.actor.name) for role_id, role in self.roles.items())
            self._actor_names = names
        return self._actor_names

    def stage_roles(self) -> list[str]:
        """Every role id, by team and then id (the playbook's role pages)."""
        return sorted(self.roles, key=lambda r: (self.roles[r].actor.team or "", r))

    def raci_roles(self) -> list[str]:
        """Every role id in the catalog's order (then the journeys' own roles,
        as first met): the columns of the RACI matrix."""
        return list(self.roles)

    def pains(self) -> list[Finding[Pain]]:
        """Every pain point of the site, worst first (then in stage order)."""
        found = [f for stage in self.stages.values() for f in stage.all_pains()]
        return sorted(found, key=lambda f: _rank(SEVERITY_ORDER, f.item.severity))

    def opportunities(self) -> list[Finding[Opportunity]]:
        """Every opportunity of the site, by status (doing, planned, idea, done)."""
        found = [f for stage in self.stages.values() for f in stage.all_opportunities()]
        return sorted(found, key=lambda f: _rank(STATUS_ORDER, f.item.status))

    def reviewed(self) -> list[JourneyRecord]:
        """The journeys with a review, soonest next review first (never reviewed
        ones first of all: they are due now)."""

        def due(record: JourneyRecord) -> tuple[bool, date]:
            review = record.journey.review
            when = review.next_date() if review is not None else None
            return (when is not None, when or date.min)

        return sorted((r for r in self.journeys if r.journey.review is not None), key=due)

    def unowned_stages(self) -> list[PlaybookStage]:
        return [s for s in self.stages.values() if not s.owner and not any(
            u.stage.owner for u in s.uses)]

    def unused_touchpoints(self) -> list[PlaybookTouchpoint]:
        return [t for t in self.touchpoints.values() if not t.stages and not t.journeys]

    def idle_roles(self) -> list[PlaybookRole]:
        return [
            role for role_id, role in self.roles.items()
            if not role.steps and not any(s.raci(role_id) for s in self.stages.values())
        ]
