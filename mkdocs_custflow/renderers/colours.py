"""One colour, one meaning, across the whole site.

A team keeps its colour wherever it appears. The teams that get a colour of
their own are the first three of the site's team order: the teams of the
catalog's roles in the catalog's order, then the other teams by name (see
:func:`team_order`). Problems (decision points, pain points) have a colour no
team uses; every other stage is neutral. Fills are translucent tints, so the
theme's own text colour stays readable on them in light and dark mode.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Catalog, Journey

TEAM_COLOURS = ("#2563eb", "#0d9488", "#9333ea")  # blue, teal, purple
PROBLEM_COLOUR = "#ea580c"  # orange: decisions, pain points
PROBLEM_TEXT = "var(--custflow-problem-text, #9a3412)"
"""Text in the problem colour: a darker orange on light pages, a lighter one
on dark ones (``assets/custflow.css``), so it keeps WCAG AA contrast."""
NEUTRAL_COLOUR = "#64748b"  # slate: stages of no coloured team
TERMINAL_COLOUR = "#475569"
FILL_ALPHA = "2e"  # about 18%: a tint, whatever the page behind it


def team_order(catalog: Catalog, journeys: Iterable[Journey] = ()) -> tuple[str, ...]:
    """The site's teams in colour order: the catalog's roles' teams as the
    catalog lists them, then every other team by name."""
    listed = [a.team for a in catalog.actors.values() if a.team and a.kind in ("role", "")]
    ordered = list(dict.fromkeys(listed))
    others = {
        a.team for j in journeys for a in j.actors.values() if a.team and a.kind == "role"
    } - set(ordered)
    return (*ordered, *sorted(others))


def coloured_teams(
    journey: Journey, options: RenderOptions, actor_ids: Iterable[str] | None = None
) -> dict[str, str]:
    """Team -> colour for the teams of the given actors' roles (default: all
    of the journey's) that have one: only roles are drawn in a team's colour.
    Without a site order (a block converted alone), the journey's teams by name."""
    order = options.teams or team_order(Catalog(), [journey])
    colours = dict(zip(order, TEAM_COLOURS, strict=False))
    actors = journey.actors.values() if actor_ids is None else [
        journey.actors[a] for a in actor_ids if a in journey.actors
    ]
    used = {a.team for a in actors if a.team and a.kind in ("role", "")}
    return {team: colour for team, colour in colours.items() if team in used}


def fill(colour: str) -> str:
    """A Mermaid style for a node in ``colour``."""
    return f"fill:{colour}{FILL_ALPHA},stroke:{colour}"


def rgba(colour: str, alpha: float) -> str:
    """``#rrggbb`` as ``rgba(r, g, b, alpha)`` (for Mermaid's ``box``)."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"
