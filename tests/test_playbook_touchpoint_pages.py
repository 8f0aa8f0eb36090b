"""Touchpoint pages (``playbook/touchpoints/<id>/``): its channel, stages and journeys."""

from __future__ import annotations

from support.pages import blocks, headings, items, read, tables
from support.site import BuildResult


def test_touchpoint_page_lists_its_stages_and_journeys(site: BuildResult) -> None:
    html = read(site, "playbook/touchpoints/hotline")
    assert headings(html, "h1") == ["Service hotline"]
    assert "Channel: service" in [e.text for e in blocks(html) if e.tag == "p"]
    listed = [link for e in items(html) for link in e.links]
    assert listed == [
        ("Onboard the customer", "../../stages/onboard/"),  # via a step
        ("Report a fault", "../../stages/report/"),
        ("Record and check remotely", "../../stages/record/"),
        ("Dispatch an engineer", "../../stages/dispatch/"),
        ("Customer acceptance", "../../stages/accept/"),
    ]
    (journeys,) = tables(html)
    assert [row.cells[0].links[0] for row in journeys[1:]] == [
        ("Customer lifecycle", "../../../#journey-lifecycle"),
        ("Home appliance repair",
         "../../../service/after-sales/repair/#journey-home-appliance-repair"),
    ]
