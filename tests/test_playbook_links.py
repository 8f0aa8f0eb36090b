"""Every link a reader can follow, Mermaid click targets included, goes somewhere.

First the link checker (``support.links``) is seen to catch each kind of broken link; then
the journey tables and diagram nodes link into the playbook, no built page has a broken link
in either URL layout, MkDocs' own anchor validation accepts the journey anchors, and in a
headless browser a click on a diagram node, then on the stage's owner, lands on the right pages.
"""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest
from support.browser import DONE_JS, count_mermaid_pres, serve_directory
from support.links import LinkChecker, check_links, mermaid_click_targets
from support.pages import read, tables
from support.playbook_sites import DOCS, custflow_plugin, write_catalog
from support.site import BuildResult, build_site


def test_link_checker_catches_broken_href_click_target_and_anchor(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "empty").mkdir()
    (site / "assets").mkdir()
    (site / "assets" / "x.css").write_text("", encoding="utf-8")
    (site / "a" / "index.html").write_text(
        '<h1 id="there">A</h1><a href="../">home</a><a href="../index.html#top">top</a>'
        '<a href="../../outside/">out</a>',
        encoding="utf-8",
    )
    (site / "flat.html").write_text('<p id="p1">flat</p><a href="a/#there">ok</a>', "utf-8")
    (site / "index.html").write_text(
        """<html><head><link href="assets/x.css?v=1" rel="stylesheet">
<script src="assets/missing.js"></script></head><body id="top">
<a href="a/">ok</a> <a href="a">ok too</a> <a href="flat.html#p1">ok</a>
<a href="https://example.com/x">external</a> <a href="mailto:x@example.com">mail</a>
<a href="#top">same page</a> <a href="#">top</a> <a href="a/#there">anchor</a>
<a href="missing/">broken</a> <a href="empty/">no index</a> <a href="#nowhere">bad</a>
<a href="a/#gone">bad anchor</a> <a href="flat.html#p2">bad anchor</a>
<a href="javascript:alert(1)">script</a>
<pre class="mermaid"><code>flowchart LR
    S0["A"] --&gt; S1["B"] --&gt; S2["C"]
    click S0 href &quot;a/&quot; &quot;fine&quot;
    click S1 href &quot;b/&quot; &quot;broken&quot;
    click S2 href &quot;a/#gone&quot; &quot;bad anchor&quot;
</code></pre>
<pre><code>click S9 href "not-a-diagram/"</code></pre>
</body></html>""",
        encoding="utf-8",
    )
    problems = check_links(site)
    expected = [
        "index.html: <script src> 'assets/missing.js': 'assets/missing.js' does not exist",
        "index.html: <a href> 'missing/': folder 'missing/' has no index.html",
        "index.html: <a href> 'empty/': folder 'empty/' has no index.html",
        "index.html: <a href> '#nowhere': 'index.html' has no element with id='nowhere'",
        "index.html: <a href> 'a/#gone': 'a/index.html' has no element with id='gone'",
        "index.html: <a href> 'flat.html#p2': 'flat.html' has no element with id='p2'",
        "index.html: <a href> 'javascript:alert(1)': 'javascript:' links are not followed "
        "by a browser here",
        "index.html: mermaid click S1 'b/': folder 'b/' has no index.html",
        "index.html: mermaid click S2 'a/#gone': 'a/index.html' has no element with id='gone'",
        "a/index.html: <a href> '../../outside/': climbs above the site's root",
    ]
    assert sorted(problems) == sorted(expected), "\n".join(problems)
    clicks = mermaid_click_targets((site / "index.html").read_text("utf-8"))
    assert clicks == [("S0", "a/"), ("S1", "b/"), ("S2", "a/#gone")]


def test_journey_tables_and_diagram_nodes_link_to_the_playbook(site: BuildResult) -> None:
    html = read(site, "sales/leads")
    up = "../../playbook"
    assert mermaid_click_targets(html) == [
        ("S0", f"{up}/stages/discover/"),
        ("S1", f"{up}/stages/qualify/"),
        ("S2", f"{up}/stages/propose/"),
    ]
    stages_view, raci_view = tables(html)
    assert [row.cells[0].links for row in stages_view[1:]] == [
        [("Discover us", f"{up}/stages/discover/")],
        [("Qualify the lead", f"{up}/stages/qualify/")],
        [("Send a proposal", f"{up}/stages/propose/")],
    ]
    assert stages_view[2].cells[1].links == [("Sales manager", f"{up}/roles/sales-manager/")]
    assert ("Showroom", f"{up}/touchpoints/showroom/") in stages_view[3].cells[2].links
    assert [cell.links for cell in raci_view[0].cells[1:]] == [
        [("Sales rep", f"{up}/roles/sales/")],
        [("Sales manager", f"{up}/roles/sales-manager/")],
        [("Service desk", f"{up}/roles/service/")],
        [("After-sales engineer", f"{up}/roles/engineer/")],
    ]
    assert [row.cells[0].links[0][1] for row in raci_view[1:]] == [
        f"{up}/stages/discover/", f"{up}/stages/qualify/", f"{up}/stages/propose/"
    ]
    deep = read(site, "service/after-sales/repair")
    assert ("S4", "../../../playbook/stages/accept/") in mermaid_click_targets(deep)
    assert "click S0 href" in unescape(read(site, ""))


@pytest.mark.slow  # the built sites come through request.getfixturevalue
@pytest.mark.parametrize("layout", ["site", "flat_site"])
def test_no_broken_link_anywhere_including_diagram_clicks(layout: str, request) -> None:
    result: BuildResult = request.getfixturevalue(layout)
    checker = LinkChecker(result.site_dir)
    clicks = [link for link in checker.links if link.kind.startswith("mermaid click")]
    overview = [link for link in clicks if link.page.startswith("playbook/index")]
    assert len(clicks) - len(overview) == 12  # 4 + 3 + 5 stage nodes
    # The overview's picture: its 3 journeys and the stages they share, each linked.
    assert len([link for link in overview if "#journey-" in link.url]) == 3, overview
    assert all("#journey-" in link.url or "stages/" in link.url for link in overview)
    journey_links = [link for link in checker.links if "#journey-" in link.url]
    assert len(journey_links) > 20
    problems = checker.problems()
    assert not problems, "\n".join(problems)
    if layout == "flat_site":
        page = (result.site_dir / "service" / "after-sales" / "repair.html").read_text("utf-8")
        assert ("S0", "../../playbook/stages/report.html") in mermaid_click_targets(page)


def test_mkdocs_anchor_validation_sees_the_journey_anchors(tmp_path: Path) -> None:
    # Generated pages link to '<page>.md#journey-<id>'; MkDocs must not call those broken
    # (with 'anchors: warn' a strict build would fail on every link back to a journey).
    write_catalog(tmp_path)
    config = {"plugins": [custflow_plugin()], "validation": {"anchors": "warn"}}
    result = build_site(tmp_path, DOCS, config, plugins=None, strict=True)
    reported = [line for line in result.log.splitlines() if "does not contain an anchor" in line]
    assert not reported, f"{len(reported)} such lines, e.g.\n" + "\n".join(reported[:3])
    assert result.ok, result.log


def test_click_a_stage_in_the_diagram_then_its_owner(site: BuildResult, browser_session):
    page_url = "service/after-sales/repair/"
    html = read(site, page_url)
    expected = count_mermaid_pres(html)
    with serve_directory(site.site_dir) as base:
        page, records = browser_session.new_page()
        try:
            page.goto(base + page_url, wait_until="load")
            page.wait_for_function(DONE_JS, arg=expected, timeout=15_000, polling=50)
            hrefs = page.evaluate(
                """() => [...document.querySelectorAll('div.mermaid')]
                    .filter((host) => host.shadowRoot)
                    .flatMap((host) => [...host.shadowRoot.querySelectorAll('a')])
                    .map((a) => a.getAttribute('href') || a.getAttribute('xlink:href'))"""
            )
            assert "../../../playbook/stages/report/" in hrefs, hrefs
            node = page.locator("div.mermaid a").filter(has_text="Report a fault").first
            with page.expect_navigation(wait_until="load"):
                node.click()
            assert page.url == base + "playbook/stages/report/"
            assert page.locator("article h1").inner_text() == "Report a fault"

            owner = page.locator("article table").first.get_by_role("link", name="Service desk")
            with page.expect_navigation(wait_until="load"):
                owner.first.click()
            assert page.url == base + "playbook/roles/service/"
            assert page.locator("article h1").inner_text() == "Service desk"
            stages = page.locator("article table").first.get_by_role("link")
            assert "Report a fault" in stages.all_inner_texts()
        finally:
            page.close()
    assert not records["page_errors"], records["page_errors"]
    assert not records["blocked_requests"], records["blocked_requests"]
