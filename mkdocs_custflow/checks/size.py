"""Size: a journey's views that Mermaid would refuse to draw, and a
playbook of too many pages. The ``limit`` rule is declared here too: the
reader raises it for a block, or its expansion, over a size limit.

The checks only measure: a view too large to draw is reported, and
:func:`oversized_views` tells whoever draws the journey (the pipeline) which
views to replace with a notice; the journey itself is left as read.
"""

from __future__ import annotations

from mkdocs_custflow.checks.rule import Rule
from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.playbook.model import Playbook
from mkdocs_custflow.renderers.html import MERMAID_VIEWS, diagram_parts, too_large
from mkdocs_custflow.renderers.options import RenderOptions, SiteLinks
from mkdocs_custflow.structure import Journey

LIMIT = Rule(
    "limit", "error", "A block, its expansion or the playbook is over a size limit.",
    "A block longer than 'max_block_chars', expanding to more YAML values than "
    "'max_yaml_nodes' or more text than 'max_expanded_chars' (aliases and template "
    "values count each time they are used), nested deeper than 40 levels, or a "
    "playbook of more pages than 'max_playbook_pages'. Split the journey, or raise "
    "the option for a really large one.", fixed=True,
)

DIAGRAM_TOO_LARGE = Rule(
    "diagram-too-large", "warning", "A view too large for Mermaid to draw.",
    "Mermaid refuses diagrams over 50,000 characters or 500 arrows; the page shows a "
    "notice instead of that view. Split the journey into smaller ones.",
)

OWN_RULES = (LIMIT, DIAGRAM_TOO_LARGE)

SIZE_CHECK_FROM = 150
"""Stages plus steps from which a journey's views are measured: below, no
view comes near Mermaid's limits."""


def oversized_views(journey: Journey, locale: str) -> dict[str, str]:
    """Each view of the journey Mermaid would refuse to draw, with the reason.

    Measured with links of a typical length, since real links are only
    known per page; small journeys skip the measurement."""
    if len(journey.stages) + sum(len(s.steps) for s in journey.stages) < SIZE_CHECK_FROM:
        return {}
    options = RenderOptions(locale=locale, links=_TYPICAL_LINKS)
    found = {}
    for view in [v for v in journey.views if v in MERMAID_VIEWS]:
        reason = next(filter(None, (too_large(view, source, locale)
                                    for source, _ in diagram_parts(journey, view, options))), None)
        if reason:
            found[view] = reason
    return found


def size_findings(journey: Journey, locale: str) -> list[Diagnostic]:
    """Warn about views Mermaid would refuse to draw (very large journeys):
    the page shows the reason instead (:func:`oversized_views`)."""
    return [
        Diagnostic(
            Severity.WARNING,
            text_in(locale, "size.view-too-large", view=view, journey=journey.id,
                    reason=reason),
            journey.file, journey.line, "diagram-too-large",
        )
        for view, reason in oversized_views(journey, locale).items()
    ]


def playbook_size(playbook: Playbook, limit: int, locale: str = "en") -> Diagnostic | None:
    """An error when the playbook would add more pages than ``limit``,
    located at the journey that takes it over."""
    systems = playbook.systems
    system_pages = (2 + len(systems.systems) + len(systems.data)
                    if systems is not None and (systems.systems or systems.data) else 0)
    pages = (2 + len(playbook.stages) + len(playbook.touchpoints) + len(playbook.stage_roles())
             + system_pages)
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
        text_in(locale, "size.playbook", pages=pages, limit=limit, stages=len(playbook.stages),
                touchpoints=len(playbook.touchpoints), roles=len(playbook.stage_roles())),
        culprit.file if culprit else "<site>", culprit.line if culprit else 0, "limit",
    )


class _TypicalLinks(SiteLinks):
    """Links of a typical length, to measure a diagram as a page draws it."""

    signature = "typical"

    def stage(self, stage_id: str, page: str) -> str | None:
        return f"../../playbook/stages/{stage_id}/"


_TYPICAL_LINKS = _TypicalLinks()
