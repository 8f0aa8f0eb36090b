"""The playbook's systems and data: each system with the stages that work in
it, each data item with every stage's use of it, gathered across the site
(:func:`gather_systems`); the architecture, system, data and personal-data
pages are made from these."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from mkdocs_custflow.playbook.record import JourneyRecord
from mkdocs_custflow.structure import Actor, Catalog, DataItem, DataUse, Integration, Journey, Stage
from mkdocs_custflow.structure.site_systems import describes_systems
from mkdocs_custflow.structure.systems import CHANGES, DATA_USES


@dataclass(eq=False)
class SystemStage:
    """A stage of one journey (or of the catalog: no record) that works in a
    system, and what it does there (``collect``..., ``step``)."""

    record: JourneyRecord | None
    stage: Stage
    uses: list[str] = field(default_factory=list)


@dataclass(eq=False)
class PlaybookSystem:
    actor: Actor
    stages: list[SystemStage] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    """The roles that work in it: in its stages or in steps with it."""

    def journeys(self) -> list[JourneyRecord]:
        return list(dict.fromkeys(s.record for s in self.stages if s.record is not None))

    def stage_ids(self) -> list[str]:
        return list(dict.fromkeys(s.stage.id for s in self.stages))

    def by_stage(self) -> list[UseRow]:
        """One row per stage id (however many journeys pass through it): what
        is done there and the journeys that do it."""
        rows: dict[str, UseRow] = {}
        for use in self.stages:
            row = rows.get(use.stage.id)
            if row is None:
                row = rows[use.stage.id] = UseRow("", use.stage.id)
            row.add(use.record, use.uses, [], [])
        return list(rows.values())


@dataclass(eq=False)
class UseRow:
    """A row of a system or data page: a stage (and a use of the item), the
    journeys through it, the systems and the roles there. One row stands for
    every journey, so a page stays short however many use the stage."""

    use: str
    stage: str
    uses: list[str] = field(default_factory=list)
    records: list[JourneyRecord] = field(default_factory=list)
    systems: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)

    def add(self, record: JourneyRecord | None, uses: list[str], systems: list[str],
            roles: list[str]) -> None:
        if record is not None and (not self.records or self.records[-1] is not record):
            self.records.append(record)
        for target, values in ((self.uses, uses), (self.systems, systems),
                               (self.roles, roles)):
            target.extend(v for v in values if v not in target)


@dataclass(eq=False)
class DataUseAt:
    """One stage's use of a data item, with the roles taking part in the stage."""

    record: JourneyRecord | None
    stage: Stage
    use: DataUse
    systems: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass(eq=False)
class PlaybookData:
    item: DataItem
    uses: list[DataUseAt] = field(default_factory=list)

    def of(self, *kinds: str) -> list[DataUseAt]:
        return [u for u in self.uses if u.use.use in kinds]

    def collected(self) -> list[DataUseAt]:
        return self.of("collect")

    def read(self) -> list[DataUseAt]:
        return self.of("read")

    def changed(self) -> list[DataUseAt]:
        return self.of(*CHANGES)

    def by_use(self) -> list[UseRow]:
        """One row per use and stage (collect first, then read, then changes),
        with every journey that does it there."""
        rows: dict[tuple[str, str], UseRow] = {}
        for use in sorted(self.uses, key=lambda u: DATA_USES.index(u.use.use)):
            key = (use.use.use, use.stage.id)
            row = rows.get(key)
            if row is None:
                row = rows[key] = UseRow(use.use.use, use.stage.id)
            row.add(use.record, [use.use.use], use.systems, use.roles)
        return list(rows.values())

    def by_stage(self) -> list[StageRow]:
        """One row per stage that uses the item (those that collect it first,
        then by use): its uses, systems and the roles that take part there."""
        rows: dict[str, StageRow] = {}
        for use in sorted(self.uses, key=lambda u: DATA_USES.index(u.use.use)):
            row = rows.get(use.stage.id)
            if row is None:
                row = rows[use.stage.id] = StageRow(use.stage.id)
            for target, values in ((row.uses, [use.use.use]), (row.systems, use.systems),
                                   (row.roles, use.roles)):
                target.extend(v for v in values if v not in target)
        return list(rows.values())


@dataclass
class StageRow:
    """A row of the personal-data table: a stage and what it does with an item."""

    stage: str
    uses: list[str] = field(default_factory=list)
    systems: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass
class SystemsIndex:
    systems: dict[str, PlaybookSystem] = field(default_factory=dict)
    data: dict[str, PlaybookData] = field(default_factory=dict)

    def layers(self) -> list[tuple[str | None, list[PlaybookSystem]]]:
        """The systems by layer, in first-seen order; no layer last."""
        grouped: dict[str | None, list[PlaybookSystem]] = {}
        for system in self.systems.values():
            grouped.setdefault(system.actor.layer or None, []).append(system)
        named = [(layer, items) for layer, items in grouped.items() if layer is not None]
        return named + ([(None, grouped[None])] if None in grouped else [])

    def integrations(self) -> list[tuple[Actor, Integration]]:
        """Every exchange between systems, as the systems list them."""
        return [(s.actor, i) for s in self.systems.values() for i in s.actor.integrates]

    def integrations_of(self, system_id: str) -> list[tuple[Actor, Integration, bool]]:
        """The system's exchanges both ways: (the other side, the exchange,
        whether this system writes it: outgoing)."""
        found = []
        for actor, exchange in self.integrations():
            if actor.id == system_id:
                other = self.systems.get(exchange.partner)
                found.append((other.actor if other else Actor(exchange.partner, exchange.partner),
                              exchange, True))
            elif exchange.partner == system_id:
                found.append((actor, exchange, False))
        return found

    def held_in(self, system_id: str) -> list[PlaybookData]:
        return [d for d in self.data.values() if system_id in d.item.held_in]

    def personal(self) -> list[PlaybookData]:
        return [d for d in self.data.values() if d.item.personal]


def _people(journey: Journey | None, actors: dict[str, Actor], stage: Stage) -> list[str]:
    ids = [stage.owner, *stage.responsible, *stage.consulted, *stage.informed]
    for message in stage.messages:
        ids.extend((message.sender, message.receiver))
    return [
        i for i in dict.fromkeys(x for x in ids if x)
        if (a := (journey.actors if journey else actors).get(i)) is not None
        and a.kind in ("role", "")
    ]


def gather_systems(records: list[JourneyRecord], catalog: Catalog) -> SystemsIndex:
    """Every system and data item of the site (journeys ``records``, in the
    playbook's order) with the stages that use them."""
    index = SystemsIndex()
    journeys = [r.journey for r in records]
    if not describes_systems(catalog, journeys):
        return index
    actors = dict(catalog.actors)
    for journey in journeys:
        for actor in journey.actors.values():
            actors.setdefault(actor.id, actor)
    for actor in actors.values():
        if actor.kind == "system":
            index.systems[actor.id] = PlaybookSystem(dataclasses.replace(actor))
    for item in catalog.data.values():
        index.data[item.id] = PlaybookData(item)
    places: list[tuple[JourneyRecord | None, Stage]] = [
        (None, s) for s in catalog.stages.values()]
    places += [(r, s) for r in records for s in r.journey.stages]
    for record, stage in places:
        _gather_stage(index, catalog, actors, record, stage)
    return index


def _gather_stage(
    index: SystemsIndex, catalog: Catalog, actors: dict[str, Actor],
    record: JourneyRecord | None, stage: Stage,
) -> None:
    """One stage's uses of systems (by its data and its steps) and of data."""
    here: dict[str, SystemStage] = {}

    def at(system_id: str) -> SystemStage | None:
        system = index.systems.get(system_id)
        if system is None:
            return None
        if system_id not in here:
            here[system_id] = SystemStage(record, stage)
            system.stages.append(here[system_id])
        return here[system_id]

    for message in stage.messages:
        for actor_id in (message.sender, message.receiver):
            found = at(actor_id)
            if found is not None and "step" not in found.uses:
                found.uses.append("step")
    if not stage.data and not here:
        return  # nothing of systems or data here: no need to know who takes part
    people = _people(record.journey if record else None, actors, stage)
    for use in stage.data:
        systems = use.systems(catalog.data)
        for system_id in systems:
            found = at(system_id)
            if found is not None and use.use not in found.uses:
                found.uses.append(use.use)
        entry = index.data.get(use.data)
        if entry is not None:
            entry.uses.append(DataUseAt(record, stage, use, systems, people))
    for system_id in here:
        roles = index.systems[system_id].roles
        roles.extend(r for r in people if r not in roles)
