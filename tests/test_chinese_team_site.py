"""Issue 25: a playbook a Chinese team reads as its own, every table and grid readable.

A Chinese team's site (``support/zh_team_site.py``: twelve roles, shared
stages, as-is and to-be journeys, a sub-journey, full-width colons, display
names as owners, ``30分钟以内``) is built in Material with ``language: zh``
and read in chromium as its readers read it: no English word it did not
write; every RACI role on screen at 1280 px in the catalog's order; the
customer's steps in the customer-actions lane; pains counted alike; no lone
CJK character on a line of any diagram; an overview picture; every diagram
legible in light and dark. Screenshots go to the test's temporary folder.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from support.browser import DONE_JS, BrowserSession, count_mermaid_pres, serve_directory
from support.mermaid_node import decode_mermaid_entities
from support.site import BuildResult, write_site
from support.zh_team_site import CATALOG, DOCS, PAGES, ROLES, build_team_site
from test_readable_diagrams import _measure_site, _problems

from mkdocs_custflow.renderers.line_breaks import NO_LINE_START, columns

pytestmark = pytest.mark.slow

WRITTEN = {"CRM", "RACI", "md", "repair", "to", "be", "revisit"}
"""Latin words the team wrote itself (its CRM system's name, the file names of
its pages) or that Chinese teams use as they are (RACI)."""


@pytest.fixture(scope="module")
def team_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_team_site(tmp_path_factory.mktemp("zh-team"), palette=True).check()


def _open(browser: BrowserSession, base: str, site: Path, rel: str, width: int = 1280):  # type: ignore[no-untyped-def]
    page, records = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base + rel, wait_until="load")
    expected = count_mermaid_pres((site / rel).read_text("utf-8"))
    if expected:
        page.wait_for_function(DONE_JS, arg=expected, timeout=20_000, polling=50)
    page.wait_for_timeout(100)
    return page, records


TEXT_JS = """() => {
  const article = document.querySelector('article').cloneNode(true);
  for (const x of article.querySelectorAll('script, style')) x.remove();
  const out = [article.textContent];
  for (const host of document.querySelectorAll('article div.mermaid')) {
    const svg = host.shadowRoot && host.shadowRoot.querySelector('svg');
    if (!svg) continue;
    const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement.closest('style')) out.push(n.nodeValue);
    }
  }
  return out.join('\\n');
}"""


def test_a_chinese_site_shows_no_english_word_it_did_not_write(
    team_site: BuildResult, browser_session: BrowserSession
) -> None:
    site = team_site.site_dir
    pages = [p.relative_to(site).as_posix() for p in team_site.html_pages()]
    assert len(pages) >= 25, pages
    found: dict[str, set[str]] = {}
    with serve_directory(site) as base:
        for rel in pages:
            page, records = _open(browser_session, base, site, rel)
            text = page.evaluate(TEXT_JS)
            page.close()
            assert not records["page_errors"], (rel, records)
            words = set(re.findall(r"[A-Za-z]{2,}", text))
            # RACI letters (A, R, C, I) stand side by side in a matrix's text.
            english = {w for w in words if not re.fullmatch(r"[ARCI]+", w)} - WRITTEN
            if english:
                found[rel] = english
    assert not found, found


def _product_text(html: str) -> list[str]:
    """What a page's article says in words: its text (Mermaid sources aside),
    its titles and labels, and what each Mermaid diagram's labels, tooltips
    and accessible title and description say (not the diagram syntax)."""
    article = html.split("<article", 1)[-1].split("</article>", 1)[0]
    sources = _sources(article)
    rest = re.sub(r'<pre class="mermaid".*?</pre>', " ", article, flags=re.S)
    rest = re.sub(r"<(script|style)\b.*?</\1>", " ", rest, flags=re.S)
    texts = [unescape(re.sub(r"<[^>]+>", " ", rest))]
    texts += [unescape(a) for a in re.findall(r'(?:title|aria-label|alt)="([^"]*)"', rest)]
    for source in sources:
        for statement in source.split("\n"):
            if statement.strip().startswith(("accTitle:", "accDescr:")):
                texts.append(statement.split(":", 1)[1])
            texts += [re.sub(r"<[^>]+>", " ", t) for t in _LABEL_TEXT.findall(statement)]
    return texts


def test_a_chinese_page_writes_its_labels_with_the_full_width_colon(
    team_site: BuildResult,
) -> None:
    found: dict[str, set[str]] = {}
    pages = team_site.html_pages()
    for page in pages:
        for text in _product_text(page.read_text("utf-8")):
            for match in re.finditer(r"\S{0,8}: \S{0,8}", text):
                found.setdefault(page.relative_to(team_site.site_dir).as_posix(), set()).add(
                    match[0])
    assert len(pages) >= 25
    assert not found, found
    stage = (team_site.site_dir / "playbook" / "stages" / "report" / "index.html").read_text(
        "utf-8")
    assert "时限：30分钟" in stage and "负责人：" in stage


RACI_JS = """() => {
  const box = document.querySelector('.custflow-raci');
  const table = box.querySelector('table');
  const right = box.getBoundingClientRect().right;
  const heads = [...table.querySelectorAll('thead th')].slice(1);
  const rowHead = table.querySelector('tbody th');
  return {
    names: heads.map((th) => th.textContent.trim()),
    on_screen: heads.filter((th) => th.getBoundingClientRect().right <= right + 0.5).length,
    scrolls: box.scrollWidth > box.clientWidth,
    head_sticky: getComputedStyle(heads[0]).position,
    row_sticky: getComputedStyle(rowHead).position,
    smallest: Math.min(...[...table.querySelectorAll('th, td')]
      .filter((el) => el.textContent.trim())
      .map((el) => parseFloat(getComputedStyle(el).fontSize))),
    page_scrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    cue: getComputedStyle(box).backgroundImage,
    rows: [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((cell) => cell.textContent.trim())),
  };
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_every_role_of_the_raci_matrix_is_readable(
    team_site: BuildResult, browser_session: BrowserSession, width: int, tmp_path: Path
) -> None:
    site = team_site.site_dir
    with serve_directory(site) as base:
        page, _ = _open(browser_session, base, site, "playbook/raci/index.html", width)
        state = page.evaluate(RACI_JS)
        page.screenshot(path=str(tmp_path / f"raci-{width}.png"), full_page=True)
        page.close()
    assert state["names"] == [name for _, name, _ in ROLES], state["names"]  # catalog order
    assert state["head_sticky"] == "sticky" and state["row_sticky"] == "sticky", state
    assert not state["page_scrolls"], state
    assert "gradient" in state["cue"], state  # a box that scrolls shows it can
    if width == 1280:
        assert state["on_screen"] == 12 and not state["scrolls"], state
        assert state["smallest"] >= 13, state
    else:
        assert state["smallest"] >= 10, state


def test_the_raci_matrix_keeps_as_is_and_to_be_apart(team_site: BuildResult) -> None:
    html = (team_site.site_dir / "playbook" / "raci" / "index.html").read_text("utf-8")
    rows = re.findall(r'<tr class="custflow-raci-(as-is|to-be)">(.*?)</tr>', html, re.S)
    repair = {state: re.findall(r"<td>(.*?)</td>", cells) for state, cells in rows
              if "上门维修" in cells}
    names = [name for _, name, _ in ROLES]
    engineer, dispatcher = names.index("售后工程师"), names.index("派工调度")
    assert "A" in repair["as-is"][engineer] and "A" not in repair["as-is"][dispatcher]
    assert "A" in repair["to-be"][dispatcher] and "A" not in repair["to-be"][engineer]
    for _, cells in rows:  # one accountable role per row: never two A's
        assert sum("A" in cell for cell in re.findall(r"<td>(.*?)</td>", cells)) <= 1


def _cells(html: str, grid: str, row: str) -> list[str]:
    table = html.split(f'custflow-{grid}"')[1].split("</table>")[0]
    found = re.search(rf'<tr class="custflow-row-{row}">(.*?)</tr>', table, re.S)
    assert found, row
    return [unescape(re.sub(r"<[^>]+>", " ", cell)) for cell in
            re.findall(r"<td>(.*?)</td>", found[1], re.S)]


def test_the_customers_steps_are_in_the_customer_actions_lane(team_site: BuildResult) -> None:
    html = (team_site.site_dir / "repair" / "index.html").read_text("utf-8")
    customer = _cells(html, "blueprint", "customer")
    frontstage = _cells(html, "blueprint", "frontstage")
    assert "打电话报修" in customer[0] and "询问保修期限" in customer[0], customer
    assert "验收签字" in customer[1], customer
    assert "打电话报修" not in frontstage[0] and "预计3.5小时内回电" in frontstage[0], frontstage


def _sources(html: str) -> list[str]:
    return [decode_mermaid_entities(unescape(re.sub(r"<[^>]+>", "", body)))
            for body in re.findall(r'<pre class="mermaid"[^>]*>(.*?)</pre>', html, re.S)]


def test_pains_are_counted_alike_on_the_node_and_the_stage_page(
    team_site: BuildResult,
) -> None:
    flow = _sources((team_site.site_dir / "repair" / "index.html").read_text("utf-8"))[0]
    node = re.search(r'S0\["报修受理.*?"\]', flow)
    assert node and "3 个痛点" in node[0], node
    stage = (team_site.site_dir / "playbook" / "stages" / "report" / "index.html").read_text(
        "utf-8")
    listed = re.findall(r"custflow-badge-(?:high|medium|low)\">痛点", stage)
    assert len(listed) == 3, listed
    assert "排队等了二十分钟" in stage  # the step's own pain point


_LABEL_TEXT = re.compile(r'"([^"]*)"')
_CJK = re.compile(r"[\u3400-\u9fff]")


def test_no_line_of_any_diagram_is_a_lone_cjk_character(team_site: BuildResult) -> None:
    lines_seen = 0
    for page in team_site.html_pages():
        for source in _sources(page.read_text("utf-8")):
            for statement in source.split("\n"):
                if statement.strip().startswith(("accTitle", "accDescr", "click")):
                    continue
                texts = _LABEL_TEXT.findall(statement) or [statement.split(":", 1)[-1]]
                for text in texts:
                    plain = re.sub(r"</?(?:small|b)(?:\s[^>]*)?>", "", text)
                    lines = plain.split("<br>")
                    if len(lines) < 2:
                        continue
                    for line in lines:
                        lines_seen += 1
                        line = line.strip()
                        assert not (len(line) == 1 and _CJK.match(line)), (page, statement)
                        assert line and not all(ch in NO_LINE_START for ch in line), statement
                        assert columns(line) > 2 or not _CJK.search(line), (page, statement)
    assert lines_seen >= 10


NODE_LINES_JS = """() => {
  // Mermaid lets a node label wrap itself (white-space other than nowrap)
  // only when it is wider than its 200 px label width.
  const out = [];
  for (const host of document.querySelectorAll('article div.mermaid')) {
    const svg = host.shadowRoot && host.shadowRoot.querySelector('svg');
    if (!svg || svg.getAttribute('aria-roledescription') !== 'flowchart-v2') continue;
    for (const label of svg.querySelectorAll('foreignObject > div')) {
      out.push({text: label.textContent, wraps: getComputedStyle(label).whiteSpace});
    }
  }
  return out;
}"""


def test_mermaid_adds_no_line_breaks_of_its_own(
    team_site: BuildResult, browser_session: BrowserSession
) -> None:
    site = team_site.site_dir
    labels = []
    with serve_directory(site) as base:
        for rel in (*PAGES, "playbook/index.html"):
            page, _ = _open(browser_session, base, site, rel)
            labels += page.evaluate(NODE_LINES_JS)
            page.close()
    assert len(labels) >= 10
    rewrapped = [label for label in labels if label["wraps"] != "nowrap"]
    assert not rewrapped, rewrapped


SELF_JS = """() => {
  for (const host of document.querySelectorAll('article div.mermaid')) {
    const svg = host.shadowRoot && host.shadowRoot.querySelector('svg');
    if (!svg || svg.getAttribute('aria-roledescription') !== 'sequence') continue;
    const note = [...svg.querySelectorAll('text')].find((t) => t.textContent === '整理回访记录');
    if (!note) continue;
    const box = note.getBoundingClientRect();
    const lifelines = [...svg.querySelectorAll('line.actor-line, line[class*="actor-line"]')]
      .map((line) => line.getBoundingClientRect().left);
    const crossed = lifelines.filter((x) => x > box.left && x < box.right);
    const cue = getComputedStyle(host.closest('.custflow-scroll')).backgroundImage;
    return {crossed: crossed.length, lifelines: lifelines.length, width: box.width, cue};
  }
  return null;
}"""


def test_a_self_message_is_not_crossed_by_its_lifeline(
    team_site: BuildResult, browser_session: BrowserSession, tmp_path: Path
) -> None:
    site = team_site.site_dir
    with serve_directory(site) as base:
        page, _ = _open(browser_session, base, site, "repair/index.html")
        found = page.evaluate(SELF_JS)
        page.screenshot(path=str(tmp_path / "repair.png"), full_page=True)
        page.close()
    assert found is not None and found["width"] > 0, found
    assert found["lifelines"] >= 2 and found["crossed"] == 0, found
    assert "gradient" in found["cue"], found  # a wide diagram shows it scrolls


GRIDS_JS = """() => {
  const grids = [...document.querySelectorAll('.custflow-grid')].map((grid) => ({
    kind: grid.className,
    narrowest: Math.min(...[...grid.querySelectorAll('tbody td')]
      .map((td) => td.getBoundingClientRect().width)),
    cue: getComputedStyle(grid).backgroundImage,
    overflowing: [...grid.querySelectorAll('td li')]
      .filter((li) => li.scrollWidth > li.clientWidth + 1).length,
  }));
  const boxes = [];
  for (const host of document.querySelectorAll('article div.mermaid')) {
    const svg = host.shadowRoot && host.shadowRoot.querySelector('svg');
    if (!svg || svg.getAttribute('aria-roledescription') !== 'sequence') continue;
    for (const rect of svg.querySelectorAll('rect.rect[fill^="rgba"]')) {
      const probe = document.createElement('span');  // the written colour, as computed
      probe.style.color = rect.getAttribute('fill');
      document.body.append(probe);
      boxes.push({written: getComputedStyle(probe).color, drawn: getComputedStyle(rect).fill});
      probe.remove();
    }
  }
  return {grids, boxes};
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_map_and_blueprint_columns_fit_their_text_and_boxes_keep_their_colour(
    team_site: BuildResult, browser_session: BrowserSession, width: int
) -> None:
    site = team_site.site_dir
    with serve_directory(site) as base:
        page, _ = _open(browser_session, base, site, "repair/index.html", width)
        found = page.evaluate(GRIDS_JS)
        page.close()
    assert len(found["grids"]) == 2, found
    for grid in found["grids"]:
        # 14em of the page's text at 1280 px, 11em on a phone: a column holds a step.
        assert grid["narrowest"] >= (200 if width == 1280 else 150), grid
        assert grid["overflowing"] == 0 and "gradient" in grid["cue"], grid
    # Each team's box in its own colour, as the legend shows it (not the theme's one).
    assert len({box["written"] for box in found["boxes"]}) >= 3, found["boxes"]
    for box in found["boxes"]:
        assert box["drawn"] == box["written"], box


def test_the_overview_draws_the_journeys_and_links_each(
    team_site: BuildResult, browser_session: BrowserSession, tmp_path: Path
) -> None:
    site = team_site.site_dir
    html = (site / "playbook" / "index.html").read_text("utf-8")
    [source] = [s for s in _sources(html) if "J0" in s]
    assert source.count("click J") == 3
    assert "-.->|" in source and "改进自" in source  # the to-be improves the as-is
    assert "==>|" in source and "子旅程" in source  # the sub-journey under its stage
    assert source.count("S0(") + source.count("S1(") + source.count("S2(") == 3  # shared
    with serve_directory(site) as base:
        page, records = _open(browser_session, base, site, "playbook/index.html")
        links = page.evaluate("""() => {
          const host = document.querySelector('.custflow-overview div.mermaid');
          return [...host.shadowRoot.querySelectorAll('a')].map((a) =>
            a.getAttribute('xlink:href') || a.getAttribute('href'));
        }""")
        page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
        page.close()
    assert not records["page_errors"]
    assert {"../repair/#journey-repair-as-is", "../repair-to-be/#journey-repair-to-be",
            "../revisit/#journey-revisit", "stages/report/"} <= set(links), links
    pains = (site / "playbook" / "improvements" / "index.html").read_text("utf-8")
    assert "custflow-pain-chart" in pains and "高 1 · 中 2" in pains


def test_chinese_writing_habits_are_read(team_site: BuildResult) -> None:
    site = team_site.site_dir
    html = (site / "repair" / "index.html").read_text("utf-8")
    sequence = "\n".join(_sources(html)[1:])
    # Full-width colons: the steps are steps.
    assert "询问保修期限" in sequence and "在保修期内" in sequence
    # A display name as owner: the role's page is linked.
    stages = html.split("custflow-stages")[1].split("</table>")[0]
    assert 'href="../playbook/roles/service/"' in stages
    assert 'href="../playbook/roles/supervisor/"' in stages
    # 30分钟以内 is a target: 45分钟 misses it.
    assert re.search(r"首次响应时间.*?未达标", stages, re.S)
    # The to-be journey claims no value it inherits from the catalog.
    to_be = (site / "repair-to-be" / "index.html").read_text("utf-8")
    kpis = _cells(to_be, "map", "kpis")
    assert "30分钟以内" in kpis[0] and "未达标" not in kpis[0] and "45分钟" not in kpis[0]


@pytest.mark.parametrize(("dark", "width"), [(False, 1280), (False, 390), (True, 1280),
                                             (True, 390)])
def test_every_diagram_of_the_team_site_is_legible(
    team_site: BuildResult, browser_session: BrowserSession, dark: bool, width: int
) -> None:
    pages = [*PAGES, "playbook/index.html"]
    measured = _measure_site(browser_session, team_site.site_dir, width, dark=dark,
                             pages=pages)
    assert sum(len(page["diagrams"]) for page in measured.values()) >= 8
    problems = _problems(measured, width)
    assert not problems, "\n".join(problems)


BROKEN = """\
# 报修（有错误）

```journey
id: broken
title: 有错误的旅程
stages:
  - id: report
    owner: 客服专
    steps:
      - customer -> service：询问
  - id: check
    name: 检查
     owner: service
```
"""


def _quiet_build(root: Path, rules: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    (root / "catalog.yml").parent.mkdir(parents=True, exist_ok=True)
    (root / "catalog.yml").write_text(CATALOG, encoding="utf-8")
    options: dict[str, object] = {"catalog": "catalog.yml"}
    if rules:
        options["rules"] = rules
    write_site(root, {**DOCS, "broken.md": BROKEN}, {
        "site_name": "售后服务手册", "theme": {"name": "material", "language": "zh"},
        "plugins": [{"custflow": options}]})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")],
        cwd=root, capture_output=True, text=True, encoding="utf-8", check=False,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_a_quiet_build_prints_each_error_with_its_file_and_line(tmp_path: Path) -> None:
    result = _quiet_build(tmp_path / "errors")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    # The indentation error, in plain words, at its line; the summary in Chinese.
    assert re.search(r"ERROR\s+-\s+custflow: docs/broken\.md:13: 第 13 行缩进了 5 个空格", log), log
    assert "个错误（见上方），有错误时构建失败" in log, log
    # Every error is of a rule that is always one: no advice to change a severity.
    assert "rules" not in log.split("个错误")[-1], log
    fixed = BROKEN.replace("     owner: service", "    owner: service")
    (tmp_path / "errors" / "docs" / "broken.md").write_text(fixed, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=tmp_path / "errors",
        capture_output=True, text=True, encoding="utf-8", check=False)
    log = result.stdout + result.stderr
    # The display name that is no name: the id suggested, with the name, in Chinese.
    assert re.search(r"ERROR\s+-\s+custflow: docs/broken\.md:8: 阶段 'report' 的 'owner' 中的"
                     r"参与者 '客服专' 未定义（是不是 'service'（客服专员）？）",
                     log), log


def test_the_severity_hint_names_the_rules_that_can_change(tmp_path: Path) -> None:
    fixed = BROKEN.replace("     owner: service", "    owner: service").replace(
        "owner: 客服专\n", "owner: 客服专员\n")
    root = tmp_path / "raised"
    (root / "docs").mkdir(parents=True)
    result = _quiet_build(root, {"missing-sla": "error"})
    (root / "docs" / "broken.md").write_text(fixed, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=root,
        capture_output=True, text=True, encoding="utf-8", check=False)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"ERROR\s+-\s+custflow: docs/broken\.md:11: 阶段 'check' 没有时限", log), log
    assert "调整其规则（missing-sla）的级别" in log, log
