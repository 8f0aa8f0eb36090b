"""Which playbook pages get built, and how a reader finds them.

Every page in both URL layouts; the Playbook section of the nav (implicit nav, explicit nav
with ``nav_title``, ``nav: false``, a zh theme); the sitemap and the search index.
"""

from __future__ import annotations

import json
import re

import pytest
from support.links import check_links
from support.pages import headings, nav, read, section, top_level
from support.playbook_sites import (
    DOCS,
    HOME,
    LEADS,
    ROLES,
    SITE_URL,
    STAGES,
    TOUCHPOINTS,
    custflow_plugin,
    write_catalog,
)
from support.site import BuildResult, build_site


def test_every_playbook_page_and_the_json_are_built(site: BuildResult, flat_site: BuildResult):
    expected = (
        # The repair journey's template names pain points: they get a page.
        ["playbook/index", "playbook/raci", "playbook/improvements"]
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


EXPLICIT_NAV = [
    {"Home": "index.md"},
    {"Sales": [{"Leads": "sales/leads.md"}]},
    {"Repair": "service/after-sales/repair.md"},
]


def _playbook_section(title: str = "Playbook") -> list[tuple[int, str]]:
    return [
        (1, "Overview"), (1, "RACI matrix"), (1, "Pain points and opportunities"),
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
    write_catalog(root)
    config = {"nav": EXPLICIT_NAV, "plugins": [custflow_plugin(nav_title="Handbook")]}
    result = build_site(root, DOCS, config, plugins=None, strict=True).check()
    entries = nav(read(result, ""))
    assert top_level(entries) == ["Home", "Sales", "Repair", "Handbook"]
    assert section(entries, "Handbook") == _playbook_section()
    # Reading order goes on from the last page of the explicit nav into the playbook.
    repair = read(result, "service/after-sales/repair")
    assert '<link rel="next" href="../../../playbook/">' in repair, (
        "the 'next' page after the last page of the explicit nav is not the playbook overview"
    )


def test_nav_limit_leaves_a_long_kind_to_the_overview(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Nine stages, seven touchpoints, six roles: with a limit of seven the stages
    leave the navigation (every page carries it) and stay one click away."""
    root = tmp_path_factory.mktemp("nav-limit")
    write_catalog(root)
    config = {"plugins": [custflow_plugin(nav_limit=7)]}
    result = build_site(root, DOCS, config, plugins=None, strict=True).check()
    entries = nav(read(result, "sales/leads"))
    expected = [entry for entry in _playbook_section() if entry[0] == 1 and entry[1] != "Stages"]
    shown = section(entries, "Playbook")
    assert [entry for entry in shown if entry[0] == 1] == expected
    assert (2, "Report a fault") not in shown and (2, "Service hotline") in shown
    overview = read(result, "playbook")
    assert 'href="stages/report/"' in overview
    assert (result.site_dir / "playbook" / "stages" / "report" / "index.html").is_file()
    assert not check_links(result.site_dir)


def test_nav_false_leaves_an_explicit_nav_alone(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("nav-false")
    write_catalog(root)
    config = {"nav": EXPLICIT_NAV, "plugins": [custflow_plugin(nav=False)]}
    result = build_site(root, DOCS, config, plugins=None, strict=True).check()
    entries = nav(read(result, ""))
    assert top_level(entries) == ["Home", "Sales", "Repair"]
    assert [t for _d, t, _h in entries] == ["Home", "Sales", "Leads", "Repair"]
    assert (result.site_dir / "playbook" / "stages" / "qualify" / "index.html").is_file()
    assert not check_links(result.site_dir)


def test_zh_theme_names_the_section_in_chinese(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("zh")
    write_catalog(root)
    config = {"theme": {"language": "zh"}, "plugins": [custflow_plugin()]}
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
