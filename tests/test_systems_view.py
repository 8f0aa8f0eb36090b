"""The ``systems`` view and the architecture chart: Mermaid 11 parses them
(hostile names too), a reviewed golden file, every node linked, and in
Chromium with Material their labels are at least 13 px at 1280 px and 10 px
at 390 px, in light and dark mode."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from support.browser import DONE_JS, BrowserSession, count_mermaid_pres, serve_directory
from support.render_links import FakeLinks
from support.site import BuildResult
from support.systems_site import CATALOG, SALES, build_systems_site

from mkdocs_custflow.pipeline import Pipeline, Settings
from mkdocs_custflow.renderers.architecture import render_architecture
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.renderers.systems_view import render_systems
from mkdocs_custflow.structure import Journey

GOLDEN = Path(__file__).parent / "golden" / "systems-first-purchase.systems.mmd"
BLOCK = SALES.split("```journey\n")[1].split("```")[0]


def read(tmp_path: Path, block: str = BLOCK, catalog: str = CATALOG) -> tuple[Pipeline, Journey]:
    (tmp_path / "catalog.yml").write_text(catalog, "utf-8")
    pipeline = Pipeline(Settings(catalog=str(tmp_path / "catalog.yml"), base=str(tmp_path),
                                 locale="zh"))
    result = pipeline.read_block(block, file="sales.md", line=4)
    assert result.journey is not None, result.diagnostics
    return pipeline, result.journey


def options(pipeline: Pipeline) -> RenderOptions:
    return RenderOptions(
        locale="zh", data_items=pipeline.catalog.data,
        links=FakeLinks(stage=lambda s: f"../playbook/stages/{s}/",
                        system=lambda s: f"../playbook/systems/{s}/",
                        data=lambda d: f"../playbook/data/{d}/"),
    )


def test_the_systems_view_matches_golden_and_parses(tmp_path: Path, mermaid_parser) -> None:
    pipeline, journey = read(tmp_path)
    source = render_systems(journey, options(pipeline))
    parsed = mermaid_parser.parse(source)
    assert parsed.ok, parsed.error
    if os.environ.get("CUSTFLOW_UPDATE_GOLDEN"):
        GOLDEN.write_text(source, encoding="utf-8")
    assert source == GOLDEN.read_text(encoding="utf-8")


def test_stages_systems_by_layer_and_data_each_linked(tmp_path: Path) -> None:
    pipeline, journey = read(tmp_path)
    source = render_systems(journey, options(pipeline))
    layers = re.findall(r'subgraph L\d\["([^"]+)"\]', source)
    assert layers == ["客户数据", "触达渠道", "订单与交付"]
    assert 'S0 -->|"收集"| Y0' in source and 'S0 -->|"共享"| Y1' in source
    assert "联系方式 #40;个人信息#41;" in source  # personal data is marked
    assert "Y2 -.- D1" in source and "Y2 -.- D2" in source  # ERP holds order and address
    links = dict(re.findall(r'click (\w+) href "([^"]+)"', source))
    assert links == {
        "S0": "../playbook/stages/consult/", "S1": "../playbook/stages/order/",
        "Y0": "../playbook/systems/crm/", "Y1": "../playbook/systems/wecom/",
        "Y2": "../playbook/systems/erp/", "D0": "../playbook/data/contact/",
        "D1": "../playbook/data/order/", "D2": "../playbook/data/address/",
    }


def test_a_system_of_a_step_is_drawn_and_a_journey_without_systems_warns(
    tmp_path: Path,
) -> None:
    block = ("id: j\nviews: [systems]\nstages:\n  - id: a\n    owner: service\n"
             "    steps: ['service -> tickets: 建单']\n")
    pipeline, journey = read(tmp_path, block)
    source = render_systems(journey, options(pipeline))
    assert 'S0 -->|"步骤"| Y0' in source and 'subgraph L0["服务"]' in source
    empty = "id: k\nviews: [systems]\nstages:\n  - {id: b, owner: sales}\n"
    result = pipeline.read_block(empty, file="k.md", line=1)
    assert [(d.where, d.rule) for d in result.diagnostics] == [("k.md:1", "empty-view")]
    assert result.journey is not None and render_systems(result.journey, options(pipeline)) == ""


HOSTILE = '"]; click S0 call alert(1) %% end <b>&amp; #quot; subgraph'


def test_hostile_names_stay_text(tmp_path: Path, mermaid_parser) -> None:
    catalog = (CATALOG.replace("name: CRM 系统", f"name: '{HOSTILE}'")
               .replace("layer: 客户数据", f"layer: '{HOSTILE}'")
               .replace("name: 联系方式", f"name: '{HOSTILE}'"))
    block = BLOCK.replace("name: 咨询", f"name: '{HOSTILE}'")
    pipeline, journey = read(tmp_path, block, catalog)
    source = render_systems(journey, options(pipeline))
    assert mermaid_parser.parse(source).ok, mermaid_parser.parse(source).error
    lines = source.split("\n")
    drawn = [line for line in lines if not line.lstrip().startswith(("accTitle", "accDescr"))]
    assert not any("alert(1)" in line or "<b>" in line for line in drawn)
    assert sum(1 for line in lines if line.startswith("    subgraph ")) == 3
    assert sum(1 for line in lines if line.strip().startswith("click")) == 8
    index_source = render_architecture(
        [(HOSTILE, [journey.actors["crm"]]), (None, [journey.actors["erp"]])],
        [(journey.actors["crm"], journey.actors["crm"].integrates[0])],
        pipeline.catalog.data, "en", lambda s: f"../{s}/")
    assert mermaid_parser.parse(index_source).ok
    assert 'subgraph L1["Other systems"]' in index_source
    assert '-->|"订单<br>#40;API 实时#41;"|' in index_source


# -- in the browser ---------------------------------------------------------------------

MIN_LABEL_JS = """
() => [...document.querySelectorAll('div.mermaid')].map((host) => {
  const svg = host.shadowRoot && host.shadowRoot.querySelector('svg');
  const box = svg.viewBox.baseVal;
  const scale = svg.getBoundingClientRect().width / box.width;
  const sizes = [];
  const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('style, title, desc') || !n.nodeValue.trim()) continue;
    sizes.push(parseFloat(getComputedStyle(el).fontSize) * scale);
  }
  return {min: Math.min(...sizes), labels: sizes.length,
          links: svg.querySelectorAll('a').length,
          scrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1};
})
"""
PAGES = ("sales/index.html", "service/index.html", "playbook/architecture/index.html")


@pytest.fixture(scope="module")
def systems_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_systems_site(tmp_path_factory.mktemp("systems-view")).check()


@pytest.mark.slow
@pytest.mark.parametrize(("width", "smallest"), [(1280, 13.0), (390, 10.0)])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_systems_diagrams_are_legible(
    systems_site: BuildResult, browser_session: BrowserSession, width: int, smallest: float,
    dark: bool,
) -> None:
    site = systems_site.site_dir
    with serve_directory(site) as base:
        for rel in PAGES:
            expected = count_mermaid_pres((site / rel).read_text("utf-8"))
            page, records = browser_session.new_page()
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(base + rel, wait_until="load")
            page.wait_for_function(DONE_JS, arg=expected, timeout=20_000, polling=50)
            if dark:
                page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
            page.wait_for_timeout(100)
            diagrams = page.evaluate(MIN_LABEL_JS)
            if width == 1280 and not dark and rel == PAGES[0]:
                page.screenshot(path=str(site.parent / "systems-view.png"), full_page=True)
            page.close()
            assert len(diagrams) == expected and not records["page_errors"], (rel, records)
            systems = diagrams[-1] if rel != PAGES[2] else diagrams[0]
            assert systems["links"] >= 4, (rel, systems)
            for diagram in diagrams:
                assert diagram["min"] >= smallest, (rel, width, diagram)
                assert not diagram["scrolls"], (rel, width)
