"""The ``flow`` view: a Mermaid flowchart of stages, decisions and branches.

Start and end are stadium-shaped terminals, each stage a rectangle labelled
with its name, owner and time limit (and how many pain points it has, in the
problem colour, and the sub-journey that draws it in detail, which its click
then opens), each decision a diamond. Stage nodes are
coloured by their owner's team (see :mod:`.colours`: the same team has the
same colour on every page), decisions in the problem colour. Without a
``direction`` from the writer, a journey of more than three stages runs top
down, which keeps it narrow enough to read at page width.
"""

from __future__ import annotations

from mkdocs_custflow.i18n import words
from mkdocs_custflow.measured.flow import PeriodFlow
from mkdocs_custflow.renderers.colours import (
    NEUTRAL_COLOUR,
    PROBLEM_COLOUR,
    PROBLEM_TEXT,
    TEAM_COLOURS,
    TERMINAL_COLOUR,
    coloured_teams,
    fill,
)
from mkdocs_custflow.renderers.escaping import (
    mermaid_plain,
    mermaid_text,
    mermaid_url,
    mermaid_wrapped,
)
from mkdocs_custflow.renderers.funnel import count, percent
from mkdocs_custflow.renderers.options import JourneyRef, RenderOptions
from mkdocs_custflow.structure import Journey, Stage
from mkdocs_custflow.structure.journey import END_TARGET

AUTO_TD_FROM = 4
LABEL_COLUMNS = 24
"""Columns of a line of a stage node (a CJK character counts two): longer
names break where Chinese and English text may break (:mod:`.line_breaks`),
before Mermaid would break them anywhere at its 200 px label width."""
QUESTION_COLUMNS = 18
"""Columns of a line of a decision diamond, which is narrower inside."""
"""Stages from which a journey with no ``direction`` is drawn top down."""


def flow_direction(journey: Journey) -> str:
    """The writer's direction, else top down for journeys of four stages or more."""
    if journey.direction:
        return journey.direction
    return "TD" if len(journey.stages) >= AUTO_TD_FROM else "LR"


def stage_label(journey: Journey, stage: Stage, options: RenderOptions | None = None) -> str:
    """Name, owner and time limit; how many pain points (in the problem
    colour); the sub-journey that draws the stage in detail."""
    text = words((options or RenderOptions()).locale)
    details = []
    owner = journey.actors.get(stage.owner or "")
    if owner:
        details.append(mermaid_text(owner.name))
    if stage.sla:
        details.append(mermaid_text(stage.sla))
    label = mermaid_wrapped(stage.name, LABEL_COLUMNS)
    if details:
        label += "<br><small>" + " · ".join(details) + "</small>"
    pains = stage.pain_count()
    if pains:
        count = text["pain_count_one"] if pains == 1 else text["pain_count"].format(n=pains)
        label += f"<br><b style='color:{PROBLEM_TEXT}'>#9888; {mermaid_text(count)}</b>"
    if stage.detail:
        sub = _sub_journey(stage.detail, options)
        title = sub.title if sub else stage.detail
        sub_line = mermaid_wrapped(f"{text['subjourney']}{text['colon']}{title}", LABEL_COLUMNS)
        label += f"<br><small>#9656; {sub_line}</small>"
    return label


def _sub_journey(journey_id: str, options: RenderOptions | None) -> JourneyRef | None:
    if options is None or options.links is None:
        return None
    return options.journey_ref(journey_id)


def _counts(journey: Journey, options: RenderOptions) -> PeriodFlow | None:
    """The latest period of the journey's measured flow, when it has one."""
    flow = options.measured.flow_of(journey) if options.measured else None
    return flow.latest if flow is not None else None


def _arrow(period: PeriodFlow | None, source: str, target: str, label: str | None = None) -> str:
    """An arrow's label: the branch's words, and the latest count and
    conversion (of those who entered ``source``) when measured."""
    parts = [mermaid_text(label)] if label else []
    if period is not None:
        n = period.transitions.get((source, target))
        stage = period.stage(source) if source else None
        if n is not None:
            share = f" · {percent(n / stage.entered)}" if stage and stage.entered else ""
            parts.append(mermaid_text(f"{count(n)}{share}"))
    return f'|"{"<br>".join(parts)}"| ' if parts else " "


def render_flowchart(journey: Journey, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    text = words(options.locale)
    period = _counts(journey, options)
    bottleneck = period.bottleneck if period is not None else None
    node = {stage.id: f"S{index}" for index, stage in enumerate(journey.stages)}
    if END_TARGET not in node:
        node[END_TARGET] = "T1"
    lines = [f"flowchart {flow_direction(journey)}",
             *accessible(journey, text["flow_title"], colon=text["colon"])]
    lines.append(f'    T0(["{mermaid_text(text["start"])}"])')
    for stage in journey.stages:
        shown = stage_label(journey, stage, options)
        if bottleneck is not None and bottleneck.stage_id == stage.id:
            word = mermaid_text(
                f"{text['bottleneck']}{text['colon']}−{percent(bottleneck.drop_share)}")
            shown += f"<br><b style='color:{PROBLEM_TEXT}'>#9888; {word}</b>"
        lines.append(f'    {node[stage.id]}["{shown}"]')
    reaches_end = False
    decisions: list[str] = []
    edges: list[str] = []
    if journey.stages:
        first = journey.stages[0].id
        entry = _arrow(period, "", first)
        edges.append(f"    T0 -->{entry}{node[first]}")
    for stage in journey.stages:
        source = node[stage.id]
        for decision in stage.decisions:
            diamond = f"D{len(decisions)}"
            decisions.append(diamond)
            question = mermaid_wrapped(decision.question or "?", QUESTION_COLUMNS)
            lines.append(f'    {diamond}{{"{question}"}}')
            edges.append(f"    {source} --> {diamond}")
            for branch in decision.branches:
                reaches_end = reaches_end or node.get(branch.target) == "T1"
                if branch.target in node:
                    arrow = _arrow(period, stage.id, branch.target, branch.label)
                    edges.append(f"    {diamond} -->{arrow}{node[branch.target]}")
        successors = journey.successors(stage)
        for label, target in successors:
            if label is None and target in node:
                edges.append(f"    {source} -->{_arrow(period, stage.id, target)}{node[target]}")
                reaches_end = reaches_end or node[target] == "T1"
        if not successors:
            edges.append(f"    {source} --> T1")
            reaches_end = True
    has_end = reaches_end or not journey.stages
    if has_end:
        lines.append(f'    T1(["{mermaid_text(text["end"])}"])')
        if not journey.stages:
            edges.append("    T0 --> T1")
    lines.extend(edges)
    lines.extend(_styles(journey, node, decisions, has_end, options,
                         bottleneck.stage_id if bottleneck is not None else None))
    lines.extend(_clicks(journey, node, options, text["stage"]))
    return "\n".join(lines) + "\n"


def _styles(
    journey: Journey,
    node: dict[str, str],
    decisions: list[str],
    has_end: bool,
    options: RenderOptions,
    bottleneck: str | None = None,
) -> list[str]:
    colours = coloured_teams(journey, options)
    names = {colour: f"team{i}" for i, colour in enumerate(TEAM_COLOURS)}
    members: dict[str, list[str]] = {}
    for stage in journey.stages:
        if stage.id == bottleneck:  # in the colour reserved for problems
            members.setdefault("bottleneck", []).append(node[stage.id])
            continue
        owner = journey.actors.get(stage.owner or "")
        colour = colours.get(owner.team or "") if owner else None
        members.setdefault(names[colour] if colour else "stage", []).append(node[stage.id])
    lines = [
        f"    classDef terminal {fill(TERMINAL_COLOUR)}",
        f"    classDef stage {fill(NEUTRAL_COLOUR)}",
        f"    classDef decision {fill(PROBLEM_COLOUR)}",
    ]
    used = set(colours.values())
    lines.extend(f"    classDef {names[c]} {fill(c)}" for c in TEAM_COLOURS if c in used)
    lines.append("    class T0" + (",T1" if has_end else "") + " terminal")
    for css_class, ids in members.items():
        lines.append(f"    class {','.join(ids)} {css_class}")
    if decisions:
        lines.append(f"    class {','.join(decisions)} decision")
    if bottleneck is not None:
        lines.insert(3, f"    classDef bottleneck {fill(PROBLEM_COLOUR)},stroke-width:3px")
    return lines


def accessible(
    journey: Journey, kind: str, stages: tuple[Stage, ...] | None = None, colon: str = ": "
) -> list[str]:
    """``accTitle`` and ``accDescr``: what a screen reader says of the diagram
    (of ``stages``, when it shows only some)."""
    names = ", ".join(stage.name for stage in (journey.stages if stages is None else stages))
    description = f"{journey.description} " if journey.description else ""
    return [
        f"    accTitle: {mermaid_plain(f'{journey.title}{colon}{kind}')}",
        f"    accDescr: {mermaid_plain(description + names)}",
    ]


def _clicks(
    journey: Journey, node: dict[str, str], options: RenderOptions, stage_word: str
) -> list[str]:
    if options.links is None:
        return []
    lines = []
    for stage in journey.stages:
        sub = _sub_journey(stage.detail, options) if stage.detail else None
        if sub is not None and sub.url:  # the stage drawn in detail: go there
            url: str | None = sub.url
            said = words(options.locale)
            tooltip = mermaid_text(f"{said['subjourney']}{said['colon']}{sub.title}")
        else:
            url = options.stage_url(stage.id)
            tooltip = mermaid_text(f"{stage_word}{words(options.locale)['colon']}{stage.name}")
        if url:
            url = options.diagram_url(url)
        if url:
            lines.append(f'    click {node[stage.id]} href "{mermaid_url(url)}" "{tooltip}"')
    return lines
