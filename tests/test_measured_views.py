"""The views of measured data: the funnel, the sankey with its table, counts on
the flow's arrows and the bottleneck in the problem colour, each KPI's latest
value, period, status and trend, before/after on an effective to-be journey."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from support.mermaid_node import decode_mermaid_entities
from test_measured_data import FIRST_PURCHASE, SPEC_FLOW

from mkdocs_custflow.measured.sources import MeasureOptions, read_sources
from mkdocs_custflow.pipeline import Pipeline, Settings, SourcePage
from mkdocs_custflow.renderers.flowchart import render_flowchart
from mkdocs_custflow.renderers.options import RenderOptions

EARLIER = SPEC_FLOW.replace("2026-10", "2026-09").split("\n", 1)[1].replace(
    ",1000\n", ",800\n").replace(",400\n", ",300\n")
KPIS = ("date,kpi,value\n2026-08,checkout,22%\n2026-09,checkout,24%\n2026-10,checkout,26%\n"
        "2026-09,付款时长,3h\n2026-10,付款时长,1.5h\n")
TO_BE = """\
id: first-purchase-2
title: First purchase, as it should be
state: to-be
improves: first-purchase
effective: 2026-10-01
views: [funnel]
stages:
  - {id: browse, name: Browse, owner: sales}
  - {id: consult, name: Consult a sales rep, owner: sales}
  - id: pay
    name: Pay
    owner: sales
    kpis: [{name: Checkout conversion, id: checkout, target: ">= 25%"}]
  - {id: receive, name: Receive the goods, owner: ops}
"""


def read(tmp_path: Path, locale: str = "en") -> tuple[Pipeline, dict[str, str]]:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "flow.csv").write_text(SPEC_FLOW + EARLIER, encoding="utf-8")
    (tmp_path / "data" / "kpis.csv").write_text(KPIS, encoding="utf-8")
    settings = Settings(locale=locale, base=str(tmp_path), measures=MeasureOptions(read_sources(
        ["data/flow.csv", "data/kpis.csv"], tmp_path)))
    pipeline = Pipeline(settings)
    blocks = FIRST_PURCHASE.replace("views: [flow, funnel, sankey]",
                                    "views: [flow, funnel, sankey, stages, map]")
    page = f"```journey\n{blocks}```\n\n```journey\n{TO_BE}```\n"
    reading = pipeline.read_site([SourcePage("shop.md", page, "docs/shop.md")])
    html = {}
    for _page, _fence, result in reading.blocks:
        assert result.journey is not None, result.diagnostics
        html[result.journey.id] = pipeline.render(
            result, RenderOptions(locale=locale, measured=pipeline.measured))
    return pipeline, html


def cells(html: str, css: str) -> list[list[str]]:
    part = html.split(f'class="{css}', 1)[1]
    table = part.split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    return [[unescape(re.sub(r"<[^>]+>", "", c)).strip()
             for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)] for row in rows]


def test_funnel_rows_conversion_drop_change_and_bottleneck(tmp_path: Path) -> None:
    _, html = read(tmp_path)
    rows = cells(html["first-purchase"], "custflow-funnel")
    assert rows[0] == ["Stage", "Customers", "Conversion from the stage before", "Lost here",
                       "Change vs 2026-09"]
    assert rows[1] == ["Browse", "1,000", "–", "600 (60%)", "+25%"]
    assert rows[2] == ["Consult a sales rep Bottleneck", "400", "40%", "304 (76%)",
                       "+33.3% · Conversion +2.5 pp"]
    assert rows[3][:4] == ["Pay", "96", "24%", "1 (1%)"]
    assert rows[4][:4] == ["Receive the goods", "95", "99%", "0 (0%)"]
    assert '<tr class="custflow-bottleneck"><th scope="row">Consult' in html["first-purchase"]
    assert ("Customers in: 1,000 · Customers through: 95 · Overall conversion: 9.5%"
            in html["first-purchase"])
    assert "Bottleneck: Consult a sales rep loses 76% of the customers who reach it." in unescape(
        html["first-purchase"])


def test_sankey_draws_every_transition_and_a_table_beside_it(tmp_path: Path) -> None:
    _, html = read(tmp_path)
    page = html["first-purchase"]
    svg = page.split('<svg class="custflow-sankey-chart"', 1)[1].split("</svg>", 1)[0]
    titles = [unescape(t) for t in re.findall(r"<path [^>]*><title>(.*?)</title>", svg)]
    assert sorted(titles) == sorted([
        "Entered → Browse: 1,000", "Browse → Consult a sales rep: 400", "Browse → lost: 600",
        "Consult a sales rep → Pay: 96", "Consult a sales rep → lost: 304",
        "Pay → Receive the goods: 95"])
    assert svg.count('class="custflow-sankey-exit"') == 2 + 2  # two bands, two exit nodes
    rows = cells(page, "custflow-grid custflow-sankey-table")
    assert ["Consult a sales rep", "lost (exit)", "304", "76%"] in rows
    assert len(rows) == 7
    assert 'role="img" aria-label="First purchase: where customers went, 2026-10"' in svg


def test_flow_arrows_carry_count_and_conversion_and_mark_the_bottleneck(
        tmp_path: Path, mermaid_parser) -> None:  # type: ignore[no-untyped-def]
    pipeline, _ = read(tmp_path)
    journey = pipeline.read_block(FIRST_PURCHASE).journey
    assert journey is not None
    source = render_flowchart(journey, RenderOptions(measured=pipeline.measured))
    parsed = mermaid_parser.parse(source)
    assert parsed.ok, parsed
    edges = {(e["start"], e["end"]): decode_mermaid_entities(e["text"])
             for e in parsed.db["edges"]}
    assert edges[("T0", "S0")] == "1,000"
    assert edges[("S0", "S1")] == "400 · 40%"
    assert edges[("D0", "S2")] == "yes<br>96 · 24%"
    assert edges[("S2", "S3")] == "95 · 99%"
    assert parsed.db["classes"]["S1"] == ["bottleneck"]
    assert "classDef bottleneck fill:#ea580c2e,stroke:#ea580c,stroke-width:3px" in source
    assert "Bottleneck: −76%" in decode_mermaid_entities(parsed.db["vertices"]["S1"])
    plain = render_flowchart(journey, RenderOptions())
    assert "bottleneck" not in plain and "400" not in plain


def test_kpis_show_latest_period_status_direction_and_trend(tmp_path: Path) -> None:
    _, html = read(tmp_path)
    stages = cells(html["first-purchase"], "custflow-stages")
    pay = next(row for row in stages if row[0] == "Pay")
    kpis = pay[3]
    assert "Checkout conversion · target >= 25% · latest 26% (2026-10, measured) ✓ met ▲ better" \
        in kpis
    assert "付款时长 · target <= 2h · latest 1.5h (2026-10, measured) ✓ met ▲ better" in kpis
    assert "now 20%" not in kpis  # data wins over the written current
    trend = re.search(r'<svg class="custflow-trend"[^>]*role="img"><title>([^<]*)</title>',
                      html["first-purchase"])
    assert trend is not None
    assert unescape(trend[1]) == ("Checkout conversion, 3 periods: 2026-08 22%, 2026-09 24%, "
                                  "2026-10 26%")
    assert html["first-purchase"].count('class="custflow-trend"') == 4  # stage table and map


def test_effective_before_and_after(tmp_path: Path) -> None:
    _, html = read(tmp_path)
    rows = cells(html["first-purchase-2"], "custflow-effective")
    assert rows[0] == ["Measure", "Before", "After"]
    assert ["Checkout conversion", "23% (2 periods)", "26% (1 period)"] in rows
    assert ["Conversion: Browse → Consult a sales rep", "37.5% (1 period)", "40% (1 period)"] \
        in rows
    assert ["Overall conversion", "11.9% (1 period)", "9.5% (1 period)"] in rows
    assert "Change live since 2026-10-01" in html["first-purchase-2"]
    # its funnel shows the journey it improves' flow (no rows of its own)
    assert "custflow-no-data" not in html["first-purchase-2"]


def test_chinese_words(tmp_path: Path) -> None:
    _, html = read(tmp_path, "zh")
    page = unescape(html["first-purchase"])
    for word in ("客户数", "较上一阶段的转化率", "在此流失", "瓶颈", "整体转化率", "实测",
                 "来自", "去向"):
        assert word in page, word


def test_a_journey_without_rows_says_so(tmp_path: Path) -> None:
    pipeline, _ = read(tmp_path)
    other = FIRST_PURCHASE.replace("id: first-purchase", "id: returns")
    result = pipeline.read_block(other)
    html = pipeline.render(result, RenderOptions(measured=pipeline.measured))
    assert "No flow data for this journey yet: add rows for &#x27;returns&#x27;" in html
