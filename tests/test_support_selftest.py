"""Self-tests of the test tools: each checker must be seen to FAIL on bad input, not only pass.

Why: a checker that always says "ok" would make every diagram test meaningless.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.browser import BrowserSession, count_mermaid_pres
from support.env import MissingToolError
from support.mermaid_node import MermaidParser, decode_mermaid_entities
from support.site import MERMAID_SUPERFENCES

FLOWCHART = """flowchart LR
  start["Sign up #59; free"] -->|"verify #35;1"| onboard{Onboarded?}
  onboard -->|yes| done([Active customer])
  click start "https://example.com/signup" "Open sign-up"
"""
SEQUENCE = """sequenceDiagram
  box Aqua Company
  participant C as Customer
  participant S as Support
  end
  C->>S: Ask #quot;why#quot;
  Note right of S: triage
  S-->>C: Answer
"""
JOURNEY = """journey
  title Buying
  section Discover
    Read docs: 4: Customer
  section Buy
    Pay: 2: Customer, Sales
"""
BROKEN = {
    "flowchart": "flowchart LR\n  a[(]",
    "sequence": "sequenceDiagram\n  A->>: hi",
    "journey": "journey\n  section S\n    Task 5 Me",
}


# -- parser ---------------------------------------------------------------------------------


def test_parser_understands_a_flowchart(mermaid_parser: MermaidParser) -> None:
    result = mermaid_parser.parse(FLOWCHART)
    assert result.ok, result.error
    assert result.diagram_type == "flowchart-v2"
    db = result.db
    assert db["vertices"]["start"] == "Sign up #59; free"  # entity codes stay encoded
    assert decode_mermaid_entities(db["vertices"]["start"]) == "Sign up ; free"
    assert db["vertices"]["done"] == "Active customer"
    edges = {(e["start"], e["end"]): e["text"] for e in db["edges"]}
    assert decode_mermaid_entities(edges[("start", "onboard")]) == "verify #1"
    assert edges[("onboard", "done")] == "yes"
    assert db["clicks"]["start"]["link"].startswith("https://example.com/signup")
    assert db["clicks"]["start"]["tooltip"] == "Open sign-up"


def test_parser_understands_a_sequence_diagram(mermaid_parser: MermaidParser) -> None:
    result = mermaid_parser.parse(SEQUENCE)
    assert result.ok, result.error
    assert result.diagram_type == "sequence"
    db = result.db
    assert db["actors"] == {"C": "Customer", "S": "Support"}
    assert [(m["from"], m["to"]) for m in db["messages"]] == [("C", "S"), ("S", "C")]
    assert decode_mermaid_entities(db["messages"][0]["message"]) == 'Ask "why"'
    assert db["notes"] == [{"actors": ["S"], "placement": "RIGHTOF", "text": "triage"}]
    # As in a browser: a leading CSS colour is the box fill, the rest its title.
    assert db["boxes"] == [{"name": "Company", "fill": "Aqua", "actors": ["C", "S"]}]


def test_parser_understands_a_journey(mermaid_parser: MermaidParser) -> None:
    result = mermaid_parser.parse(JOURNEY)
    assert result.ok, result.error
    assert result.diagram_type == "journey"
    assert result.db["title"] == "Buying"
    assert result.db["sections"] == ["Discover", "Buy"]
    assert result.db["tasks"] == [
        {"section": "Discover", "task": "Read docs", "score": 4, "people": ["Customer"]},
        {"section": "Buy", "task": "Pay", "score": 2, "people": ["Customer", "Sales"]},
    ]
    # Journey's db is a module singleton in Mermaid: the next parse must not see old tasks.
    again = mermaid_parser.parse("journey\n  section Only\n    One: 1: Me")
    assert [t["task"] for t in again.db["tasks"]] == ["One"]


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_parser_rejects_broken_diagrams(mermaid_parser: MermaidParser, kind: str) -> None:
    result = mermaid_parser.parse(BROKEN[kind])
    assert not result.ok
    assert "Parse error" in (result.error or "")
    assert result.db == {}


def test_parser_batches_keep_order(mermaid_parser: MermaidParser) -> None:
    texts = [FLOWCHART, BROKEN["flowchart"], SEQUENCE, "not a diagram", JOURNEY] * 20
    results = mermaid_parser.parse_many(texts)
    assert [r.ok for r in results] == [True, False, True, False, True] * 20
    assert results[3].diagram_type is None and "No diagram type" in (results[3].error or "")


def test_decode_mermaid_entities() -> None:
    assert decode_mermaid_entities("a #59; b #35; #quot;q#quot; #lt;x#gt; #amp;") == (
        'a ; b # "q" <x> &'
    )
    assert decode_mermaid_entities("ﬂ°°59¶ß ﬂ°quot¶ß") == '; "'  # Mermaid's placeholders
    assert decode_mermaid_entities("#nosuchname; #") == "#nosuchname; #"


def test_tools_fail_loudly_when_not_installed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CUSTFLOW_TEST_CACHE", str(tmp_path / "empty-cache"))
    with pytest.raises(MissingToolError, match=r"bash tests/run\.sh"):
        MermaidParser()
    with pytest.raises(MissingToolError, match=r"bash tests/run\.sh"):
        BrowserSession()


# -- browser: standalone rendering -----------------------------------------------------------


def test_render_diagrams_renders_valid_and_reports_broken(
    browser_session: BrowserSession,
) -> None:
    ok_flow, ok_seq, ok_journey, broken = browser_session.render_diagrams(
        [FLOWCHART, SEQUENCE, JOURNEY, BROKEN["flowchart"]]
    )
    assert ok_flow.ok, ok_flow.error
    assert "Sign up ; free" in ok_flow.svg_text  # decoded at render time
    assert "Active customer" in ok_flow.svg_text
    assert ok_flow.svg_html.startswith("<svg")
    assert ok_seq.ok and 'Ask "why"' in ok_seq.svg_text
    assert "Company" in ok_seq.svg_text and "Aqua" not in ok_seq.svg_text
    assert ok_journey.ok and "Read docs" in ok_journey.svg_text
    assert not broken.ok
    assert "Parse error" in (broken.error or "")
    assert broken.svg_text == ""
    assert all(r.clean for r in (ok_flow, ok_seq, ok_journey))


def test_render_attributes_browser_errors_to_their_diagram(
    browser_session: BrowserSession, mermaid_parser: MermaidParser
) -> None:
    # Mermaid accepts a non-numeric journey score (NaN) and draws it badly: only the
    # browser's console tells, and it must be pinned on that diagram, not its neighbours.
    nan_journey = "journey\n  section S\n    Task: high: Me\n"
    assert mermaid_parser.parse(nan_journey).db["tasks"][0]["score"] is None
    before, nan, after = browser_session.render_diagrams([JOURNEY, nan_journey, JOURNEY])
    assert nan.ok and not nan.clean
    assert any("NaN" in e for e in nan.console_errors)
    assert before.clean and after.clean


# -- browser: built Material sites -----------------------------------------------------------

MERMAID_CONFIG = {"markdown_extensions": [MERMAID_SUPERFENCES]}


def _page(diagram: str) -> str:
    return f"# Journey\n\nBefore.\n\n```mermaid\n{diagram}```\n\nAfter.\n"


def test_check_site_sees_a_rendered_material_diagram(
    build_site, browser_session: BrowserSession, tmp_path: Path
) -> None:
    result = build_site(
        tmp_path / "ok", {"index.md": _page(FLOWCHART)}, MERMAID_CONFIG, plugins=["search"]
    ).check()
    [report] = browser_session.check_site(result.site_dir)
    assert report.expected == 1
    assert report.rendered == 1, report.summary()
    assert report.ok, report.summary()
    assert report.blocked_requests == [], "the page needed the network"
    assert "Sign up ; free" in report.svg_texts[0]


def test_check_site_reports_a_broken_material_diagram(
    build_site, browser_session: BrowserSession, tmp_path: Path
) -> None:
    result = build_site(
        tmp_path / "broken",
        {"index.md": _page(BROKEN["flowchart"] + "\n")},
        MERMAID_CONFIG,
        plugins=["search"],
    ).check()
    [report] = browser_session.check_site(result.site_dir, ["index.html"])
    assert report.expected == 1
    assert report.rendered == 0
    assert not report.ok
    assert not report.timed_out, "a failed render must be noticed without the timeout"
    assert any("Parse error" in e for e in report.page_errors), report.summary()
    assert report.error_svg
    assert report.blocked_requests == []


def test_check_site_records_dialogs_and_blocked_requests(
    build_site, browser_session: BrowserSession, tmp_path: Path
) -> None:
    script = (
        "<script>alert('hello from the page');"
        "fetch('https://example.invalid/tracker.js').catch(() => {});</script>\n"
    )
    result = build_site(
        tmp_path / "noisy", {"index.md": "# Noisy\n\n" + script}, plugins=[]
    ).check()
    [report] = browser_session.check_site(result.site_dir)
    assert report.expected == 0
    assert report.dialogs == [{"type": "alert", "message": "hello from the page"}]
    assert report.blocked_requests == ["https://example.invalid/tracker.js"]
    assert report.console_errors == []  # the blocked load is reported once, above
    assert not report.ok


def test_check_site_times_out_when_nothing_renders(
    build_site, browser_session: BrowserSession, tmp_path: Path
) -> None:
    # MkDocs' own theme has no Mermaid loader: the diagram stays a <pre>, and we must say so.
    config = {**MERMAID_CONFIG, "theme": {"name": "mkdocs"}}
    result = build_site(tmp_path, {"index.md": _page(FLOWCHART)}, config, plugins=[]).check()
    [report] = browser_session.check_site(result.site_dir, timeout=1.0)
    assert (report.expected, report.rendered, report.timed_out) == (1, 0, True)
    assert not report.ok


# -- site builds ----------------------------------------------------------------------------


def test_build_site_reports_failures(build_site, tmp_path: Path) -> None:
    result = build_site(tmp_path, {"index.md": "# Hi\n"}, plugins=["no-such-plugin-xyz"])
    assert not result.ok
    assert "no-such-plugin-xyz" in result.log
    with pytest.raises(AssertionError, match="mkdocs build failed"):
        result.check()


def test_count_mermaid_pres() -> None:
    html = '<pre class="mermaid"><code>x</code></pre><pre class="x mermaid"></pre><pre></pre>'
    assert count_mermaid_pres(html) == 2
