"""A journey as the playbook holds it: the journey and where its block is.

Its own module, below the playbook's model and the systems gathered from the
same journeys (:mod:`.systems_model`), which both name it.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs_custflow.structure.journey import Journey


@dataclass(eq=False)  # compared by identity: fast, and two records are never equal
class JourneyRecord:
    """A journey and its home: the block's anchor in the page that holds it."""

    journey: Journey
    page: str  # source path of the page, relative to docs/ (``guide/sales.md``)
    anchor: str
    block_text: str = ""
    """The block as written: with the page and anchor it decides everything the
    playbook pages show of the journey (its line numbers aside)."""
