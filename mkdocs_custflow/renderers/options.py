"""What renderers may vary on besides the journey itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from mkdocs_custflow.measured.data import MeasuredData
from mkdocs_custflow.structure import Journey


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


@dataclass(frozen=True)
class RenderOptions:
    """``locale`` picks the plugin's own words; the ``*_url`` callables, when
    given, return the URL (relative to the current page) of a playbook page,
    so diagram nodes and table cells can link to it.
    """

    locale: str = "en"
    stage_url: Callable[[str], str | None] | None = None
    actor_url: Callable[[str], str | None] | None = None
    touchpoint_url: Callable[[str], str | None] | None = None
    diagram_url: Callable[[str], str] | None = None
    """How a ``*_url`` is written inside a diagram, when not as in HTML: a host
    that resolves links in HTML from the Markdown file (Zensical) leaves those
    inside Mermaid's text alone."""
    journey_ref: Callable[[str], JourneyRef | None] | None = None
    """Another journey of the site by id (its title and URL), for sub-journey
    and ``improves`` links; None when the page is converted on its own."""
    part_of: Callable[[str], Sequence[PartOf]] | None = None
    """The stages a journey (by id) is a sub-journey of."""
    today: date | None = None
    """The build date, against which a review shows as overdue."""
    teams: tuple[str, ...] = ()
    """The site's teams in colour order (``colours.team_order``); empty for a
    block converted on its own."""
    links_key: Callable[[Journey], str] | None = None
    """The part of ``cache_key`` that a journey's links to other journeys
    decide (its sub-journeys, what it improves, what it is part of): only the
    blocks whose links changed are rendered again."""
    measured: MeasuredData | None = field(default=None, compare=False)
    """The site's measured data (flow and KPI history), when it has any."""
    cache_key: str | None = None
    """Same key, same output: lets a caller reuse a block's HTML (e.g. the
    page's URL plus the set of playbook pages the links point to)."""
