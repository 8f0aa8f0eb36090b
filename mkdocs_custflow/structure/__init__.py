"""The journey model: plain data, no MkDocs, no YAML, no Mermaid."""

from mkdocs_custflow.structure.catalog import Catalog, Touchpoint
from mkdocs_custflow.structure.journey import (
    ACTOR_KINDS,
    DIRECTIONS,
    VIEWS,
    Actor,
    Branch,
    Decision,
    Journey,
    Link,
    Message,
    Note,
    Stage,
    Step,
)

__all__ = [
    "ACTOR_KINDS",
    "DIRECTIONS",
    "VIEWS",
    "Actor",
    "Branch",
    "Catalog",
    "Decision",
    "Journey",
    "Link",
    "Message",
    "Note",
    "Stage",
    "Step",
    "Touchpoint",
]
