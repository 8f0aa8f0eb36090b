"""Whether a site describes its systems and data at all (spec 18): above the
catalog and the journey, which it reads."""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs_custflow.structure.catalog import Catalog
from mkdocs_custflow.structure.journey import Journey


def describes_systems(catalog: Catalog, journeys: Iterable[Journey]) -> bool:
    """Whether a site writes its systems and data at all: data items, a
    system's layer, owner or integrations, or a stage's data. Only such a site
    gets the architecture, system and data pages, and is told of systems it
    does not use."""
    if catalog.data:
        return True
    actors = [*catalog.actors.values(), *(a for j in journeys for a in j.actors.values())]
    if any(a.kind == "system" and (a.layer or a.owner or a.integrates) for a in actors):
        return True
    return any(stage.data for j in journeys for stage in j.stages)
