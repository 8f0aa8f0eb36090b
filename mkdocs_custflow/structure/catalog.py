"""The site catalog: actors, touchpoints and stages shared by every journey."""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs_custflow.structure.journey import Actor, Stage, Touchpoint


@dataclass(slots=True)
class Catalog:
    actors: dict[str, Actor] = field(default_factory=dict)
    touchpoints: dict[str, Touchpoint] = field(default_factory=dict)
    stages: dict[str, Stage] = field(default_factory=dict)
    file: str | None = None
