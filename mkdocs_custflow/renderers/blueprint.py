"""The ``blueprint`` view: the service blueprint, one column per stage.

Lanes, top to bottom: the evidence the customer sees (the stage's
touchpoints), the customer's actions (the steps the customer takes), the
frontstage (a role's steps to the customer), the line of visibility, the
backstage (steps between roles) and the support processes (steps with a
system or partner). Each step goes to one
lane, from the kinds of the two actors it joins (:func:`lane_of`), unless
it names its own with ``lane:``. A step with a pain point carries it, marked.
"""

from __future__ import annotations

from html import escape

from mkdocs_custflow.i18n import words
from mkdocs_custflow.renderers.grid import (
    Row,
    actor_name,
    items,
    render_grid,
    step_text,
    touchpoints,
)
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Journey, Message, Stage

_HELPERS = ("system", "partner")


def lane_of(journey: Journey, message: Message) -> str:
    """The blueprint lane of a step: its own ``lane:``, else

    - what the customer does (the customer sends it), or what a system or
      partner shows the customer: ``customer``;
    - a role's step to the customer: ``frontstage``;
    - roles only: ``backstage``;
    - anything else with a system or partner: ``support``.
    """
    if message.lane:
        return message.lane

    def kind(actor_id: str) -> str:
        actor = journey.actors.get(actor_id)
        return actor.kind if actor and actor.kind else "role"

    sender, receiver = kind(message.sender), kind(message.receiver)
    if sender == "customer":
        return "customer"
    if receiver == "customer":
        return "frontstage" if sender == "role" else "customer"
    if {sender, receiver} & set(_HELPERS):
        return "support"
    return "backstage"


def _entry(journey: Journey, message: Message, pain_word: str, colon: str = ": ") -> str:
    entry = step_text(journey, message, colon)
    if message.reply:
        entry += (
            f"<br>{escape(actor_name(journey, message.receiver))} → "
            f"{escape(actor_name(journey, message.sender))}{colon}{escape(message.reply)}"
        )
    if message.pain:
        entry += (
            f'<br><span class="custflow-grid-pain">⚠ {escape(pain_word)}{colon}'
            f"{escape(message.pain)}</span>"
        )
    return entry


def render_blueprint(journey: Journey, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    text = words(options.locale)

    def lane(name: str) -> Row:
        def cell(stage: Stage) -> str:
            return items([
                _entry(journey, m, text["pain"], text["colon"]) for m in stage.messages
                if lane_of(journey, m) == name
            ])
        heading = text["customer_actions"] if name == "customer" else text[name]
        return (name, heading, cell)

    rows: list[Row | str] = [
        ("evidence", text["evidence"], lambda stage: touchpoints(journey, stage, options)),
        lane("customer"),
        lane("frontstage"),
        text["line_of_visibility"],
        lane("backstage"),
        lane("support"),
    ]
    return render_grid(journey, options, "blueprint", rows)
