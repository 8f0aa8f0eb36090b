"""The site catalog: actors, touchpoints and stages shared by every journey."""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs_custflow.structure.journey import Actor, Stage
from mkdocs_custflow.structure.systems import DataItem


@dataclass(slots=True)
class Touchpoint:
    """A channel where the customer meets the company (website, hotline...)."""

    id: str
    name: str
    channel: str | None = None
    description: str | None = None
    line: int = 0


@dataclass(slots=True)
class Catalog:
    actors: dict[str, Actor] = field(default_factory=dict)
    touchpoints: dict[str, Touchpoint] = field(default_factory=dict)
    stages: dict[str, Stage] = field(default_factory=dict)
    data: dict[str, DataItem] = field(default_factory=dict)
    file: str | None = None
