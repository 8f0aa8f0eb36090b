"""Role pages (``playbook/roles/<id>/``): a role's RACI letter per stage, and its steps."""

from __future__ import annotations

from support.pages import blocks, headings, read, rows, tables
from support.site import BuildResult


def test_role_page_lists_raci_per_stage_and_the_steps_it_performs(site: BuildResult) -> None:
    html = read(site, "playbook/roles/sales")
    assert headings(html, "h1") == ["Sales rep"]
    assert "Team: Sales" in [e.text for e in blocks(html) if e.tag == "p"]
    table = rows(html)
    letters = {name: table[name].cells[1].text for name in (
        "Qualify the lead", "Discover us", "Report a fault", "Send a proposal",
        "Dispatch an engineer", "Customer acceptance",
    )}
    assert letters == {
        "Qualify the lead": "R", "Discover us": "A", "Report a fault": "I",
        "Send a proposal": "AR", "Dispatch an engineer": "I", "Customer acceptance": "I",
    }
    assert table["Qualify the lead"].cells[0].links == [
        ("Qualify the lead", "../../stages/qualify/")
    ]
    assert table["Qualify the lead"].cells[2].text == "24h"
    assert "Record and check remotely" not in table  # no letter there
    assert headings(html, "h2") == ["Responsibilities", "Journeys", "Steps it performs"]
    _responsibilities, journeys, performs = tables(html)
    assert "Takes part in 2 journeys, with 7 steps in all." in [
        e.text for e in blocks(html) if e.tag == "p"
    ]
    assert [tuple(cell.text for cell in row.cells) for row in journeys[1:]] == [
        ("Customer lifecycle", "index.md", "3"), ("Lead follow-up", "sales/leads.md", "4"),
    ]
    steps = [tuple(cell.text for cell in row.cells) for row in performs[1:]]
    assert steps == [
        ("Customer lifecycle", "Discover us", "Customer → Sales rep: Find us on the website"),
        ("Customer lifecycle", "Qualify the lead",
         "Sales rep → Customer: Ask about budget and timing"),
        ("Customer lifecycle", "Qualify the lead", "Customer → Sales rep: Budget and timing"),
        ("Lead follow-up", "Discover us", "Customer → Sales rep: Fill in the contact form"),
        ("Lead follow-up", "Qualify the lead", "Sales rep → Customer: Qualification call"),
        ("Lead follow-up", "Send a proposal", "Sales rep → Customer: Proposal and price"),
        ("Lead follow-up", "Send a proposal", "Customer → Sales rep: Signed order"),
    ]
    assert {row.cells[0].links[0][1] for row in performs[1:]} == {
        "../../../#journey-lifecycle", "../../../sales/leads/#journey-lead-follow-up"
    }
    assert ("Send a proposal", "../../stages/propose/") in performs[-1].cells[1].links

    manager = rows(read(site, "playbook/roles/sales-manager"))
    assert manager["Qualify the lead"].cells[1].text == "A"
    assert manager["Send a proposal"].cells[1].text == "C"
