"""A journey: who takes part (actors), what happens in order (stages, steps).

Every node keeps ``line``: the 1-based line in its source file, so later
checks and the playbook can point writers at the right place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Union

from mkdocs_custflow.structure.ids import fallback_id, slugify
from mkdocs_custflow.structure.measures import kpi_result
from mkdocs_custflow.structure.review_cycle import Interval, next_review
from mkdocs_custflow.structure.systems import DataUse, Integration, Training

ACTOR_KINDS = ("customer", "role", "system", "partner")
VIEWS = ("flow", "sequence", "journey", "stages", "raci", "map", "blueprint", "funnel", "sankey",
         "systems")
SEVERITIES = ("high", "medium", "low")
"""How much a pain point hurts, worst first."""
STATUSES = ("idea", "planned", "doing", "done")
"""Where an opportunity stands, in the order it moves."""
LANES = ("customer", "frontstage", "backstage", "support")
"""The lanes of the service blueprint a step may be placed in (``lane:``)."""
STATES = ("as-is", "to-be")
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
    handle: str | None = None
    """Who reviews the pages holding the stages this role owns (a code-owner
    handle such as ``@org/team``; catalog actors only)."""
    layer: str | None = None
    """A system's layer of the architecture (free text)."""
    owner: str | None = None
    """The role that owns a system."""
    integrates: list[Integration] = field(default_factory=list)
    """A system's exchanges with other systems."""
    training: list[Training] = field(default_factory=list)
    """What a person in a role must know."""
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        """File line of one of the actor's keys (its own line when absent)."""
        return self.key_lines.get(key, self.line)


@dataclass(slots=True)
class Touchpoint:
    """A channel where the customer meets the company (website, hotline...)."""

    id: str
    name: str
    channel: str | None = None
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
    pain: str | None = None
    """What hurts the customer at this step (``pain:``)."""
    lane: str | None = None
    """The blueprint lane the writer placed the step in; None: by the actors' kinds."""
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
class Pain:
    """A pain point of a stage: what goes wrong for the customer there."""

    text: str
    severity: str = "medium"
    line: int = 0


@dataclass(slots=True)
class Opportunity:
    """An improvement to a stage, and who carries it."""

    text: str
    status: str = "idea"
    owner: str | None = None
    line: int = 0


@dataclass(slots=True)
class Kpi:
    """A stage's measure: a plain text (``name`` only), or a named target with
    the value measured now. Targets stay as written; :mod:`.measures` reads them."""

    name: str
    target: str | None = None
    current: str | None = None
    unit: str | None = None
    line: int = 0
    id: str | None = None
    """As the writer set it (``id:``); :attr:`key` is the id data rows use."""

    @property
    def key(self) -> str:
        """The KPI's id: the one written, else made from its name (stable for
        CJK names), so KPI rows of measured data can name it."""
        return self.id or slugify(self.name) or fallback_id(self.name)

    def __str__(self) -> str:
        """The KPI on one line, as a page that knows nothing of targets shows it."""
        text = f"{self.name} {self.target}" if self.target else self.name
        return f"{text} ({self.current})" if self.current else text

    @property
    def result(self) -> str | None:
        """``met``, ``missed``, or None when target and current cannot be compared."""
        return kpi_result(self.target, self.current, self.unit)


@dataclass(slots=True)
class Review:
    """Who reviews a journey with whom, how often, and when it was last done."""

    owner: str | None = None
    every: Interval | None = None
    """How often (written ``<n>d``, ``<n>w``, ``<n>m`` or ``<n>y``)."""
    last: date | None = None
    """The day of the last review (written ``YYYY-MM-DD``)."""
    participants: list[str] = field(default_factory=list)
    """The actors reviewed with (``with:``)."""
    line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict)

    def next_date(self) -> date | None:
        """When the next review is due: ``last`` plus ``every`` (None without both)."""
        return next_review(self.last, self.every)


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
    kpis: list[Kpi] = field(default_factory=list)
    sla: str | None = None
    links: list[Link] = field(default_factory=list)
    next: list[str] | None = None
    steps: list[Step] = field(default_factory=list)
    pains: list[Pain] = field(default_factory=list)
    opportunities: list[Opportunity] = field(default_factory=list)
    detail: str | None = None
    """The id of the journey that draws this stage in detail (a sub-journey)."""
    data: list[DataUse] = field(default_factory=list)
    """What the stage does with customer data, in which system."""
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

    def pain_count(self) -> int:
        """The stage's pain points and its steps' (``pain:``)."""
        return len(self.pains) + sum(1 for m in self.messages if m.pain)

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
    state: str = "as-is"
    """``as-is`` (the process today) or ``to-be`` (the process as it should be)."""
    improves: str | None = None
    """On a to-be journey: the id of the journey it improves."""
    review: Review | None = None
    effective: str | None = None
    """On a to-be journey: the day the change went live (``YYYY-MM-DD``), as
    checked when read; measured data is shown before and after it."""
    key_lines: dict[str, int] = field(default_factory=dict)
    """File line of each top-level key the block (or its template) wrote."""
    ignore: list[str] = field(default_factory=list)
    """Rule ids whose findings in this block are not reported (``ignore:``)."""

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
