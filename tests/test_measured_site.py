"""The issue's Chinese site, built with `mkdocs build --strict` and read in
chromium: a GB18030 flow export under its own headers, a UTF-8 KPI file with
a byte-order mark, full-width digits and thousands separators. It shows the
funnel, the sankey with its table, counts on the flow's arrows, the
bottleneck, each KPI's latest value, period, status and trend on its stage
page, before/after on an effective to-be journey and a dashboard; every
diagram renders with Mermaid 11. Then the failures: a misspelt stage, an
unreadable count, data three months old.

The build date is the tests' fixed one (conftest: 2026-12-01).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.browser import DONE_JS, BrowserSession, serve_directory
from support.site import BuildResult, build_site

JOURNEY = """\
id: first-purchase
title: 首次购买
views: [flow, funnel, sankey, stages]
actors:
  customer: {name: 客户, kind: customer}
  sales: {name: 销售顾问, kind: role, team: 销售部}
  ops: {name: 物流, kind: role, team: 运营部}
stages:
  - id: browse
    name: 浏览商品
    owner: sales
  - id: consult
    name: 咨询销售顾问
    owner: sales
    steps:
      - decide: 决定购买？
        是: pay
        否: browse
  - id: pay
    name: 付款
    owner: sales
    kpis:
      - {name: 支付转化率, target: ">= 25%", current: 20%}
      - {name: 月度订单量, id: orders, target: ">= 1,000"}
  - id: receive
    name: 收货
    owner: ops
    sla: 48小时
"""
TO_BE = """\
id: first-purchase-to-be
title: 首次购买（目标流程）
state: to-be
improves: first-purchase
effective: 2026-09-01
views: [flow]
actors:
  sales: {name: 销售顾问, kind: role, team: 销售部}
  ops: {name: 物流, kind: role, team: 运营部}
stages:
  - {id: browse, name: 浏览商品, owner: sales}
  - {id: consult, name: 咨询销售顾问, owner: sales}
  - id: pay
    name: 付款
    owner: sales
    kpis: [{name: 支付转化率, target: ">= 25%"}]
  - {id: receive, name: 收货, owner: ops, sla: 48小时}
"""
MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]
HEADER = "统计月份,旅程,来源阶段,去向阶段,客户数\n"


def flow_rows(months: list[str]) -> str:
    rows = []
    for i, month in enumerate(months):
        n, consult = 1000 + 100 * i, 400 + 20 * i
        pay = 96 + 12 * i
        rows += [f'{month},first-purchase,,browse,"{n:,}"',
                 f"{month},first-purchase,browse,consult,{consult}",
                 f'{month},first-purchase,browse,流失,"{n - consult:,}"',
                 f"{month},first-purchase,consult,pay,{pay}",
                 f"{month},first-purchase,consult,转竞品,{consult - pay}",
                 f"{month},first-purchase,pay,receive,{pay - 1}"]
    return HEADER + "\n".join(rows) + "\n"


def kpi_rows(months: list[str]) -> str:
    full = str.maketrans("0123456789.%,", "０１２３４５６７８９．％，")
    rows = []
    for i, month in enumerate(months):
        value = f"{22 + i}%"
        rows.append(f"{month},支付转化率,{value.translate(full) if i % 2 else value}")
        rows.append(f'{month},orders,"{900 + 40 * i:,}"')
    return "\ufeff统计月份,指标,数值\n" + "\n".join(rows) + "\n"


PALETTE = [{"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "Dark"}},
           {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "Light"}}]


def chinese_site(root: Path, flow: str, kpis: str) -> BuildResult:
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "flow.csv").write_bytes(flow.encode("gb18030"))
    (root / "data" / "kpis.csv").write_text(kpis, encoding="utf-8")
    config = {
        "theme": {"name": "material", "font": False, "language": "zh", "palette": PALETTE},
        "plugins": [{"custflow": {"measures": [
            {"path": "data/flow.csv", "columns": {"date": "统计月份", "journey": "旅程",
                                                  "from": "来源阶段", "to": "去向阶段",
                                                  "count": "客户数"}},
            {"path": "data/kpis.csv", "columns": {"date": "统计月份", "kpi": "指标",
                                                  "value": "数值"}}]}}],
    }
    docs = {"index.md": f"# 首次购买\n\n页面正文。\n\n```journey\n{JOURNEY}```\n",
            "to-be.md": f"# 目标流程\n\n页面正文。\n\n```journey\n{TO_BE}```\n"}
    return build_site(root, docs, config, strict=True)


pytestmark = pytest.mark.slow  # every test here builds a site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    built = chinese_site(tmp_path_factory.mktemp("measured-zh"), flow_rows(MONTHS),
                         kpi_rows(MONTHS)).check()
    assert "WARNING" not in built.log, built.log
    return built


def test_the_chinese_site_builds_strict_and_shows_every_part(site: BuildResult) -> None:
    # An info: shown, fails nothing; in the site's language.
    assert ("custflow: data/flow.csv:36: 旅程 'first-purchase'，2026-11：'咨询销售顾问' 是瓶颈，"
            "到达的客户流失了 69%（500 人中的 344 人）") in site.log
    index = (site.site_dir / "index.html").read_text("utf-8")
    assert 'class="custflow-funnel' in index and "瓶颈" in index
    assert '<svg class="custflow-sankey-chart"' in index and "custflow-sankey-table" in index
    assert "1,500" in index  # November's customers, thousands separator read and shown
    assert "流失" in index and "转竞品" in index
    assert "200 · 40%" not in index  # counts are on the arrows, in Mermaid's own escapes
    stage = (site.site_dir / "playbook" / "stages" / "pay" / "index.html").read_text("utf-8")
    assert "最新 <strong>27%</strong> (2026-11, 实测)" in stage
    assert "最新 <strong>1,100</strong> (2026-11, 实测)" in stage
    assert stage.count('<svg class="custflow-trend"') == 2
    assert "达标" in stage
    to_be = (site.site_dir / "to-be" / "index.html").read_text("utf-8")
    assert "变更自 2026-09-01 起生效" in to_be
    assert "23% (3 个统计期)" in to_be and "26% (3 个统计期)" in to_be
    dashboard = (site.site_dir / "playbook" / "dashboard" / "index.html").read_text("utf-8")
    assert "数据看板" in dashboard and "咨询销售顾问" in dashboard
    overview = (site.site_dir / "playbook" / "index.html").read_text("utf-8")
    assert 'href="dashboard/"' in overview
    data = json.loads((site.site_dir / "playbook" / "playbook.json").read_text("utf-8"))
    assert data["dashboard"]["journeys"][0]["bottleneck"] == "consult"
    assert {k["kpi"]: k["latest"] for k in data["dashboard"]["kpis"]} == {
        "支付转化率": "２７％", "orders": "1,100"}


MEASURE_JS = """
() => {
  const body = parseFloat(getComputedStyle(document.querySelector('article p')).fontSize);
  const size = (el) => parseFloat(getComputedStyle(el).fontSize);
  const funnel = [...document.querySelectorAll('.custflow-funnel th, .custflow-funnel td')]
    .map(size);
  const chart = document.querySelector('.custflow-sankey-chart');
  const scale = chart ? chart.getBoundingClientRect().width / chart.viewBox.baseVal.width : 0;
  const labels = chart ? [...chart.querySelectorAll('text')].map((t) => size(t) * scale) : [];
  const edges = [];
  for (const host of document.querySelectorAll('div.mermaid')) {
    for (const l of host.shadowRoot.querySelectorAll('.edgeLabel')) {
      const t = l.textContent.trim(); if (t) edges.push(t);
    }
  }
  const fill = chart ? getComputedStyle(chart.querySelector('text')).fill : '';
  return {body, funnel_smallest: Math.min(...funnel), label_smallest: Math.min(...labels),
          edges, sankey_text: fill, page_bg: getComputedStyle(document.body).backgroundColor,
          trends: document.querySelectorAll('svg.custflow-trend[role="img"] > title').length};
}
"""


@pytest.mark.parametrize(("width", "dark"), [(1280, False), (1280, True), (390, False)])
def test_every_diagram_renders_and_reads_in_chromium(
    site: BuildResult, browser_session: BrowserSession, tmp_path: Path, width: int, dark: bool,
) -> None:
    reports = browser_session.check_site(site.site_dir)
    assert all(report.ok for report in reports), "\n".join(r.summary() for r in reports)
    rendered = {report.path: report.rendered for report in reports}
    assert rendered["index.html"] == 1 and rendered["to-be/index.html"] == 1, rendered
    with serve_directory(site.site_dir) as base:
        page, records = browser_session.new_page()
        try:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(base + "index.html", wait_until="load")
            page.wait_for_function(DONE_JS, arg=1, timeout=20_000, polling=50)
            if dark:
                page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
            page.wait_for_timeout(150)
            measured = page.evaluate(MEASURE_JS)
            page.screenshot(path=str(tmp_path / f"measured-{width}{'-dark' if dark else ''}.png"),
                            full_page=True)
        finally:
            page.close()
    print(f"screenshots: {tmp_path}")
    assert not records["page_errors"] and not records["console_errors"]
    assert measured["funnel_smallest"] >= measured["body"] - 0.01, measured
    assert measured["label_smallest"] >= 13, measured
    assert "1,500" in measured["edges"], measured["edges"]
    assert "500 · 33.3%" in measured["edges"], measured["edges"]
    assert measured["trends"] == 2
    light_text = measured["sankey_text"] in ("rgba(0, 0, 0, 0.87)", "rgb(0, 0, 0)")
    assert light_text != dark, measured  # the chart's words follow the theme's text colour


def _failing(tmp_path: Path, flow: str, kpis: str) -> BuildResult:
    return chinese_site(tmp_path, flow, kpis)


def test_a_misspelt_stage_and_an_unreadable_count_fail_strict_at_their_lines(
        tmp_path: Path) -> None:
    flow = flow_rows(MONTHS) + "2026-11,first-purchase,consul,pay,3\n2026-11,first-purchase," \
        "pay,receive,三十\n"
    built = _failing(tmp_path, flow, kpi_rows(MONTHS))
    assert not built.ok
    assert ("data/flow.csv:38: 'consul'（'from'）不是旅程 'first-purchase' 的阶段"
            "（是不是 'consult'？）") in built.log
    assert "data/flow.csv:39: 人数 '三十' 不是客户的整数个数" in built.log


def test_data_three_months_old_fails_strict_as_stale(tmp_path: Path) -> None:
    old = ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"]
    built = _failing(tmp_path, flow_rows(old), kpi_rows(MONTHS))
    assert not built.ok
    assert ("data/flow.csv:32: 这个文件最新的数据是 2026-08 的（2026-08-31 结束，比构建日期 "
            "2026-12-01 早 92 天），超过了 'stale_after' 的 45d") in built.log
    assert "[measure-stale]" in built.log
