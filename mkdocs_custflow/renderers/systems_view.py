"""The ``systems`` view: a journey's stages, the systems they work in and
the data they use there, as a Mermaid flowchart read left to right.

Stages come first; then the systems, one subgraph per layer (Mermaid's
``architecture-beta`` cannot link its nodes and draws lines over labels); then
the data the journey uses in each system, personal data marked. An arrow from
a stage to a system says what the stage does there (collects, reads...; a
step with the system says ``steps``); a dotted line joins a system to the data
it holds that the journey uses. Every node links to its playbook page.
Labels are one size, so the view stays legible where the page is narrow.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mkdocs_custflow.i18n import words
from mkdocs_custflow.renderers.colours import NEUTRAL_COLOUR, fill
from mkdocs_custflow.renderers.escaping import mermaid_text, mermaid_url
from mkdocs_custflow.renderers.flowchart import accessible
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Actor, DataItem, Journey, Stage
from mkdocs_custflow.structure.systems import DATA_USES

SYSTEM_COLOUR = "#0891b2"  # cyan: no team has it
DATA_COLOUR = "#ca8a04"  # amber: data, personal or not
STEP_USE = "step"


@dataclass
class SystemsMap:
    """What the view draws: each stage's uses per system, and the data the
    journey uses in each system, in the order the journey names them."""

    uses: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(stage id, system id) -> the uses (``collect``..., ``step``)."""
    held: dict[str, list[str]] = field(default_factory=dict)
    """System id -> the data ids the journey uses in it."""

    @property
    def systems(self) -> list[str]:
        return list(dict.fromkeys(system for _, system in self.uses))

    @property
    def data(self) -> list[str]:
        return list(dict.fromkeys(d for ids in self.held.values() for d in ids))


def systems_map(journey: Journey, items: Mapping[str, DataItem]) -> SystemsMap:
    """The stages' systems (by ``data`` and by steps with a system actor)."""
    found = SystemsMap()

    def is_system(actor_id: str) -> bool:
        actor = journey.actors.get(actor_id)
        return actor is not None and actor.kind == "system"

    for stage in journey.stages:
        for use in stage.data:
            for system in use.systems(dict(items)):
                if not is_system(system):
                    continue
                uses = found.uses.setdefault((stage.id, system), [])
                if use.use not in uses:
                    uses.append(use.use)
                held = found.held.setdefault(system, [])
                if use.data not in held:
                    held.append(use.data)
        for message in stage.messages:
            for actor_id in (message.sender, message.receiver):
                if is_system(actor_id):
                    uses = found.uses.setdefault((stage.id, actor_id), [])
                    if STEP_USE not in uses:
                        uses.append(STEP_USE)
    return found


def layers(journey: Journey, systems: list[str]) -> list[tuple[str | None, list[str]]]:
    """The systems grouped by layer, in first-seen order (no layer: last)."""
    grouped: dict[str | None, list[str]] = {}
    for system in systems:
        actor = journey.actors.get(system)
        grouped.setdefault(actor.layer if actor and actor.layer else None, []).append(system)
    named = [(layer, ids) for layer, ids in grouped.items() if layer is not None]
    return named + ([(None, grouped[None])] if None in grouped else [])


def use_label(uses: list[str], locale: str) -> str:
    text = words(locale)
    ordered = [u for u in (*DATA_USES, STEP_USE) if u in uses]
    return " · ".join(text[f"use_{u}"] for u in ordered)


def data_label(item_id: str, items: Mapping[str, DataItem], locale: str) -> str:
    item = items.get(item_id)
    label = mermaid_text(item.name if item else item_id)
    if item is not None and item.personal:
        label += " " + mermaid_text(f"({words(locale)['personal_mark']})")
    return label


def render_systems(journey: Journey, options: RenderOptions | None = None) -> str:
    """The view's Mermaid source; empty when the journey uses no system."""
    options = options or RenderOptions()
    items = options.data_items or {}
    found = systems_map(journey, items)
    if not found.uses:
        return ""
    text = words(options.locale)
    stage_node = {s.id: f"S{i}" for i, s in enumerate(journey.stages)}
    system_node = {system: f"Y{i}" for i, system in enumerate(found.systems)}
    data_node = {item: f"D{i}" for i, item in enumerate(found.data)}
    used_stages = [s for s in journey.stages if any(k[0] == s.id for k in found.uses)]
    lines = ["flowchart LR", *accessible(journey, text["systems_title"], tuple(used_stages),
                                              text["colon"])]
    for stage in used_stages:
        lines.append(f'    {stage_node[stage.id]}["{mermaid_text(stage.name)}"]')
    for number, (layer, systems) in enumerate(layers(journey, found.systems)):
        title = layer if layer is not None else text["no_layer"]
        lines.append(f'    subgraph L{number}["{mermaid_text(title)}"]')
        for system in systems:
            name = _name(journey.actors.get(system), system)
            lines.append(f'        {system_node[system]}["{name}"]')
        lines.append("    end")
    for item in found.data:
        lines.append(f'    {data_node[item]}[("{data_label(item, items, options.locale)}")]')
    for (stage_id, system), uses in found.uses.items():
        label = mermaid_text(use_label(uses, options.locale))
        lines.append(f'    {stage_node[stage_id]} -->|"{label}"| {system_node[system]}')
    for system, held in found.held.items():
        for item in held:
            lines.append(f"    {system_node[system]} -.- {data_node[item]}")
    lines += [
        f"    classDef stage {fill(NEUTRAL_COLOUR)}",
        f"    classDef system {fill(SYSTEM_COLOUR)}",
        f"    classDef data {fill(DATA_COLOUR)}",
        f"    class {','.join(stage_node[s.id] for s in used_stages)} stage",
        f"    class {','.join(system_node.values())} system",
    ]
    if data_node:
        lines.append(f"    class {','.join(data_node.values())} data")
    nodes = {stage_node[s.id]: s for s in used_stages}
    lines += _clicks(journey, options, nodes, system_node, data_node, items)
    return "\n".join(lines) + "\n"


def _name(actor: Actor | None, actor_id: str) -> str:
    return mermaid_text(actor.name if actor and actor.name else actor_id)


def _clicks(
    journey: Journey, options: RenderOptions, stages: dict[str, Stage],
    system_node: dict[str, str], data_node: dict[str, str], items: Mapping[str, DataItem],
) -> list[str]:
    text = words(options.locale)
    colon = text["colon"]
    targets: list[tuple[str, str | None, str]] = []
    for node, stage in stages.items():
        url = options.stage_url(stage.id)
        targets.append((node, url, f"{text['stage']}{colon}{stage.name}"))
    for system, node in system_node.items():
        url = options.system_url(system)
        actor = journey.actors.get(system)
        targets.append((node, url, f"{text['system']}{colon}{actor.name if actor else system}"))
    for item_id, node in data_node.items():
        url = options.data_url(item_id)
        item = items.get(item_id)
        targets.append((node, url, f"{text['data']}{colon}{item.name if item else item_id}"))
    lines = []
    for node, url, tooltip in targets:
        if url:
            url = options.diagram_url(url)
            lines.append(f'    click {node} href "{mermaid_url(url)}" "{mermaid_text(tooltip)}"')
    return lines
