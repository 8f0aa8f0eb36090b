"""Golden files: the Mermaid the block reference's complete examples produce,
reviewed once and kept.

Regenerate after an intended change with ``CUSTFLOW_UPDATE_GOLDEN=1`` and
review the diff like code.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from format_examples import format_examples
from support.pipeline import make_pipeline

from mkdocs_custflow.renderers.html import render_diagrams
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.renderers.satisfaction import render_satisfaction

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = [(name, body) for name, body in format_examples() if "use:" not in body]
ALL_VIEWS = ["flow", "sequence", "journey"]
MERMAID = ["flow", "sequence"]  # the journey view is HTML: its golden file is .html


def test_the_block_reference_has_the_examples_we_expect() -> None:
    names = [name for name, _ in format_examples()]
    assert "first-purchase" in names
    assert "after-sales-repair" in names  # the template example (see test_templates)


@pytest.mark.parametrize(("name", "body"), EXAMPLES, ids=[n for n, _ in EXAMPLES])
def test_complete_example_matches_golden(name: str, body: str, mermaid_parser) -> None:
    result = make_pipeline().read_block(body, file="blocks.md")
    assert result.ok and not result.diagnostics, [str(d) for d in result.diagnostics]
    journey = result.journey
    journey.views = ALL_VIEWS  # golden files cover every diagram view
    diagrams = render_diagrams(journey, RenderOptions())
    assert set(diagrams) == set(MERMAID)
    for view, source in diagrams.items():
        assert mermaid_parser.parse(source).ok, (view, mermaid_parser.parse(source).error)
        path = GOLDEN / f"{name}.{view}.mmd"
        if os.environ.get("CUSTFLOW_UPDATE_GOLDEN"):
            path.write_text(source, encoding="utf-8")
        assert path.exists(), f"{path} missing; run with CUSTFLOW_UPDATE_GOLDEN=1"
        assert source == path.read_text(encoding="utf-8"), f"{view} differs from {path.name}"
    table = render_satisfaction(journey, RenderOptions())
    path = GOLDEN / f"{name}.journey.html"
    if os.environ.get("CUSTFLOW_UPDATE_GOLDEN"):
        path.write_text(table, encoding="utf-8")
    assert table == path.read_text(encoding="utf-8"), f"journey differs from {path.name}"
