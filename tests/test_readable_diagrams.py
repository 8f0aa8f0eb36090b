"""Diagrams a reader can read, measured in a real browser.

A label's on-screen size is its font size times the scale at which its SVG is
drawn (drawn width / viewBox width). At 1280 px every diagram's median label
is at least 13 px, on a 390 px phone at least 10 px, and the page itself
never scrolls sideways (a diagram may, inside its own box). Every diagram has
an accessible title and description; flowchart labels keep WCAG AA contrast
on their fills, in light and dark mode. Measured on every diagram of the
example site in both languages, and on test journeys up to 12 stages and 40
steps.
"""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

import pytest
from support.browser import BrowserSession, serve_directory
from support.site import BuildResult, build_site

WIDTHS = {1280: 13.0, 390: 10.0}  # viewport -> smallest median label, px on screen
AA = 4.5


def _diagram_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html")
        if 'class="mermaid"' in p.read_text(encoding="utf-8")
    )


def _measure_site(
    browser: BrowserSession, site: Path, width: int, *, dark: bool = False,
    pages: list[str] | None = None,
) -> dict[str, dict]:
    measured = {}
    with serve_directory(site) as base:
        for rel in pages or _diagram_pages(site):
            measured[rel] = browser.measure_page(base, rel, site / rel, width=width, dark=dark)
    return measured


def _problems(measured: dict[str, dict], width: int) -> list[str]:
    bound = WIDTHS[width]
    found = []
    for rel, page in measured.items():
        if page["page_errors"]:
            found.append(f"{rel}: page errors {page['page_errors']}")
        if len(page["diagrams"]) != page["expected"]:
            found.append(f"{rel}: {len(page['diagrams'])} of {page['expected']} diagrams drawn")
        if page["page_scrolls"]:
            found.append(f"{rel}: the page scrolls sideways at {width} px")
        for number, d in enumerate(page["diagrams"], 1):
            where = f"{rel} diagram {number} ({d['kind']}, {d['view_box_width']:.0f} px wide)"
            if d["median_label"] < bound:
                found.append(f"{where}: median label {d['median_label']:.1f} px < {bound}")
            if not d["title"] or not d["description"]:
                found.append(f"{where}: no accessible title or description")
            if d["lowest_contrast"] is not None and d["lowest_contrast"] < AA:
                found.append(f"{where}: label contrast {d['lowest_contrast']:.2f} < {AA}")
    return found


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_every_example_diagram_is_legible(
    example_sites: Path, browser_session: BrowserSession, width: int
) -> None:
    english = _measure_site(browser_session, example_sites, width)
    chinese = _measure_site(browser_session, example_sites / "zh", width)
    measured = {**english, **{f"zh/{k}": v for k, v in chinese.items()}}
    diagrams = [d for page in measured.values() for d in page["diagrams"]]
    assert len(diagrams) >= 80 and len(chinese) >= 5, (len(diagrams), len(chinese))
    problems = _problems(measured, width)
    assert not problems, "\n".join(problems)
    medians = [d["median_label"] for d in diagrams]
    print(f"{width} px: {len(diagrams)} diagrams, median label "
          f"{statistics.median(medians):.1f} px, smallest median {min(medians):.1f} px")


def test_dark_mode_keeps_labels_readable_on_their_fills(
    example_sites: Path, browser_session: BrowserSession
) -> None:
    pages = [p for p in _diagram_pages(example_sites) if p.startswith(("huadong", "gallery"))]
    measured = _measure_site(browser_session, example_sites, 1280, dark=True, pages=pages)
    contrasts = [d["lowest_contrast"] for page in measured.values() for d in page["diagrams"]
                 if d["lowest_contrast"] is not None]
    assert len(contrasts) >= 10
    assert not _problems(measured, 1280), _problems(measured, 1280)


# -- journeys of every size -------------------------------------------------------------

CATALOG = """\
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Key account manager, kind: role, team: Sales}
  desk: {name: Service desk agent, kind: role, team: Service}
  eng: {name: After-sales engineer, kind: role, team: Service}
  ops: {name: Logistics coordinator, kind: role, team: Operations}
  fin: {name: Billing, kind: role, team: Finance}
  crm: {name: CRM system, kind: system}
"""
ROLES = ["sales", "desk", "eng", "ops", "fin", "crm"]


def _journey(stages: int, steps: int, *, chinese: bool = False) -> str:
    name = "客户在门店反馈设备无法开机并要求上门维修" if chinese else (
        "The customer reports that the device does not start and asks for a visit")
    lines = [f"id: size-{stages}-{steps}{'-zh' if chinese else ''}",
             f"title: {stages} stages, {steps} steps", "views: [flow, sequence, stages]",
             "stages:"]
    per_stage = [steps // stages + (1 if i < steps % stages else 0) for i in range(stages)]
    for index, count in enumerate(per_stage):
        owner = ROLES[index % 5]
        prefix = f"{stages}{'zh' if chinese else 'en'}"
        lines += [f"  - id: {prefix}-s{index}",
                  f"    name: '{index + 1}. {name[: 12 + index * 3]}'",
                  f"    owner: {owner}", "    sla: 2 working days", "    steps:"]
        for step in range(count):
            other = ROLES[(index + step + 1) % len(ROLES)]
            lines.append(f"      - 'customer -> {other}: {name} ({step + 1})'")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def sizes_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    shapes = [(1, 2), (3, 8), (6, 20), (12, 40)]
    docs = {"catalog.yml": CATALOG, "index.md": "# Sizes\n"}
    for stages, steps in shapes:
        docs[f"en-{stages}.md"] = f"# {stages}\n\n```journey\n{_journey(stages, steps)}```\n"
        docs[f"zh-{stages}.md"] = (
            f"# {stages}\n\n```journey\n{_journey(stages, steps, chinese=True)}```\n")
    config = {"plugins": [{"custflow": {"catalog": "docs/catalog.yml"}}]}
    return build_site(tmp_path_factory.mktemp("sizes"), docs, config, strict=True).check()


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_journeys_up_to_twelve_stages_and_forty_steps_are_legible(
    sizes_site: BuildResult, browser_session: BrowserSession, width: int
) -> None:
    measured = _measure_site(browser_session, sizes_site.site_dir, width)
    # The 8 journey pages, and the playbook overview's picture of them.
    assert len(measured) == 9 and "playbook/index.html" in measured, sorted(measured)
    problems = _problems(measured, width)
    assert not problems, "\n".join(problems)


def test_a_long_sequence_is_drawn_in_parts_numbered_on(sizes_site: BuildResult) -> None:
    html = (sizes_site.site_dir / "en-12" / "index.html").read_text("utf-8")
    sources = re.findall(r'<pre class="mermaid"[^>]*><code>(.*?)</code></pre>', html, re.S)
    sequences = [s for s in sources if "sequenceDiagram" in s]
    assert len(sequences) >= 3
    assert "autonumber\n" in sequences[0]
    numbers = [int(m) for s in sequences[1:] for m in re.findall(r"autonumber (\d+)", s)]
    assert numbers == sorted(numbers) and numbers[0] > 1
    assert "Part 1 of" in html


# -- one colour, one meaning --------------------------------------------------------------

TEAM_CATALOG = """\
actors:
  sales: {name: Sales rep, kind: role, team: Sales}
  desk: {name: Service desk, kind: role, team: Service}
  ops: {name: Fulfilment, kind: role, team: Operations}
"""


def _fill_of_owner(html: str, owner_label: str) -> str:
    """The fill of the flowchart node whose label names ``owner_label``."""
    source = re.search(r'<pre class="mermaid"[^>]*><code>(flowchart.*?)</code></pre>', html, re.S)
    assert source, html
    text = source[1]
    node = re.search(rf"    (S\d+)\[&quot;[^\n]*{owner_label}", text)
    assert node, text
    css_class = re.search(rf"    class [^\n]*\b{node[1]}\b[^\n]* (\w+)\n", text)
    assert css_class, text
    return re.search(rf"classDef {css_class[1]} fill:([^,]+),", text)[1]


def test_a_team_has_one_colour_on_every_page(tmp_path: Path, build_site) -> None:
    docs = {
        "catalog.yml": TEAM_CATALOG,
        "index.md": "# Home\n",
        "a.md": "# A\n\n```journey\nid: a\nstages:\n  - {id: a1, owner: ops}\n"
                "  - {id: a2, owner: desk}\n  - {id: a3, owner: sales}\n```\n",
        "b.md": "# B\n\n```journey\nid: b\nstages:\n  - {id: b1, owner: sales}\n"
                "  - {id: b2, owner: ops}\n```\n",
    }
    config = {"plugins": [{"custflow": {"catalog": "docs/catalog.yml"}}]}
    site = build_site(tmp_path, docs, config, strict=True).check().site_dir
    first = (site / "a" / "index.html").read_text("utf-8")
    second = (site / "b" / "index.html").read_text("utf-8")
    for owner in ("Sales rep", "Fulfilment"):
        assert _fill_of_owner(first, owner) == _fill_of_owner(second, owner), owner
    assert _fill_of_owner(first, "Sales rep") != _fill_of_owner(first, "Fulfilment")
    for html in (first, second):
        legend = re.search(r'<ul class="custflow-legend"[^>]*>(.*?)</ul>', html, re.S)
        assert legend and "Sales" in legend[1] and "Operations" in legend[1]
    decision_free = re.findall(r"classDef team\d fill:(#\w{6})", first)
    assert "#ea580c" not in decision_free  # the problem colour is no team's


def test_text_version_and_search_read_text_not_mermaid(tmp_path: Path, build_site) -> None:
    docs = {"index.md": "# Home\n\n```journey\nid: j\nstages:\n  - id: ask\n    owner: desk\n"
                        "    steps: ['customer -> desk: Where is my order?']\n```\n"}
    site = build_site(tmp_path, docs, plugins=["search", "custflow"], strict=True).check()
    html = (site.site_dir / "index.html").read_text("utf-8")
    assert re.search(r'<details class="custflow-text"><summary>Text version</summary>.*'
                     r"Customer → Desk: Where is my order\?", html, re.S)
    index = (site.site_dir / "search" / "search_index.json").read_text("utf-8")
    assert "Where is my order?" in index
    assert "sequenceDiagram" not in index and "flowchart" not in index


# -- tables and navigation ----------------------------------------------------------------


def test_legends_stay_out_of_search_and_the_score_bar_is_no_element(
    tmp_path: Path, build_site
) -> None:
    catalog = TEAM_CATALOG.replace("team: Operations", "team: Nightshift Logistics")
    docs = {
        "catalog.yml": catalog,
        "index.md": "# Home\n\n```journey\nid: j\nviews: [flow, journey]\nstages:\n"
                    "  - id: pack\n    owner: ops\n    steps:\n      - {from: sales, to: ops, "
                    "say: Where is my parcel?, score: 2}\n```\n",
    }
    config = {"plugins": ["search", {"custflow": {"catalog": "docs/catalog.yml"}}]}
    site = build_site(tmp_path, docs, config, strict=True).check().site_dir
    html = (site / "index.html").read_text("utf-8")
    legend = re.search(r'<figure class="custflow-diagram[^"]*"([^>]*)>(?:(?!</figure>).)*'
                       r'<ul class="custflow-legend"[^>]*>(.*?)</ul>', html, re.S)
    assert legend and "data-search-exclude" in legend[1] and "Nightshift Logistics" in legend[2]
    assert re.search(r'<td class="custflow-score custflow-score-low" data-score="2">2/5</td>',
                     html)
    assert "custflow-score-bar" not in html
    entries = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    page = " ".join(e["text"] for e in entries if e["location"].split("#")[0] == "")
    assert "Where is my parcel?" in page and "2/5" in page
    assert "Nightshift Logistics" not in page  # the playbook's role page names the team


def test_raci_matrix_keeps_its_stage_column_in_view(
    example_sites: Path, browser_session: BrowserSession
) -> None:
    with serve_directory(example_sites) as base:
        page, records = browser_session.new_page()
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(base + "playbook/raci/index.html", wait_until="load")
        page.wait_for_selector(".custflow-raci-matrix table")
        state = page.evaluate("""() => {
            const table = document.querySelector('.custflow-raci-matrix table');
            const first = table.querySelector('tbody th');
            const wrap = table.closest('.custflow-raci');
            return {sticky: getComputedStyle(first).position,
                    scrolls: wrap.scrollWidth > wrap.clientWidth,
                    strong: [...table.querySelectorAll('strong')].map(e => e.textContent),
                    page: document.documentElement.scrollWidth
                          <= document.documentElement.clientWidth};
        }""")
        page.close()
    assert state["sticky"] == "sticky" and state["scrolls"] and state["page"], state
    assert set(state["strong"]) == {"A", "R"}, state
    assert not records["page_errors"]


def test_diagrams_stay_readable_after_instant_navigation(
    tmp_path: Path, browser_session: BrowserSession
) -> None:
    wide = _journey(12, 40)
    docs = {
        "catalog.yml": CATALOG,
        "index.md": "# Home\n\n[Next](next.md)\n\n```journey\n" + _journey(3, 6) + "```\n",
        "next.md": "# Next\n\n```journey\n" + wide.replace("id: size", "id: next") + "```\n",
    }
    config = {"theme": {"name": "material", "font": False, "features": ["navigation.instant"]},
              "plugins": [{"custflow": {"catalog": "docs/catalog.yml"}}],
              "site_url": "http://127.0.0.1/"}
    site = build_site(tmp_path, docs, config, strict=True).check().site_dir
    with serve_directory(site) as base:
        page, records = browser_session.new_page()
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(base + "index.html", wait_until="load")
        page.wait_for_selector(".custflow-diagram[data-custflow-width]", state="attached")
        page.click("article a[href*=next]")
        page.wait_for_function(
            "() => location.pathname.includes('next') && document.querySelectorAll("
            "'.custflow-diagram[data-custflow-width] .custflow-full-button').length >= 2",
            timeout=20_000)
        state = page.evaluate("""() => ({
            figures: document.querySelectorAll('.custflow-diagram').length,
            fitted: document.querySelectorAll('.custflow-diagram[data-custflow-width]').length,
            page: document.documentElement.scrollWidth <= document.documentElement.clientWidth})""")
        page.click(".custflow-full-button")
        full = page.evaluate("() => document.querySelectorAll('.custflow-full').length")
        page.keyboard.press("Escape")
        closed = page.evaluate("() => document.querySelectorAll('.custflow-full').length")
        page.close()
    assert state["figures"] == state["fitted"] and state["page"], state
    assert (full, closed) == (1, 0)
    assert not records["page_errors"], records["page_errors"]
