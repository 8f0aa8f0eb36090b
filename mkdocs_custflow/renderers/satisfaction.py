"""The ``journey`` view: how satisfied the customer is at each scored step.

Drawn by the plugin as an HTML table, not as Mermaid's ``journey`` diagram
(which cuts long labels, lets dots and text overlap, leaves blank space and
ignores dark mode): a row per step with a ``score`` (1-5), grouped by stage,
with who takes part in their team's colour and the score as a bar of five.
Text wraps at any width and screen readers read a real table. Low scores
(1 and 2) are drawn in the problem colour.
"""

from __future__ import annotations

from html import escape

from mkdocs_custflow.i18n import words
from mkdocs_custflow.renderers.colours import PROBLEM_COLOUR, coloured_teams
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Journey

LOW_SCORE = 2


def render_satisfaction(journey: Journey, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    text = words(options.locale)
    colours = coloured_teams(journey, options)
    rows = []
    for stage in journey.stages:
        scored = [m for m in stage.messages if m.score is not None]
        for position, message in enumerate(scored):
            cells = []
            if position == 0:
                cells.append(
                    f'<th scope="rowgroup" rowspan="{len(scored)}">{escape(stage.name)}</th>'
                )
            people = []
            for actor_id in dict.fromkeys((message.sender, message.receiver)):
                actor = journey.actors.get(actor_id)
                name = actor.name if actor else actor_id
                colour = colours.get(actor.team or "") if actor else None
                style = f' style="--custflow-team: {colour}"' if colour else ""
                people.append(f'<span class="custflow-person"{style}>{escape(name)}</span>')
            score = message.score or 0
            low = " custflow-score-low" if score <= LOW_SCORE else ""
            cells.append(f"<td>{escape(message.text)}</td>")
            cells.append(f"<td>{' '.join(people)}</td>")
            # The bar is the cell's ::before (custflow.css, by data-score): no element
            # of its own for search to parse or screen readers to skip.
            cells.append(f'<td class="custflow-score{low}" data-score="{score}">{score}/5</td>')
            rows.append("<tr>" + "".join(cells) + "</tr>")
    if not rows:
        return ""
    head = "".join(
        f'<th scope="col">{escape(text[key])}</th>' for key in ("stage", "says", "who", "score")
    )
    return (
        f'<div class="custflow-satisfaction" style="--custflow-problem: {PROBLEM_COLOUR}">\n'
        f"<table>\n<caption>{escape(text['satisfaction'])}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows)
        + "\n</tbody>\n</table>\n</div>\n"
    )
