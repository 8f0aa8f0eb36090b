"""What reading a site gives: each block's result, where it is written, each
journey's page, and the playbook they make."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.playbook.model import JourneyRecord, Playbook
from mkdocs_custflow.reading.fences import Fence
from mkdocs_custflow.reading.includes import Locate
from mkdocs_custflow.renderers.html import Part
from mkdocs_custflow.structure import Journey, Stage
from mkdocs_custflow.structure.ids import anchor


@dataclass
class BlockResult:
    """A read block: its journey (None when it has errors) and its findings."""

    journey: Journey | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    html: dict[Hashable, list[Part]] = field(default_factory=dict, repr=False)
    """The block's rendered pieces by :func:`~mkdocs_custflow.cache.render_key`
    (``mkdocs serve`` keeps them)."""

    @property
    def ok(self) -> bool:
        return self.journey is not None

    @property
    def journey_id(self) -> str | None:
        return self.journey.id if self.journey is not None else None


@dataclass(frozen=True)
class SourcePage:
    """A page of the site: its path in the docs folder, its Markdown, and how
    messages name its file."""

    path: str
    text: str
    shown: str


@dataclass(frozen=True)
class BlockPlace:
    """Where a block read from a page is written: its body, the file and the
    line of its first body line (an included file's, for an included block)."""

    body: str
    file: str
    line: int


@dataclass(frozen=True)
class JourneyHome:
    """Where a journey's block is: its page (path in the docs folder)."""

    journey: Journey
    page: str

    @property
    def anchor(self) -> str:
        return anchor(self.journey.id)


@dataclass
class SiteReading:
    """Every block of a site, the playbook they make, and every finding."""

    blocks: list[tuple[SourcePage, Fence, BlockResult]]
    records: list[JourneyRecord]
    playbook: Playbook | None
    findings: list[Diagnostic]
    teams: tuple[str, ...] = ()
    """The site's teams in colour order: each keeps its colour on every page."""
    places: dict[str, list[BlockPlace]] = field(default_factory=dict)
    """Each page read (by its path): its blocks and where they are written."""
    homes: dict[str, JourneyHome] = field(default_factory=dict)
    """Every journey read without errors, by id (the first block of an id)."""
    parents: dict[str, list[tuple[Journey, Stage]]] = field(default_factory=dict)
    """Sub-journey id -> the playbook's journeys and stages that it draws in detail."""

    def locator(self, page_path: str) -> Locate:
        """Finds a block of the page, as the build converts it, among the
        blocks read here: where it is written, or None for a block this
        reading never saw (another plugin put it on the page)."""
        remaining: dict[str, list[BlockPlace]] = {}
        for place in self.places.get(page_path, []):
            remaining.setdefault(place.body, []).append(place)

        def locate(fence: Fence) -> tuple[str, int] | None:
            found = remaining.get(fence.body)
            if not found:
                return None
            place = found.pop(0) if len(found) > 1 else found[0]
            return place.file, place.line - fence.body_start - 1

        return locate



def sub_journey_parents(homes: dict[str, JourneyHome]) -> dict[str, list[tuple[Journey, Stage]]]:
    """Each sub-journey's parents: the playbook's journeys and stages that
    draw it in detail."""
    parents: dict[str, list[tuple[Journey, Stage]]] = {}
    for home in homes.values():
        if not home.journey.in_playbook:
            continue  # another view of a journey (playbook: false) is not its parent
        for stage in home.journey.stages:
            if stage.detail in homes and stage.detail != home.journey.id:
                parents.setdefault(stage.detail, []).append((home.journey, stage))
    return parents
