"""Resolve a journey against the catalog and check every name it uses.

Resolution fills what a block leaves empty from the catalog (an actor's
name and kind, a shared stage's owner, KPIs...). Checks report unknown
actors, touchpoints and stages with a close-match suggestion, and stages
that no path reaches.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TypeVar

from mkdocs_custflow.diagnostics import Diagnostic, Reporter, name_hint
from mkdocs_custflow.reading import humanize
from mkdocs_custflow.structure import Actor, Catalog, Journey, Message, Stage
from mkdocs_custflow.structure.journey import END_TARGET

T = TypeVar("T")


def resolve(journey: Journey, catalog: Catalog) -> None:
    """Complete ``journey`` in place from ``catalog`` (the block's own values win)."""
    # Catalog entries are shared, not copied: every journey of a large site
    # would otherwise carry its own copy of the whole catalog.
    actors: dict[str, Actor] = dict(catalog.actors)
    for actor_id, own in journey.actors.items():
        base_actor = actors.get(actor_id)
        actors[actor_id] = _fill(own, base_actor) if base_actor else own
    if not actors:  # a quick sketch with no actors anywhere: the ids name them
        for actor_id in _used_actor_ids(journey):
            actors[actor_id] = Actor(id=actor_id, name="", kind="")
    for actor in actors.values():
        actor.name = actor.name or humanize(actor.id)
        actor.kind = actor.kind or ("customer" if actor.id == "customer" else "role")
    journey.actors = actors
    for index, stage in enumerate(journey.stages):
        shared_stage = catalog.stages.get(stage.id)
        if shared_stage is not None:
            stage = _fill(stage, shared_stage, keep=("steps", "next", "line", "key_lines"))
            journey.stages[index] = stage
        stage.name = stage.name or humanize(stage.id)
    touchpoints = dict(catalog.touchpoints)
    for tp_id, own_tp in journey.touchpoints.items():
        base_tp = touchpoints.get(tp_id)
        touchpoints[tp_id] = _fill(own_tp, base_tp) if base_tp else own_tp
    for touchpoint in touchpoints.values():
        touchpoint.name = touchpoint.name or humanize(touchpoint.id)
    journey.touchpoints = touchpoints
    if not journey.views_given and not _has_sequence_content(journey):
        journey.views = [view for view in journey.views if view != "sequence"]


def _has_sequence_content(journey: Journey) -> bool:
    return any(stage.messages or stage.owner for stage in journey.stages)


def _used_actor_ids(journey: Journey) -> list[str]:
    ids: dict[str, None] = {}
    for stage in journey.stages:
        for actor_id in [stage.owner, *stage.responsible, *stage.consulted, *stage.informed]:
            if actor_id:
                ids.setdefault(actor_id, None)
        for message in stage.messages:
            ids.setdefault(message.sender, None)
            ids.setdefault(message.receiver, None)
    return list(ids)


def _fill(own: T, shared: T, keep: Iterable[str] = ("line",)) -> T:
    """Copy of ``own`` whose empty fields come from ``shared``."""
    changes = {}
    for field in dataclasses.fields(own):  # type: ignore[arg-type]  # a dataclass instance
        if field.name in keep:
            continue
        value = getattr(own, field.name)
        if value in (None, "", []):
            changes[field.name] = getattr(shared, field.name)
    return dataclasses.replace(own, **changes)  # type: ignore[type-var]  # a dataclass instance


def check(journey: Journey, catalog: Catalog) -> list[Diagnostic]:
    """Every finding about a resolved journey, in source order."""
    report = Reporter(journey.file, base_line=0)  # the model's lines are file lines
    error, warning = report.error, report.warning

    actor_ids = list(journey.actors)
    stage_ids = [stage.id for stage in journey.stages]
    touchpoints = journey.touchpoints  # resolved: the catalog's plus the block's own

    def check_actor(actor_id: str | None, role: str, line: int) -> None:
        if actor_id is not None and actor_id not in journey.actors:
            error(f"unknown actor '{actor_id}' in {role}{name_hint(actor_id, actor_ids)}", line)

    def check_touchpoint(tp_id: str, line: int) -> None:
        # Without any defined touchpoints, ids name channels implicitly.
        if touchpoints and tp_id not in touchpoints:
            error(
                f"unknown touchpoint '{tp_id}'{name_hint(tp_id, touchpoints)}; define it in "
                "the catalog or under 'touchpoints:'",
                line,
            )

    def check_stage(target: str, role: str, line: int) -> None:
        if target not in stage_ids and target != END_TARGET:
            error(f"unknown stage '{target}' in {role}{name_hint(target, stage_ids)}", line)

    for stage in journey.stages:
        check_actor(stage.owner, f"'owner' of stage '{stage.id}'", stage.line_of("owner"))
        for role in ("responsible", "consulted", "informed"):
            for actor_id in getattr(stage, role):
                check_actor(actor_id, f"'{role}' of stage '{stage.id}'", stage.line_of(role))
        for tp_id in stage.touchpoints:
            check_touchpoint(tp_id, stage.line_of("touchpoints"))
        for target in stage.next or []:
            check_stage(target, f"'next' of stage '{stage.id}'", stage.line_of("next"))
        for step in stage.steps:
            if isinstance(step, Message):
                check_actor(step.sender, "a step", step.line)
                check_actor(step.receiver, "a step", step.line)
                if step.via:
                    check_touchpoint(step.via, step.line)
            elif hasattr(step, "branches"):
                for branch in step.branches:
                    check_stage(branch.target, f"decision branch '{branch.label}'", branch.line)

    if not report.has_errors:
        for stage in unreachable_stages(journey):
            warning(
                f"stage '{stage.id}' cannot be reached from the first stage; "
                "route to it with 'next' or a decision branch, or remove it",
                stage.line,
            )
    if "journey" in journey.views and not any(
        m.score is not None for s in journey.stages for m in s.messages
    ):
        warning(
            "the 'journey' view needs steps with 'score: 1-5'; add scores "
            "or remove 'journey' from 'views'",
            journey.line,
        )
    if "sequence" in journey.views and not _has_sequence_content(journey):
        warning(
            "the 'sequence' view needs steps or stage owners to show; add steps "
            "or remove 'sequence' from 'views'",
            journey.line,
        )
    return sorted(report.items, key=lambda d: d.line)


def unreachable_stages(journey: Journey) -> list[Stage]:
    if not journey.stages:
        return []
    by_id = {stage.id: stage for stage in journey.stages}
    seen = {journey.stages[0].id}
    todo = [journey.stages[0]]
    while todo:
        stage = todo.pop()
        for _label, target in journey.successors(stage):
            if target in by_id and target not in seen:
                seen.add(target)
                todo.append(by_id[target])
    return [stage for stage in journey.stages if stage.id not in seen]
