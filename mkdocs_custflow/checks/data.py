"""Systems and data: every id a system, a data item or a stage's ``data``
names, checked (``unknown-reference``, with the closest id); personal data
with no owner or no retention (``personal-data-owner``) and a role taking part
in a stage that uses personal data it may not see (``data-access``); across
the site, data read but collected nowhere (``data-never-collected``) and
systems no journey uses (``system-unused``).

Catalog findings point at the catalog's line, a block's at the block's.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from mkdocs_custflow.checks.rule import Rule
from mkdocs_custflow.diagnostics import Diagnostic, Reporter, name_hint
from mkdocs_custflow.messages import Text, say, text_in
from mkdocs_custflow.structure import Actor, Catalog, DataItem, Journey, Stage
from mkdocs_custflow.structure.site_systems import describes_systems

PERSONAL_DATA_OWNER = Rule(
    "personal-data-owner", "warning", "Personal data with no owner or no retention.",
    "A data item marked 'personal: true' needs an 'owner' (the role accountable for it) "
    "and a 'retention' (how long it is kept, e.g. '3y'): the questions a data-protection "
    "review (GDPR, PIPL) asks first. Add both to the item in the catalog.",
)

DATA_ACCESS = Rule(
    "data-access", "warning", "A role works in a stage that uses personal data it may not see.",
    "The role owns the stage, is in its RACI lists or takes part in a step, and the stage "
    "collects, reads or changes a personal data item whose 'access' list does not name the "
    "role (nor is it the item's owner). Add the role to the item's 'access', or take it "
    "out of the stage.",
)

DATA_NEVER_COLLECTED = Rule(
    "data-never-collected", "warning", "Data read or changed but collected nowhere.",
    "Some stage reads, updates, deletes or shares the data item, but no stage of any "
    "journey (or of the catalog) collects it, so the playbook cannot say where it comes "
    "from. Add '{data: ID, use: collect, in: SYSTEM}' to the stage that collects it. "
    "Reported only when the whole site is read.",
)

SYSTEM_UNUSED = Rule(
    "system-unused", "warning", "A catalog system that no journey uses.",
    "The catalog defines the system, but no stage uses data in it and no step involves "
    "it. Use it (a stage's 'data' with 'in:', or a step), or remove it from the catalog. "
    "Reported only when the whole site is read, and only on a site that describes its "
    "systems (data items, a system's layer, owner or integrations, or a stage's data).",
)

OWN_RULES = (PERSONAL_DATA_OWNER, DATA_ACCESS, DATA_NEVER_COLLECTED, SYSTEM_UNUSED)


def check_catalog_data(catalog: Catalog, locale: str = "en") -> list[Diagnostic]:
    """The catalog's systems and data items: the ids they name, and personal
    data with no owner or retention, at the catalog's lines."""
    report = Reporter(catalog.file or "<catalog>", base_line=0, locale=locale)
    check_systems(catalog.actors.values(), catalog.actors, catalog.data, report,
                  say("whose.catalog"))
    for item in catalog.data.values():
        _check_item(item, catalog, report)
    for stage in catalog.stages.values():
        check_stage_data(stage, catalog.actors, catalog.data, report)
    return sorted(report.items, key=lambda d: d.line)


def _check_item(item: DataItem, catalog: Catalog, report: Reporter) -> None:
    actors = catalog.actors
    if item.owner is not None:
        _actor(report, item.owner, actors, say("where.data-item-key", key="owner", id=item.id),
               item.line_of("owner"), kind="role")
    for role_id in item.access:
        _actor(report, role_id, actors, say("where.data-item-key", key="access", id=item.id),
               item.line_of("access"), kind="role")
    for system_id in item.held_in:
        _actor(report, system_id, actors,
               say("where.data-item-key", key="held_in", id=item.id),
               item.line_of("held_in"), kind="system")
    if item.personal and (not item.owner or not item.retention):
        absent = [key for key, value in (("owner", item.owner), ("retention", item.retention))
                  if not value]
        report.add(
            PERSONAL_DATA_OWNER.severity,
            say("data.personal", id=item.id,
                missing=[say("part.quoted-key", key=key) for key in absent],
                add=[say(f"part.add-{key}") for key in absent]),
            item.line, rule="personal-data-owner",
        )


def check_systems(
    systems: Iterable[Actor], actors: Mapping[str, Actor], data: Mapping[str, DataItem],
    report: Reporter, whose: Text,
) -> None:
    """Each system's ``owner`` and ``integrates`` (partner and data ids)."""
    for actor in systems:
        if actor.owner is not None:
            _actor(report, actor.owner, actors,
                   say("where.whose-actor-key", key="owner", whose=whose, id=actor.id),
                   actor.line_of("owner"), kind="role")
        for exchange in actor.integrates:
            _actor(report, exchange.partner, actors,
                   say("where.whose-actor-key", key="integrates", whose=whose, id=actor.id),
                   exchange.line, kind="system")
            for item_id in exchange.data:
                if item_id not in data:
                    report.error(
                        say("data.unknown-in-integrates", item=item_id, id=actor.id,
                            hint=name_hint(item_id, data)),
                        exchange.line, rule="unknown-reference",
                    )


def check_stage_data(
    stage: Stage, actors: Mapping[str, Actor], data: Mapping[str, DataItem], report: Reporter
) -> None:
    """Each data id a stage uses, and the system each use is ``in``."""
    for use in stage.data:
        if use.data not in data:
            report.error(
                say("data.unknown-in-stage", item=use.data, stage=stage.id,
                    hint=name_hint(use.data, data)),
                use.line, rule="unknown-reference",
            )
        if use.system is not None:
            _actor(report, use.system, actors, say("where.stage-key", key="in", stage=stage.id),
                   use.line, kind="system")


def _actor(
    report: Reporter, actor_id: str, actors: Mapping[str, Actor], where: Text, line: int,
    *, kind: str,
) -> None:
    actor = actors.get(actor_id)
    if actor is None:
        candidates = [a for a, found in actors.items() if found.kind == kind] or list(actors)
        report.error(
            say("data.unknown-actor", kind=say(f"kind.{kind}"), id=actor_id, where=where,
                hint=name_hint(actor_id, candidates), kind_id=kind),
            line, rule="unknown-reference",
        )
    elif actor.kind != kind and not (kind == "role" and actor.kind == ""):
        report.error(
            say("data.wrong-kind", id=actor_id, where=where,
                found=say(f"kind.{actor.kind or 'role'}"), kind=say(f"kind.{kind}"),
                hint=name_hint(actor_id, [a for a, f in actors.items() if f.kind == kind])),
            line, rule="unknown-reference",
        )


def check_journey_data(
    journey: Journey, catalog: Catalog, skip: Collection[str] = (), locale: str = "en"
) -> list[Diagnostic]:
    """A block's own systems and stage ``data`` (what it took from the catalog
    the catalog's check reports), and who works with personal data."""
    report = Reporter(journey.file, base_line=0, locale=locale)
    # The block's own systems, as far as it wrote their keys (the rest is the catalog's,
    # checked at the catalog's lines).
    own = [a for a in journey.actors.values() if a is not catalog.actors.get(a.id)
           and {"owner", "integrates"} & set(a.key_lines)
           and a.key_lines is not getattr(catalog.actors.get(a.id), "key_lines", None)]
    check_systems(own, journey.actors, catalog.data, report, say("whose.block"))
    for stage in journey.stages:
        if "data" in stage.key_lines:
            check_stage_data(stage, journey.actors, catalog.data, report)
        if "data-access" not in skip:
            _check_access(journey, stage, catalog.data, report)
    return report.items


def stage_people(journey: Journey, stage: Stage) -> list[str]:
    """The roles that take part in a stage: its owner, RACI lists and steps."""
    ids = [stage.owner, *stage.responsible, *stage.consulted, *stage.informed]
    for message in stage.messages:
        ids.extend((message.sender, message.receiver))
    return [
        actor_id for actor_id in dict.fromkeys(i for i in ids if i)
        if (actor := journey.actors.get(actor_id)) is not None and actor.kind in ("role", "")
    ]


def _check_access(
    journey: Journey, stage: Stage, data: Mapping[str, DataItem], report: Reporter
) -> None:
    personal = [data[u.data] for u in stage.data if u.data in data and data[u.data].personal]
    if not personal:
        return
    for role_id in stage_people(journey, stage):
        for item in dict.fromkeys(i.id for i in personal):
            found = data[item]
            if not found.may_see(role_id):
                report.add(DATA_ACCESS.severity,
                           say("data.access", role=role_id, stage=stage.id, item=item),
                           stage.line_of("data"), rule="data-access")


def data_across(
    catalog: Catalog, journeys: list[Journey], locale: str = "en"
) -> list[Diagnostic]:
    """Across the whole site: data read or changed but collected nowhere (at
    its first use), and catalog systems no journey uses (at the catalog)."""
    findings: list[Diagnostic] = []
    collected: set[str] = set()
    first_use: dict[str, tuple[str, int, str]] = {}
    used_systems: set[str] = set()
    places = [(catalog.file or "<catalog>", s) for s in catalog.stages.values()]
    places += [(journey.file, s) for journey in journeys for s in journey.stages]
    for file, stage in places:
        for use in stage.data:
            used_systems.update(use.systems(catalog.data))
            if use.use == "collect":
                collected.add(use.data)
            else:
                first_use.setdefault(use.data, (file, use.line, stage.id))
        for message in stage.messages:
            used_systems.update((message.sender, message.receiver))
    for item_id, (file, line, stage_id) in first_use.items():
        if item_id not in collected and item_id in catalog.data:
            findings.append(Diagnostic(
                DATA_NEVER_COLLECTED.severity,
                text_in(locale, "data.never-collected", item=item_id, stage=stage_id),
                file, line, "data-never-collected",
            ))
    described = describes_systems(catalog, journeys)  # else systems are only step actors
    for actor in catalog.actors.values() if described else ():
        if actor.kind == "system" and actor.id not in used_systems:
            findings.append(Diagnostic(
                SYSTEM_UNUSED.severity,
                text_in(locale, "data.system-unused", id=actor.id),
                catalog.file or "<catalog>", actor.line, "system-unused",
            ))
    return findings
