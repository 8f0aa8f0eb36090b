"""The ``sankey`` view: where the customers of the latest period went, drawn
as inline SVG (no Mermaid: its ``sankey-beta`` cannot colour exits apart
from the way on, nor link the stages), with a table beside it.

Columns run in journey order: those who entered, then each stage; an exit
sits in the column after the stage customers left from, in the colour
reserved for problems. Each band is as thick as the customers it carries.
Text is the page's own colour at 14 px in a box that scrolls sideways rather
than shrink, so it reads in light and dark mode and on a phone; the table
says the same for screen readers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from html import escape

from mkdocs_custflow.i18n import words
from mkdocs_custflow.measured.flow import PeriodFlow
from mkdocs_custflow.renderers.funnel import count, no_flow, percent
from mkdocs_custflow.renderers.grid import linked
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Journey

COLUMN, NODE_WIDTH, GAP, HEIGHT, TOP = 140, 12, 36, 280, 26
ENTRY = ""


@dataclass
class _Node:
    key: str
    label: str
    column: int
    value: int
    kind: str
    x: float = 0.0
    y: float = 0.0
    height: float = 0.0
    out_used: float = 0.0
    in_used: float = 0.0
    links: list[str] = field(default_factory=list)


def _nodes(journey: Journey, period: PeriodFlow, text: dict[str, str]) -> dict[str, _Node]:
    nodes = {ENTRY: _Node(ENTRY, text["entered_journey"], 0, period.entered, "entry")}
    order = {stage.stage_id: i for i, stage in enumerate(period.stages)}
    for stage in period.stages:
        nodes[stage.stage_id] = _Node(stage.stage_id, stage.name, order[stage.stage_id] + 1,
                                      max(stage.entered, stage.left), "stage")
        for name, n in stage.exits.items():
            key = f"exit\0{stage.stage_id}\0{name}"
            nodes[key] = _Node(key, name, order[stage.stage_id] + 2, n, "exit")
    return nodes


def text_width(text: str) -> float:
    """About how wide ``text`` is at 14 px: wide (CJK) characters a full em."""
    return sum(14.0 if unicodedata.east_asian_width(c) in "WF" else 7.8 for c in text)


def _label(node: _Node) -> str:
    return f"{node.label} {count(node.value)}"


def _link_key(source: str, target: str, nodes: dict[str, _Node]) -> str:
    return target if target in nodes and nodes[target].kind == "stage" else \
        f"exit\0{source}\0{target}"


def sankey_svg(journey: Journey, period: PeriodFlow, options: RenderOptions) -> str:
    text = words(options.locale)
    nodes = _nodes(journey, period, text)
    columns: dict[int, list[_Node]] = {}
    for node in sorted(nodes.values(), key=lambda n: n.kind == "exit"):  # stages on top
        if node.value > 0:
            columns.setdefault(node.column, []).append(node)
    tallest = max((sum(n.value for n in col) for col in columns.values()), default=1) or 1
    most = max((len(col) for col in columns.values()), default=1)
    scale = (HEIGHT - GAP * (most - 1)) / tallest
    for col in columns.values():
        y = float(TOP)
        for node in col:
            node.y, node.height = y, max(node.value * scale, 2.0)
            y += node.height + GAP
    last = max(columns, default=0)
    xs = [0.0]  # each column as far right as the labels of the one before need
    for column in range(last):
        widest = max((text_width(_label(n)) for n in columns.get(column, [])), default=0)
        xs.append(xs[-1] + max(COLUMN, widest + 24))
    for node in nodes.values():
        node.x = xs[node.column] if node.column <= last else 0.0
    width = int(max((n.x + max(text_width(_label(n)), NODE_WIDTH)
                     + (NODE_WIDTH + 6 if n.column == last else 0)
                     for n in nodes.values() if n.value > 0), default=COLUMN)) + 8
    height = max((n.y + n.height for n in nodes.values() if n.value > 0), default=TOP) + 30
    bands, boxes, labels = [], [], []
    links = []
    for (source, target), n in period.transitions.items():
        start = nodes.get(source if source else ENTRY)
        end = nodes.get(_link_key(source, target, nodes))
        if start is None or end is None or start.value <= 0 or end.value <= 0 or n <= 0:
            continue
        links.append((start, end, n))
    # Bands leave and reach each node in the order of the nodes at their other
    # end, top to bottom, so they do not cross at the nodes.
    links.sort(key=lambda link: (link[1].x, link[1].y, link[0].y))
    for start, end, n in links:
        thick = max(n * scale, 1.0)
        x0, x1 = start.x + NODE_WIDTH, end.x
        y0 = start.y + start.out_used + thick / 2
        y1 = end.y + end.in_used + thick / 2
        start.out_used += thick
        end.in_used += thick
        middle = (x0 + x1) / 2 if x1 > x0 else x0 + COLUMN / 2
        css = "custflow-sankey-exit" if end.kind == "exit" else "custflow-sankey-on"
        title = escape(f"{start.label} → {end.label}{text['colon']}{count(n)}", quote=True)
        bands.append(
            f'<path class="{css}" d="M{x0:.1f},{y0:.1f} C{middle:.1f},{y0:.1f} '
            f'{middle if x1 > x0 else x1 - COLUMN / 2:.1f},{y1:.1f} {x1:.1f},{y1:.1f}" '
            f'stroke-width="{thick:.1f}"><title>{title}</title></path>')
    for node in nodes.values():
        if node.value <= 0:
            continue
        x = round(node.x, 1)
        boxes.append(f'<rect class="custflow-sankey-{node.kind}" x="{x}" y="{node.y:.1f}" '
                     f'width="{NODE_WIDTH}" height="{node.height:.1f}"/>')
        # Above its node, so never under another column's nodes; the last
        # column's beside its node, where nothing else is drawn.
        place = (f'x="{x + NODE_WIDTH + 6}" y="{node.y + node.height / 2:.1f}" '
                 'dominant-baseline="middle"' if node.column == last
                 else f'x="{x}" y="{node.y - 6:.1f}"')
        labels.append(
            f'<text {place}>{escape(node.label)} '
            f'<tspan class="custflow-sankey-count">{count(node.value)}</tspan></text>')
    caption = text["sankey_caption"].format(journey=journey.title, period=period.period.key)
    return (
        f'<svg class="custflow-sankey-chart" viewBox="0 0 {width} '
        f'{height:.0f}" '
        f'width="{width}" height="{height:.0f}" role="img" '
        f'aria-label="{escape(caption, quote=True)}"><title>{escape(caption)}</title>'
        f'<g class="custflow-sankey-bands">{"".join(bands)}</g>{"".join(boxes)}'
        f'<g class="custflow-sankey-labels">{"".join(labels)}</g></svg>'
    )


def sankey_table(journey: Journey, period: PeriodFlow, options: RenderOptions) -> str:
    text = words(options.locale)
    stage_url = options.stage_url
    names = {stage.stage_id: stage.name for stage in period.stages}
    entered = {stage.stage_id: stage.entered for stage in period.stages}
    rows = []
    for (source, target), n in period.transitions.items():
        if source and source not in names:
            continue  # a row from no stage: reported, never drawn
        origin = linked(names[source], stage_url(source)) if source else escape(
            text["entered_journey"])
        is_exit = target not in names
        goal = (escape(target) + f" ({escape(text['exit'])})" if is_exit
                else linked(names[target], stage_url(target)))
        share = percent(n / entered[source]) if source and entered.get(source) else "–"
        css = ' class="custflow-sankey-exit-row"' if is_exit else ""
        rows.append(f"<tr{css}><td>{origin}</td><td>{goal}</td><td>{count(n)}</td>"
                    f"<td>{share}</td></tr>")
    head = "".join(f"<th>{escape(text[k])}</th>" for k in
                   ("from", "to", "customers", "share_of_from"))
    return (f'<div class="custflow-grid custflow-sankey-table" tabindex="0">'
            '<table class="custflow-grid-table custflow-figures"><thead>'
            f"<tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def render_sankey(journey: Journey, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    flow = options.measured.flow_of(journey) if options.measured else None
    if flow is None:
        return no_flow(journey, options, "sankey")
    latest = flow.latest
    return (
        '<figure class="custflow-sankey">'
        f'<div class="custflow-scroll" tabindex="0">{sankey_svg(journey, latest, options)}</div>'
        f"<figcaption>{sankey_table(journey, latest, options)}</figcaption></figure>"
    )
