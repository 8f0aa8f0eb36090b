"""A journey: who takes part (actors), what happens in order (stages, steps).

Every node keeps ``line``: the 1-based line in its source file, so later
checks and the playbook can point writers at the right place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from mkdocs_custflow.structure.catalog import Touchpoint

ACTOR_KINDS = ("customer", "role", "system", "partner")
VIEWS = ("flow", "sequence", "journey", "stages", "raci")
DIRECTIONS = ("LR", "TD")
# A branch or ``next`` may lead to ``end``: the journey is over (unless a stage
# is itself called ``end``).
END_TARGET = "end"


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: str = "role"
    team: str | None = None
    description: str | None = None
    line: int = 0


@dataclass(slots=True)
class Link:
    title: str
    url: str


@dataclass(slots=True)
class Message:
    """``A -> B: text`` (solid) or ``A --> B: text`` (dashed, a reply or result)."""

    sender: str
    receiver: str
    text: str
    dashed: bool = False
    reply: str | None = None
    via: str | None = None
    note: str | None = None
    score: int | None = None
    line: int = 0


@dataclass(slots=True)
class Note:
    text: str
    line: int = 0


@dataclass(slots=True)
class Branch:
    label: str
    target: str
    line: int = 0


@dataclass(slots=True)
class Decision:
    question: str
    branches: list[Branch]
    line: int = 0


Step = Union[Message, Note, Decision]  # noqa: UP007 - a runtime alias, py3.10-safe


@dataclass(slots=True)
class Stage:
    id: str
    name: str
    description: str | None = None
    owner: str | None = None
    responsible: list[str] = field(default_factory=list)
    consulted: list[str] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)
    touchpoints: list[str] = field(default_factory=list)
    kpis: list[str] = field(default_factory=list)
    sla: str | None = None
    links: list[Link] = field(default_factory=list)
    next: list[str] | None = None
    steps: list[Step] = field(default_factory=list)
    line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict)

    def raci(self, actor_id: str) -> str:
        """``A``, ``R``, ``C``, ``I`` (or a combination) for one actor at this stage."""
        held = (
            ("A", self.owner == actor_id),
            ("R", actor_id in self.responsible),
            ("C", actor_id in self.consulted),
            ("I", actor_id in self.informed),
        )
        return "".join(letter for letter, holds in held if holds)

    def line_of(self, key: str) -> int:
        """File line of one of the stage's keys (its own line when absent)."""
        return self.key_lines.get(key, self.line)

    @property
    def decisions(self) -> list[Decision]:
        return [step for step in self.steps if isinstance(step, Decision)]

    @property
    def messages(self) -> list[Message]:
        return [step for step in self.steps if isinstance(step, Message)]

    def touchpoints_used(self) -> list[str]:
        """The stage's touchpoints, then those its steps go ``via``, each once."""
        return list(dict.fromkeys(
            [*self.touchpoints, *(m.via for m in self.messages if m.via)]
        ))


@dataclass(slots=True)
class Journey:
    id: str
    title: str
    stages: list[Stage]
    actors: dict[str, Actor]
    description: str | None = None
    views: list[str] = field(default_factory=lambda: ["flow", "sequence"])
    direction: str = ""
    """``LR`` or ``TD`` as the writer chose, or empty: chosen by size."""
    touchpoints: dict[str, Touchpoint] = field(default_factory=dict)
    template: str | None = None
    locale: str | None = None
    in_playbook: bool = True
    views_given: bool = True  # False: the default views, trimmed to what has content
    file: str = "<markdown>"
    line: int = 0
    too_large: dict[str, str] = field(default_factory=dict)
    """Views too large for Mermaid to draw, with the reason (set by the checks)."""

    def has_sequence_content(self) -> bool:
        """Whether a sequence diagram would show anything: steps or owners."""
        return any(stage.messages or stage.owner for stage in self.stages)

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def successors(self, stage: Stage) -> list[tuple[str | None, str]]:
        """Where the flow goes after ``stage``: ``(branch label or None, stage id)``.

        Decisions route the flow; ``next`` adds explicit edges; otherwise the
        stage flows to the following one. The last stage flows to the end.
        """
        edges: list[tuple[str | None, str]] = []
        for decision in stage.decisions:
            edges.extend((b.label, b.target) for b in decision.branches)
        if stage.next is not None:
            edges.extend((None, target) for target in stage.next)
        elif not stage.decisions:
            # By identity: `list.index` would compare whole stages field by field.
            index = next(i for i, s in enumerate(self.stages) if s is stage)
            if index + 1 < len(self.stages):
                edges.append((None, self.stages[index + 1].id))
        return edges
