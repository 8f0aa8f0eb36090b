"""The playbook as data: ``playbook.json`` (schema in ``schema/``) and a RACI CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from pathlib import Path

from mkdocs_custflow.playbook.dashboard import dashboard_json
from mkdocs_custflow.playbook.model import Playbook
from mkdocs_custflow.playbook.systems_export import stage_data, systems_json, training
from mkdocs_custflow.renderers.flowchart import flow_direction
from mkdocs_custflow.structure import (
    Decision,
    Journey,
    Kpi,
    Message,
    Note,
    Review,
    Stage,
    Step,
)
from mkdocs_custflow.structure.review_cycle import build_date

SCHEMA_PATH = Path(__file__).parent / "schema" / "playbook.schema.json"
FORMAT_VERSION = 1


def _step(step: Step) -> dict[str, object]:
    if isinstance(step, Message):
        data: dict[str, object] = {
            "type": "message", "from": step.sender, "to": step.receiver, "text": step.text,
            "dashed": step.dashed,
        }
        for key in ("reply", "via", "note", "score", "pain", "lane"):
            if getattr(step, key) is not None:
                data[key] = getattr(step, key)
    elif isinstance(step, Note):
        data = {"type": "note", "text": step.text}
    else:
        assert isinstance(step, Decision)
        data = {
            "type": "decision", "question": step.question,
            "branches": [{"label": b.label, "target": b.target} for b in step.branches],
        }
    data["line"] = step.line
    return data


def _measures(kpis: list[Kpi]) -> list[dict[str, object]]:
    """The KPIs with a target or a measured value, and whether the target is met."""
    return [
        {"name": k.name, "target": k.target, "current": k.current, "unit": k.unit,
         "result": k.result, "line": k.line}
        for k in kpis if k.target is not None or k.current is not None
    ]


def _stage(stage: Stage) -> dict[str, object]:
    return {
        "id": stage.id, "name": stage.name, "description": stage.description,
        "owner": stage.owner, "responsible": stage.responsible, "consulted": stage.consulted,
        "informed": stage.informed, "touchpoints": stage.touchpoints,
        "kpis": [str(kpi) for kpi in stage.kpis], "measures": _measures(stage.kpis),
        "pains": [asdict(pain) for pain in stage.pains],
        "opportunities": [asdict(o) for o in stage.opportunities], "detail": stage.detail,
        "sla": stage.sla, "links": [asdict(link) for link in stage.links], "next": stage.next,
        "steps": [_step(step) for step in stage.steps], "data": stage_data(stage),
        "line": stage.line,
    }


def _review(review: Review | None) -> dict[str, object] | None:
    if review is None:
        return None
    due = review.next_date()
    return {
        "owner": review.owner, "every": str(review.every) if review.every else None,
        "last": review.last.isoformat() if review.last else None,
        "with": review.participants, "next": due.isoformat() if due else None,
        "line": review.line,
    }


def _journey(
    journey: Journey, page: str, anchor: str, part_of: list[dict[str, str]]
) -> dict[str, object]:
    return {
        "id": journey.id, "title": journey.title, "description": journey.description,
        "template": journey.template, "views": journey.views, "direction": flow_direction(journey),
        "source": {"file": journey.file, "line": journey.line, "page": page, "anchor": anchor},
        "state": journey.state, "improves": journey.improves, "review": _review(journey.review),
        "part_of": part_of,
        "actors": sorted(journey.actors), "stages": [_stage(s) for s in journey.stages],
    }


def _parents(playbook: Playbook) -> dict[str, list[dict[str, str]]]:
    """Sub-journey id -> the journey and stage each ``detail`` comes from."""
    parents: dict[str, list[dict[str, str]]] = {}
    for record in playbook.journeys:
        for stage in record.journey.stages:
            if stage.detail and stage.detail != record.journey.id:
                parents.setdefault(stage.detail, []).append(
                    {"journey": record.journey.id, "stage": stage.id})
    return parents


def _site_wide(playbook: Playbook) -> dict[str, object]:
    """Everything but the journeys: stages, touchpoints and roles across them."""
    roles = playbook.stage_roles()
    return {
        "stages": [
            {
                "id": s.id, "name": s.name, "description": s.description, "owner": s.owner,
                "sla": s.sla, "kpis": [str(kpi) for kpi in s.kpis],
                "measures": _measures(s.kpis), "touchpoints": s.all_touchpoints(),
                "pains": [
                    {**asdict(pain), "journey": u.record.journey.id}
                    for u in s.uses for pain in u.stage.pains
                ],
                "opportunities": [
                    {**asdict(o), "journey": u.record.journey.id}
                    for u in s.uses for o in u.stage.opportunities
                ],
                "links": [asdict(link) for link in s.links], "defined_at": s.defined_at,
                "journeys": [u.record.journey.id for u in s.uses],
            }
            for s in playbook.stages.values()
        ],
        "touchpoints": [
            {
                "id": t.touchpoint.id, "name": t.touchpoint.name, "channel": t.touchpoint.channel,
                "description": t.touchpoint.description, "stages": t.stages,
                "journeys": [r.journey.id for r in t.journeys],
            }
            for t in sorted(playbook.touchpoints.values(), key=lambda t: t.touchpoint.id)
        ],
        "roles": [
            {
                "id": role_id, "name": playbook.roles[role_id].actor.name,
                "team": playbook.roles[role_id].actor.team,
                "description": playbook.roles[role_id].actor.description,
                "training": training(playbook.roles[role_id].actor),
            }
            for role_id in roles
        ],
        "raci": {
            s.id: {r: s.raci(r) for r in roles if s.raci(r)} for s in playbook.stages.values()
        },
        **systems_json(playbook),
    }


def playbook_json(playbook: Playbook) -> str:
    """:func:`playbook_json_bytes` as text."""
    return playbook_json_bytes(playbook).decode("utf-8")


def playbook_json_bytes(playbook: Playbook) -> bytes:
    """Compact JSON in UTF-8, one journey a line: without ``indent`` the C encoder
    does the work, several times faster on a large site; a line a journey keeps
    diffs readable. Made as bytes a journey at a time and joined once: as one
    ``str``, a single CJK character would make the whole file take two or four
    bytes a character, several times over while it is put together."""
    parents = _parents(playbook)
    chunks = [f'{{"version":{FORMAT_VERSION},\n"journeys":['.encode()]
    for index, r in enumerate(playbook.journeys):
        journey = _journey(r.journey, r.page, r.anchor, parents.get(r.journey.id, []))
        chunks.append((",\n" if index else "\n").encode() + _compact(journey).encode())
    chunks.append(b"\n]")
    chunks.extend(f",\n{_compact(k)}:{_compact(v)}".encode()
                  for k, v in _site_wide(playbook).items())
    dashboard = dashboard_json(playbook, build_date())
    if dashboard is not None:  # the measured data (``measures:``), as the dashboard shows it
        chunks.append(f',\n"dashboard":{_compact(dashboard)}'.encode())
    chunks.append(b"}\n")
    return b"".join(chunks)


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A cell no spreadsheet runs as a formula: one that could start one gets a
    leading apostrophe, which spreadsheets show as text and do not display."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def raci_csv(playbook: Playbook) -> str:
    """Stages x roles, one letter group per cell (``AR``); each role's column
    is headed ``Name (id)``."""
    roles = playbook.stage_roles()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["stage", "stage_name"]
    header += [f"{playbook.roles[r].actor.name} ({r})" for r in roles]
    writer.writerow([csv_cell(cell) for cell in header])
    for stage in playbook.stages.values():
        row = [stage.id, stage.name, *(stage.raci(r) for r in roles)]
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()
