"""The catalog: every name its stages use, checked against its own actors
and touchpoints, and (across the whole site) its roles that no journey
gives anything to do. ``bad-handle`` is the catalog reader's
(:mod:`.reading`).
"""

from __future__ import annotations

from mkdocs_custflow.checks.block import OWNER_NOT_ROLE, not_role
from mkdocs_custflow.checks.data import check_catalog_data, data_across
from mkdocs_custflow.checks.rule import Rule
from mkdocs_custflow.diagnostics import Diagnostic, Reporter
from mkdocs_custflow.messages import say, text_in
from mkdocs_custflow.reading.display_names import reference_hint
from mkdocs_custflow.structure import Catalog, Journey

ORPHAN_ROLE = Rule(
    "orphan-role", "info", "A catalog role that no journey gives anything to do.",
    "The catalog defines the role, but it owns no stage, is in no RACI list, and takes "
    "part in no step of any journey of the site or stage of the catalog. Use it, or "
    "remove it from the catalog. Reported only when the whole site is read.",
)

OWN_RULES = (ORPHAN_ROLE,)


def check_catalog(catalog: Catalog, locale: str = "en") -> list[Diagnostic]:
    """Every name the catalog's stages use, checked against the catalog's own
    actors and touchpoints (when it defines any), used by a journey or not."""
    file = catalog.file or "<catalog>"
    report = Reporter(file, base_line=0, locale=locale)  # the model's lines are file lines
    actors, touchpoints = catalog.actors, catalog.touchpoints
    for stage in catalog.stages.values():
        if actors:
            for role in ("owner", "responsible", "consulted", "informed"):
                value = getattr(stage, role)
                for actor_id in [value] if isinstance(value, str) else value or []:
                    if actor_id not in actors:
                        report.error(
                            say("catalog.unknown-actor", actor=actor_id, key=role,
                                stage=stage.id, hint=reference_hint(actor_id, actors)),
                            stage.line_of(role), rule="unknown-reference",
                        )
            owner = actors.get(stage.owner or "")
            if owner is not None and owner.kind != "role":
                report.add(OWNER_NOT_ROLE.severity, not_role(stage, owner),
                           stage.line_of("owner"), rule="owner-not-role")
        if touchpoints:
            for tp_id in stage.touchpoints:
                if tp_id not in touchpoints:
                    report.error(
                        say("catalog.unknown-touchpoint", touchpoint=tp_id, stage=stage.id,
                            hint=reference_hint(tp_id, touchpoints)),
                        stage.line_of("touchpoints"), rule="unknown-reference",
                    )
    return sorted([*report.items, *check_catalog_data(catalog, locale)], key=lambda d: d.line)


def orphan_roles(
    catalog: Catalog, journeys: list[Journey], locale: str = "en"
) -> list[Diagnostic]:
    """Each role of the catalog that owns nothing (no stage, opportunity or
    review), is in no RACI list or review and takes part in no step, in any of
    ``journeys`` or the catalog's stages."""
    used: set[str] = set()
    # Owning a system or a data item, or being trusted with personal data, is work.
    used.update(a.owner for a in catalog.actors.values() if a.owner)
    used.update(i for item in catalog.data.values() for i in (item.owner, *item.access) if i)
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
            ORPHAN_ROLE.severity,
            text_in(locale, "catalog.orphan-role", id=actor.id),
            catalog.file or "<catalog>", actor.line, "orphan-role",
        )
        for actor in catalog.actors.values()
        if actor.kind == "role" and actor.id not in used
    ]


def catalog_unused(
    catalog: Catalog, journeys: list[Journey], locale: str = "en"
) -> list[Diagnostic]:
    """What of the catalog the whole site leaves unused or unexplained: roles
    with nothing to do, data read but collected nowhere, systems no journey
    uses (:mod:`.data`)."""
    return [*orphan_roles(catalog, journeys, locale), *data_across(catalog, journeys, locale)]
