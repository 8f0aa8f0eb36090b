"""``playbook/playbook.json``: valid against its schema, and says where each journey lives."""

from __future__ import annotations

import json

import jsonschema
from support.pages import line_of
from support.playbook_sites import DOCS, JOURNEYS, ROLES, STAGES, TOUCHPOINTS
from support.site import BuildResult

from mkdocs_custflow.playbook.export import SCHEMA_PATH


def test_playbook_json_validates_and_records_where_each_journey_lives(site: BuildResult):
    data = json.loads((site.site_dir / "playbook" / "playbook.json").read_text("utf-8"))
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    journeys = {j["id"]: j for j in data["journeys"]}
    assert set(journeys) == set(JOURNEYS)
    for journey_id, (title, page, _url) in JOURNEYS.items():
        journey = journeys[journey_id]
        source = journey["source"]
        assert journey["title"] == title
        assert source["file"] == f"docs/{page}"
        assert source["page"] == page
        assert source["anchor"] == f"journey-{journey_id}"
        fence = line_of(DOCS[page], "```journey")
        assert source["line"] in (fence, fence + 1), (journey_id, source)
    assert journeys["home-appliance-repair"]["template"] == "after-sales-repair"
    assert [s["id"] for s in journeys["lead-follow-up"]["stages"]] == [
        "discover", "qualify", "propose"
    ]
    stages = {s["id"]: s for s in data["stages"]}
    assert list(stages) == STAGES
    assert stages["qualify"]["owner"] == "sales-manager"
    assert stages["qualify"]["journeys"] == ["lifecycle", "lead-follow-up"]
    assert stages["report"]["journeys"] == ["lifecycle", "home-appliance-repair"]
    assert data["raci"]["qualify"] == {
        "sales": "R", "sales-manager": "A", "service": "C", "engineer": "I"
    }
    assert {t["id"] for t in data["touchpoints"]} == set(TOUCHPOINTS)
    assert {r["id"] for r in data["roles"]} == set(ROLES)
