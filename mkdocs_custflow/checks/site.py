"""What only the whole site can tell: ``detail`` and ``improves`` naming a
journey of the site, sub-journeys that contain themselves. The rules of
findings across pages are declared here too: ``duplicate-journey-id`` (raised
by :meth:`~mkdocs_custflow.pipeline.Pipeline.read_site`) and
``stage-conflict`` (raised by :mod:`mkdocs_custflow.playbook.gather`).
An unknown journey is an ``unknown-reference`` (:mod:`.block`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mkdocs_custflow.checks.rule import Rule
from mkdocs_custflow.diagnostics import Diagnostic, Severity, name_hint
from mkdocs_custflow.messages import Text, say, text_in
from mkdocs_custflow.structure import Journey, Stage

DUPLICATE_JOURNEY_ID = Rule(
    "duplicate-journey-id", "warning", "Two journey blocks have the same id.",
    "A journey id names one journey in the site, its anchor and its place in the "
    "playbook. Give each block its own 'id' (two blocks with the same title and no id "
    "get the same id).",
)

STAGE_CONFLICT = Rule(
    "stage-conflict", "warning", "One stage id, defined two ways.",
    "A stage id names the same stage in every journey and one playbook page, which "
    "has one name, owner, description, set of KPIs, links, touchpoints and RACI: the "
    "catalog's, else the first definition in page path order. Every other definition "
    "that says otherwise is reported, naming both places. Define the stage once, in "
    "the catalog, or make the definitions agree.",
)

DETAIL_CYCLE = Rule(
    "detail-cycle", "error", "Sub-journeys that contain themselves.",
    "A stage's 'detail' names the journey that draws it in detail; followed from "
    "journey to sub-journey, these links come back to where they started, so the "
    "playbook cannot say which journey a stage is part of. Remove one 'detail'.",
)

DETAIL_PARENTS = Rule(
    "detail-parents", "warning", "A journey drawn in detail by more than one stage.",
    "A stage's 'detail' names the journey that draws it in detail, and that journey's "
    "page then says which stage it is part of. Any page may name any journey so; when "
    "two stages name one journey, its page belongs to both and neither team reviews "
    "the claim. Keep one 'detail', or give each stage a sub-journey of its own.",
)

OWN_RULES = (DUPLICATE_JOURNEY_ID, STAGE_CONFLICT, DETAIL_CYCLE, DETAIL_PARENTS)


def check_journey_links(journeys: Iterable[Journey], locale: str = "en") -> list[Diagnostic]:
    """What only the whole site can tell: a ``detail`` or ``improves`` naming no
    journey of the site, and sub-journeys that contain themselves."""
    by_id: dict[str, Journey] = {}
    for journey in journeys:
        by_id.setdefault(journey.id, journey)
    found: list[Diagnostic] = []

    def unknown(journey: Journey, target: str, line: int, where: Text) -> None:
        found.append(Diagnostic(
            Severity.ERROR,
            text_in(locale, "site.unknown-journey", target=target, where=where,
                    hint=name_hint(target, by_id)),
            journey.file, line, "unknown-reference",
        ))

    for journey in by_id.values():
        if journey.improves is not None:
            line = journey.key_lines.get("improves", journey.line)
            if journey.improves == journey.id:
                found.append(Diagnostic(
                    Severity.ERROR,
                    text_in(locale, "site.improves-itself", journey=journey.id),
                    journey.file, line, "unknown-reference",
                ))
            elif journey.improves not in by_id:
                unknown(journey, journey.improves, line, say("where.improves"))
        for stage in journey.stages:
            if stage.detail is not None and stage.detail not in by_id:
                unknown(journey, stage.detail, stage.line_of("detail"),
                        say("where.stage-key", key="detail", stage=stage.id))
    found.extend(_detail_cycles(by_id, locale))
    return found


def several_parents(
    parents: dict[str, list[tuple[Journey, Stage]]], locale: str = "en"
) -> list[Diagnostic]:
    """A journey's page says which stage it is "Part of"; any page may claim a
    journey with ``detail``, so a second claim is reported, at each later one."""
    found = []
    for child, claims in parents.items():
        first_journey, first_stage = claims[0]
        for journey, stage in claims[1:]:
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "site.detail-parents", stage=stage.id, child=child,
                        first=first_stage.id, journey=first_journey.id,
                        where=f"{first_journey.file}:{first_stage.line_of('detail')}"),
                journey.file, stage.line_of("detail"), "detail-parents",
            ))
    return found


def _detail_cycles(by_id: dict[str, Journey], locale: str) -> list[Diagnostic]:
    """One error per cycle of sub-journeys, at the ``detail`` that closes it
    (a walk of the ``detail`` links, depth first, without recursion)."""
    found: list[Diagnostic] = []
    state: dict[str, bool] = {}  # True: on the current path; False: done

    def details(journey_id: str) -> Iterator[Stage]:
        return (s for s in by_id[journey_id].stages if s.detail in by_id)

    for start in by_id:
        if start in state:
            continue
        state[start] = True
        path, stack = [start], [(start, details(start))]
        while stack:
            journey_id, stages = stack[-1]
            stage = next(stages, None)
            if stage is None:
                state[journey_id] = False
                stack.pop()
                path.pop()
                continue
            target = stage.detail or ""
            if state.get(target) is True:
                cycle = [*path[path.index(target):], target]
                found.append(Diagnostic(
                    Severity.ERROR,
                    text_in(locale, "site.detail-cycle", stage=stage.id,
                            cycle=" → ".join(cycle)),
                    by_id[journey_id].file, stage.line_of("detail"), "detail-cycle",
                ))
            elif target not in state:
                state[target] = True
                path.append(target)
                stack.append((target, details(target)))
    return found
