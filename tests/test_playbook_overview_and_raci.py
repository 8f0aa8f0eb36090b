"""The playbook overview (``playbook/``) and the RACI matrix (``playbook/raci/``).

The overview lists journeys, stages with their owners, touchpoints by channel, roles by team
and its findings; the matrix crosses every stage with every role.
"""

from __future__ import annotations

from support.pages import blocks, headings, items, label_groups, read, rows
from support.playbook_sites import JOURNEYS
from support.site import BuildResult


def test_raci_matrix_is_stages_by_roles_with_links(site: BuildResult) -> None:
    html = read(site, "playbook/raci")
    assert headings(html, "h1") == ["RACI matrix"]
    matrix = rows(html)
    header = matrix["Stage"].cells
    roles = {c.text: c.links[0][1] for c in header[1:]}
    assert roles == {
        "Logistics": "../roles/logistics/", "Sales rep": "../roles/sales/",
        "Sales manager": "../roles/sales-manager/", "Quality auditor": "../roles/auditor/",
        "After-sales engineer": "../roles/engineer/", "Service desk": "../roles/service/",
    }
    names = [c.text for c in header]

    def row(stage: str) -> dict[str, str]:
        return {k: v for k, v in zip(names, [c.text for c in matrix[stage].cells], strict=True)
                if v and k != "Stage"}

    assert [name for name in matrix if name != "Stage"] == [
        "Qualify the lead", "Discover us", "Onboard the customer", "Report a fault",
        "Send a proposal", "Record and check remotely", "Dispatch an engineer",
        "Repair on site", "Customer acceptance",
    ]
    assert matrix["Qualify the lead"].cells[0].links == [("Qualify the lead", "../stages/qualify/")]
    assert row("Qualify the lead") == {
        "Sales rep": "R", "Sales manager": "A", "After-sales engineer": "I", "Service desk": "C"
    }
    assert row("Dispatch an engineer") == {
        "Logistics": "R", "Sales rep": "I", "After-sales engineer": "C", "Service desk": "AR"
    }
    assert row("Onboard the customer") == {}
    assert all(not row(stage).get("Quality auditor") for stage in matrix if stage != "Stage")


def test_overview_lists_journeys_and_stages_with_owners(site: BuildResult) -> None:
    html = read(site, "playbook")
    assert headings(html, "h1") == ["Playbook"]
    assert headings(html, "h2") == ["Journeys", "Stages", "Touchpoints", "Roles", "Findings"]
    table = rows(html)
    for _id, (title, page, url) in JOURNEYS.items():
        assert table[title].cells[0].links == [(title, f"../{url}#journey-{_id}")]
        assert table[title].cells[1].text == page
        assert table[title].cells[1].links == [(page, f"../{url}")]
    assert [t for t, _ in table["Lead follow-up"].cells[2].links] == [
        "Discover us", "Qualify the lead", "Send a proposal"
    ]
    owners = {
        "Qualify the lead": ("Sales manager", "roles/sales-manager/", "24h", "2"),
        "Discover us": ("Sales rep", "roles/sales/", "", "2"),
        "Report a fault": ("Service desk", "roles/service/", "", "2"),
        "Repair on site": ("After-sales engineer", "roles/engineer/", "24h", "1"),
    }
    for stage, (owner, href, sla, count) in owners.items():
        cells = table[stage].cells
        assert cells[1].links == [(owner, href)], stage
        assert (cells[2].text, cells[3].text) == (sla, count), stage
    assert table["Qualify the lead"].cells[0].links == [("Qualify the lead", "stages/qualify/")]
    assert table["Onboard the customer"].cells[1].text == ""
    assert ("RACI matrix", "raci/") in [link for e in blocks(html) for link in e.links]


def test_overview_groups_touchpoints_by_channel_and_roles_by_team(site: BuildResult) -> None:
    html = read(site, "playbook")
    groups = label_groups(html)
    shown = "\n".join(repr(e.text) for e in blocks(html) if e.tag == "p")
    assert "marketing" in groups and "Sales" in groups, (
        "each channel and each team should be its own paragraph or list item; the "
        f"overview's paragraphs are:\n{shown}"
    )
    assert groups.get("marketing") == ["Website", "Trade fair"], groups
    assert groups.get("sales") == ["Showroom"], groups
    assert groups.get("service") == [
        "Online chat", "Service hotline", "WeChat", "After-sales service"
    ], groups
    assert groups.get("Sales") == ["Sales rep", "Sales manager"], groups
    assert groups.get("Service") == [
        "Service desk", "After-sales engineer", "Quality auditor"
    ], groups
    assert groups.get("Operations") == ["Logistics"], groups


def test_overview_findings_name_unowned_stages_unused_touchpoints_and_idle_roles(
    site: BuildResult,
) -> None:
    labels = ("Stages with no owner", "Touchpoints no stage uses", "Roles with nothing to do")
    entries = {e.text.split(":")[0]: e.links for e in items(read(site, "playbook"))}
    findings = {k: v for k, v in entries.items() if k in labels}
    assert findings == {
        "Stages with no owner": [("Onboard the customer", "stages/onboard/")],
        "Touchpoints no stage uses": [("Trade fair", "touchpoints/trade-fair/")],
        "Roles with nothing to do": [("Quality auditor", "roles/auditor/")],
    }
