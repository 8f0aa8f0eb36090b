"""Fill a journey from the site catalog.

Resolution fills what a block leaves empty from the catalog (an actor's
name and kind, a shared stage's owner, KPIs...). The block's own values win.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TypeVar

from mkdocs_custflow.reading.display_names import read_catalog_display_names, read_display_names
from mkdocs_custflow.structure import Actor, Catalog, Journey
from mkdocs_custflow.structure.ids import humanize

T = TypeVar("T")


def complete_actor(actor: Actor) -> None:
    """A readable name and a kind for an actor that names neither."""
    actor.name = actor.name or humanize(actor.id)
    actor.kind = actor.kind or ("customer" if actor.id == "customer" else "role")


def complete_catalog(catalog: Catalog) -> Catalog:
    """Fill the catalog's own defaults once, as it is read: its entries are
    shared by every journey (and by the block cache), never changed after."""
    for actor in catalog.actors.values():
        complete_actor(actor)
    for touchpoint in catalog.touchpoints.values():
        touchpoint.name = touchpoint.name or humanize(touchpoint.id)
    read_catalog_display_names(catalog)
    return catalog


def resolve(journey: Journey, catalog: Catalog) -> None:
    """Complete ``journey`` in place from ``catalog`` (the block's own values win).
    The catalog's entries are shared, never changed (see :func:`complete_catalog`)."""
    # Catalog entries are shared, not copied: every journey of a large site
    # would otherwise carry its own copy of the whole catalog.
    actors: dict[str, Actor] = dict(catalog.actors)
    for actor_id, own in journey.actors.items():
        base_actor = actors.get(actor_id)
        actors[actor_id] = _fill(own, base_actor) if base_actor else own
    if not actors:  # a quick sketch with no actors anywhere: the ids name them
        for actor_id in _used_actor_ids(journey):
            actors[actor_id] = Actor(id=actor_id, name="", kind="")
    for actor_id, actor in actors.items():
        if actor is not catalog.actors.get(actor_id):
            complete_actor(actor)
    journey.actors = actors
    for index, stage in enumerate(journey.stages):
        shared_stage = catalog.stages.get(stage.id)
        if shared_stage is not None:
            own_kpis = bool(stage.kpis)
            stage = _fill(stage, shared_stage, keep=("steps", "next", "line", "key_lines"))
            if journey.state == "to-be" and not own_kpis:
                # The catalog's values are measured on today's journey: the
                # to-be keeps the targets, not a value it never claimed.
                stage.kpis = [dataclasses.replace(kpi, current=None) for kpi in stage.kpis]
            journey.stages[index] = stage
        stage.name = stage.name or humanize(stage.id)
    touchpoints = dict(catalog.touchpoints)
    for tp_id, own_tp in journey.touchpoints.items():
        base_tp = touchpoints.get(tp_id)
        touchpoints[tp_id] = _fill(own_tp, base_tp) if base_tp else own_tp
    for tp_id, touchpoint in touchpoints.items():
        if touchpoint is not catalog.touchpoints.get(tp_id):
            touchpoint.name = touchpoint.name or humanize(touchpoint.id)
    journey.touchpoints = touchpoints
    read_display_names(journey)
    if not journey.views_given and not journey.has_sequence_content():
        journey.views = [view for view in journey.views if view != "sequence"]


def _used_actor_ids(journey: Journey) -> list[str]:
    ids: dict[str, None] = {}
    for stage in journey.stages:
        for actor_id in [stage.owner, *stage.responsible, *stage.consulted, *stage.informed]:
            if actor_id:
                ids.setdefault(actor_id, None)
        for message in stage.messages:
            ids.setdefault(message.sender, None)
            ids.setdefault(message.receiver, None)
        for opportunity in stage.opportunities:
            if opportunity.owner:
                ids.setdefault(opportunity.owner, None)
    if journey.review is not None:
        for actor_id in [journey.review.owner, *journey.review.participants]:
            if actor_id:
                ids.setdefault(actor_id, None)
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
