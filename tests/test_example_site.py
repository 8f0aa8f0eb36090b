"""The example site is the product's first impression: it builds with
``--strict`` and every diagram on every page renders in chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # every test reads the example site, built with `mkdocs build`

ROOT = Path(__file__).resolve().parent.parent


ZH_CONFIG = ROOT / "example-site" / "zh" / "mkdocs.yml"


def build_both(site: Path, *, strict: bool = True, env: dict[str, str] | None = None) -> str:
    """The English site into ``site`` and the Chinese one into ``site/zh``, as deployed:
    Material's language selector on every page fetches the other site's sitemap.
    Returns both builds' logs."""
    logs = ""
    for config, target in ((ROOT / "mkdocs.yml", site), (ZH_CONFIG, site / "zh")):
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
             "-f", str(config), "-d", str(target)],
            capture_output=True, text=True, cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        )
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
        logs += result.stderr
    return logs


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("example") / "site"
    build_both(site)
    return site


def pages_to_check(site: Path) -> list[str]:
    """Every English page except most generated playbook pages (the site has over 80
    pages at ~1 s each): the guide, the journeys, forms and gallery, the playbook's
    overview and RACI, and two pages of each generated kind. The Chinese site is checked
    page by page in test_guide.py."""
    pages = sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html")
        if p.name != "404.html" and not p.relative_to(site).as_posix().startswith("zh/")
    )
    chosen = [p for p in pages if not p.startswith("playbook/")]
    chosen += ["playbook/index.html", "playbook/raci/index.html"]
    for kind in ("stages", "touchpoints", "roles"):
        chosen += [p for p in pages if p.startswith(f"playbook/{kind}/")][:2]
    chosen.append("playbook/stages/revisit/index.html")  # gathers four journeys
    return sorted(set(chosen))


def test_every_diagram_of_the_example_site_renders(example_site: Path, browser_session) -> None:
    paths = pages_to_check(example_site)
    assert len(paths) >= 40, paths
    reports = browser_session.check_site(example_site, paths)
    assert reports, "no page checked"
    failures = [r.summary() for r in reports if not r.ok or r.rendered != r.expected]
    assert not failures, "\n".join(failures)
    total = sum(r.expected for r in reports)
    assert total >= 7, f"the example site should show every view; found {total} diagrams"
    svg_text = " ".join(text for r in reports for text in r.svg_texts)
    for expected in ("客户报修", "Terminal in store #12 shows error E-41",
                     "Open a ticket now; the customer does not have to call the hotline",
                     "Ready for a quote?",
                     "Quote with prices, delivery dates & the service levels"):
        assert expected in svg_text, expected


def test_example_site_uses_every_view(example_site: Path) -> None:
    html = "\n".join(
        p.read_text(encoding="utf-8") for p in example_site.rglob("*.html")
        if not p.relative_to(example_site).as_posix().startswith("zh/")
    )
    for view in ("flow", "sequence"):
        assert f'<figure class="custflow-diagram custflow-{view}" data-search-exclude>' in html
    assert 'class="custflow-satisfaction"' in html
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
    assert any(line.startswith("quote,Quote,") for line in csv)
    # The Chinese playbook, exported from the folder of its mkdocs.yml (which INHERITs the
    # root one): paths in playbook.json are relative to that folder, as in the build.
    built_zh = (example_site / "zh" / "playbook" / "playbook.json").read_text(encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_custflow.cli", "export", "docs"],
        capture_output=True, text=True, cwd=ZH_CONFIG.parent,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == built_zh


def test_a_clone_built_a_year_later_still_builds_strict(tmp_path: Path) -> None:
    """The tests build on one fixed day (conftest's SOURCE_DATE_EPOCH); a user who
    clones the repository later builds on theirs. By then the example's data is
    stale and its reviews are due: the example's mkdocs.yml lowers those two rules
    to info, so both sites still build --strict, and the log and the dashboard
    still say what is stale."""
    from datetime import datetime, timezone

    later = datetime(2027, 12, 1, tzinfo=timezone.utc)
    logs = build_both(tmp_path / "site", env={"SOURCE_DATE_EPOCH": str(int(later.timestamp()))})
    stale = [line for line in logs.splitlines() if "[measure-stale]" in line]
    assert len(stale) == 4 and all(line.startswith("INFO") for line in stale), stale
    assert "before the build date 2027-12-01" in stale[0]
    assert any("[review-overdue]" in line for line in logs.splitlines())
    dashboard = (tmp_path / "site" / "playbook" / "dashboard" / "index.html").read_text("utf-8")
    assert "example-site/data/flow.csv" in dashboard and "days before the build date" in dashboard


def test_two_builds_are_byte_identical(example_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_both(again, strict=False)
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
    assert (again / "zh" / "playbook" / "playbook.json").exists()
