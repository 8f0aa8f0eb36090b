"""Issue 24's "Done when", as a Chinese operations manager builds it: four
systems in four layers, four data items (two personal), data uses in three
journeys; the site builds --strict and shows the systems view with links, the
architecture page with each integration and the data it carries, a page per
system and per data item, the personal-data table and training on role pages;
every diagram renders in Chromium with Mermaid 11. Personal data without an
owner or retention, a role using personal data it may not see, data read but
never collected and an unused system each fail --strict."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from support.browser import BrowserSession
from support.pages import blocks, headings, read, rows, tables
from support.site import BuildResult
from support.systems_site import CATALOG, DELIVERY, SERVICE, build_systems_site

from mkdocs_custflow.playbook.export import SCHEMA_PATH

pytestmark = pytest.mark.slow  # every test builds the site (build_systems_site)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_systems_site(tmp_path_factory.mktemp("systems-site")).check()


def mermaid_sources(html: str) -> list[str]:
    return [s.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&")
            for s in re.findall(r'<pre class="mermaid"[^>]*><code>(.*?)</code></pre>', html, re.S)]


def test_the_site_builds_strict_with_every_page(site: BuildResult) -> None:
    assert "WARNING" not in site.log, site.log
    for url in ("playbook/architecture", "playbook/personal-data", *(
            f"playbook/systems/{s}" for s in ("crm", "erp", "tickets", "wecom")), *(
            f"playbook/data/{d}" for d in ("contact", "address", "order", "ticket"))):
        read(site, url)


def test_the_systems_view_links_to_pages_that_exist(site: BuildResult) -> None:
    html = read(site, "sales")
    systems = [s for s in mermaid_sources(html) if "subgraph" in s]
    assert len(systems) == 1
    links = re.findall(r'click \w+ href "([^"]+)"', systems[0])
    assert len(links) == 8
    for link in links:
        target = (site.site_dir / "sales" / link / "index.html").resolve()
        assert target.is_file(), link
    assert "../playbook/systems/wecom/" in links and "../playbook/data/address/" in links


def test_the_architecture_page_shows_each_integration_and_its_data(site: BuildResult) -> None:
    html = read(site, "playbook/architecture")
    assert headings(html, "h1") == ["系统架构"]
    assert headings(html, "h2") == ["系统", "系统集成", "数据项"]
    chart = mermaid_sources(html)
    assert len(chart) == 1
    assert re.findall(r'subgraph L\d\["([^"]+)"\]', chart[0]) == [
        "客户数据", "订单与交付", "服务", "触达渠道"]
    assert '-->|"订单<br>#40;API 实时#41;"|' in chart[0]
    _systems, integrations, _data = tables(html)
    assert [tuple(c.text for c in row.cells) for row in integrations[1:]] == [
        ("CRM 系统", "ERP 订单系统", "订单", "API 实时"),
        ("CRM 系统", "企业微信", "联系方式", "企业微信接口"),
        ("ERP 订单系统", "工单系统", "订单", "每晚同步"),
    ]
    assert integrations[1].cells[2].links == [("订单", "../data/order/")]
    layer = rows(html)
    assert layer["客户数据"].cells[1].links == [("CRM 系统", "../systems/crm/")]
    assert layer["客户数据"].cells[3].text == "联系方式, 订单"


def test_a_system_page_has_its_layer_owner_data_integrations_stages_roles(
    site: BuildResult,
) -> None:
    html = read(site, "playbook/systems/erp")
    assert headings(html, "h1") == ["ERP 订单系统"]
    assert "层级：订单与交付 · 负责人：信息部" in [e.text for e in blocks(html)]
    assert headings(html, "h2") == ["存放的数据", "系统集成", "使用它的阶段", "使用它的角色",
                                    "客户旅程"]
    held, exchanges, stages, journeys = tables(html)
    assert [r.cells[0].text for r in held[1:]] == ["收货地址", "订单"]
    assert [tuple(c.text for c in r.cells) for r in exchanges[1:]] == [
        ("CRM 系统", "来源", "订单", "API 实时"), ("工单系统", "去向", "订单", "每晚同步")]
    assert [tuple(c.text for c in r.cells) for r in stages[1:]] == [
        ("发货", "订单交付", "读取 · 更新"), ("下单", "首次购买", "收集")]
    assert "交付专员、销售顾问" in [e.text for e in blocks(html) if e.tag == "p"]
    assert len(journeys) == 3


def test_a_data_page_says_who_where_and_for_how_long(site: BuildResult) -> None:
    html = read(site, "playbook/data/address")
    assert headings(html, "h1") == ["收货地址"]
    texts = [e.text for e in blocks(html) if e.tag == "p"]
    assert "个人信息 · 保存期限：1年 · 负责人：交付专员" in texts
    assert "可查看的角色：交付专员、客服专员、销售顾问" in texts
    assert "存放于：ERP 订单系统" in texts
    (uses,) = tables(html)
    assert [tuple(c.text for c in r.cells) for r in uses[1:]] == [
        ("收集", "下单", "首次购买", "ERP 订单系统", "销售顾问"),
        ("读取", "发货", "订单交付", "ERP 订单系统", "交付专员"),
    ]


def test_the_personal_data_table_crosses_data_stages_and_roles(site: BuildResult) -> None:
    html = read(site, "playbook/personal-data")
    (table,) = tables(html)
    assert [tuple(c.text for c in r.cells) for r in table[1:]] == [
        ("联系方式", "销售顾问", "3年", "咨询", "收集 · 共享", "CRM 系统, 企业微信", "销售顾问"),
        ("联系方式", "销售顾问", "3年", "报修", "读取", "CRM 系统", "客服专员"),
        ("收货地址", "交付专员", "1年", "下单", "收集", "ERP 订单系统", "销售顾问"),
        ("收货地址", "交付专员", "1年", "发货", "读取", "ERP 订单系统", "交付专员"),
    ]


def test_role_pages_show_training_beside_stages_limits_and_links(site: BuildResult) -> None:
    html = read(site, "playbook/roles/sales")
    assert headings(html, "h2")[:2] == ["职责", "培训"]
    duties, training = tables(html)[:2]
    assert [c.text for c in duties[0].cells] == ["阶段", "RACI", "时限", "客户旅程", "相关链接"]
    assert [tuple(c.text for c in r.cells) for r in duties[1:]] == [
        ("咨询", "A", "24小时", "1", "咨询话术"), ("下单", "A", "", "1", "")]
    assert [tuple(c.text for c in r.cells) for r in training[1:]] == [
        ("CRM 客户录入规范", ""), ("个人信息保护法培训", "每年")]
    assert training[2].cells[0].links == [("个人信息保护法培训", "https://example.com/pipl")]
    assert "培训" not in headings(read(site, "playbook/roles/ops"), "h2")


def test_playbook_json_carries_systems_and_data(site: BuildResult) -> None:
    data = json.loads((site.site_dir / "playbook" / "playbook.json").read_text("utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text("utf-8")))
    assert [s["layer"] for s in data["systems"]] == ["客户数据", "订单与交付", "服务", "触达渠道"]
    assert [d["id"] for d in data["data"] if d["personal"]] == ["contact", "address"]
    sales = next(r for r in data["roles"] if r["id"] == "sales")
    assert [t["title"] for t in sales["training"]] == ["CRM 客户录入规范", "个人信息保护法培训"]


def test_every_diagram_renders_in_chromium(
    site: BuildResult, browser_session: BrowserSession
) -> None:
    reports = browser_session.check_site(site.site_dir)
    drawn = {r.path: r.rendered for r in reports if r.rendered}
    for page, count in (("sales/index.html", 2), ("delivery/index.html", 2),
                        ("service/index.html", 2), ("playbook/architecture/index.html", 1)):
        assert drawn.get(page) == count, (page, drawn)  # a journey's flow and systems views
    bad = [r.summary() for r in reports if not r.ok]
    assert not bad, "\n".join(bad)


# -- what fails --strict -------------------------------------------------------------


def failing(tmp_path: Path, **docs: str) -> list[str]:
    result = build_systems_site(tmp_path, docs)
    assert not result.ok
    return re.findall(r"custflow: (\S+: .*)", result.log)


def test_personal_data_without_retention_fails_at_the_catalog_line(tmp_path: Path) -> None:
    catalog = CATALOG.replace(" retention: 1年,", "")
    found = failing(tmp_path, **{"catalog.yml": catalog})
    line = catalog.split("\n").index(next(x for x in catalog.split("\n") if "address:" in x)) + 1
    assert len(found) == 1 and found[0].startswith(f"docs/catalog.yml:{line}: "), found
    assert found[0].endswith("[personal-data-owner]") and "'retention'" in found[0]


def test_a_role_with_personal_data_it_may_not_see_fails(tmp_path: Path) -> None:
    found = failing(tmp_path, **{"catalog.yml": CATALOG.replace(
        "access: [ops, service, sales]", "access: [ops, service]")})
    assert len(found) == 1 and found[0].startswith("docs/sales.md:"), found
    assert "角色 'sales'" in found[0] and found[0].endswith("[data-access]")


def test_data_never_collected_fails(tmp_path: Path) -> None:
    found = failing(tmp_path, **{"service.md": SERVICE.replace(
        "{data: ticket, use: collect, in: tickets}", "{data: ticket, use: read, in: tickets}")})
    assert len(found) == 1 and found[0].startswith("docs/service.md:"), found
    assert found[0].endswith("[data-never-collected]")


def test_an_unused_system_fails(tmp_path: Path) -> None:
    fax = "  fax: {name: 传真, kind: system, layer: 旧系统}\n"
    catalog = CATALOG.replace("data:\n", fax + "data:\n")
    found = failing(tmp_path, **{"catalog.yml": catalog, "delivery.md": DELIVERY})
    assert len(found) == 1 and found[0].endswith("[system-unused]"), found
    assert found[0].startswith("docs/catalog.yml:")
