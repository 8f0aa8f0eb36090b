"""Systems and data in ``playbook.json``: each stage's data uses, each
role's training, and the site's systems and data items with where they are
used (schema: ``schema/playbook.schema.json``)."""

from __future__ import annotations

from dataclasses import asdict

from mkdocs_custflow.playbook.model import Playbook
from mkdocs_custflow.playbook.systems_model import SystemsIndex
from mkdocs_custflow.structure import Actor, Stage


def stage_data(stage: Stage) -> list[dict[str, object]]:
    return [{"data": u.data, "use": u.use, "in": u.system, "line": u.line} for u in stage.data]


def training(actor: Actor) -> list[dict[str, object]]:
    return [asdict(t) for t in actor.training]


def systems_json(playbook: Playbook) -> dict[str, object]:
    """``systems`` and ``data``: empty lists for a site that describes none."""
    index = playbook.systems or SystemsIndex()
    return {
        "systems": [
            {
                "id": system_id, "name": s.actor.name, "layer": s.actor.layer,
                "owner": s.actor.owner, "description": s.actor.description,
                "integrates": [{"with": i.partner, "data": i.data, "how": i.how}
                               for i in s.actor.integrates],
                "data_held": [d.item.id for d in index.held_in(system_id)],
                "stages": s.stage_ids(), "journeys": [r.journey.id for r in s.journeys()],
                "roles": s.roles,
            }
            for system_id, s in index.systems.items()
        ],
        "data": [
            {
                "id": data_id, "name": d.item.name, "description": d.item.description,
                "personal": d.item.personal, "owner": d.item.owner,
                "retention": d.item.retention, "access": d.item.access,
                "held_in": d.item.held_in,
                "uses": [
                    {"stage": u.stage.id, "journey": u.record.journey.id if u.record else None,
                     "use": u.use.use, "in": u.systems, "roles": u.roles}
                    for u in d.uses
                ],
            }
            for data_id, d in index.data.items()
        ],
    }
