"""Any text in any field yields a valid diagram that shows the text as written.

Mermaid's own parser (Mermaid 11 under Node) is the judge: each diagram must
parse, and what the parser understood (labels, messages, tasks), once its
entity codes are decoded, must equal the writer's text.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journeys import HARD_CASES, journey_with_text, shown
from support.mermaid_node import decode_mermaid_entities
from support.render_links import FakeLinks

from mkdocs_custflow.renderers.escaping import mermaid_text
from mkdocs_custflow.renderers.flowchart import render_flowchart
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.renderers.satisfaction import render_satisfaction
from mkdocs_custflow.renderers.sequence import render_sequence


def test_escaped_text_has_no_mermaid_syntax_left() -> None:
    for text in HARD_CASES:
        escaped = mermaid_text(text)
        assert "\n" not in escaped
        for sign in ';"<>%{}|:[]()`$@\\,':
            assert sign not in re.sub(r"#\d+;", "", escaped), (text, escaped)
        # every '#' is the start of an entity code we wrote
        assert all(part[: part.find(";")].isdigit() for part in escaped.split("#")[1:])


def _decoded(text: str) -> str:
    return decode_mermaid_entities(text).replace("\u2060", "")


def _unwrapped(text: str) -> str:
    """A wrapped message as one line, white space aside."""
    decoded = _decoded(text)
    return decoded if not decoded.strip() else _squeezed(decoded.replace("<br>", ""))


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text) or text


def _check_all_views(parser, text: str) -> None:
    journey = journey_with_text(text)
    want = shown(text)
    flow, sequence = parser.parse_many([render_flowchart(journey), render_sequence(journey)])
    assert flow.ok, (text, flow.error)
    assert sequence.ok, (text, sequence.error)

    labels = {k: _decoded(v) for k, v in flow.db["vertices"].items()}
    # The stage's name (in lines, as Chinese and English text may break), then
    # the owner on its own line (the text may hold "<br>" itself).
    name = labels["S0"].split("<small>")[0] if "<small>" not in want else labels["S0"]
    assert _squeezed(name.replace("<br>", "")).startswith(_squeezed(want.replace("<br>", "")))
    question = labels["D0"]
    assert (_squeezed(question.replace("<br>", "")) == _squeezed(want.replace("<br>", ""))
            if want.strip() else question == (want or "?"))
    edge_labels = [_decoded(e["text"]) for e in flow.db["edges"]]
    assert want in edge_labels
    assert set(labels) == {"T0", "T1", "S0", "S1", "S2", "D0"}  # nothing injected

    # Messages and notes wrap into lines (<br>) at spaces or between CJK characters.
    messages = [_unwrapped(m["message"]) for m in sequence.db["messages"]]
    assert _squeezed(want) in messages or (
        not want and " " in [m.strip() or " " for m in messages])
    actors = {k: _decoded(v) for k, v in sequence.db["actors"].items()}
    assert actors["P0"] == want
    assert set(actors) == {"P0", "P1", "P2", "P3"}
    notes = [_unwrapped(n["text"]) for n in sequence.db["notes"]]
    assert _squeezed(want) in notes
    boxes = [_decoded(b["name"] or "") for b in sequence.db["boxes"]]
    assert want in boxes

    # The satisfaction view is HTML: each step's text shown exactly as written.
    table = render_satisfaction(journey)
    rows = re.findall(r"<tr>(?:<th[^>]*>.*?</th>)?<td>(.*?)</td>.*?data-score=\"(\d)\"", table,
                      re.S)
    assert [(unescape(cell), int(score)) for cell, score in rows] == [(text, 3), (text, 5)]
    assert not re.search(r"<(?!/?(?:div|table|caption|thead|tbody|tr|th|td|span)\b)", table)


@pytest.mark.parametrize("text", HARD_CASES)
def test_hard_cases_parse_and_keep_their_text(mermaid_parser, text: str) -> None:
    _check_all_views(mermaid_parser, text)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.one_of(
        st.text(min_size=1, max_size=40),
        st.sampled_from(HARD_CASES),
        st.lists(st.sampled_from([*HARD_CASES, "中文", " ", "#", ";", "end"]), max_size=6).map(
            "".join
        ),
    ).filter(lambda t: shown(t) != "")
)
def test_arbitrary_unicode_labels_parse(mermaid_parser, text: str) -> None:
    _check_all_views(mermaid_parser, text)


def test_click_links_parse_and_point_where_told(mermaid_parser) -> None:
    journey = journey_with_text("a; b")
    options = RenderOptions(links=FakeLinks(stage=lambda sid: f"../playbook/stages/{sid}/"))
    result = mermaid_parser.parse(render_flowchart(journey, options))
    assert result.ok, result.error
    links = {k: v["link"] for k, v in result.db["clicks"].items()}
    assert links == {
        "S0": "../playbook/stages/first/",
        "S1": "../playbook/stages/second/",
        "S2": "../playbook/stages/third/",
    }
