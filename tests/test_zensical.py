"""Zensical 0.0.73, which runs Python-Markdown extensions but not MkDocs
plugins: with ``markdown_extensions: [custflow]`` the diagrams are drawn and
findings name the page; a configuration that lists the plugin is told the
plugin does nothing there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # every test builds a site with Zensical in a subprocess

JOURNEY = """---
title: Home
---
# Home

```journey
id: sign-up
title: Sign-up
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role}
stages:
  - id: contact
    owner: sales
    steps:
      - customer -> sales: Ask for a demo
```
"""

BROKEN = """---
title: Broken
---
# Broken

```journey
stages: [
```
"""


def _zensical(root: Path, config_name: str, config: str,
              docs: dict[str, str]) -> subprocess.CompletedProcess[str]:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / config_name).write_text(config, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean", "-f", config_name],
        cwd=root, capture_output=True, text=True, env=dict(os.environ), timeout=300,
        check=False,
    )


def _page(root: Path, name: str = "") -> str:
    return (root / "site" / name / "index.html").read_text("utf-8")


def test_mkdocs_yml_with_the_extension_draws_the_diagrams(tmp_path: Path) -> None:
    config = "site_name: Test\nmarkdown_extensions:\n  - custflow\n"
    result = _zensical(tmp_path, "mkdocs.yml", config, {"index.md": JOURNEY})
    assert result.returncode == 0, result.stdout + result.stderr
    html = _page(tmp_path)
    assert 'id="journey-sign-up"' in html
    assert html.count('<pre class="mermaid"') == 2
    assert "Ask for a demo" in html and "language-journey" not in html
    assert "lists the 'custflow' plugin" not in result.stdout + result.stderr


def test_zensical_toml_with_the_extension_and_its_options(tmp_path: Path) -> None:
    config = (
        '[project]\nsite_name = "Test"\n\n'
        '[project.markdown_extensions.custflow]\nlocale = "zh"\n'
    )
    result = _zensical(tmp_path, "zensical.toml", config, {"index.md": JOURNEY})
    assert result.returncode == 0, result.stdout + result.stderr
    html = _page(tmp_path)
    assert html.count('<pre class="mermaid"') == 2
    assert "阶段流程图" in html  # locale: zh


def test_findings_name_the_page_and_its_line(tmp_path: Path) -> None:
    config = "site_name: Test\nmarkdown_extensions:\n  - custflow\n"
    result = _zensical(tmp_path, "mkdocs.yml", config,
                       {"index.md": JOURNEY, "broken.md": BROKEN})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "docs/broken.md:7: YAML syntax error" in result.stdout + result.stderr


def test_the_plugin_listed_for_zensical_is_named_as_doing_nothing(tmp_path: Path) -> None:
    config = ("site_name: Test\nplugins:\n  - search\n  - custflow:\n      playbook: true\n"
              "markdown_extensions:\n  - custflow\n")
    result = _zensical(tmp_path, "mkdocs.yml", config, {"index.md": JOURNEY})
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert log.count("mkdocs.yml lists the 'custflow' plugin, which this host does not run") == 1
    assert "'custflow playbook --out DIR'" in log
    assert _page(tmp_path).count('<pre class="mermaid"') == 2


def test_plugin_alone_runs_nothing_of_ours(tmp_path: Path) -> None:
    """What the guide warns about: Zensical drops plugins it does not know, so
    with only ``plugins: [custflow]`` the blocks stay code (nothing of ours
    runs to say so)."""
    config = "site_name: Test\nplugins:\n  - custflow\n"
    result = _zensical(tmp_path, "mkdocs.yml", config, {"index.md": JOURNEY})
    assert result.returncode == 0, result.stdout + result.stderr
    html = _page(tmp_path)
    content = html[html.index("<article"):html.index("</article>")]
    assert 'class="mermaid"' not in content and "custflow-journey" not in content
    assert "id: sign-up" in content  # shown as code
    assert "custflow" not in result.stdout + result.stderr


def test_custflow_playbook_gives_a_zensical_site_every_page_with_no_broken_link(
    tmp_path: Path,
) -> None:
    """The whole set-up of the guide's Zensical page: the extension with the
    catalog and ``playbook_dir``, ``custflow playbook --out docs`` (links between
    the Markdown files, beside a zensical.toml), then ``zensical build``."""
    from support.links import check_links, mermaid_click_targets
    from support.pages import headings, rows
    from support.playbook_sites import CATALOG, DOCS

    (tmp_path / "catalog.yml").write_text(CATALOG, encoding="utf-8")
    config = (
        '[project]\nsite_name = "Test"\n\n'
        '[project.markdown_extensions.custflow]\ncatalog = "catalog.yml"\n'
        'playbook_dir = "playbook"\n'
    )
    for name, text in DOCS.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / "zensical.toml").write_text(config, encoding="utf-8")
    written = subprocess.run(
        [sys.executable, "-m", "mkdocs_custflow.cli", "playbook", "docs", "--out", "docs",
         "--catalog", "catalog.yml", "--strict"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert written.returncode == 0, written.stderr
    assert "links between the Markdown files" in written.stderr
    result = _zensical(tmp_path, "zensical.toml", config, {})
    assert result.returncode == 0, result.stdout + result.stderr
    home = _page(tmp_path)
    assert home.count('<pre class="mermaid"') >= 2
    # The flowchart's stages open their playbook pages, which exist.
    targets = [href for _node, href in mermaid_click_targets(home)]
    assert "playbook/stages/discover/" in targets, targets
    stage = _page(tmp_path, "playbook/stages/report")
    assert headings(stage, "h1") == ["Report a fault"]
    assert rows(stage)["Owner"].cells[1].links == [("Service desk", "../../roles/service/")]
    assert (tmp_path / "site" / "playbook" / "playbook.json").is_file()
    assert not check_links(tmp_path / "site")
