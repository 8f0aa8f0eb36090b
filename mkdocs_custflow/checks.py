"""Check what was read: every name a journey or the catalog uses, the paths
through a journey, who owns its stages and in what time, the size of its
views and of the playbook, the catalog's roles across the site.

Each check reports ``file:line: message`` findings with a close-match
suggestion where one is near, under the rule that found it
(:mod:`mkdocs_custflow.rules`). The severity a check gives is its rule's
default; the site's ``rules:`` may change it later.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator
from datetime import date

from mkdocs_custflow.diagnostics import Diagnostic, Reporter, Severity, name_hint
from mkdocs_custflow.playbook.model import Playbook
from mkdocs_custflow.renderers.html import MERMAID_VIEWS, diagram_parts, too_large
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.rules import RULES
from mkdocs_custflow.structure import Actor, Catalog, Journey, Message, Stage
from mkdocs_custflow.structure.journey import END_TARGET

SIZE_CHECK_FROM = 150
"""Stages plus steps from which a journey's views are measured: below, no
view comes near Mermaid's limits."""


def check_journey(
    journey: Journey, catalog: Catalog, locale: str = "en", skip: Collection[str] = ()
) -> list[Diagnostic]:
    """Every finding about a resolved journey, in source order, but for the
    rules in ``skip`` (those the site turned off). Values the journey took from
    the catalog are not checked here: the catalog's own check reports them, at
    the catalog's line."""
    report = Reporter(journey.file, base_line=0)  # the model's lines are file lines
    error, warning, add = report.error, report.warning, report.add

    actor_ids = list(journey.actors)
    stage_ids = [stage.id for stage in journey.stages]
    touchpoints = journey.touchpoints  # resolved: the catalog's plus the block's own

    def check_actor(actor_id: str | None, role: str, line: int) -> None:
        if actor_id is not None and actor_id not in journey.actors:
            error(f"unknown actor '{actor_id}' in {role}{name_hint(actor_id, actor_ids)}", line,
                  rule="unknown-reference")

    def check_touchpoint(tp_id: str, line: int) -> None:
        # Without any defined touchpoints, ids name channels implicitly.
        if touchpoints and tp_id not in touchpoints:
            error(
                f"unknown touchpoint '{tp_id}'{name_hint(tp_id, touchpoints)}; define it in "
                "the catalog or under 'touchpoints:'",
                line, rule="unknown-reference",
            )

    def check_stage(target: str, role: str, line: int) -> None:
        if target not in stage_ids and target != END_TARGET:
            error(f"unknown stage '{target}' in {role}{name_hint(target, stage_ids)}", line,
                  rule="unknown-reference")

    for stage in journey.stages:
        # Keys the block wrote, and those it took from the catalog that the
        # catalog's own check could not judge (a catalog with no actors or
        # touchpoints of its own): these are checked here, at the stage.
        own = set(stage.key_lines)
        if not catalog.actors:
            own |= {"owner", "responsible", "consulted", "informed"}
        if not catalog.touchpoints:
            own.add("touchpoints")
        if "owner" in own:
            check_actor(stage.owner, f"'owner' of stage '{stage.id}'", stage.line_of("owner"))
            owner = journey.actors.get(stage.owner or "")
            if owner is not None and owner.kind != "role" and "owner-not-role" not in skip:
                add(rule_severity("owner-not-role"), _not_role(stage, owner),
                    stage.line_of("owner"), rule="owner-not-role")
        if not stage.owner and "no-owner" not in skip:
            add(rule_severity("no-owner"),
                f"stage '{stage.id}' has no owner; add 'owner:' with the role accountable "
                "for it", stage.line, rule="no-owner")
        if not stage.sla and "missing-sla" not in skip:
            add(rule_severity("missing-sla"),
                f"stage '{stage.id}' has no time limit; add 'sla:' such as '48h' or "
                "'3 working days'", stage.line, rule="missing-sla")
        for role in ("responsible", "consulted", "informed"):
            for actor_id in getattr(stage, role) if role in own else ():
                check_actor(actor_id, f"'{role}' of stage '{stage.id}'", stage.line_of(role))
        for tp_id in stage.touchpoints if "touchpoints" in own else ():
            check_touchpoint(tp_id, stage.line_of("touchpoints"))
        for opportunity in stage.opportunities if "opportunities" in own else ():
            check_actor(opportunity.owner, f"the 'owner' of an opportunity of stage "
                        f"'{stage.id}'", opportunity.line)
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

    review = journey.review
    if review is not None:
        check_actor(review.owner, "the 'owner' of 'review'", review.key_lines.get(
            "owner", review.line))
        for actor_id in review.participants:
            check_actor(actor_id, "'with' of 'review'", review.key_lines.get("with", review.line))
    for stage in journey.stages if "pain-without-opportunity" not in skip else ():
        if stage.pain_count() and not stage.opportunities:
            report.info(
                f"stage '{stage.id}' has pain points but no opportunity; add an "
                "'opportunities' item that says what will change (even as an idea)",
                stage.line_of("pains"), "pain-without-opportunity",
            )
    if not report.has_errors:
        unreachable = unreachable_stages(journey)
        for stage in unreachable if "unreachable-stage" not in skip else ():
            add(
                rule_severity("unreachable-stage"),
                f"stage '{stage.id}' cannot be reached from the first stage; "
                "route to it with 'next' or a decision branch, or remove it",
                stage.line, rule="unreachable-stage",
            )
        unreached = {stage.id for stage in unreachable}  # reported as such, not twice
        for stage, loop in stages_without_way_out(journey) if "no-way-out" not in skip else ():
            if stage.id in unreached:
                continue
            through = ", ".join(f"'{s.id}'" for s in loop[:5]) + (", ..." if len(loop) > 5 else "")
            add(
                rule_severity("no-way-out"),
                f"no path leads from stage '{stage.id}' to the end of the journey (its paths "
                f"only loop through {through}); give the loop a way out: a decision branch "
                "or 'next' to a later stage, or to 'end'",
                stage.line, rule="no-way-out",
            )
    if "journey" in journey.views and not any(
        m.score is not None for s in journey.stages for m in s.messages
    ):
        warning(
            "the 'journey' view needs steps with 'score: 1-5'; add scores "
            "or remove 'journey' from 'views'",
            journey.line, rule="empty-view",
        )
    if "sequence" in journey.views and not journey.has_sequence_content():
        warning(
            "the 'sequence' view needs steps or stage owners to show; add steps "
            "or remove 'sequence' from 'views'",
            journey.line, rule="empty-view",
        )
    if not report.has_errors:
        report.items.extend(size_findings(journey, locale))
    return sorted(report.items, key=lambda d: d.line)


def review_findings(journey: Journey, today: date) -> list[Diagnostic]:
    """``review-overdue`` when the journey's next review is due before ``today``
    (the build date): found on every read, never kept with the block's result."""
    review = journey.review
    due = review.next_date() if review is not None else None
    if review is None or due is None or due >= today:
        return []
    return [Diagnostic(
        Severity.WARNING,
        f"the review of journey '{journey.id}' was due on {due.isoformat()} (last "
        f"{review.last}, every {review.every}); review it with the people named and set "
        f"'last' to the day you did",
        journey.file, review.line, "review-overdue",
    )]


def check_journey_links(journeys: Iterable[Journey]) -> list[Diagnostic]:
    """What only the whole site can tell: a ``detail`` or ``improves`` naming no
    journey of the site, and sub-journeys that contain themselves."""
    by_id: dict[str, Journey] = {}
    for journey in journeys:
        by_id.setdefault(journey.id, journey)
    found: list[Diagnostic] = []

    def unknown(journey: Journey, target: str, line: int, where: str) -> None:
        found.append(Diagnostic(
            Severity.ERROR,
            f"unknown journey '{target}' in {where}{name_hint(target, by_id)}; give the id "
            f"of a journey block of this site",
            journey.file, line, "unknown-reference",
        ))

    for journey in by_id.values():
        if journey.improves is not None:
            line = journey.key_lines.get("improves", journey.line)
            if journey.improves == journey.id:
                found.append(Diagnostic(
                    Severity.ERROR,
                    f"journey '{journey.id}' improves itself; name the as-is journey it "
                    "improves",
                    journey.file, line, "unknown-reference",
                ))
            elif journey.improves not in by_id:
                unknown(journey, journey.improves, line, "'improves'")
        for stage in journey.stages:
            if stage.detail is not None and stage.detail not in by_id:
                unknown(journey, stage.detail, stage.line_of("detail"),
                        f"'detail' of stage '{stage.id}'")
    found.extend(_detail_cycles(by_id))
    return found


def several_parents(parents: dict[str, list[tuple[Journey, Stage]]]) -> list[Diagnostic]:
    """A journey's page says which stage it is "Part of"; any page may claim a
    journey with ``detail``, so a second claim is reported, at each later one."""
    found = []
    for child, claims in parents.items():
        first_journey, first_stage = claims[0]
        for journey, stage in claims[1:]:
            found.append(Diagnostic(
                Severity.WARNING,
                f"'detail' of stage '{stage.id}' names journey '{child}', which stage "
                f"'{first_stage.id}' of journey '{first_journey.id}' "
                f"({first_journey.file}:{first_stage.line_of('detail')}) already draws in "
                "detail; a journey is part of one stage: remove this 'detail', or give the "
                "stage a sub-journey of its own",
                journey.file, stage.line_of("detail"), "detail-parents",
            ))
    return found


def _detail_cycles(by_id: dict[str, Journey]) -> list[Diagnostic]:
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
                    f"'detail' of stage '{stage.id}' makes a cycle of sub-journeys: "
                    f"{' → '.join(cycle)}; a journey cannot be drawn in detail by itself "
                    "or by one of its own sub-journeys",
                    by_id[journey_id].file, stage.line_of("detail"), "detail-cycle",
                ))
            elif target not in state:
                state[target] = True
                path.append(target)
                stack.append((target, details(target)))
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


def _not_role(stage: Stage, owner: Actor) -> str:
    return (
        f"stage '{stage.id}' is owned by '{owner.id}', a {owner.kind}, not a role; make the "
        f"accountable role its owner and name '{owner.id}' under 'responsible', 'consulted' "
        "or 'informed'"
    )


def rule_severity(rule_id: str) -> Severity:
    """A rule's default severity, for a finding that is reported at all
    (``off`` rules report as info; the site's ``rules:`` drops them later)."""
    level = RULES[rule_id].default
    return Severity(level) if level != "off" else Severity.INFO


def orphan_roles(catalog: Catalog, journeys: list[Journey]) -> list[Diagnostic]:
    """Each role of the catalog that owns nothing (no stage, opportunity or
    review), is in no RACI list or review and takes part in no step, in any of
    ``journeys`` or the catalog's stages."""
    used: set[str] = set()
    for journey in journeys:
        if journey.review is not None:  # who reviews the journey, and with whom
            used.update(filter(None, (journey.review.owner, *journey.review.participants)))
    for stage in [*catalog.stages.values(), *(s for j in journeys for s in j.stages)]:
        used.update(filter(None, (stage.owner, *stage.responsible, *stage.consulted,
                                  *stage.informed,
                                  *(o.owner for o in stage.opportunities))))
        for message in stage.messages:
            used.update((message.sender, message.receiver))
    return [
        Diagnostic(
            rule_severity("orphan-role"),
            f"role '{actor.id}' of the catalog owns no stage, is in no RACI list and takes "
            "part in no step of any journey; use it in a stage or a step, or remove it "
            "from the catalog",
            catalog.file or "<catalog>", actor.line, "orphan-role",
        )
        for actor in catalog.actors.values()
        if actor.kind == "role" and actor.id not in used
    ]


def size_findings(journey: Journey, locale: str) -> list[Diagnostic]:
    """Warn about views Mermaid would refuse to draw (very large journeys), and
    mark them on the journey so the page shows the reason instead.

    Measured with links of a typical length, since real links are only
    known per page; small journeys skip the measurement."""
    if len(journey.stages) + sum(len(s.steps) for s in journey.stages) < SIZE_CHECK_FROM:
        return []
    options = RenderOptions(locale=locale, stage_url=lambda sid: f"../../playbook/stages/{sid}/")
    found = []
    for view in [v for v in journey.views if v in MERMAID_VIEWS]:
        reason = next(filter(None, (too_large(view, source)
                                    for source, _ in diagram_parts(journey, view, options))), None)
        if reason:
            journey.too_large[view] = reason
            found.append(Diagnostic(
                Severity.WARNING,
                f"the '{view}' view of journey '{journey.id}' is too large to draw: "
                f"{reason}; split the journey into smaller ones",
                journey.file, journey.line, "diagram-too-large",
            ))
    return found


def check_catalog(catalog: Catalog) -> list[Diagnostic]:
    """Every name the catalog's stages use, checked against the catalog's own
    actors and touchpoints (when it defines any), used by a journey or not."""
    file = catalog.file or "<catalog>"
    report = Reporter(file, base_line=0)  # the model's lines are file lines
    actors, touchpoints = catalog.actors, catalog.touchpoints
    for stage in catalog.stages.values():
        if actors:
            for role in ("owner", "responsible", "consulted", "informed"):
                value = getattr(stage, role)
                for actor_id in [value] if isinstance(value, str) else value or []:
                    if actor_id not in actors:
                        report.error(
                            f"unknown actor '{actor_id}' in '{role}' of catalog stage "
                            f"'{stage.id}'{name_hint(actor_id, actors)}; define it under "
                            "the catalog's 'actors:'",
                            stage.line_of(role), rule="unknown-reference",
                        )
            owner = actors.get(stage.owner or "")
            if owner is not None and owner.kind != "role":
                report.add(rule_severity("owner-not-role"), _not_role(stage, owner),
                           stage.line_of("owner"), rule="owner-not-role")
        if touchpoints:
            for tp_id in stage.touchpoints:
                if tp_id not in touchpoints:
                    report.error(
                        f"unknown touchpoint '{tp_id}' in catalog stage '{stage.id}'"
                        f"{name_hint(tp_id, touchpoints)}; define it under the catalog's "
                        "'touchpoints:'",
                        stage.line_of("touchpoints"), rule="unknown-reference",
                    )
    return sorted(report.items, key=lambda d: d.line)


def playbook_size(playbook: Playbook, limit: int) -> Diagnostic | None:
    """An error when the playbook would add more pages than ``limit``,
    located at the journey that takes it over."""
    pages = 2 + len(playbook.stages) + len(playbook.touchpoints) + len(playbook.stage_roles())
    if pages <= limit:
        return None
    catalog_roles = (role_id for role_id, role in playbook.roles.items() if not any(
        role_id in record.journey.actors for record in playbook.journeys))
    seen: set[tuple[str, str]] = {
        *(("stage", s.id) for s in playbook.stages.values() if not s.uses),
        *(("touchpoint", t) for t, entry in playbook.touchpoints.items() if not entry.journeys),
        *(("role", r) for r in catalog_roles),
    }  # the catalog's own, which every playbook has
    culprit = playbook.journeys[-1].journey if playbook.journeys else None
    for record in playbook.journeys:
        journey = record.journey
        for stage in journey.stages:
            seen.add(("stage", stage.id))
            seen.update(("touchpoint", tp) for tp in stage.touchpoints_used())
        seen.update(("role", a.id) for a in journey.actors.values() if a.kind == "role")
        if 2 + len(seen) > limit:
            culprit = journey
            break
    return Diagnostic(
        Severity.ERROR,
        f"the playbook would add {pages} pages, over the limit of {limit} "
        f"({len(playbook.stages)} stages, {len(playbook.touchpoints)} touchpoints, "
        f"{len(playbook.stage_roles())} roles); no playbook is made. Share stage ids across "
        "journeys, or raise the 'max_playbook_pages' option",
        culprit.file if culprit else "<site>", culprit.line if culprit else 0, "limit",
    )
