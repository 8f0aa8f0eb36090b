"""Links for renderer tests: the SiteLinks a host gives, made from functions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mkdocs_custflow.renderers.options import JourneyRef, PartOf
from mkdocs_custflow.structure import Journey

Url = Callable[[str], "str | None"]


class FakeLinks:
    """Each kind of link from a function of the id (None: no page of that kind)."""

    def __init__(self, *, stage: Url | None = None, actor: Url | None = None,
                 touchpoint: Url | None = None,
                 journey: Callable[[str], JourneyRef | None] | None = None,
                 signature: str = "test") -> None:
        self._stage, self._actor, self._touchpoint = stage, actor, touchpoint
        self._journey = journey
        self.signature = signature

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FakeLinks) and other.signature == self.signature

    def __hash__(self) -> int:
        return hash(self.signature)

    def stage(self, stage_id: str, page: str) -> str | None:
        return self._stage(stage_id) if self._stage else None

    def actor(self, actor_id: str, page: str) -> str | None:
        return self._actor(actor_id) if self._actor else None

    def touchpoint(self, touchpoint_id: str, page: str) -> str | None:
        return self._touchpoint(touchpoint_id) if self._touchpoint else None

    def in_diagram(self, url: str, page: str) -> str:
        return url

    def journey(self, journey_id: str, page: str) -> JourneyRef | None:
        return self._journey(journey_id) if self._journey else None

    def part_of(self, journey_id: str, page: str) -> Sequence[PartOf]:
        return ()

    def journey_key(self, journey: Journey) -> str:
        return ""
