"""What only the whole site can tell about the improvement loop, reported the
same by `mkdocs build` and `custflow validate`: sub-journeys (``detail``)
that name no journey or contain themselves, ``improves`` naming no journey,
overdue reviews; stage uses compared within one state; and a built site whose
sub-journeys link both ways.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from html import unescape
from pathlib import Path

import jsonschema
import pytest
from support.links import check_links, mermaid_click_targets
from support.mermaid_node import decode_mermaid_entities
from support.pages import line_of
from support.site import build_site, write_site

from mkdocs_custflow.cli import main
from mkdocs_custflow.pipeline import Pipeline, SourcePage
from mkdocs_custflow.playbook.export import SCHEMA_PATH

REPAIR = """\
# Repair

```journey
id: repair
title: Repair
actors:
  customer: {name: Customer, kind: customer}
  desk: {name: Service desk, kind: role}
  eng: {name: Engineer, kind: role}
review: {owner: desk, every: 1m, last: 2026-01-10, with: [eng]}
stages:
  - id: report
    owner: desk
    steps:
      - customer -> desk: The screen stays black
  - id: visit
    name: Visit
    owner: eng
    detail: repair-visit
    steps:
      - eng -> customer: Repair on site
```
"""
VISIT = """\
# The visit in detail

```journey
id: repair-visit
title: Repair visit, step by step
actors:
  customer: {name: Customer, kind: customer}
  eng: {name: Engineer, kind: role}
stages:
  - id: arrive
    owner: eng
    steps:
      - eng -> customer: Call 30 minutes ahead
  - id: fix
    owner: eng{detail}
    steps:
      - eng -> customer: Replace the board
```
"""
TO_BE = """\
# Repair, as it should be

```journey
id: repair-to-be
title: Repair, to be
improves: {improves}
actors:
  customer: {name: Customer, kind: customer}
  desk: {name: Service desk, kind: role}
  eng: {name: Engineer, kind: role}
stages:
  - id: report
    owner: eng
    sla: 1h
    steps:
      - customer -> eng: Photo of the fault on WeChat
```
"""


def _epoch(day: date) -> str:
    return str(int(datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc).timestamp()))


def _pages(detail: str | None = None, improves: str = "repair") -> dict[str, str]:
    """The site; ``detail`` gives the sub-journey's last stage a sub-journey of its own."""
    return {
        "index.md": "# Home\n",
        "repair.md": REPAIR,
        "visit.md": VISIT.replace("{detail}", f"\n    detail: {detail}" if detail else ""),
        "to-be.md": TO_BE.replace("{improves}", improves),
    }


@pytest.fixture(autouse=True)
def _before_the_review_is_due(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(date(2026, 1, 20)))


def _read(pages: dict[str, str]) -> list[str]:
    source = [SourcePage(path, text, f"docs/{path}") for path, text in pages.items()]
    return [f"{f}|{f.rule}" for f in Pipeline().read_site(source).findings]


def test_an_unknown_sub_journey_is_an_error_at_its_detail_key() -> None:
    # Written in the journey 'repair-visit': the closest id, but a journey is never
    # suggested as its own sub-journey (or as what it improves).
    pages = _pages(detail="repair-vist")
    found = _read(pages)
    line = line_of(pages["visit.md"], "detail:")
    assert found == [
        f"docs/visit.md:{line}: unknown journey 'repair-vist' in 'detail' of stage 'fix' "
        "(did you mean 'repair'?); give the id of a journey block of this site"
        "|unknown-reference"
    ]


def test_a_cycle_of_sub_journeys_is_an_error_where_it_closes() -> None:
    pages = _pages(detail="repair")
    found = _read(pages)
    line = line_of(pages["visit.md"], "detail:")
    assert found == [
        f"docs/visit.md:{line}: 'detail' of stage 'fix' makes a cycle of sub-journeys: "
        "repair → repair-visit → repair; a journey cannot be drawn in detail by itself or by "
        "one of its own sub-journeys|detail-cycle"
    ]
    own = {"a.md": "```journey\nid: a\nstages:\n  - {id: s, detail: a}\n```\n"}
    assert _read(own) == [
        "docs/a.md:4: 'detail' of stage 's' makes a cycle of sub-journeys: a → a; a journey "
        "cannot be drawn in detail by itself or by one of its own sub-journeys|detail-cycle"
    ]


def test_improves_must_name_a_journey_of_the_site() -> None:
    pages = _pages(improves="repiar")
    found = [f for f in _read(pages) if "improves" in f]
    line = line_of(pages["to-be.md"], "improves:")
    assert found == [
        f"docs/to-be.md:{line}: unknown journey 'repiar' in 'improves' (did you mean "
        "'repair'?); give the id of a journey block of this site|unknown-reference"
    ]


def test_uses_of_a_stage_are_compared_within_one_state_only() -> None:
    # The to-be journey gives 'report' another owner: that is what it changes.
    assert _read(_pages()) == []
    # Two to-be journeys that disagree still conflict (the second page, by name, is first).
    second = TO_BE.replace("{improves}", "repair").replace("id: repair-to-be", "id: more")
    second = second.replace("owner: eng\n    sla", "owner: desk\n    sla")
    pages = {**_pages(), "second.md": second}
    line = line_of(second, "- id: report")
    assert [found.split("|")[0] for found in _read(pages)] == [
        f"docs/to-be.md:{line}: stage 'report' has owner 'eng' here but 'desk' at "
        f"docs/second.md:{line}; define the stage once (in the catalog) or make them agree"
    ]


def test_the_sub_journey_knows_its_parents() -> None:
    pages = _pages()
    source = [SourcePage(path, text, f"docs/{path}") for path, text in pages.items()]
    reading = Pipeline().read_site(source)
    assert [(j.id, s.id) for j, s in reading.parents["repair-visit"]] == [("repair", "visit")]
    assert reading.homes["repair-visit"].page == "visit.md"


def test_validate_reports_what_the_build_reports(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(date(2026, 3, 1)))
    pages = _pages(detail="repair")
    write_site(tmp_path, pages)
    monkeypatch.chdir(tmp_path)
    status = main(["validate", "docs"])
    out = capsys.readouterr().out.splitlines()
    review = line_of(REPAIR, "review:")
    detail = line_of(pages["visit.md"], "detail:")
    assert status == 1
    assert f"docs/repair.md:{review}: warning: the review of journey 'repair' was due on " \
        "2026-02-10 (last 2026-01-10, every 1m); review it with the people named and set " \
        "'last' to the day you did [review-overdue]" in out
    assert any(line.startswith(f"docs/visit.md:{detail}: error: 'detail' of stage 'fix' makes "
                               "a cycle") for line in out), out
    build = build_site(tmp_path / "build", pages, env={"SOURCE_DATE_EPOCH": _epoch(
        date(2026, 3, 1))})
    assert re.search(rf"WARNING .*docs/repair\.md:{review}: the review of journey 'repair' "
                     r"was due on 2026-02-10", build.log), build.log
    assert re.search(rf"ERROR .*docs/visit\.md:{detail}: 'detail' of stage 'fix' makes a "
                     "cycle", build.log), build.log


def test_advice_fails_nothing_not_even_strict(tmp_path: Path, capsys, monkeypatch) -> None:
    page = ("# P\n\n```journey\nid: p\nstages:\n  - id: s\n    owner: desk\n"
            "    pains: [Long wait]\n```\n")
    write_site(tmp_path, {"index.md": page})
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--strict", "docs"]) == 0
    captured = capsys.readouterr()
    assert "docs/index.md:8: info: stage 's' has pain points but no opportunity" in captured.out
    assert "0 error(s), 0 warning(s), 1 note(s)" in captured.err
    build = build_site(tmp_path / "build", {"index.md": page}, strict=True)
    assert build.ok, build.log
    assert re.search(r"INFO .*docs/index\.md:8: stage 's' has pain points but no opportunity",
                     build.log), build.log


def test_a_built_site_links_sub_journeys_both_ways(tmp_path: Path) -> None:
    pages = _pages()
    site = build_site(tmp_path, pages, env={"SOURCE_DATE_EPOCH": _epoch(date(2026, 1, 20))},
                      strict=True).check()
    assert not check_links(site.site_dir)
    repair = (site.site_dir / "repair" / "index.html").read_text("utf-8")
    visit = (site.site_dir / "visit" / "index.html").read_text("utf-8")
    # The stage drawn in detail opens the sub-journey's block...
    clicks = dict(mermaid_click_targets(repair))
    assert clicks["S1"] == "../visit/#journey-repair-visit", clicks
    sources = re.findall(r'<pre class="mermaid"[^>]*><code>(.*?)</code>', repair, re.S)
    flow = unescape(next(s for s in sources if s.startswith("flowchart")))
    label = decode_mermaid_entities(re.search(r'S1\["(.*)"\]', flow)[1])
    # The line breaks where text may break (renderers/line_breaks.py).
    assert label.replace("<br>", " ").endswith(
        "<small>▸ Sub-journey: Repair visit, step by step</small>"), label
    # ...and the sub-journey says where it belongs, with a link back.
    part = re.search(r'<p class="custflow-part-of">(.*?)</p>', visit)
    assert part and part[1] == 'Part of: <a href="../repair/#journey-repair">Repair</a>, Visit'
    # The review: who, with whom, when last and next; not overdue on 2026-01-20.
    review = re.search(r'<p class="custflow-review">(.*?)</p>', repair)
    assert review, repair
    assert re.sub(r"<[^>]+>", "", review[1]) == (
        "Review: by Service desk · with Engineer · last 2026-01-10 · next 2026-02-10")
    # The to-be journey says what it improves, linked.
    to_be = (site.site_dir / "to-be" / "index.html").read_text("utf-8")
    state = re.search(r'<p class="custflow-journey-state">(.*?)</p>', to_be)
    assert state and re.sub(r"<[^>]+>", "", state[1]) == "To-be improves Repair"
    assert 'href="../repair/#journey-repair"' in state[1]
    # playbook.json carries it all, valid against its schema.
    data = json.loads((site.site_dir / "playbook" / "playbook.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text("utf-8"))).validate(data)
    journeys = {j["id"]: j for j in data["journeys"]}
    assert journeys["repair"]["review"] == {
        "owner": "desk", "every": "1m", "last": "2026-01-10", "with": ["eng"],
        "next": "2026-02-10", "line": line_of(REPAIR, "review:")}
    assert (journeys["repair"]["state"], journeys["repair-to-be"]["state"],
            journeys["repair-to-be"]["improves"]) == ("as-is", "to-be", "repair")
    assert journeys["repair"]["stages"][1]["detail"] == "repair-visit"
    assert journeys["repair-visit"]["part_of"] == [{"journey": "repair", "stage": "visit"}]


def test_an_overdue_review_is_marked_on_the_page_and_fails_strict(tmp_path: Path) -> None:
    site = build_site(tmp_path, _pages(), strict=True,
                      env={"SOURCE_DATE_EPOCH": _epoch(date(2026, 5, 1))})
    assert not site.ok
    assert "docs/repair.md:10: the review of journey 'repair' was due on 2026-02-10" in site.log
    repair = (site.site_dir / "repair" / "index.html").read_text("utf-8")
    assert re.search(r"next 2026-02-10 <span class=\"custflow-badge custflow-badge-overdue\">"
                     r"overdue</span>", repair), repair


def test_playbook_json_carries_pains_opportunities_and_kpis_met_or_missed() -> None:
    from test_improvement_reading import SPEC_MAP_EXAMPLE

    from mkdocs_custflow.playbook.export import playbook_json

    page = f"# Map\n\n```journey\n{SPEC_MAP_EXAMPLE}```\n"
    reading = Pipeline().read_site([SourcePage("map.md", page, "docs/map.md")])
    assert reading.playbook is not None and not reading.findings
    data = json.loads(playbook_json(reading.playbook))
    jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text("utf-8"))).validate(data)
    report, accept = data["journeys"][0]["stages"]
    pains_line = line_of(page, "Waits on the line")
    assert report["pains"] == [{"text": "Waits on the line and repeats the story",
                                "severity": "high", "line": pains_line}]
    assert report["opportunities"] == [{"text": "Photo upload on WeChat before the call",
                                        "status": "planned", "owner": "desk",
                                        "line": pains_line + 2}]
    assert report["steps"][0]["pain"] == "Asked the same questions twice"
    assert accept["kpis"] == ["First-time fix rate >= 90% (84%)", "Acceptance signed on site"]
    assert accept["measures"] == [{"name": "First-time fix rate", "target": ">= 90%",
                                   "current": "84%", "unit": None, "result": "missed",
                                   "line": line_of(page, "First-time fix rate")}]
    stages = {s["id"]: s for s in data["stages"]}
    assert stages["report"]["pains"][0]["journey"] == "repair-map"
    assert stages["accept"]["measures"][0]["result"] == "missed"
