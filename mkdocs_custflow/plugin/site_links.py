"""The links of one MkDocs build, as renderers ask for them: the playbook's
pages and each journey's block, seen from the page being converted."""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs_custflow.playbook.layout import PlaybookLayout
from mkdocs_custflow.plugin.journey_links import JourneyLinks
from mkdocs_custflow.plugin.playbook_files import PlaybookFiles
from mkdocs_custflow.renderers.options import JourneyRef, PartOf, SiteLinks
from mkdocs_custflow.structure import Journey


class BuildLinks(SiteLinks):
    """One build's links (``page``: the page's URL in the site). Equal, and
    hashed, by the signature it was made with: the playbook's pages and their
    URLs, so output kept from an earlier build is reused only while they are
    the same."""

    def __init__(self, files: PlaybookFiles, layout: PlaybookLayout,
                 journeys: JourneyLinks) -> None:
        self.files, self.layout, self.journeys = files, layout, journeys
        self.signature = f"{layout.directory}\n{files.signature}"

    def stage(self, stage_id: str, page: str) -> str | None:
        return self.files.url(self.layout.stage(stage_id), page)

    def actor(self, actor_id: str, page: str) -> str | None:
        return self.files.url(self.layout.role(actor_id), page)

    def touchpoint(self, touchpoint_id: str, page: str) -> str | None:
        return self.files.url(self.layout.touchpoint(touchpoint_id), page)

    def system(self, system_id: str, page: str) -> str | None:
        return self.files.url(self.layout.system(system_id), page)

    def data(self, data_id: str, page: str) -> str | None:
        return self.files.url(self.layout.data(data_id), page)

    def journey(self, journey_id: str, page: str) -> JourneyRef | None:
        return self.journeys.ref(journey_id, page)

    def part_of(self, journey_id: str, page: str) -> Sequence[PartOf]:
        return self.journeys.part_of(journey_id, page)

    def journey_key(self, journey: Journey) -> str:
        return self.journeys.key_for(journey)
