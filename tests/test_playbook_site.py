"""The playbook as a reader gets it: real ``mkdocs build`` runs of a multi-page site.

One site (a catalog and three journeys at three depths, one from a built-in template) is
built once per module with each ``use_directory_urls``; smaller sites cover the options
(nav, nav_title, zh, page_templates), the warnings, and escaping. Every link of every built
page, Mermaid click targets included, goes through ``support.links``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from support.browser import DONE_JS, count_mermaid_pres, serve_directory
from support.links import LinkChecker, check_links, mermaid_click_targets
from support.site import BuildResult, build_site

from mkdocs_custflow.playbook.export import SCHEMA_PATH

# -- the site -------------------------------------------------------------------------------

CATALOG = """\
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role, team: Sales}
  sales-manager: {name: Sales manager, kind: role, team: Sales}
  service: {name: Service desk, kind: role, team: Service}
  engineer: {name: After-sales engineer, kind: role, team: Service}
  auditor: {name: Quality auditor, kind: role, team: Service}
  crm: {name: CRM, kind: system}
touchpoints:
  website: {name: Website, channel: marketing}
  trade-fair: {name: Trade fair, channel: marketing}
  showroom: {name: Showroom, channel: sales}
  live-chat: {name: Online chat, channel: service}
  hotline: {name: Service hotline, channel: service}
  wechat: {name: WeChat, channel: service}
  after-sales-service: {name: After-sales service, channel: service}
stages:
  - id: qualify
    name: Qualify the lead
    description: Decide whether the lead is worth a sales rep's time.
    owner: sales-manager
    responsible: [sales]
    consulted: [service]
    informed: [engineer]
    touchpoints: [website, live-chat]
    kpis: ["Leads qualified within 1 day >= 90%", "Qualified-to-won >= 20%"]
    sla: 24h
"""

HOME = """\
# Home

Our customers, from first visit to repair.

```journey
id: lifecycle
title: Customer lifecycle
views: [flow, sequence, stages, raci]
stages:
  - id: discover
    name: Discover us
    owner: sales
    touchpoints: [website]
    steps:
      - customer -> sales: Find us on the website
  - id: qualify
    steps:
      - sales -> customer: Ask about budget and timing
      - customer --> sales: Budget and timing
  - id: onboard
    name: Onboard the customer
    steps:
      - {from: service, to: customer, say: Welcome call, via: hotline}
  - id: report
    name: Report a fault
    owner: service
    steps:
      - customer -> service: Report a fault
```
"""

LEADS = """\
# Leads

How a sales rep follows up a lead.

```journey
id: lead-follow-up
title: Lead follow-up
views: [flow, sequence, stages, raci]
stages:
  - id: discover
    name: Discover us
    owner: sales
    steps:
      - customer -> sales: Fill in the contact form
  - id: qualify
    steps:
      - {from: sales, to: customer, say: Qualification call, via: showroom}
      - decide: Qualified?
        yes: propose
        no: discover
  - id: propose
    name: Send a proposal
    owner: sales
    responsible: [sales]
    consulted: [sales-manager]
    touchpoints: [showroom]
    kpis: [Proposal within 2 days]
    steps:
      - sales -> customer: Proposal and price
      - customer --> sales: Signed order
```
"""

REPAIR = """\
# Repair

```journey
use: after-sales-repair
title: Home appliance repair
with:
  company: Acme
views: [flow, sequence, stages, raci]
```
"""

DOCS = {"index.md": HOME, "sales/leads.md": LEADS, "service/after-sales/repair.md": REPAIR}
SITE_URL = "https://example.invalid/"

STAGES = [
    "qualify", "discover", "onboard", "report", "propose",
    "record", "dispatch", "repair", "accept",
]
TOUCHPOINTS = [
    "website", "trade-fair", "showroom", "live-chat", "hotline", "wechat",
    "after-sales-service",
]
ROLES = ["sales", "sales-manager", "service", "engineer", "auditor", "logistics"]
JOURNEYS = {  # id -> (title, page, URL of the page from the site root)
    "lifecycle": ("Customer lifecycle", "index.md", ""),
    "lead-follow-up": ("Lead follow-up", "sales/leads.md", "sales/leads/"),
    "home-appliance-repair": (
        "Home appliance repair", "service/after-sales/repair.md", "service/after-sales/repair/"
    ),
}


def _write_catalog(root: Path, text: str = CATALOG) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "catalog.yml").write_text(text, encoding="utf-8")


def _custflow(**options: Any) -> dict[str, Any]:
    return {"custflow": {"catalog": "catalog.yml", **options}}


def _build_main(root: Path, **config: Any) -> BuildResult:
    _write_catalog(root)
    merged = {"site_url": SITE_URL, "plugins": ["search", _custflow()], **config}
    return build_site(root, DOCS, merged, plugins=None, strict=True).check()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The main site with directory URLs (MkDocs' default)."""
    return _build_main(tmp_path_factory.mktemp("playbook-site"))


@pytest.fixture(scope="module")
def flat_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The main site with ``use_directory_urls: false`` (pages are ``a/b.html``)."""
    return _build_main(tmp_path_factory.mktemp("playbook-flat"), use_directory_urls=False)


# -- reading built pages --------------------------------------------------------------------


@dataclass
class Element:
    """A block of a page as a reader sees it: its text and the links in it."""

    tag: str
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href)
    cells: list[Element] = field(default_factory=list)  # for <tr>: its th/td
    table: int = -1  # for <tr>: which table of the page (0, 1, ...)


class _Blocks(HTMLParser):
    BLOCKS = ("h1", "h2", "h3", "p", "li", "td", "th", "tr")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[tuple[Element, list[str]]] = []
        self.link: tuple[str, list[str]] | None = None
        self.tables = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables += 1
        if tag in self.BLOCKS:
            element = Element(tag, table=self.tables - 1 if tag == "tr" else -1)
            if tag in ("td", "th") and self.open and self.open[-1][0].tag == "tr":
                self.open[-1][0].cells.append(element)
            self.elements.append(element)
            self.open.append((element, []))
        elif tag == "a":
            self.link = (dict(attrs).get("href") or "", [])
        elif tag == "br" and self.open:
            self.open[-1][1].append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.link is not None:
            href, parts = self.link
            text = " ".join("".join(parts).split())
            for element, _ in self.open:
                element.links.append((text, href))
            self.link = None
        elif self.open and self.open[-1][0].tag == tag:
            element, parts = self.open.pop()
            element.text = "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n"))
            if self.open:  # the text of a nested block also belongs to its parent
                self.open[-1][1].append(" " + "".join(parts) + " ")

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][1].append(data)
        if self.link is not None:
            self.link[1].append(data)


def _article(html: str) -> str:
    """The page's own content, without Material's header, navigation and footer."""
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert match, "no <article> in the page"
    return match.group(1)


def blocks(html: str) -> list[Element]:
    parser = _Blocks()
    parser.feed(_article(html))
    parser.close()
    return parser.elements


def read(result: BuildResult, url: str) -> str:
    """HTML of the page at ``url`` (site-relative, directory URLs)."""
    path = result.site_dir / url / "index.html" if not url.endswith(".html") else (
        result.site_dir / url
    )
    assert path.is_file(), f"{path.relative_to(result.site_dir)} was not built"
    return path.read_text(encoding="utf-8")


def rows(html: str) -> dict[str, Element]:
    """Table rows of a page by the text of their first cell."""
    return {e.cells[0].text: e for e in blocks(html) if e.tag == "tr" and e.cells}


def tables(html: str) -> list[list[Element]]:
    """Rows of each table of a page, header row first."""
    found: dict[int, list[Element]] = {}
    for element in blocks(html):
        if element.tag == "tr":
            found.setdefault(element.table, []).append(element)
    return list(found.values())


def headings(html: str, tag: str) -> list[str]:
    return [e.text for e in blocks(html) if e.tag == tag]


def items(html: str) -> list[Element]:
    return [e for e in blocks(html) if e.tag == "li"]


def cell_links(row: Element, column: int) -> list[tuple[str, str]]:
    return row.cells[column].links


class _Nav(HTMLParser):
    """Material's primary navigation as (depth, title, href or None), in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[tuple[int, str, str | None]] = []
        self.nav_depth = 0  # <nav> elements open inside the primary nav
        self.skip_from = 0  # nav depth of a table of contents being skipped
        self.li_depth = 0
        self.capture: tuple[str | None, list[str]] | None = None
        self.done_li: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "nav":
            if self.nav_depth or "md-nav--primary" in classes:
                self.nav_depth += 1
                if "md-nav--secondary" in classes and not self.skip_from:
                    self.skip_from = self.nav_depth
            return
        if not self.nav_depth or self.skip_from:
            return
        if tag == "li" and "md-nav__item" in classes:
            self.li_depth += 1
            self.done_li.append(False)
        elif (
            tag in ("a", "label") and "md-nav__link" in classes
            and self.done_li and not self.done_li[-1]
        ):
            self.capture = (values.get("href") if tag == "a" else None, [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.nav_depth:
            if self.skip_from == self.nav_depth:
                self.skip_from = 0
            self.nav_depth -= 1
            return
        if not self.nav_depth or self.skip_from:
            return
        if tag in ("a", "label") and self.capture is not None:
            href, parts = self.capture
            self.entries.append((self.li_depth, " ".join("".join(parts).split()), href))
            self.done_li[-1] = True
            self.capture = None
        elif tag == "li" and self.done_li:
            self.li_depth -= 1
            self.done_li.pop()

    def handle_data(self, data: str) -> None:
        if self.capture is not None:
            self.capture[1].append(data)


def nav(html: str) -> list[tuple[int, str, str | None]]:
    parser = _Nav()
    parser.feed(html)
    parser.close()
    return parser.entries


def section(entries: list[tuple[int, str, str | None]], title: str) -> list[tuple[int, str]]:
    """The entries under the top-level section ``title`` (depth relative to it)."""
    start = next(i for i, (d, t, _h) in enumerate(entries) if d == 1 and t == title)
    out = []
    for depth, text, _href in entries[start + 1 :]:
        if depth == 1:
            break
        out.append((depth - 1, text))
    return out


def top_level(entries: list[tuple[int, str, str | None]]) -> list[str]:
    return [text for depth, text, _href in entries if depth == 1]


def line_of(text: str, needle: str, start: int = 0) -> int:
    """1-based line of the first line containing ``needle`` at or after line ``start``."""
    for number, line in enumerate(text.splitlines(), 1):
        if number >= start and needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


# -- the link checker checks ----------------------------------------------------------------


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


# -- the generated pages --------------------------------------------------------------------


def test_every_playbook_page_and_the_json_are_built(site: BuildResult, flat_site: BuildResult):
    expected = (
        ["playbook/index", "playbook/raci"]
        + [f"playbook/stages/{s}" for s in STAGES]
        + [f"playbook/touchpoints/{t}" for t in TOUCHPOINTS]
        + [f"playbook/roles/{r}" for r in ROLES]
    )
    built = {p.relative_to(site.site_dir).as_posix() for p in site.html_pages()}
    directory_urls = {p.removesuffix("/index") + "/index.html" for p in expected}
    assert {p for p in built if p.startswith("playbook/")} == directory_urls
    flat = {p.relative_to(flat_site.site_dir).as_posix() for p in flat_site.html_pages()}
    assert {f"{p}.html" for p in expected} <= flat
    assert (site.site_dir / "playbook" / "playbook.json").is_file()


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
        ("Customer lifecycle", "../../../#journey-lifecycle"),
        ("Home appliance repair",
         "../../../service/after-sales/repair/#journey-home-appliance-repair"),
    ]


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
    assert headings(html, "h2") == ["Responsibilities", "Steps it performs"]
    _responsibilities, performs = tables(html)
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


def _groups(html: str) -> dict[str, list[str]]:
    """'**label**: a, b' blocks of the overview, each its own paragraph or list item."""
    found = {}
    for element in blocks(html):
        if element.tag in ("p", "li"):
            match = re.fullmatch(r"([^:\n]+): (.*)", element.text)
            if match and element.links:
                found[match[1]] = [text for text, _ in element.links]
    return found


def test_overview_groups_touchpoints_by_channel_and_roles_by_team(site: BuildResult) -> None:
    html = read(site, "playbook")
    groups = _groups(html)
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


@pytest.mark.parametrize("layout", ["site", "flat_site"])
def test_no_broken_link_anywhere_including_diagram_clicks(layout: str, request) -> None:
    result: BuildResult = request.getfixturevalue(layout)
    checker = LinkChecker(result.site_dir)
    clicks = [link for link in checker.links if link.kind.startswith("mermaid click")]
    assert len(clicks) == 12  # 4 + 3 + 5 stage nodes
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
    _write_catalog(tmp_path)
    config = {"plugins": [_custflow()], "validation": {"anchors": "warn"}}
    result = build_site(tmp_path, DOCS, config, plugins=None, strict=True)
    reported = [line for line in result.log.splitlines() if "does not contain an anchor" in line]
    assert not reported, f"{len(reported)} such lines, e.g.\n" + "\n".join(reported[:3])
    assert result.ok, result.log


# -- navigation, sitemap, search ------------------------------------------------------------

EXPLICIT_NAV = [
    {"Home": "index.md"},
    {"Sales": [{"Leads": "sales/leads.md"}]},
    {"Repair": "service/after-sales/repair.md"},
]


def _playbook_section(title: str = "Playbook") -> list[tuple[int, str]]:
    return [
        (1, "Overview"), (1, "RACI matrix"),
        (1, "Stages"), *[(2, s) for s in (
            "Qualify the lead", "Discover us", "Onboard the customer", "Report a fault",
            "Send a proposal", "Record and check remotely", "Dispatch an engineer",
            "Repair on site", "Customer acceptance",
        )],
        (1, "Touchpoints"), *[(2, t) for t in (
            "After-sales service", "Online chat", "Service hotline", "Showroom",
            "Trade fair", "WeChat", "Website",
        )],
        (1, "Roles"), *[(2, r) for r in (  # by team, then id
            "Logistics", "Sales rep", "Sales manager", "Quality auditor",
            "After-sales engineer", "Service desk",
        )],
    ]


def test_implicit_nav_ends_with_the_playbook_section(site: BuildResult) -> None:
    entries = nav(read(site, "sales/leads"))
    assert top_level(entries) == ["Home", "Sales", "Service", "Playbook"]
    assert section(entries, "Playbook") == _playbook_section()
    stage_links = {t: h for d, t, h in entries if h and "playbook/stages/" in h}
    assert stage_links["Report a fault"] == "../../playbook/stages/report/"


def test_explicit_nav_gets_the_section_appended_with_nav_title(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = tmp_path_factory.mktemp("explicit-nav")
    _write_catalog(root)
    config = {"nav": EXPLICIT_NAV, "plugins": [_custflow(nav_title="Handbook")]}
    result = build_site(root, DOCS, config, plugins=None, strict=True).check()
    entries = nav(read(result, ""))
    assert top_level(entries) == ["Home", "Sales", "Repair", "Handbook"]
    assert section(entries, "Handbook") == _playbook_section()
    # Reading order goes on from the last page of the explicit nav into the playbook.
    repair = read(result, "service/after-sales/repair")
    assert '<link rel="next" href="../../../playbook/">' in repair, (
        "the 'next' page after the last page of the explicit nav is not the playbook overview"
    )


def test_nav_false_leaves_an_explicit_nav_alone(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("nav-false")
    _write_catalog(root)
    config = {"nav": EXPLICIT_NAV, "plugins": [_custflow(nav=False)]}
    result = build_site(root, DOCS, config, plugins=None, strict=True).check()
    entries = nav(read(result, ""))
    assert top_level(entries) == ["Home", "Sales", "Repair"]
    assert [t for _d, t, _h in entries] == ["Home", "Sales", "Leads", "Repair"]
    assert (result.site_dir / "playbook" / "stages" / "qualify" / "index.html").is_file()
    assert not check_links(result.site_dir)


def test_zh_theme_names_the_section_in_chinese(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("zh")
    _write_catalog(root)
    config = {"theme": {"language": "zh"}, "plugins": [_custflow()]}
    # Without the repair page: in zh its template names 'report' 客户报修, which would
    # (rightly) conflict with the English 'Report a fault' of the home page.
    docs = {"index.md": HOME, "sales/leads.md": LEADS}
    result = build_site(root, docs, config, plugins=None, strict=True).check()
    entries = nav(read(result, ""))
    assert top_level(entries)[-1] == "客户旅程手册"
    assert [t for d, t in section(entries, "客户旅程手册") if d == 1] == [
        "总览", "RACI 责任矩阵", "阶段", "接触点", "角色"
    ]
    assert headings(read(result, "playbook"), "h1") == ["客户旅程手册"]


def test_generated_pages_are_in_the_sitemap_and_the_search_index(site: BuildResult) -> None:
    sitemap = (site.site_dir / "sitemap.xml").read_text("utf-8")
    locations = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    indexed = {doc["location"].split("#")[0] for doc in index["docs"]}
    pages = (
        ["playbook/", "playbook/raci/"]
        + [f"playbook/stages/{s}/" for s in STAGES]
        + [f"playbook/touchpoints/{t}/" for t in TOUCHPOINTS]
        + [f"playbook/roles/{r}/" for r in ROLES]
    )
    assert {SITE_URL + p for p in pages} <= locations
    assert set(pages) <= indexed
    qualify = [d for d in index["docs"] if d["location"].startswith("playbook/stages/qualify/")]
    assert "Qualify the lead" in {doc["title"] for doc in qualify}
    assert "Leads qualified within 1 day" in " ".join(doc["text"] for doc in qualify)


# -- warnings -------------------------------------------------------------------------------

CONFLICT_A = """\
# A

```journey
id: online-order
title: Online order
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role}
  ops: {name: Fulfilment, kind: role}
stages:
  - id: browse
    owner: sales
    steps:
      - customer -> sales: Browse
  - id: pay
    name: Pay
    owner: sales
    steps:
      - customer -> sales: Pay online
```
"""

CONFLICT_B = """\
# B

Some text first.

```journey
id: shop-order
title: Shop order
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role}
  ops: {name: Fulfilment, kind: role}
stages:
  - id: pay
    name: Payment at the till
    owner: ops
    steps:
      - customer -> ops: Pay at the till
```
"""

USER_PAGE = "# Paying, the way we do it\n\nWritten by hand.\n"


@pytest.fixture(scope="module")
def warned(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    docs = {
        "index.md": "# Home\n",
        "a.md": CONFLICT_A,
        "shop/b.md": CONFLICT_B,
        "playbook/stages/pay.md": USER_PAGE,
    }
    return build_site(tmp_path_factory.mktemp("warned"), docs).check()


def test_user_page_at_a_generated_path_is_kept_with_an_error(warned: BuildResult) -> None:
    html = read(warned, "playbook/stages/pay")
    assert headings(html, "h1") == ["Paying, the way we do it"]
    assert "Written by hand." in html
    assert "Journeys" not in headings(html, "h2")
    assert re.search(
        r"ERROR.*docs/playbook/stages/pay\.md: this file makes "
        r"playbook/stages/pay/index\.html, where "
        r"the playbook page for stage 'pay' \(playbook/stages/pay\.md\) would go; your file "
        r"is kept",
        warned.log,
    ), warned.log
    # Links to the stage now lead to the user's page, and nothing is broken.
    overview = read(warned, "playbook")
    assert ("Pay", "stages/pay/") in [link for e in blocks(overview) for link in e.links]
    assert not check_links(warned.site_dir)
    titles = [t for _d, t, _h in nav(overview)]
    assert titles.count("Paying, the way we do it") == 1, titles


def test_conflicting_stage_definitions_warn_naming_both_places(warned: BuildResult) -> None:
    a_line = line_of(CONFLICT_A, "- id: pay")
    b_line = line_of(CONFLICT_B, "- id: pay")
    here, there = f"docs/shop/b.md:{b_line}", f"docs/a.md:{a_line}"
    warnings = [line for line in warned.log.splitlines() if "stage 'pay'" in line
                and "playbook page" not in line]
    name = [w for w in warnings if "Payment at the till" in w]
    owner = [w for w in warnings if "owner 'ops'" in w]
    assert len(name) == 1 and here in name[0] and there in name[0], warnings
    assert "'Pay'" in name[0]
    assert len(owner) == 1 and here in owner[0] and there in owner[0], warnings
    assert "'sales'" in owner[0]
    strict = build_site(warned.config_file.parent / "strict", {
        "a.md": CONFLICT_A, "shop/b.md": CONFLICT_B}, strict=True)
    assert not strict.ok, "conflicting stages must fail a strict build"


# -- playbook.json --------------------------------------------------------------------------


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


# -- page templates and escaping ------------------------------------------------------------

CUSTOM_STAGE = """\
# {{ stage.name }}

Our own stage page, owned by {{ stage.owner }}.

{% for use in stage.uses %}
- [{{ use.record.journey.title }}]({{ link(use.record.page, use.record.anchor) }})
{% endfor %}
"""


def test_page_templates_folder_replaces_the_built_in_stage_page(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = tmp_path_factory.mktemp("page-templates")
    _write_catalog(root)
    (root / "my-pages").mkdir()
    (root / "my-pages" / "stage.md.j2").write_text(CUSTOM_STAGE, encoding="utf-8")
    config = {"plugins": [_custflow(page_templates="my-pages")]}
    result = build_site(root, DOCS, config, plugins=None, strict=True).check()
    html = read(result, "playbook/stages/qualify")
    assert headings(html, "h1") == ["Qualify the lead"]
    assert "Our own stage page, owned by sales-manager." in [e.text for e in blocks(html)]
    assert headings(html, "h2") == []  # nothing of the built-in template
    assert [link for e in items(html) for link in e.links] == [
        ("Customer lifecycle", "../../../#journey-lifecycle"),
        ("Lead follow-up", "../../../sales/leads/#journey-lead-follow-up"),
    ]
    # The other pages keep the built-in templates.
    assert "Findings" in headings(read(result, "playbook"), "h2")
    assert headings(read(result, "playbook/roles/sales"), "h2")[0] == "Responsibilities"
    assert not check_links(result.site_dir)


EVIL_STAGE = "<script>alert(1)</script> [x](javascript:alert(1))"
EVIL_ROLE = '<img src=x onerror="alert(2)"> [y](javascript:alert(2))'
EVIL = f"""\
# Evil

```journey
id: evil
title: "Evil <b>journey</b>"
views: [flow, sequence, stages, raci]
actors:
  customer: {{name: Customer, kind: customer}}
  boss: {{name: '{EVIL_ROLE}', kind: role, team: '<i>Team</i>'}}
touchpoints:
  portal: {{name: "[Portal](javascript:alert(3))", channel: "<u>web</u>"}}
stages:
  - id: evil
    name: "{EVIL_STAGE}"
    owner: boss
    kpis: ["<script>alert(4)</script>"]
    sla: "[z](javascript:alert(5))"
    touchpoints: [portal]
    steps:
      - customer -> boss: "<script>alert(6)</script>"
```
"""


def test_values_printed_by_templates_are_escaped(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("escaping")
    result = build_site(root, {"index.md": EVIL}, strict=True).check()
    stage = read(result, "playbook/stages/evil")
    assert headings(stage, "h1") == [EVIL_STAGE]
    assert rows(stage)["Owner"].cells[1].links == [(EVIL_ROLE, "../../roles/boss/")]
    assert headings(read(result, "playbook/roles/boss"), "h1") == [EVIL_ROLE]
    assert headings(read(result, "playbook/touchpoints/portal"), "h1") == [
        "[Portal](javascript:alert(3))"
    ]
    overview = read(result, "playbook")
    assert (EVIL_STAGE, "stages/evil/") in [link for e in blocks(overview) for link in e.links]
    # Anywhere in any page (content, navigation, title), no value may become markup.
    injected = ("<script>alert", "<img src=x", "<b>journey", "<i>Team", "<u>web")
    found = []
    for page in sorted(result.site_dir.rglob("*.html")):  # 404.html too
        rel = page.relative_to(result.site_dir).as_posix()
        html = page.read_text("utf-8")
        for markup in injected:
            if markup in html:
                where = "content" if markup in _article(html) else "navigation or head"
                found.append(f"{rel}: {markup!r} in the page's {where}")
        if "<script" in _article(html):
            found.append(f"{rel}: <script in the page's content")
        if re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript:""", html, re.I):
            found.append(f"{rel}: a javascript: link")
    assert not found, "\n".join(found)
    problems = check_links(result.site_dir)
    assert not problems, "\n".join(problems)


# -- in a browser ---------------------------------------------------------------------------


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
