"""Very large journeys: drawn while Mermaid can draw them, a clear warning and
a notice (never a silently missing diagram) once they pass Mermaid's limits."""

from __future__ import annotations

import re

from support.pipeline import make_pipeline
from support.render_links import FakeLinks

from mkdocs_custflow.renderers.flowchart import render_flowchart
from mkdocs_custflow.renderers.html import MERMAID_MAX_TEXT, render_diagrams, too_large
from mkdocs_custflow.renderers.options import RenderOptions


def big(stages: int) -> str:
    head = "title: Big\nactors:\n  a: {name: Agent}\n  b: {name: Buyer, team: T}\nstages:\n"
    return head + "".join(
        f"  - id: s{i}\n    name: Stage {i} 阶段\n    owner: b\n    steps:\n"
        f"      - a -> b: step {i}\n"
        for i in range(stages)
    )


def test_two_hundred_stages_render_in_chromium(browser_session) -> None:
    result = make_pipeline().read_block(big(200))
    assert result.ok and not result.diagnostics
    options = RenderOptions(links=FakeLinks(stage=lambda sid: f"../../playbook/stages/{sid}/"))
    diagrams = render_diagrams(result.journey, options)
    assert all(too_large(view, text) is None for view, text in diagrams.items())
    rendered = browser_session.render_diagrams(list(diagrams.values()))
    assert all(r.clean for r in rendered), [r.error for r in rendered]
    assert "Stage 199 阶段" in rendered[0].svg_text


def test_five_hundred_stages_warn_and_show_a_notice_instead(browser_session) -> None:
    """The flowchart is one diagram and too large; the sequence is drawn in parts."""
    expander = make_pipeline()
    result = expander.read_block(big(500), file="docs/big.md", line=3)
    assert result.ok
    pattern = re.compile(
        r"docs/big\.md:3: the '(flow)' view of journey 'big' is too large to draw: "
        rf"\d+ characters \(Mermaid draws at most {MERMAID_MAX_TEXT}\); split the journey "
        r"into smaller ones"
    )
    views = [pattern.fullmatch(str(d)) for d in result.diagnostics]
    assert all(views) and [m[1] for m in views] == ["flow"]
    html = expander.render(result)
    assert html.count("custflow-too-large") == 1
    figure = '<figure class="custflow-diagram custflow-sequence" data-search-exclude>'
    assert html.count(figure) >= 20
    assert "custflow-flow" not in html
    # The limit is Mermaid's, not ours: the browser refuses such a diagram.
    source = render_flowchart(result.journey, RenderOptions())
    [refused] = browser_session.render_diagrams([source])
    assert not refused.ok


def test_flowchart_with_too_many_arrows() -> None:
    source = "flowchart LR\n" + "".join(f"    S{i} --> S{i + 1}\n" for i in range(501))
    assert too_large("flow", source) == "501 arrows (Mermaid draws at most 500)"
    assert too_large("flow", source.replace("S500 --> S501\n", "")) is None
