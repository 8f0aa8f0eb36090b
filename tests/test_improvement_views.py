"""The views of the improvement loop: the ``map`` and ``blueprint`` HTML
tables (golden files of the spec's section-9 example), pain points on the
flowchart and in the sequence diagram (valid Mermaid whatever their text),
and the blueprint's lanes.

Regenerate the golden files after an intended change with
``CUSTFLOW_UPDATE_GOLDEN=1`` and review the diff like code.
"""

from __future__ import annotations

import os
import re
from html import unescape
from pathlib import Path

import pytest
from journeys import HARD_CASES, shown
from support.mermaid_node import decode_mermaid_entities
from support.pipeline import make_pipeline
from support.render_links import FakeLinks
from test_improvement_reading import SPEC_MAP_EXAMPLE

from mkdocs_custflow.renderers.blueprint import lane_of, render_blueprint
from mkdocs_custflow.renderers.flowchart import render_flowchart
from mkdocs_custflow.renderers.journey_map import render_map
from mkdocs_custflow.renderers.options import JourneyRef, RenderOptions
from mkdocs_custflow.renderers.sequence import render_sequence
from mkdocs_custflow.structure import (
    Actor,
    Journey,
    Kpi,
    Message,
    Opportunity,
    Pain,
    Stage,
)

GOLDEN = Path(__file__).parent / "golden"
ALLOWED_TAGS = ("div", "table", "caption", "thead", "tbody", "tr", "th", "td", "ul", "li",
                "span", "a", "br", "small", "svg", "polyline", "line", "title")


def spec_journey() -> Journey:
    result = make_pipeline().read_block(SPEC_MAP_EXAMPLE, file="blocks.md")
    assert result.ok and not result.diagnostics
    assert result.journey is not None
    return result.journey


@pytest.mark.parametrize(("view", "render"), [("map", render_map),
                                              ("blueprint", render_blueprint)])
def test_spec_example_matches_golden(view: str, render) -> None:
    html = render(spec_journey(), RenderOptions(
        links=FakeLinks(stage=lambda sid: f"../playbook/stages/{sid}/",
                        actor=lambda aid: f"../playbook/roles/{aid}/",
                        touchpoint=lambda tid: f"../playbook/touchpoints/{tid}/")))
    path = GOLDEN / f"repair-map.{view}.html"
    if os.environ.get("CUSTFLOW_UPDATE_GOLDEN"):
        path.write_text(html, encoding="utf-8")
    assert path.exists(), f"{path} missing; run with CUSTFLOW_UPDATE_GOLDEN=1"
    assert html == path.read_text(encoding="utf-8"), f"{view} differs from {path.name}"


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _row(html: str, name: str) -> list[str]:
    """The cells of one row of a map or blueprint: each item's text, joined by ' | '."""
    row = re.search(rf'<tr class="custflow-row-{name}">(.*?)</tr>', html, re.S)
    assert row, name
    return [" | ".join(_text(item) for item in re.findall(r"<li>(.*?)</li>", cell, re.S))
            for cell in re.findall(r"<td>(.*?)</td>", row[1], re.S)]


def test_the_map_holds_every_row_of_the_example() -> None:
    html = render_map(spec_journey())
    assert re.search(r'<th scope="col" class="custflow-grid-corner">Stage</th>'
                     r'<th scope="col">Report a fault</th><th scope="col">Accept the repair</th>',
                     html)
    assert _row(html, "actions") == ["Report the fault (2/5)", "Test together and sign (4/5)"]
    assert _row(html, "touchpoints") == ["Hotline", ""]
    assert _row(html, "pains") == [
        "high Waits on the line and repeats the story | Asked the same questions twice", ""]
    assert _row(html, "opportunities") == [
        "planned Photo upload on WeChat before the call (Service desk)", ""]
    assert _row(html, "kpis") == [
        "", "First-time fix rate · target >= 90% · now 84% ✗ missed | Acceptance signed on site"]
    assert _row(html, "owner") == ["Service desk", "Engineer"]
    # The emotion curve: one point per scored step, low scores marked, the line
    # meeting its neighbour halfway between the two scores at the column border.
    curve = re.search(r'<tr class="custflow-row-emotion">(.*?)</tr>', html, re.S)[1]
    assert re.findall(r'<polyline class="custflow-curve-line" points="([^"]+)"', curve) == [
        "50.0,70.0 100.0,50.0", "0.0,50.0 50.0,30.0"]
    points = re.findall(r'<line class="custflow-point( custflow-point-low)?"', curve)
    assert points == [" custflow-point-low", ""]
    assert 'aria-label="Emotion curve: Report the fault: 2/5"' in curve
    for header in ("Customer actions", "Touchpoints", "Pain points", "Opportunities"):
        assert f'<th scope="row">{header}</th>' in html


def test_the_curve_bridges_a_stage_without_scores() -> None:
    customer = Actor("customer", "Customer", "customer")
    desk = Actor("desk", "Desk", "role")
    stages = [
        Stage("a", "A", steps=[Message("customer", "desk", "one", score=1)]),
        Stage("b", "B", steps=[Message("desk", "customer", "unscored")]),
        Stage("c", "C", steps=[Message("customer", "desk", "three", score=5),
                               Message("customer", "desk", "four", score=3)]),
    ]
    html = render_map(Journey("j", "J", stages, {"customer": customer, "desk": desk}))
    lines = re.findall(r'<polyline class="([^"]+)" points="([^"]+)"', html)
    assert lines == [
        ("custflow-curve-line", "50.0,90.0 100.0,50.0"),
        ("custflow-curve-line custflow-curve-gap", "0.0,50.0 100.0,50.0"),
        ("custflow-curve-line", "0.0,50.0 25.0,10.0 75.0,50.0"),
    ]


def test_the_blueprint_puts_each_step_in_its_lane() -> None:
    journey = spec_journey()
    journey.stages[0].steps.append(Message("desk", "eng", "Dispatch the engineer"))
    journey.stages[1].steps.append(Message("customer", "crm", "Rate the repair online"))
    journey.stages[1].steps.append(Message("eng", "crm", "Close the ticket", lane="backstage"))
    html = render_blueprint(journey)
    # The customer's own steps are the customer's actions (spec section 9); a
    # role's step to the customer is the frontstage.
    assert _row(html, "frontstage") == ["", "Engineer → Customer: Test together and sign"]
    assert _row(html, "backstage") == ["Service desk → Engineer: Dispatch the engineer",
                                       "Engineer → CRM: Close the ticket"]
    assert _row(html, "support") == ["Service desk → CRM: Open the ticket", ""]
    assert _row(html, "customer") == [
        "Customer → Service desk: Report the fault ⚠ Pain point: Asked the same questions twice",
        "Customer → CRM: Rate the repair online"]
    assert _row(html, "evidence") == ["Hotline", ""]
    line = '<tr class="custflow-grid-line"><th scope="row">Line of visibility</th><td colspan="2">'
    assert line in html
    names = [m[1] or "line"
             for m in re.finditer(r'<tr class="custflow-(?:row-(\w+)|grid-line)', html)]
    assert names == ["evidence", "customer", "frontstage", "line", "backstage", "support"]


@pytest.mark.parametrize(("sender", "receiver", "lane"), [
    ("customer", "desk", "customer"), ("desk", "customer", "frontstage"),
    ("customer", "crm", "customer"), ("crm", "customer", "customer"),
    ("customer", "customer", "customer"),
    ("desk", "eng", "backstage"), ("desk", "crm", "support"), ("crm", "lab", "support"),
    ("eng", "lab", "support"),
])
def test_lanes_follow_the_actor_kinds(sender: str, receiver: str, lane: str) -> None:
    journey = spec_journey()
    journey.actors["lab"] = Actor("lab", "Lab", "partner")
    assert lane_of(journey, Message(sender, receiver, "x")) == lane


def test_chinese_words_in_the_views() -> None:
    options = RenderOptions(locale="zh")
    journey = spec_journey()
    map_html, blueprint = render_map(journey, options), render_blueprint(journey, options)
    for word in ("客户旅程地图", "客户行为", "接触点", "情绪", "痛点", "改进机会", "负责人与时限",
                 "未达标", "高", "已计划"):
        assert word in map_html, word
    for word in ("服务蓝图", "有形展示", "前台", "可视线", "后台", "支持过程"):
        assert word in blueprint, word


# -- Mermaid: pain points marked, any text still one valid diagram ---------------------------
def _hostile_journey(text: str) -> Journey:
    actors = {"customer": Actor("customer", "Customer", "customer"),
              "desk": Actor("desk", "Desk", "role", team="Service")}
    stages = [
        Stage("a", "Report", owner="desk", pains=[Pain(text, "high"), Pain("Second")],
              opportunities=[Opportunity(text, "doing", "desk")],
              kpis=[Kpi(text, ">= 90%", "84%")], detail="sub",
              steps=[Message("customer", "desk", "Hello", score=2, pain=text)]),
        Stage("b", "Close", owner="desk", steps=[Message("desk", "customer", "Bye")]),
    ]
    return Journey("j", "J", stages, actors)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _note(text: str) -> str:
    """A parsed note as written: entity codes decoded, wrapped lines joined."""
    return _squeezed(decode_mermaid_entities(text).replace("<br>", "").replace("\u2060", ""))


@pytest.mark.parametrize("text", HARD_CASES)
def test_pain_points_keep_mermaid_valid_and_show_as_written(mermaid_parser, text: str) -> None:
    journey = _hostile_journey(text)
    options = RenderOptions(
        links=FakeLinks(stage=lambda sid: f"../stages/{sid}/",
                        journey=lambda jid: JourneyRef(jid, text, f"../{jid}/#journey-{jid}")))
    flow, sequence = mermaid_parser.parse_many(
        [render_flowchart(journey, options), render_sequence(journey, options)])
    assert flow.ok, (text, flow.error)
    assert sequence.ok, (text, sequence.error)
    label = decode_mermaid_entities(flow.db["vertices"]["S0"]).replace("\u2060", "")
    # The sub-journey's line may break where text may break (line_breaks).
    tail = label.split("<small>▸ ")[-1]
    assert "⚠ 3 pain points</b>" in label and _squeezed(tail.replace("<br>", "")) == _squeezed(
        f"Sub-journey: {shown(text)}</small>".replace("<br>", "")), label
    assert "pain points" not in flow.db["vertices"]["S1"]
    assert flow.db["clicks"]["S0"]["link"] == "../sub/#journey-sub"
    assert flow.db["clicks"]["S1"]["link"] == "../stages/b/"
    assert set(flow.db["vertices"]) == {"T0", "T1", "S0", "S1"}
    notes = [_note(n["text"]) for n in sequence.db["notes"]]
    assert _squeezed(f"⚠ Pain point (high): {shown(text)}") in notes, notes
    assert _squeezed(f"⚠ Pain point: {shown(text)}") in notes, notes
    assert _squeezed("⚠ Pain point (medium): Second") in notes


@pytest.mark.parametrize("text", HARD_CASES)
def test_grid_views_show_any_text_as_written(text: str) -> None:
    journey = _hostile_journey(text)
    for html in (render_map(journey), render_blueprint(journey)):
        tags = set(re.findall(r"<(/?)([a-z]+)", html))
        assert {tag for _, tag in tags} <= set(ALLOWED_TAGS), tags
        assert "<script" not in html and "<img" not in html and "<b>" not in html
    cells = re.findall(r"<li>(.*?)</li>", render_map(journey), re.S)
    texts = [unescape(re.sub(r"<[^>]+>", "", c)) for c in cells]  # white space as written
    assert f"high {text}" in texts  # the pain point, after its severity
    assert text in texts  # the step's pain point
    assert f"doing {text} (Desk)" in texts
