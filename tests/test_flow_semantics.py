"""How stages connect: default order, ``next``, decisions, ``end``, cycles."""

from __future__ import annotations

from support.pipeline import make_pipeline

from mkdocs_custflow.renderers.flowchart import render_flowchart
from mkdocs_custflow.renderers.sequence import render_sequence


def journey(body: str):
    result = make_pipeline().read_block(body)
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.journey


def test_a_branch_may_end_the_journey(mermaid_parser) -> None:
    j = journey(
        "title: t\nstages:\n  - id: a\n    owner: desk\n    steps:\n      - decide: Satisfied?\n"
        "        yes: end\n        no: b\n  - id: b\n    next: [a]\n"
    )
    flow = render_flowchart(j)
    assert '-->|"yes"| T1' in flow and "S1 --> S0" in flow
    assert "S1 --> T1" not in flow  # b loops back; only the branch ends
    parsed = mermaid_parser.parse(flow)
    assert parsed.ok and ("D0", "T1") in [(e["start"], e["end"]) for e in parsed.db["edges"]]
    assert "go to End" in render_sequence(j)


def test_next_empty_list_ends_at_that_stage_and_cycles_are_drawn() -> None:
    j = journey(
        "title: t\nstages:\n  - {id: a, next: [b, c]}\n  - {id: b, next: []}\n"
        "  - {id: c, next: [a]}\n"
    )
    flow = render_flowchart(j)
    for edge in ("S0 --> S1", "S0 --> S2", "S1 --> T1", "S2 --> S0"):
        assert edge in flow
    assert "S2 --> T1" not in flow


def test_a_stage_called_end_is_a_stage() -> None:
    j = journey("title: t\nstages:\n  - {id: a, next: end}\n  - {id: end, name: Wrap up}\n")
    flow = render_flowchart(j)
    assert "S0 --> S1" in flow and "S1 --> T1" in flow


def test_a_view_with_nothing_to_show_warns() -> None:
    quiet = make_pipeline().read_block("title: t\nstages:\n  - id: a\n")
    assert quiet.ok and not quiet.diagnostics and quiet.journey.views == ["flow"]
    result = make_pipeline().read_block("title: t\nviews: [flow, sequence]\nstages:\n  - id: a\n")
    assert result.ok
    assert [d.message for d in result.diagnostics] == [
        "the 'sequence' view needs steps or stage owners to show; add steps "
        "or remove 'sequence' from 'views'"
    ]
