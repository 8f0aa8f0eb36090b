"""Sites in two languages built by mkdocs-static-i18n 1.3.1, in both its layouts:
one playbook per language, in that language's words, with only that
language's journeys, and every link staying inside its language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support.links import check_links, mermaid_click_targets
from support.pages import article, blocks, headings, nav, read

BUY_EN = """# Home

```journey
id: buy
title: Buying
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role}
stages:
  - id: ask
    name: Ask for a quote
    owner: sales
    steps:
      - customer -> sales: Ask for a price
```
"""

BUY_ZH = """# 首页

```journey
id: buy
title: 购买
actors:
  customer: {name: 客户, kind: customer}
  sales: {name: 销售代表, kind: role}
stages:
  - id: ask
    name: 询价
    owner: sales
    steps:
      - customer -> sales: 询问价格
```
"""

# Only in English: the Chinese build shows it in English (a missing translation).
RENEW_EN = """# Renewal

```journey
id: renew
title: Renewal
actors:
  account: {name: Account manager, kind: role}
stages:
  - id: renew-contract
    name: Renew the contract
    owner: account
```
"""

# Only in Chinese.
CARE_ZH = """# 关怀

```journey
id: care
title: 客户关怀
actors:
  service: {name: 客服, kind: role}
stages:
  - id: call-back
    name: 回访
    owner: service
```
"""

LANGUAGES = [
    {"locale": "en", "default": True, "name": "English", "build": True},
    {"locale": "zh", "name": "中文", "build": True},
]

LAYOUTS = {
    "suffix": {"index.md": BUY_EN, "index.zh.md": BUY_ZH, "renew.md": RENEW_EN,
               "care.zh.md": CARE_ZH},
    "folder": {"en/index.md": BUY_EN, "zh/index.md": BUY_ZH, "en/renew.md": RENEW_EN,
               "zh/care.md": CARE_ZH},
}


def _config(layout: str, **custflow: object) -> dict:
    return {
        "theme": {"name": "material", "font": False, "language": "en"},
        "plugins": [
            "search",
            {"custflow": custflow} if custflow else "custflow",
            {"i18n": {"docs_structure": layout, "languages": LANGUAGES}},
        ],
    }


def _text(html: str) -> str:
    return " ".join(e.text for e in blocks(html))


def _journeys(site: Path, folder: str) -> set[str]:
    data = json.loads((site / folder / "playbook.json").read_text("utf-8"))
    return {journey["id"] for journey in data["journeys"]}


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def i18n_site(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    from support.site import build_site

    layout = request.param
    root = tmp_path_factory.mktemp(f"i18n-{layout}")
    return build_site(root, LAYOUTS[layout], _config(layout), plugins=None, strict=True).check()


def test_each_language_has_its_own_playbook_in_its_own_words(i18n_site) -> None:
    site = i18n_site.site_dir
    english = read(i18n_site, "playbook/stages/ask")
    assert headings(english, "h1") == ["Ask for a quote"]
    assert "Owner" in _text(english) and "负责人" not in _text(english)
    chinese = read(i18n_site, "zh/playbook/stages/ask")
    assert headings(chinese, "h1") == ["询价"]
    assert "负责人" in _text(chinese) and "Owner" not in _text(chinese)
    # Each playbook holds its own language's journeys only, so the two
    # versions of `buy` never meet (before, they conflicted in one playbook).
    assert _journeys(site, "playbook") == {"buy", "renew"}
    assert _journeys(site, "zh/playbook") == {"buy", "care"}
    assert (site / "playbook/stages/renew-contract/index.html").is_file()
    assert not (site / "zh/playbook/stages/renew-contract").exists()
    assert (site / "zh/playbook/stages/call-back/index.html").is_file()
    assert not (site / "playbook/stages/call-back").exists()
    assert "Conflict" not in i18n_site.log and "already" not in i18n_site.log


def test_diagrams_and_tables_speak_the_language_of_their_page(i18n_site) -> None:
    chinese = article(read(i18n_site, "zh"))
    assert "阶段流程图" in chinese and "flowchart of the stages" not in chinese
    assert "<summary>文字版</summary>" in chinese and "开始" in chinese
    english = article(read(i18n_site, ""))
    assert "flowchart of the stages" in english and "阶段流程图" not in english
    assert "<summary>Text version</summary>" in english
    # The English page standing in for a missing Chinese translation keeps
    # its English words, and its stage is in no Chinese playbook page.
    stand_in = article(read(i18n_site, "zh/renew"))
    assert "flowchart of the stages" in stand_in and "阶段流程图" not in stand_in


def test_links_stay_inside_their_language(i18n_site) -> None:
    site = i18n_site.site_dir
    assert check_links(site) == []
    zh_home = read(i18n_site, "zh")
    targets = [url for _node, url in mermaid_click_targets(article(zh_home))]
    assert targets == ["playbook/stages/ask/"]  # from zh/: zh/playbook/stages/ask/
    for page in (site / "zh" / "playbook").rglob("index.html"):
        for href in re.findall(r'href="([^"#]+)"', article(page.read_text("utf-8"))):
            if "://" in href:
                continue
            target = (page.parent / href).resolve()
            assert target.is_relative_to((site / "zh").resolve()), (page, href)
    entries = nav(zh_home)
    playbook = [href for depth, title, href in entries if title == "询价"]
    assert playbook and all("zh/playbook/stages/ask" in str(
        (site / "zh" / str(href)).resolve()) for href in playbook)
    assert any(title == "客户旅程手册" for _d, title, _h in entries)
    assert any(title == "Playbook" for _d, title, _h in nav(read(i18n_site, "")))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_without_playbook_chinese_pages_get_chinese_words(tmp_path: Path, build_site,
                                                           layout: str) -> None:
    result = build_site(
        tmp_path, LAYOUTS[layout], _config(layout, playbook=False), plugins=None, strict=True
    ).check()
    chinese = article(read(result, "zh"))
    assert "阶段流程图" in chinese and "flowchart of the stages" not in chinese
    assert "flowchart of the stages" in article(read(result, ""))
    assert not (result.site_dir / "zh" / "playbook").exists()
    assert not (result.site_dir / "playbook").exists()
