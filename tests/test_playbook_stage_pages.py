"""Stage pages (``playbook/stages/<id>/``): what a reader learns about one stage.

Its owner and RACI, touchpoints, KPIs and time limit, gathered from every journey that goes
through it, and the steps of each such journey linked back to the journey's block.
"""

from __future__ import annotations

from pathlib import Path

from support.links import check_links
from support.pages import blocks, cell_links, headings, items, read, rows
from support.site import BuildResult, build_site


def test_shared_stage_page_has_owner_raci_touchpoints_kpis_time_limit_and_journeys(
    site: BuildResult,
) -> None:
    html = read(site, "playbook/stages/qualify")
    assert headings(html, "h1") == ["Qualify the lead"]
    assert "Decide whether the lead is worth a sales rep's time." in [
        e.text for e in blocks(html) if e.tag == "p"
    ]
    table = rows(html)
    assert table["Owner"].cells[1].links == [("Sales manager", "../../roles/sales-manager/")]
    assert cell_links(table["Responsible"], 1) == [("Sales rep", "../../roles/sales/")]
    assert cell_links(table["Consulted"], 1) == [("Service desk", "../../roles/service/")]
    assert cell_links(table["Informed"], 1) == [
        ("After-sales engineer", "../../roles/engineer/")
    ]
    # The catalog's touchpoints, then the one a journey's step goes through.
    assert cell_links(table["Touchpoints"], 1) == [
        ("Website", "../../touchpoints/website/"),
        ("Online chat", "../../touchpoints/live-chat/"),
        ("Showroom", "../../touchpoints/showroom/"),
    ]
    assert table["KPIs"].cells[1].text.splitlines() == [
        "Leads qualified within 1 day >= 90%", "Qualified-to-won >= 20%"
    ]
    assert table["Time limit"].cells[1].text == "24h"
    # Every journey that passes through it, each linked back to its block.
    assert headings(html, "h3") == ["Customer lifecycle", "Lead follow-up"]
    hrefs = [href for e in blocks(html) if e.tag == "p" for _t, href in e.links]
    assert "../../../#journey-lifecycle" in hrefs
    assert "../../../sales/leads/#journey-lead-follow-up" in hrefs
    steps = [e.text for e in items(html)]
    assert "Sales rep → Customer: Ask about budget and timing" in steps
    assert "Sales rep → Customer: Qualification call" in steps
    assert "Qualified? yes → Send a proposal; no → Discover us" in steps


def test_stage_page_of_a_templated_journey_links_back_to_its_block(site: BuildResult) -> None:
    html = read(site, "playbook/stages/dispatch")
    assert headings(html, "h1") == ["Dispatch an engineer"]
    table = rows(html)
    assert cell_links(table["Owner"], 1) == [("Service desk", "../../roles/service/")]
    assert table["Time limit"].cells[1].text == "4h"
    links = [link for e in blocks(html) if e.tag == "p" for link in e.links]
    assert (
        "Home appliance repair",
        "../../../service/after-sales/repair/#journey-home-appliance-repair",
    ) in links


def test_stage_page_gathers_raci_from_every_journey_that_uses_it(site: BuildResult) -> None:
    # 'report' is first defined (name and owner only) by the lifecycle journey; the repair
    # template adds responsible/consulted/informed. The RACI matrix shows them; so must the
    # stage's own page.
    matrix = rows(read(site, "playbook/raci"))
    header = [c.text for c in matrix["Stage"].cells]
    report = dict(zip(header, [c.text for c in matrix["Report a fault"].cells], strict=True))
    assert report["Service desk"] == "AR"
    assert report["After-sales engineer"] == "C"
    assert report["Sales rep"] == "I"
    table = rows(read(site, "playbook/stages/report"))
    people = {
        key: [text for text, _href in cell_links(table[key], 1)]
        for key in ("Owner", "Responsible", "Consulted", "Informed")
        if key in table
    }
    assert people == {
        "Owner": ["Service desk"],
        "Responsible": ["Service desk"],
        "Consulted": ["After-sales engineer"],
        "Informed": ["Sales rep"],
    }


FORMS = """\
# Repair

```journey
id: repair
title: Repair
stages:
  - id: accept
    name: Customer acceptance
    links:
      - {title: Acceptance form, url: "forms/acceptance.md#signature"}
      - {title: Return slip, url: forms/return.pdf}
      - {title: Our CRM guide, url: "https://crm.example.invalid/guide"}
```
"""


def test_stage_links_reach_pages_files_and_the_web_and_a_missing_form_fails_strict(
    tmp_path: Path,
) -> None:
    docs = {
        "index.md": FORMS,
        "forms/acceptance.md": "# Acceptance\n\n## Signature\n",
        "forms/return.pdf": b"%PDF-1.4\n",
    }
    result = build_site(tmp_path / "ok", docs, strict=True).check()
    links = [link for e in items(read(result, "playbook/stages/accept")) for link in e.links]
    assert links == [
        ("Acceptance form", "../../../forms/acceptance/#signature"),
        ("Return slip", "../../../forms/return.pdf"),
        ("Our CRM guide", "https://crm.example.invalid/guide"),
    ]
    assert not check_links(result.site_dir)
    missing = build_site(tmp_path / "missing", {"index.md": FORMS}, strict=True)
    assert not missing.ok
    assert ("the playbook page playbook/stages/accept.md links to 'forms/return.pdf', which "
            "is not a page or file of this site") in missing.log
