"""What renderers may vary on besides the journey itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


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
    teams: tuple[str, ...] = ()
    """The site's teams in colour order (``colours.team_order``); empty for a
    block converted on its own."""
    cache_key: str | None = None
    """Same key, same output: lets a caller reuse a block's HTML (e.g. the
    page's URL plus the set of playbook pages the links point to)."""
