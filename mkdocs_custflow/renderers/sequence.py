"""The ``sequence`` view: who says what to whom, stage by stage.

Participants come in a stable order: customers, then roles grouped in one
``box`` per team, then roles with no team, systems and partners. Each stage is
a shaded ``rect`` headed by a note with its name; a decision becomes
``alt``/``else`` with one branch per label.
"""

from __future__ import annotations

from mkdocs_custflow.i18n import words
from mkdocs_custflow.renderers.escaping import mermaid_text
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Actor, Decision, Journey, Message, Note

_KIND_ORDER = {"customer": 0, "role": 1, "system": 2, "partner": 3}
_SHADES = ("rgba(120, 144, 156, 0.10)", "rgba(120, 144, 156, 0.20)")


def ordered_participants(journey: Journey) -> list[Actor]:
    """Actors in the order the diagram declares them (see module docstring)."""
    used = journey.participants()
    if not used:  # no messages: show the owners so stage notes have lifelines
        used = list(dict.fromkeys(s.owner for s in journey.stages if s.owner))
    actors = [journey.actors[a] for a in used if a in journey.actors]
    team_order: dict[str, int] = {}
    for actor in actors:
        if actor.kind == "role" and actor.team:
            team_order.setdefault(actor.team, len(team_order))

    def key(item: tuple[int, Actor]) -> tuple[int, int, int]:
        position, actor = item
        kind = _KIND_ORDER.get(actor.kind, 1)
        if actor.kind == "role":
            group = team_order[actor.team] if actor.team else len(team_order)
            return (kind, group, position)
        return (kind, 0, position)

    return [actor for _, actor in sorted(enumerate(actors), key=key)]


def render_sequence(journey: Journey, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    participants = ordered_participants(journey)
    pid = {actor.id: f"P{index}" for index, actor in enumerate(participants)}
    lines = ["sequenceDiagram", "    autonumber"]
    open_team: str | None = None
    for actor in participants:
        team = actor.team if actor.kind == "role" else None
        if team != open_team:
            if open_team is not None:
                lines.append("    end")
            if team is not None:
                lines.append(f"    box transparent {mermaid_text(team)}")
            open_team = team
        shape = "actor" if actor.kind == "customer" else "participant"
        indent = "        " if open_team else "    "
        lines.append(f"{indent}{shape} {pid[actor.id]} as {mermaid_text(actor.name)}")
    if open_team is not None:
        lines.append("    end")
    if not participants:
        return ""
    span = _span([pid[a.id] for a in participants])
    names = {"end": words(options.locale)["end"]}
    names.update({stage.id: stage.name for stage in journey.stages})
    goto = words(options.locale)["goto"]
    for index, stage in enumerate(journey.stages):
        lines.append(f"    rect {_SHADES[index % 2]}")
        lines.append(f"        note over {span}: {mermaid_text(stage.name)}")
        for step in stage.steps:
            if isinstance(step, Message):
                lines.extend(_message(step, pid, journey))
            elif isinstance(step, Note):
                lines.append(f"        note over {span}: {mermaid_text(step.text)}")
            elif isinstance(step, Decision):
                lines.extend(_decision(step, span, names, goto))
        lines.append("    end")
    return "\n".join(lines) + "\n"


def _span(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{ids[0]},{ids[-1]}"


def _message(step: Message, pid: dict[str, str], journey: Journey) -> list[str]:
    sender, receiver = pid.get(step.sender), pid.get(step.receiver)
    if sender is None or receiver is None:
        return []
    arrow = "-->>" if step.dashed else "->>"
    text = step.text
    if step.via:
        channel = journey.touchpoints.get(step.via)
        via = channel.name if channel else step.via
        text = f"{text} [{via}]" if text else f"[{via}]"
    lines = [f"        {sender}{arrow}{receiver}: {mermaid_text(text) or ' '}"]
    if step.reply:
        lines.append(f"        {receiver}-->>{sender}: {mermaid_text(step.reply)}")
    if step.note:
        over = sender if sender == receiver else f"{sender},{receiver}"
        lines.append(f"        note over {over}: {mermaid_text(step.note)}")
    return lines


def _decision(step: Decision, span: str, names: dict[str, str], goto: str) -> list[str]:
    question = mermaid_text(step.question)
    lines = []
    for position, branch in enumerate(step.branches):
        keyword = "alt" if position == 0 else "else"
        label = mermaid_text(branch.label)
        heading = f"{question} #8594; {label}" if position == 0 and question else label
        lines.append(f"        {keyword} {heading}")
        target = mermaid_text(names.get(branch.target, branch.target))
        lines.append(f"            note over {span}: {goto} {target}")
    lines.append("        end")
    return lines
