"""Check one journey block, once read and filled from the catalog: every
name it uses, who owns its stages and in what time, pain points without an
opportunity, views with nothing to show; then its graph (:mod:`.graph`) and
the size of its views (:mod:`.size`), when nothing else is wrong.

Each finding is ``file:line: message`` with a close-match suggestion where
one is near, under the rule that found it. The severity a check gives is its
rule's default; the site's ``rules:`` may change it later.
"""

from __future__ import annotations

from collections.abc import Collection

from mkdocs_custflow.checks.data import check_journey_data
from mkdocs_custflow.checks.graph import graph_findings
from mkdocs_custflow.checks.rule import Rule
from mkdocs_custflow.checks.size import size_findings
from mkdocs_custflow.diagnostics import Diagnostic, Reporter, name_hint
from mkdocs_custflow.messages import Text, say
from mkdocs_custflow.reading.display_names import reference_hint
from mkdocs_custflow.renderers.systems_view import systems_map
from mkdocs_custflow.structure import Actor, Catalog, Journey, Message, Stage
from mkdocs_custflow.structure.journey import END_TARGET

UNKNOWN_REFERENCE = Rule(
    "unknown-reference", "error",
    "A name of an actor, touchpoint or stage that is not defined.",
    "An owner, a RACI list, a step, a 'via', a touchpoint list, a 'next' or a decision "
    "branch names an id that neither the block nor the catalog defines. Once any "
    "actor (or touchpoint) is defined, every id used must be. Fix the id (the message "
    "suggests the closest) or define it.", fixed=True,
)

OWNER_NOT_ROLE = Rule(
    "owner-not-role", "warning", "A stage owned by a customer, a system or a partner.",
    "The owner is the accountable role (the A of RACI): a person or team of the "
    "company, an actor of kind 'role'. Make a role the owner and name the others "
    "under 'responsible', 'consulted' or 'informed'.",
)

NO_OWNER = Rule(
    "no-owner", "off", "A stage with no owner.",
    "Nobody is accountable for the stage, so its playbook page names no owner and the "
    "RACI matrix has no A for it. Add 'owner:' (in the block or on the catalog's "
    "stage).",
)

MISSING_SLA = Rule(
    "missing-sla", "off", "A stage with no time limit.",
    "The stage has no 'sla', so the playbook cannot say how long it may take. Add "
    "'sla:' such as '48h' or '3 working days'.",
)

PAIN_WITHOUT_OPPORTUNITY = Rule(
    "pain-without-opportunity", "info", "A stage with pain points but no opportunity.",
    "The stage names what hurts the customer but not what will change. Add an "
    "'opportunities' item, even as an idea, so the improvement has an owner and a "
    "status on the pain points page.",
)

EMPTY_VIEW = Rule(
    "empty-view", "warning", "A view that has nothing to show.",
    "The 'journey' view needs steps with 'score: 1-5'; the 'sequence' view needs steps "
    "or stage owners. Add them, or remove the view from 'views'.",
)

OWN_RULES = (UNKNOWN_REFERENCE, OWNER_NOT_ROLE, NO_OWNER, MISSING_SLA, PAIN_WITHOUT_OPPORTUNITY,
             EMPTY_VIEW)


def check_journey(
    journey: Journey, catalog: Catalog, locale: str = "en", skip: Collection[str] = ()
) -> list[Diagnostic]:
    """Every finding about a resolved journey, in source order, but for the
    rules in ``skip`` (those the site turned off). Values the journey took from
    the catalog are not checked here: the catalog's own check reports them, at
    the catalog's line."""
    report = Reporter(journey.file, base_line=0, locale=locale)  # the model's lines: file lines
    error, warning, add = report.error, report.warning, report.add

    stage_ids = [stage.id for stage in journey.stages]
    touchpoints = journey.touchpoints  # resolved: the catalog's plus the block's own

    def check_actor(actor_id: str | None, role: Text, line: int) -> None:
        if actor_id is not None and actor_id not in journey.actors:
            error(say("block.unknown-actor", actor=actor_id, where=role,
                      hint=reference_hint(actor_id, journey.actors)),
                  line, rule="unknown-reference")

    def check_touchpoint(tp_id: str, line: int) -> None:
        # Without any defined touchpoints, ids name channels implicitly.
        if touchpoints and tp_id not in touchpoints:
            error(say("block.unknown-touchpoint", touchpoint=tp_id,
                      hint=reference_hint(tp_id, touchpoints)), line, rule="unknown-reference")

    def check_stage(target: str, role: Text, line: int) -> None:
        if target not in stage_ids and target != END_TARGET:
            error(say("block.unknown-stage", target=target, where=role,
                      hint=name_hint(target, stage_ids)), line, rule="unknown-reference")

    def of(key: str, stage: Stage) -> Text:
        return say("where.stage-key", key=key, stage=stage.id)

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
            check_actor(stage.owner, of("owner", stage), stage.line_of("owner"))
            owner = journey.actors.get(stage.owner or "")
            if owner is not None and owner.kind != "role" and "owner-not-role" not in skip:
                add(OWNER_NOT_ROLE.severity, not_role(stage, owner),
                    stage.line_of("owner"), rule="owner-not-role")
        if not stage.owner and "no-owner" not in skip:
            add(NO_OWNER.severity, say("block.no-owner", stage=stage.id), stage.line,
                rule="no-owner")
        if not stage.sla and "missing-sla" not in skip:
            add(MISSING_SLA.severity, say("block.missing-sla", stage=stage.id), stage.line,
                rule="missing-sla")
        for role in ("responsible", "consulted", "informed"):
            for actor_id in getattr(stage, role) if role in own else ():
                check_actor(actor_id, of(role, stage), stage.line_of(role))
        for tp_id in stage.touchpoints if "touchpoints" in own else ():
            check_touchpoint(tp_id, stage.line_of("touchpoints"))
        for opportunity in stage.opportunities if "opportunities" in own else ():
            check_actor(opportunity.owner, say("where.opportunity-owner", stage=stage.id),
                        opportunity.line)
        for target in stage.next or []:
            check_stage(target, of("next", stage), stage.line_of("next"))
        for step in stage.steps:
            if isinstance(step, Message):
                check_actor(step.sender, say("where.step"), step.line)
                check_actor(step.receiver, say("where.step"), step.line)
                if step.via:
                    check_touchpoint(step.via, step.line)
            elif hasattr(step, "branches"):
                for branch in step.branches:
                    check_stage(branch.target, say("where.branch", label=branch.label),
                                branch.line)

    review = journey.review
    if review is not None:
        check_actor(review.owner, say("where.review-owner"), review.key_lines.get(
            "owner", review.line))
        for actor_id in review.participants:
            check_actor(actor_id, say("where.review-with"),
                        review.key_lines.get("with", review.line))
    for stage in journey.stages if "pain-without-opportunity" not in skip else ():
        if stage.pain_count() and not stage.opportunities:
            report.info(say("block.pain-without-opportunity", stage=stage.id),
                        stage.line_of("pains"), "pain-without-opportunity")
    report.items.extend(check_journey_data(journey, catalog, skip, locale))
    if not report.has_errors:
        report.items.extend(graph_findings(journey, skip, locale))
    if "journey" in journey.views and not any(
        m.score is not None for s in journey.stages for m in s.messages
    ):
        warning(say("block.empty-journey-view"), journey.line, rule="empty-view")
    if "sequence" in journey.views and not journey.has_sequence_content():
        warning(say("block.empty-sequence-view"), journey.line, rule="empty-view")
    if "systems" in journey.views and not systems_map(journey, catalog.data).uses:
        warning(say("block.empty-systems-view"), journey.line, rule="empty-view")
    if not report.has_errors:
        report.items.extend(size_findings(journey, locale))
    return sorted(report.items, key=lambda d: d.line)


def not_role(stage: Stage, owner: Actor) -> Text:
    return say("block.owner-not-role", stage=stage.id, owner=owner.id,
               kind=say(f"kind.{owner.kind or 'role'}"))
