"""Real ``mkdocs build`` runs of small sites written to ``tmp_path``."""

from __future__ import annotations

import re
from pathlib import Path

from support.site import MERMAID_SUPERFENCES

FIRST_PURCHASE = (Path(__file__).parent / "markdown_cases" / "minimal.md").read_text("utf-8")

GOOD = """# Good

```journey
id: sign-up
title: Sign-up
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role, team: Sales}
stages:
  - id: contact
    owner: sales
    steps:
      - customer -> sales: Ask for a demo
      - sales --> customer: Demo booked
```
"""

BROKEN = """---
title: Broken page
tags: [a, b]
---
# Broken

Before.

```journey
id: broken
actors:
  sales: {name: Sales rep, kind: role}
stages:
  - id: contact
    owner: salse
```

```journey
id: still-fine
stages:
  - id: only
```

After.
"""


def _pres(html: str) -> int:
    return len(re.findall(r'<pre class="mermaid', html))


def test_minimal_material_site_needs_no_superfences(tmp_path: Path, build_site, browser_session):
    result = build_site(tmp_path, {"index.md": GOOD}, strict=True).check()
    html = (result.site_dir / "index.html").read_text("utf-8")
    assert _pres(html) == 2
    assert 'id="journey-sign-up"' in html
    [report] = browser_session.check_site(result.site_dir, ["index.html"])
    assert report.ok and report.rendered == 2, report.summary()
    assert any("Ask for a demo" in text for text in report.svg_texts)


def test_site_with_mermaid_custom_fence_keeps_both(tmp_path: Path, build_site, browser_session):
    docs = {"index.md": GOOD + "\n```mermaid\nflowchart LR\n  a --> b\n```\n"}
    config = {"markdown_extensions": [MERMAID_SUPERFENCES]}
    result = build_site(tmp_path, docs, config, strict=True).check()
    html = (result.site_dir / "index.html").read_text("utf-8")
    assert _pres(html) == 3
    [report] = browser_session.check_site(result.site_dir, ["index.html"])
    assert report.ok and report.rendered == 3, report.summary()


def test_broken_block_reports_file_line_and_fails_strict(tmp_path: Path, build_site):
    docs = {"index.md": GOOD, "guide/broken.md": BROKEN}
    strict = build_site(tmp_path / "strict", docs, strict=True)
    assert not strict.ok
    # Line 15 of the file, front matter included; with the close-match suggestion.
    assert (
        "docs/guide/broken.md:15: unknown actor 'salse' in 'owner' of stage 'contact' "
        "(did you mean 'sales'?)" in strict.log
    )
    # An error fails the build, strict or not; the pages are written first, each broken
    # block showing its errors in its place (what `mkdocs serve` keeps showing).
    relaxed = build_site(tmp_path / "relaxed", docs)
    assert not relaxed.ok
    assert ("custflow: 1 error(s) in journey blocks, the catalog or the playbook, listed "
            "above; the build fails on errors") in relaxed.log
    page = (relaxed.site_dir / "guide" / "broken" / "index.html").read_text("utf-8")
    assert "custflow-error" in page and "did you mean" in page
    assert "Before." in page and "After." in page  # the rest of the page is intact
    assert 'id="journey-still-fine"' in page  # the next block still renders
    home = (relaxed.site_dir / "index.html").read_text("utf-8")
    assert _pres(home) == 2  # other pages are untouched


def test_yaml_error_line_is_the_markdown_line(tmp_path: Path, build_site):
    docs = {"index.md": "# T\n\ntext\n\n```journey\ntitle: x\nstages:\n  - id: [a\n```\n"}
    result = build_site(tmp_path, docs, strict=True)
    assert not result.ok
    assert re.search(r"docs/index\.md:8: YAML syntax error", result.log), result.log


def test_disabled_plugin_leaves_blocks_as_code(tmp_path: Path, build_site):
    config = {"plugins": [{"custflow": {"enabled": False}}]}
    result = build_site(tmp_path, {"index.md": GOOD}, config, plugins=None, strict=True).check()
    html = (result.site_dir / "index.html").read_text("utf-8")
    assert _pres(html) == 0 and "custflow-journey" not in html


def test_catalog_option_and_zh_theme_language(tmp_path: Path, build_site):
    (tmp_path / "catalog.yml").write_text(
        "actors:\n  sales: {name: 销售代表, team: 销售部}\n"
        "stages:\n  - {id: contact, name: 初次联系, owner: sales, sla: 24小时}\n",
        encoding="utf-8",
    )
    block = "```journey\ntitle: 线索跟进\nviews: [flow, stages]\nstages: [contact]\n```\n"
    docs = {"index.md": block}
    config = {"theme": {"language": "zh"}, "plugins": [{"custflow": {"catalog": "catalog.yml"}}]}
    result = build_site(tmp_path, docs, config, plugins=None, strict=True).check()
    html = (result.site_dir / "index.html").read_text("utf-8")
    assert "初次联系" in html and "销售代表" in html and "24小时" in html
    assert "开始" in html and "负责人" in html  # zh words from the theme language
    assert 'id="journey-线索跟进"' in html


def test_missing_catalog_is_a_one_line_config_error(tmp_path: Path, build_site):
    config = {"plugins": [{"custflow": {"catalog": "nope.yml"}}]}
    result = build_site(tmp_path, {"index.md": GOOD}, config, plugins=None)
    assert not result.ok
    assert "custflow" in result.log and "nope.yml" in result.log


def test_broken_catalog_stops_the_build_naming_file_and_line(tmp_path: Path, build_site):
    (tmp_path / "catalog.yml").write_text("actors:\n  sales: {name: [x\n", encoding="utf-8")
    config = {"plugins": [{"custflow": {"catalog": "catalog.yml"}}]}
    result = build_site(tmp_path, {"index.md": GOOD}, config, plugins=None)
    assert not result.ok
    assert re.search(r"catalog\.yml:\d+: YAML syntax error", result.log), result.log


def test_duplicate_journey_id_across_pages_warns(tmp_path: Path, build_site):
    result = build_site(tmp_path, {"a.md": GOOD, "b.md": GOOD}, strict=True)
    assert not result.ok
    assert "journey id 'sign-up' is already used at docs/a.md:" in result.log


def test_theme_without_material_still_emits_diagrams(tmp_path: Path, build_site):
    config = {"theme": {"name": "mkdocs"}}
    result = build_site(tmp_path, {"index.md": GOOD}, config).check()
    assert _pres((result.site_dir / "index.html").read_text("utf-8")) == 2
