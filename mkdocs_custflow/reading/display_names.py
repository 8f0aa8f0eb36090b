"""Actors and touchpoints named as writers name them: by their display name.

A Chinese team writes ``owner: 客服专员`` as often as ``owner: service``: the
name it reads on every page rather than the id the catalog gave the role.
Once a journey is filled from the catalog (:mod:`.resolve`), a reference
that is no id but exactly one actor's (or touchpoint's) name is read as that
id. A reference that is neither is left for the checks, which suggest the id
of the closest id or name (:func:`reference_hint`).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from mkdocs_custflow.diagnostics import known_list
from mkdocs_custflow.messages import Text, say
from mkdocs_custflow.structure import Catalog, Journey
from mkdocs_custflow.structure.journey import Message, Stage


def _by_name(named: Mapping[str, object]) -> dict[str, str]:
    """Display name -> id, for names that exactly one entry has and no entry
    has as its id (an id always means itself)."""
    seen: dict[str, list[str]] = {}
    for entry_id, entry in named.items():
        name = (getattr(entry, "name", "") or "").strip()
        if name and name not in named:
            seen.setdefault(name, []).append(entry_id)
    return {name: ids[0] for name, ids in seen.items() if len(ids) == 1}


def read_display_names(journey: Journey) -> None:
    """Replace, in place, every actor and touchpoint reference of ``journey``
    written as a display name by its id."""
    names = _Names(journey.actors, journey.touchpoints)
    for stage in journey.stages:
        names.stage(stage)
    review = journey.review
    if review is not None:
        review.owner = names.actor(review.owner)
        review.participants = names.actors(review.participants)


def read_catalog_display_names(catalog: Catalog) -> None:
    """The same for the catalog's own stages, against its actors and touchpoints."""
    names = _Names(catalog.actors, catalog.touchpoints)
    for stage in catalog.stages.values():
        names.stage(stage)


class _Names:
    def __init__(self, actors: Mapping[str, object], touchpoints: Mapping[str, object]) -> None:
        self.actor_ids, self.touchpoint_ids = actors, touchpoints
        self.actor_names, self.touchpoint_names = _by_name(actors), _by_name(touchpoints)

    def actor(self, value: str | None) -> str | None:
        if not value or value in self.actor_ids:
            return value
        return self.actor_names.get(value.strip(), value)

    def actors(self, values: list[str]) -> list[str]:
        return [self.actor(value) or value for value in values]

    def touchpoint(self, value: str) -> str:
        if value in self.touchpoint_ids:
            return value
        return self.touchpoint_names.get(value.strip(), value)

    def stage(self, stage: Stage) -> None:
        stage.owner = self.actor(stage.owner)
        stage.responsible = self.actors(stage.responsible)
        stage.consulted = self.actors(stage.consulted)
        stage.informed = self.actors(stage.informed)
        stage.touchpoints = [self.touchpoint(value) for value in stage.touchpoints]
        for opportunity in stage.opportunities:
            opportunity.owner = self.actor(opportunity.owner)
        for step in stage.steps:
            if isinstance(step, Message):
                step.sender = self.actor(step.sender) or step.sender
                step.receiver = self.actor(step.receiver) or step.receiver
                if step.via:
                    step.via = self.touchpoint(step.via)


def reference_hint(name: str, named: Mapping[str, object]) -> Text:
    """The end of an "unknown ..." message: the id whose id or display name is
    closest to ``name`` (``(did you mean 'service' (客服专员)?)``), else the
    known ids."""
    ids = sorted(named)
    labels = {
        (getattr(entry, "name", "") or "").strip(): entry_id for entry_id, entry in named.items()
    }
    labels.pop("", None)
    close = difflib.get_close_matches(name, ids, n=1, cutoff=0.6)
    if close:
        return say("hint.did-you-mean", name=close[0])
    close = difflib.get_close_matches(name.strip(), sorted(labels), n=1, cutoff=0.5)
    if close:
        return say("hint.did-you-mean-named", id=labels[close[0]], name=close[0])
    return known_list(ids)
