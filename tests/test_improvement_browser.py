"""The map and the blueprint in a real Material build, as readers see them in
chromium, in English and in Chinese, light and dark, at 1280 and 390 px.

The spec's section-9 example, verbatim: the map's grid holds the customer's
actions, the pain points, the opportunities and a drawn emotion curve with
its points; its text is at least the page's body size; the row headings stay
in view while the box scrolls; the page itself never scrolls sideways. The
same journey with a step between two roles shows the blueprint's lanes (a
role-to-role step backstage, a system step in support) and, on its
flowchart, the pain count in the problem colour. Screenshots of every case
are written to the test's temporary folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.browser import DONE_JS, BrowserSession, count_mermaid_pres, serve_directory
from support.site import BuildResult, build_site
from test_improvement_reading import SPEC_MAP_EXAMPLE

EXTENDED = (
    SPEC_MAP_EXAMPLE.replace("id: repair-map", "id: repair-lanes")
    .replace("views: [map, blueprint]", "views: [flow, sequence, map, blueprint]")
    .replace("      - desk -> crm: Open the ticket\n",
             "      - desk -> crm: Open the ticket\n      - desk -> eng: Dispatch the engineer\n")
)
CHINESE = """\
id: repair-map
title: 报修：客户的亲身经历
views: [flow, sequence, map, blueprint]
actors:
  customer: {name: 客户, kind: customer}
  desk: {name: 客服中心, kind: role, team: 服务部}
  eng: {name: 售后工程师, kind: role, team: 服务部}
  crm: {name: CRM 系统, kind: system}
stages:
  - id: report
    name: 报修
    owner: desk
    touchpoints: [hotline]
    pains:
      - {text: 电话排队久，还要反复描述故障, severity: high}
    opportunities:
      - {text: 通话前先在微信上传故障照片, status: planned, owner: desk}
    steps:
      - {from: customer, to: desk, say: 报告故障, score: 2, pain: 同样的问题被问了两遍}
      - desk -> crm: 建立工单
      - desk -> eng: 派工
  - id: accept
    name: 验收
    owner: eng
    kpis:
      - {name: 一次修复率, target: ">= 90%", current: 84%}
      - 现场签署验收单
    steps:
      - {from: eng, to: customer, say: 一起测试并签字, score: 4}
"""
BODY = "A paragraph of the page, in the page's body size, to compare with.\n\n"
ZH_MAP = CHINESE.replace("views: [flow, sequence, map, blueprint]", "views: [map, blueprint]")
ZH_LANES = CHINESE.replace("id: repair-map", "id: repair-lanes")
LANGUAGES = {
    "en": {
        "index.md": f"# Repair\n\n{BODY}```journey\n{SPEC_MAP_EXAMPLE}```\n",
        "lanes.md": f"# Lanes\n\n{BODY}```journey\n{EXTENDED}```\n",
    },
    "zh": {
        "index.md": f"# 报修\n\n页面正文的一段文字，用来比较字号。\n\n```journey\n{ZH_MAP}```\n",
        "lanes.md": f"# 泳道\n\n页面正文的一段文字。\n\n```journey\n{ZH_LANES}```\n",
    },
}
EXPECTED = {
    "en": {"actions": ["Report the fault", "Test together and sign"],
           "pains": ["Waits on the line and repeats the story", "Asked the same questions twice"],
           "opportunities": ["Photo upload on WeChat before the call"],
           "backstage": "Dispatch the engineer", "support": "Open the ticket",
           "missed": "missed", "pain_count": "⚠ 2 pain points"},
    "zh": {"actions": ["报告故障", "一起测试并签字"],
           "pains": ["电话排队久，还要反复描述故障", "同样的问题被问了两遍"],
           "opportunities": ["通话前先在微信上传故障照片"],
           "backstage": "派工", "support": "建立工单", "missed": "未达标",
           "pain_count": "⚠ 2 个痛点"},
}
PALETTE = [{"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "Dark"}},
           {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "Light"}}]

# Everything the test asserts, measured in the page.
MEASURE_JS = """
() => {
  const text = (el) => el.textContent.replace(/\\s+/g, ' ').trim();
  const body = parseFloat(getComputedStyle(document.querySelector('article p')).fontSize);
  const grids = {};
  for (const grid of document.querySelectorAll('.custflow-grid')) {
    const kind = grid.classList.contains('custflow-map') ? 'map' : 'blueprint';
    const rows = {};
    for (const row of grid.querySelectorAll('tbody tr')) {
      const name = (row.className.match(/custflow-row-(\\w+)/) || [])[1] || 'line';
      rows[name] = [...row.querySelectorAll('td')].map((td) =>
        [...td.querySelectorAll('li')].map(text));
    }
    const sizes = [...grid.querySelectorAll('th, td li, caption, .custflow-badge')]
      .filter((el) => text(el)).map((el) => parseFloat(getComputedStyle(el).fontSize));
    const lines = [...grid.querySelectorAll('polyline')].map((l) => {
      const box = l.getBoundingClientRect();
      return {points: l.getAttribute('points').split(' ').length,
              width: box.width, height: box.height};
    });
    // A point is a round cap on a line of no length: no geometry to measure, so
    // ask the page what is drawn at its centre and 4 px beside it.
    const points = [...grid.querySelectorAll('line.custflow-point')].map((p) => {
      p.closest('td').scrollIntoView({block: 'center', inline: 'end'});
      const svg = p.ownerSVGElement.getBoundingClientRect();
      const x = svg.left + p.x1.baseVal.value / 100 * svg.width;
      const y = svg.top + p.y1.baseVal.value / 100 * svg.height;
      const hit = (dx, dy) => document.elementFromPoint(x + dx, y + dy) === p;
      const found = {drawn: [hit(0, 0), hit(4, 0), hit(0, -4)], missed_far: hit(12, 0),
              colour: getComputedStyle(p).stroke, low: p.classList.contains('custflow-point-low')};
      grid.scrollLeft = 0;
      return found;
    });
    const head = grid.querySelector('tbody th[scope=row]');
    const cell = grid.querySelector('tbody td');
    const before = head.getBoundingClientRect().left - grid.getBoundingClientRect().left;
    grid.scrollLeft = grid.scrollWidth;
    const after = head.getBoundingClientRect().left - grid.getBoundingClientRect().left;
    grid.scrollLeft = 0;
    grids[kind] = {
      rows, smallest: Math.min(...sizes), lines, points,
      caption: text(grid.querySelector('caption')),
      headers: [...grid.querySelectorAll('tbody th[scope=row]')].map(text),
      sticky: getComputedStyle(head).position,
      scrolls: grid.scrollWidth > grid.clientWidth, head_moved: Math.abs(after - before),
      head_bg: getComputedStyle(head).backgroundColor,
      cell_colour: getComputedStyle(cell).color,
      badges: [...grid.querySelectorAll('.custflow-badge')].map((b) => ({
        text: text(b), colour: getComputedStyle(b).color,
        background: getComputedStyle(b).backgroundColor})),
      page_bg: getComputedStyle(document.body).backgroundColor,
    };
  }
  const marks = [];
  for (const host of document.querySelectorAll('div.mermaid')) {
    const root = host.shadowRoot;
    for (const b of root ? root.querySelectorAll('b') : []) {
      const shape = b.closest('g.node').querySelector('rect, path, polygon');
      marks.push({text: text(b), colour: getComputedStyle(b).color,
                  fill: getComputedStyle(shape).fill});
    }
  }
  const root = document.documentElement;
  return {body, grids, marks, page_scrolls: root.scrollWidth > root.clientWidth + 1};
}
"""


def _rgba(colour: str) -> list[float]:
    """``rgb(...)``, ``rgba(...)`` or ``color(srgb ...)`` (what color-mix computes to)."""
    inner = colour[colour.index("(") + 1:-1].replace("srgb", "")
    values = [float(v) for v in inner.replace(",", " ").replace("/", " ").split()]
    if colour.startswith("color("):
        values[:3] = [v * 255 for v in values[:3]]
    return values + [1.0] * (4 - len(values))


def _over(top: str, under: str) -> str:
    """``top`` (maybe translucent) painted over ``under``, as ``rgb(...)``."""
    *front, alpha = _rgba(top)
    back = _rgba(under)[:3]
    mixed = [f * alpha + b * (1 - alpha) for f, b in zip(front, back, strict=True)]
    return "rgb({:.1f}, {:.1f}, {:.1f})".format(*mixed)


def _luminance(colour: str) -> float:
    values = _rgba(colour)[:3]
    linear = [(v / 255 / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4)
              for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuildResult]:
    built = {}
    for language, docs in LANGUAGES.items():
        config = {"theme": {"name": "material", "font": False, "language": language,
                            "palette": PALETTE}}
        built[language] = build_site(tmp_path_factory.mktemp(f"map-{language}"), docs, config,
                                     strict=True).check()
    return built


def _measure(browser: BrowserSession, site: Path, page_path: str, width: int, dark: bool,
             shots: Path) -> dict:
    file = site / page_path
    expected = count_mermaid_pres(file.read_text("utf-8"))
    with serve_directory(site) as base:
        page, records = browser.new_page()
        try:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(base + page_path, wait_until="load")
            if expected:
                page.wait_for_function(DONE_JS, arg=expected, timeout=20_000, polling=50)
            if dark:
                page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
            page.wait_for_timeout(150)
            measured = page.evaluate(MEASURE_JS)
            name = f"{site.parent.name}-{page_path.replace('/', '-')}-{width}"
            page.screenshot(path=str(shots / f"{name}{'-dark' if dark else ''}.png"),
                            full_page=True)
        finally:
            page.close()
    measured["errors"] = records["page_errors"] + records["console_errors"]
    return measured


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize(("width", "dark"), [(1280, False), (1280, True), (390, False),
                                             (390, True)])
def test_the_spec_example_map_and_blueprint_in_a_browser(
    sites: dict[str, BuildResult], browser_session: BrowserSession, tmp_path: Path,
    language: str, width: int, dark: bool,
) -> None:
    want = EXPECTED[language]
    site = sites[language].site_dir
    page = _measure(browser_session, site, "index.html", width, dark, tmp_path)
    print(f"screenshots: {tmp_path}")
    assert not page["errors"] and not page["page_scrolls"], page
    grid = page["grids"]["map"]
    actions = [item for cell in grid["rows"]["actions"] for item in cell]
    assert [a.split(" (")[0] for a in actions] == want["actions"], actions
    pains = " ".join(item for cell in grid["rows"]["pains"] for item in cell)
    assert all(p in pains for p in want["pains"]), pains
    opportunities = " ".join(i for cell in grid["rows"]["opportunities"] for i in cell)
    assert all(o in opportunities for o in want["opportunities"]), opportunities
    assert want["missed"] in " ".join(i for cell in grid["rows"]["kpis"] for i in cell)
    # A drawn curve: a line in each stage's column, meeting at the border, and a
    # visible point per scored step (the low one in the problem colour).
    assert [line["points"] for line in grid["lines"]] == [2, 2]
    assert all(line["width"] > 20 and line["height"] > 5 for line in grid["lines"]), grid
    assert len(grid["points"]) == 2 and all(
        p["drawn"] == [True, True, True] and not p["missed_far"] for p in grid["points"]
    ), grid["points"]
    assert [b["text"] for b in grid["badges"]][::2] == (
        ["high", "✗ missed"] if language == "en" else ["高", "✗ 未达标"])
    low = [p for p in grid["points"] if p["low"]]
    assert len(low) == 1 and low[0]["colour"] == "rgb(234, 88, 12)"
    for kind in ("map", "blueprint"):
        measured = page["grids"][kind]
        assert measured["smallest"] >= page["body"] - 0.01, (kind, measured["smallest"],
                                                              page["body"])
        assert measured["sticky"] == "sticky"
        assert measured["head_moved"] < 1, measured  # the row headings stay in view
        assert _contrast(measured["cell_colour"], measured["page_bg"]) >= 4.5, measured
        assert _contrast(measured["cell_colour"], measured["head_bg"]) >= 4.5, measured
        for badge in measured["badges"]:  # high, missed...: words on a tint of their colour
            ground = _over(badge["background"], measured["page_bg"])
            assert _contrast(badge["colour"], ground) >= 4.5, (badge, ground)
    if width == 390:
        assert grid["scrolls"], "a map wider than the phone scrolls inside its box"


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("dark", [False, True])
def test_blueprint_lanes_and_the_flowchart_pain_mark(
    sites: dict[str, BuildResult], browser_session: BrowserSession, tmp_path: Path,
    language: str, dark: bool,
) -> None:
    want = EXPECTED[language]
    site = sites[language].site_dir
    page = _measure(browser_session, site, "lanes/index.html", 1280, dark, tmp_path)
    assert not page["errors"], page["errors"]
    rows = page["grids"]["blueprint"]["rows"]
    assert [want["backstage"] in item for item in rows["backstage"][0]] == [True]
    assert [want["support"] in item for item in rows["support"][0]] == [True]
    # The customer's step in the customer's actions, the engineer's to the customer
    # in the frontstage (spec section 9).
    assert [want["actions"][0] in item for item in rows["customer"][0]] == [True]
    assert not rows["frontstage"][0]
    assert [want["actions"][1] in item for item in rows["frontstage"][1]] == [True]
    assert not rows["backstage"][1] and not rows["support"][1]
    marks = page["marks"]
    assert [m["text"] for m in marks] == [want["pain_count"]], marks
    colour = marks[0]["colour"]
    assert colour == ("rgb(251, 146, 60)" if dark else "rgb(154, 52, 18)"), colour
    page_bg = page["grids"]["map"]["page_bg"]
    node = _over(marks[0]["fill"], page_bg)
    assert _contrast(colour, node) >= 4.5, (colour, node)  # AA on the stage's tint
