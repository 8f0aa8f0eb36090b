"""Links for renderer tests: the SiteLinks a host gives, made from functions."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs_custflow.renderers.options import JourneyRef, SiteLinks

Url = Callable[[str], "str | None"]


class FakeLinks(SiteLinks):
    """Each kind of link from a function of the id (None: no page of that kind)."""

    def __init__(self, *, stage: Url | None = None, actor: Url | None = None,
                 touchpoint: Url | None = None, system: Url | None = None,
                 data: Url | None = None,
                 journey: Callable[[str], JourneyRef | None] | None = None,
                 signature: str = "test") -> None:
        self._stage, self._actor, self._touchpoint = stage, actor, touchpoint
        self._system, self._data = system, data
        self._journey = journey
        self.signature = signature

    def stage(self, stage_id: str, page: str) -> str | None:
        return self._stage(stage_id) if self._stage else None

    def actor(self, actor_id: str, page: str) -> str | None:
        return self._actor(actor_id) if self._actor else None

    def touchpoint(self, touchpoint_id: str, page: str) -> str | None:
        return self._touchpoint(touchpoint_id) if self._touchpoint else None

    def system(self, system_id: str, page: str) -> str | None:
        return self._system(system_id) if self._system else None

    def data(self, data_id: str, page: str) -> str | None:
        return self._data(data_id) if self._data else None

    def journey(self, journey_id: str, page: str) -> JourneyRef | None:
        return self._journey(journey_id) if self._journey else None
