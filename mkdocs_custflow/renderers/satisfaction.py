"""The ``journey`` view: Mermaid's user-journey diagram of scored steps.

Only steps with a ``score`` (1-5, the customer's satisfaction) appear; each
stage with scored steps is a section. The people of a task are the step's
sender and receiver.
"""

from __future__ import annotations

from mkdocs_custflow.renderers.escaping import mermaid_name, mermaid_text
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Journey


def _line_start(escaped: str) -> str:
    """A task name starts its line, where ``title`` or ``section`` would be
    read as keywords: such a name's first character is written as an entity."""
    if not escaped.lower().startswith(_KEYWORDS):
        return escaped
    return f"#{ord(escaped[0])};{escaped[1:]}"


_KEYWORDS = ("title", "section", "acc", "journey")


def render_satisfaction(journey: Journey, options: RenderOptions | None = None) -> str:
    lines = ["journey", f"    title {mermaid_text(journey.title)}"]
    scored = 0
    for stage in journey.stages:
        tasks = [m for m in stage.messages if m.score is not None]
        if not tasks:
            continue
        lines.append(f"    section {mermaid_text(stage.name)}")
        for message in tasks:
            people = []
            for actor_id in (message.sender, message.receiver):
                actor = journey.actors.get(actor_id)
                name = mermaid_name(actor.name if actor else actor_id)
                if name not in people:
                    people.append(name)
            task = _line_start(mermaid_text(message.text))
            lines.append(f"      {task}: {message.score}: {', '.join(people)}")
            scored += 1
    return "\n".join(lines) + "\n" if scored else ""
