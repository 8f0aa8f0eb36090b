"""What renderers may vary on besides the journey itself."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from mkdocs_custflow.measured.data import MeasuredData
from mkdocs_custflow.structure import DataItem, Journey


@dataclass(frozen=True)
class JourneyRef:
    """Another journey of the site, as a page links to it."""

    id: str
    title: str
    url: str | None = None
    """Relative to the current page, with the block's anchor."""
    journey: Journey | None = field(default=None, compare=False)
    """Its model, so a to-be journey can show what it changes against it."""


@dataclass(frozen=True)
class PartOf:
    """A stage that a journey draws in detail (its ``detail:`` names the journey)."""

    journey: JourneyRef
    stage_id: str
    stage_name: str


class SiteLinks:
    """What a host knows of the site's pages in one build: where the playbook's
    pages are and where each journey's block is, as seen from a page. Equal
    (and hashed) by class and ``signature``, which changes whenever a link it
    gives could, but for the links of one journey to others
    (:meth:`journey_key`): those decide only that journey's blocks. This base
    links nothing; a host overrides what it knows."""

    signature = ""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.signature == self.signature  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.signature))

    def stage(self, stage_id: str, page: str) -> str | None:
        return None

    def actor(self, actor_id: str, page: str) -> str | None:
        return None

    def touchpoint(self, touchpoint_id: str, page: str) -> str | None:
        return None

    def system(self, system_id: str, page: str) -> str | None:
        return None

    def data(self, data_id: str, page: str) -> str | None:
        return None

    def in_diagram(self, url: str, page: str) -> str:
        """How a link is written inside a diagram: as in HTML, except on a host
        that resolves HTML links from the Markdown file (Zensical), which
        leaves Mermaid's text alone."""
        return url

    def journey(self, journey_id: str, page: str) -> JourneyRef | None:
        return None

    def part_of(self, journey_id: str, page: str) -> Sequence[PartOf]:
        return ()

    def journey_key(self, journey: Journey) -> str:
        """What of the other journeys this journey's block shows (titles and
        pages of its sub-journeys, what it improves, what it is part of)."""
        return ""


@dataclass(frozen=True)
class RenderOptions:
    """What a block's output may vary on besides the journey: plain values,
    equal and hashed by value, so one key says whether output can be reused.
    ``locale`` picks the plugin's own words; ``links`` (with ``page``, the
    page being converted as the links name it) gives the URLs of the
    playbook's pages and other journeys, so diagram nodes and table cells can
    link to them."""

    locale: str = "en"
    today: date | None = None
    """The build date, against which a review shows as overdue."""
    teams: tuple[str, ...] = ()
    """The site's teams in colour order (``colours.team_order``); empty for a
    block converted on its own."""
    measured: MeasuredData | None = field(default=None, compare=False)
    """The site's measured data (flow and KPI history), when it has any."""
    page: str = ""
    links: SiteLinks | None = None
    memo: bool = False
    """Keep each block's HTML for these options (``mkdocs serve`` converts the
    same pages again and again)."""
    data_items: Mapping[str, DataItem] | None = field(default=None, compare=False)
    """The catalog's data items (names, personal or not, where held), for the
    ``systems`` view; the pipeline gives its catalog's when None."""

    def stage_url(self, stage_id: str) -> str | None:
        return self.links.stage(stage_id, self.page) if self.links else None

    def actor_url(self, actor_id: str) -> str | None:
        return self.links.actor(actor_id, self.page) if self.links else None

    def touchpoint_url(self, touchpoint_id: str) -> str | None:
        return self.links.touchpoint(touchpoint_id, self.page) if self.links else None

    def system_url(self, system_id: str) -> str | None:
        return self.links.system(system_id, self.page) if self.links else None

    def data_url(self, data_id: str) -> str | None:
        return self.links.data(data_id, self.page) if self.links else None

    def diagram_url(self, url: str) -> str:
        return self.links.in_diagram(url, self.page) if self.links else url

    def journey_ref(self, journey_id: str) -> JourneyRef | None:
        """Another journey of the site by id (its title and URL), for
        sub-journey and ``improves`` links; None on a page converted alone."""
        return self.links.journey(journey_id, self.page) if self.links else None

    def part_of(self, journey_id: str) -> Sequence[PartOf]:
        """The stages a journey (by id) is a sub-journey of."""
        return self.links.part_of(journey_id, self.page) if self.links else ()


def site_options(
    options: RenderOptions | None, locale: str, today: date | None,
    data_items: Mapping[str, DataItem], measured: MeasuredData | None = None,
) -> RenderOptions:
    """The options a block is drawn with: those given (else the site's
    language and build date), with the catalog's data items when they have
    none (the ``systems`` view names data by them), and the site's measured
    data when they have none (every face draws the measured views alike)."""
    options = options or RenderOptions(locale=locale, today=today)
    if options.data_items is None and data_items:
        options = dataclasses.replace(options, data_items=data_items)
    if options.measured is None and measured is not None:
        options = dataclasses.replace(options, measured=measured)
    return options
