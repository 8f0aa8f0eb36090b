"""The architecture chart of the playbook's architecture page: every system
in a subgraph of its layer, and an arrow for each exchange between systems
labelled with the data it carries and how. Nodes link to the system pages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

from mkdocs_custflow.i18n import words
from mkdocs_custflow.renderers.colours import fill
from mkdocs_custflow.renderers.escaping import mermaid_plain, mermaid_text, mermaid_url
from mkdocs_custflow.renderers.systems_view import SYSTEM_COLOUR
from mkdocs_custflow.structure import Actor, DataItem, Integration


def render_architecture(
    layers: list[tuple[str | None, list[Actor]]],
    integrations: list[tuple[Actor, Integration]],
    items: Mapping[str, DataItem],
    locale: str,
    system_url: Callable[[str], str | None],
) -> str:
    """The chart's Mermaid source (empty without systems)."""
    text = words(locale)
    node: dict[str, str] = {}
    for _layer, actors in layers:
        for actor in actors:
            node[actor.id] = f"Y{len(node)}"
    if not node:
        return ""
    names = ", ".join(a.name for _, actors in layers for a in actors)
    lines = [
        "flowchart TD",
        f"    accTitle: {mermaid_plain(text['architecture'])}",
        f"    accDescr: {mermaid_plain(names)}",
    ]
    for number, (layer, actors) in enumerate(layers):
        lines.append(f'    subgraph L{number}["{mermaid_text(layer or text["no_layer"])}"]')
        lines.extend(f'        {node[a.id]}["{mermaid_text(a.name)}"]' for a in actors)
        lines.append("    end")
    for actor, exchange in integrations:
        if exchange.partner not in node:
            continue
        carried = [items[d].name if d in items else d for d in exchange.data]
        label = mermaid_text(" · ".join(carried)) if carried else ""
        if exchange.how:
            how = mermaid_text(f"({exchange.how})")
            label = f"{label}<br>{how}" if label else how
        arrow = f'-->|"{label}"|' if label else "-->"
        lines.append(f"    {node[actor.id]} {arrow} {node[exchange.partner]}")
    lines.append(f"    classDef system {fill(SYSTEM_COLOUR)}")
    lines.append(f"    class {','.join(node.values())} system")
    for actor in (a for _, actors in layers for a in actors):
        url = system_url(actor.id)
        if url:
            tooltip = mermaid_text(f"{text['system']}{text['colon']}{actor.name}")
            lines.append(f'    click {node[actor.id]} href "{mermaid_url(url)}" "{tooltip}"')
    return "\n".join(lines) + "\n"


def diagram_figure(source: str, view: str = "systems") -> str:
    """A diagram as the blocks show one: in a box that scrolls sideways rather
    than shrink it past reading, its source kept out of search."""
    return (
        f'<figure class="custflow-diagram custflow-{view}"><div class="custflow-scroll">'
        f'<pre class="mermaid" data-search-exclude><code>{escape(source)}</code></pre>'
        "</div></figure>"
    )
