"""The example site is the product's first impression: it builds with
``--strict`` and every diagram on every page renders in chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("example") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(site)],
        capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


def test_every_diagram_of_the_example_site_renders(example_site: Path, browser_session) -> None:
    reports = browser_session.check_site(example_site)
    assert reports, "no page checked"
    failures = [r.summary() for r in reports if not r.ok or r.rendered != r.expected]
    assert not failures, "\n".join(failures)
    total = sum(r.expected for r in reports)
    assert total >= 7, f"the example site should show every view; found {total} diagrams"
    svg_text = " ".join(text for r in reports for text in r.svg_texts)
    for expected in ("客户报修", "电话或微信报修；说明故障 #1",
                     "Ready to buy?", "Acknowledge & give a case number"):
        assert expected in svg_text, expected


def test_example_site_uses_every_view(example_site: Path) -> None:
    html = "\n".join(p.read_text(encoding="utf-8") for p in example_site.rglob("*.html"))
    for view in ("flow", "sequence", "journey"):
        assert f'class="mermaid custflow-{view}"' in html
    assert 'class="custflow-stages"' in html
    assert 'class="custflow-raci"' in html


def test_export_without_building_matches_the_built_playbook_json(example_site: Path) -> None:
    built = (example_site / "playbook" / "playbook.json").read_text(encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_custflow.cli", "export", "example-site/docs"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == built
    csv = subprocess.run(
        [sys.executable, "-m", "mkdocs_custflow.cli", "export", "--format", "csv",
         "example-site/docs"],
        capture_output=True, text=True, cwd=ROOT,
    ).stdout.splitlines()
    assert csv[0].startswith("stage,stage_name,")
    assert any(line.startswith("consult,Consult a sales rep,") for line in csv)


def test_two_builds_are_byte_identical(example_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(again)],
        capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(example_site) for p in example_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again) for p in again.rglob("*") if p.is_file()}
    assert first == second
    # sitemap.xml.gz carries gzip's own timestamp; everything else must match exactly.
    differing = [
        str(rel) for rel in sorted(first)
        if rel.name != "sitemap.xml.gz"
        and (example_site / rel).read_bytes() != (again / rel).read_bytes()
    ]
    assert differing == []
    assert (again / "playbook" / "playbook.json").exists()
