"""The ``sequence`` view: who says what to whom, stage by stage.

Participants come in a stable order: customers, then roles grouped in one
``box`` per team (tinted in the team's colour), then roles with no team,
systems and partners. Each stage is a shaded ``rect`` headed by a note with
its name; a decision becomes ``alt``/``else`` with one branch per label.
Pain points are notes marked with a warning sign: the stage's under its
name, a step's (``pain:``) under the step.

A long journey is drawn in parts (:func:`sequence_parts`): consecutive
stages, each part with only the participants it uses, numbered on from the
part before. A part stays narrow and short enough to read at page width.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs_custflow.i18n import words
from mkdocs_custflow.renderers.colours import coloured_teams, rgba
from mkdocs_custflow.renderers.escaping import mermaid_text, mermaid_wrapped
from mkdocs_custflow.renderers.flowchart import accessible
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Actor, Decision, Journey, Message, Note, Stage

_KIND_ORDER = {"customer": 0, "role": 1, "system": 2, "partner": 3}
MESSAGE_COLUMNS = 28
"""Columns of a message line (a CJK character counts two): longer messages
wrap, so the gap between two participants stays narrow."""
NOTE_COLUMNS = 44
_SHADES = ("rgba(120, 144, 156, 0.10)", "rgba(120, 144, 156, 0.20)")
PART_MESSAGES = 14
"""Most arrows in one part of a split sequence diagram (a stage longer than
this is a part of its own)."""
PART_PARTICIPANTS = 5
"""Most participants in one part, when its stages allow."""


@dataclass(frozen=True)
class SequencePart:
    """Some consecutive stages of a journey, drawn as one diagram."""

    stages: tuple[Stage, ...]
    first_number: int  # the number of its first arrow (``autonumber``)


def ordered_participants(journey: Journey, stages: tuple[Stage, ...] | None = None) -> list[Actor]:
    """Actors in the order the diagram declares them (see module docstring):
    those of ``stages`` (default: all)."""
    used = _participants(stages if stages is not None else tuple(journey.stages))
    if not used:  # no messages: show the owners so stage notes have lifelines
        used = list(dict.fromkeys(s.owner for s in stages or journey.stages if s.owner))
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


def _participants(stages: tuple[Stage, ...]) -> list[str]:
    seen: dict[str, None] = {}
    for stage in stages:
        for message in stage.messages:
            seen.setdefault(message.sender, None)
            seen.setdefault(message.receiver, None)
    return list(seen)


def _arrows(stage: Stage) -> int:
    return sum(1 + bool(m.reply) for m in stage.messages)


def sequence_parts(journey: Journey) -> list[SequencePart]:
    """The journey's stages cut into parts of at most :data:`PART_MESSAGES`
    arrows and, where stages allow, :data:`PART_PARTICIPANTS` participants."""
    parts: list[SequencePart] = []
    current: list[Stage] = []
    number, arrows = 1, 0
    for stage in journey.stages:
        more = _arrows(stage)
        people = set(_participants((*current, stage)))
        if current and (arrows + more > PART_MESSAGES or len(people) > PART_PARTICIPANTS):
            parts.append(SequencePart(tuple(current), number))
            number += arrows
            current, arrows = [], 0
        current.append(stage)
        arrows += more
    if current or not parts:
        parts.append(SequencePart(tuple(current), number))
    return parts


def render_sequence(journey: Journey, options: RenderOptions | None = None) -> str:
    """The whole journey as one diagram (what ``custflow render`` prints)."""
    return render_sequence_part(journey, SequencePart(tuple(journey.stages), 1), options)


def render_sequence_part(
    journey: Journey, part: SequencePart, options: RenderOptions | None = None
) -> str:
    options = options or RenderOptions()
    text = words(options.locale)
    participants = ordered_participants(journey, part.stages)
    if not participants:
        return ""
    pid = {actor.id: f"P{index}" for index, actor in enumerate(participants)}
    title = text["sequence_title"]
    lines = ["sequenceDiagram", *accessible(journey, title, part.stages, text["colon"])]
    lines.append("    autonumber" + (f" {part.first_number}" if part.first_number > 1 else ""))
    colours = coloured_teams(journey, options)
    open_team: str | None = None
    for actor in participants:
        team = actor.team if actor.kind == "role" else None
        if team != open_team:
            if open_team is not None:
                lines.append("    end")
            if team is not None:
                tint = rgba(colours[team], 0.12) if team in colours else "transparent"
                lines.append(f"    box {tint} {mermaid_text(team)}")
            open_team = team
        shape = "actor" if actor.kind == "customer" else "participant"
        indent = "        " if open_team else "    "
        lines.append(f"{indent}{shape} {pid[actor.id]} as {mermaid_text(actor.name)}")
    if open_team is not None:
        lines.append("    end")
    span = _span([pid[a.id] for a in participants])
    names = {"end": text["end"]}
    names.update({stage.id: stage.name for stage in journey.stages})
    start = part.stages[0] if part.stages else None
    first = next((i for i, s in enumerate(journey.stages) if s is start), 0)
    for index, stage in enumerate(part.stages, start=first):
        lines.append(f"    rect {_SHADES[index % 2]}")
        lines.append(f"        note over {span}: {mermaid_text(stage.name)}")
        for pain in stage.pains:
            severity = text[f"severity_{pain.severity}"]
            note = mermaid_wrapped(
                text["pain_note"].format(pain=text["pain"], severity=severity, text=pain.text),
                NOTE_COLUMNS)
            lines.append(f"        note over {span}: #9888; {note}")
        for step in stage.steps:
            if isinstance(step, Message):
                lines.extend(_message(step, pid, journey, text["pain"] + text["colon"]))
            elif isinstance(step, Note):
                note = mermaid_wrapped(step.text, NOTE_COLUMNS)
                lines.append(f"        note over {span}: {note}")
            elif isinstance(step, Decision):
                lines.extend(_decision(step, span, names, text["goto"]))
        lines.append("    end")
    return "\n".join(lines) + "\n"


def _span(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{ids[0]},{ids[-1]}"


def _message(
    step: Message, pid: dict[str, str], journey: Journey, pain_lead: str
) -> list[str]:
    sender, receiver = pid.get(step.sender), pid.get(step.receiver)
    if sender is None or receiver is None:
        return []
    arrow = "-->>" if step.dashed else "->>"
    text = step.text
    if step.via:
        channel = journey.touchpoints.get(step.via)
        via = channel.name if channel else step.via
        text = f"{text} [{via}]" if text else f"[{via}]"
    if sender == receiver and text:
        # Mermaid centres a self-message's text on the lifeline, which crosses
        # it: the loop stays, its text goes in a note beside the lifeline.
        lines = [f"        {sender}{arrow}{receiver}: #160;",
                 f"        note right of {sender}: {mermaid_wrapped(text, MESSAGE_COLUMNS)}"]
    else:
        lines = [f"        {sender}{arrow}{receiver}: {mermaid_wrapped(text, MESSAGE_COLUMNS)}"]
    if step.reply:
        reply = mermaid_wrapped(step.reply, MESSAGE_COLUMNS)
        lines.append(f"        {receiver}-->>{sender}: {reply}")
    over = sender if sender == receiver else f"{sender},{receiver}"
    if step.note:
        lines.append(f"        note over {over}: {mermaid_wrapped(step.note, NOTE_COLUMNS)}")
    if step.pain:
        pain = mermaid_wrapped(f"{pain_lead}{step.pain}", NOTE_COLUMNS)  # "Pain point: "
        lines.append(f"        note over {over}: #9888; {pain}")
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
