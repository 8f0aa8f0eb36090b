"""Gather the journeys of a site into one :class:`Playbook`.

A stage id names the same stage everywhere: its page collects every journey
that passes through it. What the page says of the stage (name, owner,
description, KPIs, links, touchpoints, RACI) is decided by the catalog when
it defines the stage, else by the first definition in page path order (then
line). Every other definition that says something else is reported with both
places (``stage-conflict``), so a page can never quietly rewrite a stage
another team owns; an as-is and a to-be journey may disagree (the to-be one
changes the stage), two of one state may not.
"""

from __future__ import annotations

import dataclasses

from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.playbook.model import (
    JourneyRecord,
    Playbook,
    PlaybookRole,
    PlaybookStage,
    PlaybookTouchpoint,
    RoleStep,
    StageUse,
)
from mkdocs_custflow.playbook.systems_model import gather_systems
from mkdocs_custflow.structure import Catalog, Journey, Stage, Touchpoint
from mkdocs_custflow.structure.ids import humanize
from mkdocs_custflow.structure.journey import Kpi, Link

# A stage's page has one title, one accountable owner, and one text, set of
# KPIs, links, touchpoints and RACI; time limits may differ per journey and are
# shown per journey.
_COMPARED = ("name", "owner")
_COMPARED_TEXT = ("description", "kpis", "links", "touchpoints", "responsible", "consulted",
                  "informed")


def build_playbook(
    records: list[JourneyRecord], catalog: Catalog, locale: str = "en"
) -> tuple[Playbook, list[Diagnostic]]:
    playbook = Playbook(journeys=sorted(records, key=lambda r: (r.page, r.journey.line)))
    findings: list[Diagnostic] = []
    # A stage's uses are compared within one state: a to-be journey may change
    # what the as-is one (and the catalog, which describes today) says.
    made_by: dict[str, str] = {}  # stage id -> the state whose definition made its page
    other_state: dict[tuple[str, str], PlaybookStage] = {}  # first use in the other state
    for stage in catalog.stages.values():
        playbook.stages[stage.id] = _from_stage(stage, f"{catalog.file}:{stage.line}",
                                                in_catalog=True)
        made_by[stage.id] = "as-is"
    for actor in catalog.actors.values():
        if actor.kind in ("role", ""):
            playbook.roles.setdefault(actor.id, PlaybookRole(dataclasses.replace(actor)))
    for tp in catalog.touchpoints.values():
        playbook.touchpoints[tp.id] = PlaybookTouchpoint(dataclasses.replace(tp))

    for record in playbook.journeys:
        journey = record.journey
        _add_actors(playbook, journey)
        for tp_id, tp in journey.touchpoints.items():
            playbook.touchpoints.setdefault(tp_id, PlaybookTouchpoint(dataclasses.replace(tp)))
        for stage in journey.stages:
            where = f"{journey.file}:{stage.line}"
            shared = playbook.stages.get(stage.id)
            if shared is None:
                shared = _from_stage(stage, where)
                playbook.stages[stage.id] = shared
                made_by[stage.id] = journey.state
            elif made_by[stage.id] == journey.state:
                findings.extend(_conflicts(shared, stage, journey, locale))
            else:
                key = (stage.id, journey.state)
                if key in other_state:
                    findings.extend(_conflicts(other_state[key], stage, journey, locale))
                else:
                    other_state[key] = _from_stage(stage, where)
                    _fill_blanks(shared, stage)
            shared.uses.append(StageUse(record, stage))
            for tp_id in stage.touchpoints_used():
                entry = playbook.touchpoints.setdefault(
                    tp_id, PlaybookTouchpoint(journey.touchpoints.get(tp_id) or _implicit(tp_id))
                )
                if stage.id not in entry.stages:
                    entry.stages.append(stage.id)
                # Journeys come one after another: only the last one can be this one
                # (a membership test over hundreds of journeys would be quadratic).
                if not entry.journeys or entry.journeys[-1] is not record:
                    entry.journeys.append(record)
            for message in stage.messages:
                for actor_id in dict.fromkeys((message.sender, message.receiver)):
                    if actor_id in playbook.roles:
                        playbook.roles[actor_id].steps.append(RoleStep(record, stage, message))
    for shared in playbook.stages.values():
        shared.settle()
    playbook.systems = gather_systems(playbook.journeys, catalog)
    return playbook, findings


def _implicit(tp_id: str) -> Touchpoint:
    """A touchpoint named only by its id (sites without touchpoint definitions)."""
    return Touchpoint(id=tp_id, name=humanize(tp_id))


def _add_actors(playbook: Playbook, journey: Journey) -> None:
    for actor in journey.actors.values():
        if actor.kind == "role" and actor.id not in playbook.roles:
            playbook.roles[actor.id] = PlaybookRole(dataclasses.replace(actor))


# What stays with each journey's use of a stage: its flow, and the pain points
# and opportunities written in it (the stage page lists each with its journey).
_PER_USE = ("steps", "next", "key_lines", "pains", "opportunities", "data")


def _from_stage(stage: Stage, where: str, *, in_catalog: bool = False) -> PlaybookStage:
    """The site-wide stage starts as a copy of its first definition, minus what
    stays with each use (a catalog stage keeps its own pains and opportunities)."""
    per_use = _PER_USE[:3] if in_catalog else _PER_USE
    shared = {
        f.name: getattr(stage, f.name) for f in dataclasses.fields(Stage) if f.name not in per_use
    }
    for name in ("responsible", "consulted", "informed", "touchpoints", "kpis", "links"):
        shared[name] = list(shared[name])  # later definitions complete these lists
    return PlaybookStage(
        **shared,
        defined_at=where,
        name_given="name" in stage.key_lines or not stage.key_lines,
    )


def _conflicts(
    shared: PlaybookStage, stage: Stage, journey: Journey, locale: str
) -> list[Diagnostic]:
    found = []
    given = "name" in stage.key_lines  # else the name is the catalog's or the id's
    if given and not shared.name_given:
        shared.name, shared.name_given = stage.name, True
    for name in _COMPARED:
        theirs, ours = getattr(shared, name), getattr(stage, name)
        if name == "name" and not given:
            continue
        if theirs and ours and theirs != ours:
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "site.stage-conflict", stage=stage.id, key=name, ours=ours,
                        theirs=theirs, there=shared.defined_at),
                journey.file, stage.line, "stage-conflict",
            ))
        elif ours and not theirs:
            setattr(shared, name, ours)
    for name in _COMPARED_TEXT:
        theirs_value, ours_value = getattr(shared, name), getattr(stage, name)
        if not theirs_value or not ours_value or theirs_value is ours_value:
            continue  # the common case: only one says it, or both have the catalog's
        theirs, ours = _comparable(theirs_value), _comparable(ours_value)
        if theirs and ours and theirs != ours:
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "site.stage-conflict-text", stage=stage.id, key=name,
                        ours=_quoted(getattr(stage, name)), theirs=_quoted(getattr(shared, name)),
                        there=shared.defined_at),
                journey.file, stage.line_of(name) or stage.line, "stage-conflict",
            ))
    _fill_blanks(shared, stage)
    return found


def _comparable(value: object) -> object:
    """A field's meaning, without line numbers or the order of a list."""
    if isinstance(value, list):
        return sorted(repr(_comparable(item)) for item in value)
    if isinstance(value, Kpi):
        return (value.name, value.target, value.current, value.unit)
    if isinstance(value, Link):
        return (value.title, value.url)
    return value.strip() if isinstance(value, str) else value


def _quoted(value: object) -> str:
    """A field's value in a message: text quoted, list items by name."""
    if isinstance(value, list):
        return "[" + ", ".join(_quoted(item) for item in value) + "]"
    if isinstance(value, Link):
        return f"'{value.title}' ({value.url})"
    text = str(value)
    return f"'{text[:80]}...'" if len(text) > 80 else f"'{text}'"


def _fill_blanks(shared: PlaybookStage, stage: Stage) -> None:
    """What the stage's page lacks and this use has."""
    for name in ("description", "kpis", "links", "touchpoints"):
        if not getattr(shared, name) and getattr(stage, name):
            setattr(shared, name, getattr(stage, name))
