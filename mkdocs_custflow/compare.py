"""What changed in meaning between two versions of journeys, not in text.

:func:`compare_journeys` compares two :class:`Journey` objects (the model,
after templates are expanded and the catalog is filled in) and
:func:`compare_sites` two sets of them, matched by journey id. Each
:class:`Change` has a kind (``stage-added``, ``owner``, ``time-limit``...),
names the journey and the stage, and points at the file and line on the newer
side (the older side for what was removed with its journey). Moving a block,
reformatting its YAML, writing a step in the long form instead of the short
one, or taking a value from the catalog instead of writing it: none of these
is a change. ``custflow diff`` shows the changes between two git revisions; a
to-be journey can show what it changes against the as-is journey it improves.

Matching: journeys by id, stages by id, steps by what they say (sender,
receiver, text; a decision by its question), list items (KPIs, links, pain
points...) by their name or text. A journey whose id changed but whose content
did not is reported once, as renamed; so is one whose title changed. Views,
direction and the journey's language are how it is shown, not what it says:
they are not compared. Fields this module does not know by name (added to the
model later) are compared as values, so they never change unseen.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mkdocs_custflow.compare_values import as_data, differences, item_key, item_label, same, shown
from mkdocs_custflow.structure import Decision, Journey, Message, Note, Stage, Step

_JOURNEY_SKIPPED = {
    "id", "title", "stages", "actors", "touchpoints", "file", "line", "key_lines",
    "views_given", "ignore", "template", "locale", "views", "direction",
}
_STAGE_SKIPPED = {"id", "name", "line", "key_lines", "steps"}
_FIELD_KINDS = {"owner": "owner", "sla": "time-limit", "next": "flow",
                "description": "description", "in_playbook": "journey-changed",
                "review": "review", "detail": "detail"}
_FIELD_NAMES = {"sla": "time limit", "in_playbook": "playbook", "next": "next"}
_RACI = {"responsible": "R", "consulted": "C", "informed": "I"}
_SINGULAR = {"kpis": "kpi", "touchpoints": "touchpoint", "links": "link", "pains": "pain",
             "opportunities": "opportunity"}


@dataclass(frozen=True)
class Change:
    """One change in meaning. ``before``/``after`` are JSON values (None when
    absent); ``summary`` says it in a line, without the journey and stage."""

    kind: str
    journey: str
    stage: str | None
    summary: str
    before: object = None
    after: object = None
    file: str = ""
    line: int = 0

    def as_data(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def compare_sites(before: Iterable[Journey], after: Iterable[Journey]) -> list[Change]:
    """Every change from the journeys ``before`` to those ``after``, matched by
    id (a journey whose id changed but nothing else is one rename)."""
    old = {j.id: j for j in before}
    new = {j.id: j for j in after}
    changes: list[Change] = []
    added = [j for i, j in new.items() if i not in old]
    removed = [j for i, j in old.items() if i not in new]
    for journey in list(added):
        twin = next((o for o in removed if not _content_changes(o, journey)), None)
        if twin is not None:
            removed.remove(twin)
            added.remove(journey)
            changes.append(Change(
                "journey-renamed", journey.id, None, f"id '{twin.id}' → '{journey.id}'",
                twin.id, journey.id, journey.file, journey.line,
            ))
            changes.extend(_title_change(twin, journey))
    for journey_id, journey in new.items():
        if journey_id in old:
            changes.extend(compare_journeys(old[journey_id], journey))
    changes.extend(
        Change("journey-added", j.id, None, f"new journey '{j.title}' with "
               f"{len(j.stages)} stage(s)", None, j.title, j.file, j.line)
        for j in added
    )
    changes.extend(
        Change("journey-removed", j.id, None, f"journey '{j.title}' removed", j.title, None,
               j.file, j.line)
        for j in removed
    )
    return sorted(changes, key=lambda c: (c.file, c.line, c.journey))


SHARED = ""
"""The ``journey`` of a change to what a shared stage's playbook page says."""


def compare_shared_stages(
    before: Mapping[str, tuple[str, Stage]], after: Mapping[str, tuple[str, Stage]],
    seen: Sequence[Change],
) -> list[Change]:
    """Changes to what each stage's playbook page says (``stage id -> (the place
    that decides it, the stage as the page shows it)``) that no journey's own
    change in ``seen`` explains: a new page that redefines a shared stage
    changes the page of a stage it does not own, and that must show."""
    explained = {(c.kind, c.stage, c.summary) for c in seen}
    changes: list[Change] = []
    for stage_id, (where, new) in after.items():
        if stage_id not in before:
            continue
        old_where, old = before[stage_id]
        file, _, line = where.rpartition(":")
        at = _Where(Journey(SHARED, "", [], {}, file=file, line=int(line) if line.isdigit() else 0))
        found = [c for c in _stage(old, new, at) if (c.kind, c.stage, c.summary) not in explained]
        if found and old_where.rpartition(":")[0] != file:
            found.insert(0, at.change("shared-stage", stage_id,
                                      f"the stage's page now follows {where} (was {old_where})",
                                      old_where, where, 0))
        changes.extend(found)
    return changes


def compare_parents(
    before: Mapping[str, Sequence[tuple[str, str, str, int]]],
    after: Mapping[str, Sequence[tuple[str, str, str, int]]],
) -> list[Change]:
    """Journeys whose "Part of" changed (``journey id -> [(parent journey,
    stage, file, line of its detail)]``): any page can set it with ``detail``."""
    changes = []
    for child in sorted(set(before) | set(after)):
        old = [(j, s) for j, s, _f, _l in before.get(child, [])]
        new_claims = list(after.get(child, []))
        new = [(j, s) for j, s, _f, _l in new_claims]
        if old == new:
            continue
        came = [c for c in new_claims if (c[0], c[1]) not in old]
        gone = [c for c in old if c not in new]
        parts = [*(f"+{j}/{s}" for j, s, _f, _l in came), *(f"−{j}/{s}" for j, s in gone)]
        file, line = (came[0][2], came[0][3]) if came else ("", 0)
        changes.append(Change("part-of", child, None,
                              f"part of: {', '.join(parts) or 'order'}",
                              [f"{j}/{s}" for j, s in old], [f"{j}/{s}" for j, s in new],
                              file, line))
    return changes


def compare_journeys(before: Journey, after: Journey) -> list[Change]:
    """Every change from ``before`` to ``after`` (two versions of a journey, or
    an as-is journey and the to-be journey that improves it), located in
    ``after``, in the order of its lines; the ids of the two are not compared."""
    changes = [*_title_change(before, after), *_content_changes(before, after)]
    return sorted(changes, key=lambda c: c.line)


def _title_change(before: Journey, after: Journey) -> list[Change]:
    if before.title == after.title:
        return []
    return [Change("journey-renamed", after.id, None,
                   f"title '{before.title}' → '{after.title}'", before.title, after.title,
                   after.file, after.line)]


def _content_changes(before: Journey, after: Journey) -> list[Change]:
    """Everything but the id and the title."""
    at = _Where(after)
    changes = [
        *_fields(before, after, _JOURNEY_SKIPPED, at, None, after.line, "journey-changed"),
        *_actors(before, after, at),
    ]
    old = {s.id: s for s in before.stages}
    new = {s.id: s for s in after.stages}
    for stage in after.stages:
        if stage.id not in old:
            changes.append(at.change("stage-added", stage.id, f"new stage '{stage.name}'",
                                     None, stage.name, stage.line))
    for stage in before.stages:
        if stage.id not in new:
            changes.append(at.change("stage-removed", stage.id, f"stage '{stage.name}' removed",
                                     stage.name, None, after.line))
    changes.extend(_moves(before, after, at))
    for stage in after.stages:
        if stage.id in old:
            changes.extend(_stage(old[stage.id], stage, at))
    return changes


@dataclass(frozen=True)
class _Where:
    journey: Journey

    def change(self, kind: str, stage: str | None, summary: str, before: object,
               after: object, line: int) -> Change:
        return Change(kind, self.journey.id, stage, summary, as_data(before), as_data(after),
                      self.journey.file, line or self.journey.line)


def _moves(before: Journey, after: Journey, at: _Where) -> list[Change]:
    """Stages in both whose order among the others changed."""
    common = {s.id for s in before.stages} & {s.id for s in after.stages}
    old_order = [s.id for s in before.stages if s.id in common]
    new_order = [s.id for s in after.stages if s.id in common]
    matcher = difflib.SequenceMatcher(a=old_order, b=new_order, autojunk=False)
    kept: set[str] = set()
    for block in matcher.get_matching_blocks():
        kept.update(new_order[block.b:block.b + block.size])
    changes = []
    for stage in after.stages:
        if stage.id in common and stage.id not in kept:
            index = new_order.index(stage.id)
            where = f"after '{new_order[index - 1]}'" if index else "first"
            changes.append(at.change("stage-moved", stage.id, f"moved: now {where}",
                                     old_order.index(stage.id) + 1, index + 1, stage.line))
    return changes


def _stage(before: Stage, after: Stage, at: _Where) -> list[Change]:
    changes = []
    if before.name != after.name:
        changes.append(at.change("stage-renamed", after.id,
                                 f"name '{before.name}' → '{after.name}'",
                                 before.name, after.name, after.line_of("name")))
    for role, letter in _RACI.items():
        old, new = getattr(before, role), getattr(after, role)
        if old != new:
            gone = [a for a in old if a not in new]
            came = [a for a in new if a not in old]
            parts = [*(f"+{a}" for a in came), *(f"−{a}" for a in gone)] or ["order"]
            changes.append(at.change("raci", after.id, f"{role} ({letter}): {', '.join(parts)}",
                                     old, new, after.line_of(role)))
    skipped = _STAGE_SKIPPED | set(_RACI)
    changes.extend(_fields(before, after, skipped, at, after.id, after.line, None))
    changes.extend(_steps(before, after, at))
    return changes


def _fields(before: object, after: object, skipped: set[str], at: _Where, stage: str | None,
            line: int, kind: str | None) -> list[Change]:
    """Every field not ``skipped`` that differs: values, or lists of items
    matched by their key. ``kind`` names value changes of fields with no kind
    of their own (default: the field's name)."""
    changes = []
    lines = getattr(after, "key_lines", {})
    for field in dataclasses.fields(after):  # type: ignore[arg-type]  # a model dataclass
        name = field.name
        if name in skipped or not hasattr(before, name):
            continue
        old, new = getattr(before, name), getattr(after, name)
        if same(old, new):
            continue
        at_line = lines.get(name, line)
        if isinstance(old, list) and isinstance(new, list) and name != "next":
            changes.extend(_items(name, old, new, at, stage, at_line))
            continue
        label = _FIELD_NAMES.get(name, name)
        changes.append(at.change(
            _FIELD_KINDS.get(name, kind or name), stage,
            f"{label}: {shown(old, name)} → {shown(new, name)}", old, new, at_line,
        ))
    return changes


def _items(name: str, old: list[object], new: list[object], at: _Where, stage: str | None,
           line: int) -> list[Change]:
    item = _SINGULAR.get(name, name.rstrip("s") or name)
    old_by = {item_key(i, name): i for i in old}
    new_by = {item_key(i, name): i for i in new}
    changes = []
    for key, value in new_by.items():
        if key not in old_by:
            changes.append(at.change(f"{item}-added", stage, f"{item} added: {item_label(value)}",
                                     None, value, line))
        elif not same(old_by[key], value):
            changes.append(at.change(
                f"{item}-changed", stage,
                f"{item} {item_label(key)}: {differences(old_by[key], value)}",
                old_by[key], value, line,
            ))
    for key, value in old_by.items():
        if key not in new_by:
            changes.append(at.change(f"{item}-removed", stage,
                                     f"{item} removed: {item_label(value)}", value, None, line))
    return changes


def _steps(before: Stage, after: Stage, at: _Where) -> list[Change]:
    old, new = before.steps, after.steps
    matcher = difflib.SequenceMatcher(a=[_stepitem_key(s) for s in old],
                                      b=[_stepitem_key(s) for s in new], autojunk=False)
    changes = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            for old_step, new_step in zip(old[a1:a2], new[b1:b2], strict=True):
                changes.extend(_same_step(old_step, new_step, after, at))
            continue
        for step in new[b1:b2]:
            changes.append(at.change("step-added", after.id, f"step added: {_step_text(step)}",
                                     None, step, step.line))
        for step in old[a1:a2]:
            line = new[b1].line if b1 < len(new) else after.line
            changes.append(at.change("step-removed", after.id,
                                     f"step removed: {_step_text(step)}", step, None, line))
    return changes


def _same_step(old: Step, new: Step, stage: Stage, at: _Where) -> list[Change]:
    changes = []
    if isinstance(old, Message) and isinstance(new, Message) and old.score != new.score:
        changes.append(at.change("score", stage.id,
                                 f"score of '{new.text}': {shown(old.score)} → "
                                 f"{shown(new.score)}", old.score, new.score, new.line))
    if isinstance(old, Decision) and isinstance(new, Decision):
        old_b = {b.label: b.target for b in old.branches}
        new_b = {b.label: b for b in new.branches}
        for label, branch in new_b.items():
            if label not in old_b:
                changes.append(at.change("branch-added", stage.id,
                                         f"'{new.question}' {label} → '{branch.target}' added",
                                         None, branch.target, branch.line))
            elif old_b[label] != branch.target:
                changes.append(at.change("branch-changed", stage.id,
                                         f"'{new.question}' {label}: '{old_b[label]}' → "
                                         f"'{branch.target}'", old_b[label], branch.target,
                                         branch.line))
        for label, target in old_b.items():
            if label not in new_b:
                changes.append(at.change("branch-removed", stage.id,
                                         f"'{new.question}' {label} → '{target}' removed",
                                         target, None, new.line))
    if isinstance(old, Message) and isinstance(new, Message):
        for name in (f.name for f in dataclasses.fields(Message)):
            if name not in ("line", "score") and getattr(old, name) != getattr(new, name):
                changes.append(at.change("step-changed", stage.id,
                                         f"step '{new.text}': {name}: "
                                         f"{shown(getattr(old, name))} → "
                                         f"{shown(getattr(new, name))}",
                                         getattr(old, name), getattr(new, name), new.line))
    return changes


def _stepitem_key(step: Step) -> tuple[object, ...]:
    """What a step says, for matching: not its score, not a decision's branches,
    not fields added to steps later (compared once matched)."""
    if isinstance(step, Message):
        return ("say", step.sender, step.receiver, step.text, step.dashed, step.reply,
                step.via, step.note)
    if isinstance(step, Decision):
        return ("decide", step.question)
    if isinstance(step, Note):
        return ("note", step.text)
    return ("?", repr(step))  # pragma: no cover - a step of a kind added later


def _step_text(step: Step) -> str:
    if isinstance(step, Message):
        arrow = "-->" if step.dashed else "->"
        return f"{step.sender} {arrow} {step.receiver}: {step.text}"
    if isinstance(step, Decision):
        return f"decide: {step.question}"
    if isinstance(step, Note):
        return f"note: {step.text}"
    return repr(step)  # pragma: no cover


def _actors(before: Journey, after: Journey, at: _Where) -> list[Change]:
    """Changes to the actors that both versions use (a catalog actor's new name
    shows in every journey that uses it)."""
    changes = []
    for actor_id in sorted(_used(before) & _used(after)):
        old, new = before.actors.get(actor_id), after.actors.get(actor_id)
        if old is None or new is None:
            continue
        # A handle says who reviews the pages, not what the journey does.
        changed = differences(old, new, skip=("line", "key_lines", "id", "handle"))
        if changed:
            changes.append(at.change("actor-changed", None, f"actor '{actor_id}': {changed}",
                                     old, new, after.line))
    return changes


def _used(journey: Journey) -> set[str]:
    used: set[str] = set()
    for stage in journey.stages:
        used.update(filter(None, (stage.owner, *stage.responsible, *stage.consulted,
                                  *stage.informed)))
        for message in stage.messages:
            used.update((message.sender, message.receiver))
    return used
