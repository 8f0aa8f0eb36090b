"""The journey's graph: the paths through its stages, as the flowchart draws
them (:meth:`~mkdocs_custflow.structure.Journey.successors`), loops followed,
not trusted. Stages that no path reaches, and stages no path leads out of.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection

from mkdocs_custflow.checks.rule import Rule
from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.structure import Journey, Stage
from mkdocs_custflow.structure.journey import END_TARGET

UNREACHABLE_STAGE = Rule(
    "unreachable-stage", "warning", "A stage that no path from the first stage reaches.",
    "Following the flow as the flowchart draws it (each stage leads to the next unless "
    "it has 'next' or a decision, decisions lead to their branches), no path from the "
    "first stage comes to this one. Route to it with 'next' or a decision branch, or "
    "remove it.",
)

NO_WAY_OUT = Rule(
    "no-way-out", "warning", "A stage from which no path leads to the journey's end.",
    "Every path from this stage loops back without reaching the end of the journey "
    "(a stage with nothing after it, or 'next: end', or a branch to 'end'). Give the "
    "loop a way out: a decision branch or a 'next' that leads on.",
)

OWN_RULES = (UNREACHABLE_STAGE, NO_WAY_OUT)


def graph_findings(
    journey: Journey, skip: Collection[str] = (), locale: str = "en"
) -> list[Diagnostic]:
    """``unreachable-stage`` and ``no-way-out``, but for the rules in ``skip``;
    a stage reported as unreachable is not reported again without a way out."""
    found = []
    unreachable = unreachable_stages(journey)
    for stage in unreachable if "unreachable-stage" not in skip else ():
        found.append(Diagnostic(
            UNREACHABLE_STAGE.severity,
            text_in(locale, "graph.unreachable", stage=stage.id),
            journey.file, stage.line, "unreachable-stage",
        ))
    unreached = {stage.id for stage in unreachable}  # reported as such, not twice
    for stage, loop in stages_without_way_out(journey) if "no-way-out" not in skip else ():
        if stage.id in unreached:
            continue
        through = ", ".join(f"'{s.id}'" for s in loop[:5]) + (", ..." if len(loop) > 5 else "")
        found.append(Diagnostic(
            NO_WAY_OUT.severity,
            text_in(locale, "graph.no-way-out", stage=stage.id, through=through),
            journey.file, stage.line, "no-way-out",
        ))
    return found


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


def stages_without_way_out(journey: Journey) -> list[tuple[Stage, list[Stage]]]:
    """Each stage from which no path reaches the journey's end, with the
    stages its paths loop through. The flow is the flowchart's
    (:meth:`Journey.successors`): a stage with nothing after it ends the
    journey, and so does a branch or ``next`` to ``end`` (unless a stage is
    called ``end``); loops are followed, not trusted."""
    by_id = {stage.id: stage for stage in journey.stages}
    after = {stage.id: [t for _, t in journey.successors(stage)] for stage in journey.stages}
    before: dict[str, list[str]] = {stage_id: [] for stage_id in by_id}
    todo = []
    for stage_id, targets in after.items():
        if not targets or any(t == END_TARGET and t not in by_id for t in targets):
            todo.append(stage_id)
        for target in targets:
            if target in by_id:
                before[target].append(stage_id)
    ends = set(todo)
    while todo:  # walk the flow backwards from every stage that ends the journey
        for earlier in before[todo.pop()]:
            if earlier not in ends:
                ends.add(earlier)
                todo.append(earlier)
    found = []
    for stage in journey.stages:
        if stage.id in ends:
            continue
        loop, seen, walk = [], {stage.id}, deque([stage.id])
        while walk:
            current = walk.popleft()
            loop.append(by_id[current])
            for target in after[current]:
                if target in by_id and target not in seen:
                    seen.add(target)
                    walk.append(target)
        found.append((stage, loop))
    return found
