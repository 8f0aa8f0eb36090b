"""The ``flow`` view: a Mermaid flowchart of stages, decisions and branches.

Start and end are stadium-shaped terminals, each stage a rectangle labelled
with its name, owner and time limit, each decision a diamond. Stage nodes are
coloured by their owner's team: the first three teams get a colour each, any
other team the default, so the chart never needs more than four colours.
"""

from __future__ import annotations

from mkdocs_custflow.i18n import words
from mkdocs_custflow.renderers.escaping import mermaid_text, mermaid_url
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Journey, Stage
from mkdocs_custflow.structure.journey import END_TARGET

# Translucent fills (#RRGGBBAA) tint whatever the page behind is, so the
# theme's own label colour stays readable in light and dark mode alike.
TEAM_STYLES = (
    "fill:#2563eb2e,stroke:#2563eb",
    "fill:#16a34a2e,stroke:#16a34a",
    "fill:#d977062e,stroke:#d97706",
)
DEFAULT_STYLE = "fill:#64748b1f,stroke:#64748b"
TERMINAL_STYLE = "fill:#64748b38,stroke:#475569"
DECISION_STYLE = "fill:#ea580c1f,stroke:#ea580c"


def team_colours(journey: Journey) -> dict[str, int]:
    """Team -> colour index, for the first three teams owning a stage."""
    teams: dict[str, int] = {}
    for stage in journey.stages:
        owner = journey.actors.get(stage.owner or "")
        if owner and owner.team and owner.team not in teams and len(teams) < len(TEAM_STYLES):
            teams[owner.team] = len(teams)
    return teams


def stage_label(journey: Journey, stage: Stage) -> str:
    details = []
    owner = journey.actors.get(stage.owner or "")
    if owner:
        details.append(mermaid_text(owner.name))
    if stage.sla:
        details.append(mermaid_text(stage.sla))
    label = mermaid_text(stage.name)
    if details:
        label += "<br><small>" + " · ".join(details) + "</small>"
    return label


def render_flowchart(journey: Journey, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    text = words(options.locale)
    node = {stage.id: f"S{index}" for index, stage in enumerate(journey.stages)}
    if END_TARGET not in node:
        node[END_TARGET] = "T1"
    lines = [f"flowchart {journey.direction}"]
    lines.append(f'    T0(["{mermaid_text(text["start"])}"])')
    for stage in journey.stages:
        lines.append(f'    {node[stage.id]}["{stage_label(journey, stage)}"]')
    reaches_end = False
    decisions: list[str] = []
    edges: list[str] = []
    if journey.stages:
        edges.append(f"    T0 --> {node[journey.stages[0].id]}")
    for stage in journey.stages:
        source = node[stage.id]
        for decision in stage.decisions:
            diamond = f"D{len(decisions)}"
            decisions.append(diamond)
            lines.append(f'    {diamond}{{"{mermaid_text(decision.question or "?")}"}}')
            edges.append(f"    {source} --> {diamond}")
            for branch in decision.branches:
                reaches_end = reaches_end or node.get(branch.target) == "T1"
                if branch.target in node:
                    edges.append(
                        f'    {diamond} -->|"{mermaid_text(branch.label)}"| {node[branch.target]}'
                    )
        successors = journey.successors(stage)
        for label, target in successors:
            if label is None and target in node:
                edges.append(f"    {source} --> {node[target]}")
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
    lines.extend(_styles(journey, node, decisions, has_end))
    lines.extend(_clicks(journey, node, options, text["stage"]))
    return "\n".join(lines) + "\n"


def _styles(
    journey: Journey, node: dict[str, str], decisions: list[str], has_end: bool
) -> list[str]:
    teams = team_colours(journey)
    members: dict[str, list[str]] = {}
    for stage in journey.stages:
        owner = journey.actors.get(stage.owner or "")
        index = teams.get(owner.team) if owner and owner.team else None
        css_class = f"team{index}" if index is not None else "stage"
        members.setdefault(css_class, []).append(node[stage.id])
    lines = ["    classDef terminal " + TERMINAL_STYLE, "    classDef stage " + DEFAULT_STYLE]
    lines.append("    classDef decision " + DECISION_STYLE)
    lines.extend(f"    classDef team{i} {TEAM_STYLES[i]}" for i in teams.values())
    lines.append("    class T0" + (",T1" if has_end else "") + " terminal")
    for css_class, ids in members.items():
        lines.append(f"    class {','.join(ids)} {css_class}")
    if decisions:
        lines.append(f"    class {','.join(decisions)} decision")
    return lines


def _clicks(
    journey: Journey, node: dict[str, str], options: RenderOptions, stage_word: str
) -> list[str]:
    if options.stage_url is None:
        return []
    lines = []
    for stage in journey.stages:
        url = options.stage_url(stage.id)
        if url:
            tooltip = mermaid_text(f"{stage_word}: {stage.name}")
            lines.append(f'    click {node[stage.id]} href "{mermaid_url(url)}" "{tooltip}"')
    return lines
