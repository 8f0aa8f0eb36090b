"""Links from one journey's block to another's on the built site: a stage's
sub-journey (``detail:``), the way back ("part of"), and the journey a
to-be one ``improves``."""

from __future__ import annotations

from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from mkdocs_custflow.pipeline import JourneyHome, SiteReading
from mkdocs_custflow.renderers.options import JourneyRef, PartOf
from mkdocs_custflow.structure import Journey


class JourneyLinks:
    """Where each journey's block is, kept from the site's reading for the
    pages converted after it."""

    def __init__(self) -> None:
        self.homes: dict[str, JourneyHome] = {}
        self.parents: dict[str, list[PartOf]] = {}
        self._files: Files | None = None

    def update(self, reading: SiteReading, files: Files) -> None:
        self.homes, self._files = reading.homes, files
        self.parents = {
            child: [
                PartOf(JourneyRef(journey.id, journey.title), stage.id, stage.name)
                for journey, stage in uses
            ]
            for child, uses in reading.parents.items()
        }

    def key_for(self, journey: Journey) -> str:
        """What of the other journeys this journey's block shows: the titles and
        pages of its sub-journeys and of the journey it improves (that one's
        model too: the block lists the changes), and the stages it is part of."""
        shown = []
        for target in [s.detail for s in journey.stages if s.detail] + [journey.improves]:
            home = self.homes.get(target) if target else None
            if home is not None:
                model = repr(home.journey) if target == journey.improves else ""
                shown.append((target, home.journey.title, home.page, model))
        parents = [(p.journey.id, p.journey.title, p.stage_id, p.stage_name)
                   for p in self.parents.get(journey.id, [])]
        pages = [self.homes[p[0]].page for p in parents if p[0] in self.homes]
        return repr((shown, parents, pages))

    def ref(self, journey_id: str, page: str) -> JourneyRef | None:
        """The journey's title and the URL of its block, seen from the page at
        URL ``page``."""
        home = self.homes.get(journey_id)
        if home is None:
            return None
        file = self._files.get_file_from_path(home.page) if self._files else None
        url = None
        if file is not None:
            url = get_relative_url(file.url, page) + "#" + home.anchor
        return JourneyRef(journey_id, home.journey.title, url, home.journey)

    def part_of(self, journey_id: str, page: str) -> list[PartOf]:
        """The stages ``journey_id`` draws in detail, each linked from the page
        at URL ``page``."""
        found = []
        for place in self.parents.get(journey_id, []):
            ref = self.ref(place.journey.id, page) or place.journey
            found.append(PartOf(ref, place.stage_id, place.stage_name))
        return found
