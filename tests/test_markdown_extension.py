"""HTML-diff tests: Markdown in, HTML out, through plain Python-Markdown.

The extension must work without MkDocs (Zensical, scripts). Each
``markdown_cases/NAME.md`` is converted and compared with ``NAME.html``;
regenerate with ``CUSTFLOW_UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest

from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.extension import JourneyExtension, makeExtension

CASES = Path(__file__).parent / "markdown_cases"
NAMES = sorted(p.stem for p in CASES.glob("*.md"))


def convert(text: str) -> tuple[str, list[Diagnostic]]:
    found: list[Diagnostic] = []
    extension = JourneyExtension()
    extension.on_diagnostic = found.append
    md = markdown.Markdown(extensions=[extension, "admonition", "pymdownx.superfences"])
    return md.convert(text), found


@pytest.mark.parametrize("name", NAMES)
def test_markdown_case(name: str) -> None:
    html, found = convert((CASES / f"{name}.md").read_text(encoding="utf-8"))
    log = "".join(f"<!-- {d.severity.value}: {d} -->\n" for d in found)
    output = log + html + "\n"
    expected = CASES / f"{name}.html"
    if os.environ.get("CUSTFLOW_UPDATE_GOLDEN"):
        expected.write_text(output, encoding="utf-8")
    assert output == expected.read_text(encoding="utf-8")


def test_loads_by_entry_point_name_with_options(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.yml"
    catalog.write_text("actors:\n  sales: {name: Sales rep, team: Sales}\n", encoding="utf-8")
    md = markdown.Markdown(
        extensions=["custflow"],
        extension_configs={"custflow": {"catalog": str(catalog), "locale": "zh"}},
    )
    html = md.convert("```journey\ntitle: T\nstages:\n  - {id: a, owner: sales}\n```\n")
    assert "Sales rep" in html
    assert "开始" in html  # the zh word for the start terminal
    assert isinstance(makeExtension(), JourneyExtension)


def test_no_script_or_markup_escapes_from_any_block() -> None:
    html, _ = convert(
        '```journey\ntitle: "<script>alert(1)</script>"\nviews: [flow, stages, raci]\n'
        'actors:\n  x: {name: "<img src=x onerror=alert(1)>"}\n'
        "stages:\n  - {id: a, name: '<b>', owner: x, sla: '\"><script>'}\n```\n"
    )
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_the_extension_in_a_host_that_makes_one_per_page_reads_the_catalog_once(
    tmp_path: Path, build_site
) -> None:
    catalog = tmp_path / "catalog.yml"
    catalog.write_text("actors:\n  sales: {name: Sales}\nstages:\n  - {id: s, owner: salse}\n",
                       encoding="utf-8")
    docs = {f"p{i}.md": f"# P{i}\n\n```journey\nid: j{i}\nstages: [s]\n```\n" for i in range(4)}
    config = {"markdown_extensions": [{"custflow": {"catalog": str(catalog)}}]}
    result = build_site(tmp_path, docs, config, plugins=[]).check()
    assert result.log.count("unknown actor 'salse'") == 1, result.log
    assert (result.site_dir / "p3" / "index.html").read_text("utf-8").count("custflow-diagram") == 1
