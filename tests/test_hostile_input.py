# ruff: noqa: E501 - the case tables read best one case a line
"""The hostile-input suite: every case has an expected outcome, a clear error
or warning with its line, or a diagram that shows the text as text. Nothing
may crash, hang, or silently produce a wrong page."""

from __future__ import annotations

import time
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.pipeline import make_pipeline

from mkdocs_custflow.extension import JourneyExtension
from mkdocs_custflow.playbook.gather import build_playbook
from mkdocs_custflow.playbook.model import JourneyRecord
from mkdocs_custflow.playbook.pages import PlaybookPages
from mkdocs_custflow.renderers.html import render_diagrams
from mkdocs_custflow.renderers.options import RenderOptions

HEAD = "title: T\nactors:\n  c: {kind: customer}\n  sales: {name: Sales}\n"

ERRORS = [
    # YAML
    ("not a mapping", "- a\n- b\n", 1, "must be a YAML mapping"),
    ("bare text", "just words\n", 1, "not plain text"),
    ("empty", "", 1, "not an empty block"),
    ("duplicate key", "title: a\ntitle: b\nstages: [x]\n", 2, "duplicate key 'title' (first on line 1)"),
    ("python tag", "title: !!python/object/apply:os.system [ls]\n", 1, "YAML tag '!!python/object/apply:os.system' is not allowed"),
    ("custom tag", "title: !secret x\n", 1, "YAML tag '!secret' is not allowed"),
    ("alias bomb", "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    ), 1, "more than 100000 YAML values"),
    ("deep nesting", "title: " + "[" * 60 + "]" * 60 + "\n", 1, "nested deeper than 40 levels"),
    ("syntax", "title: [unclosed\nstages: []\n", 1, "YAML syntax error: the list or mapping opened with '[' on line 1"),
    # model
    ("unknown key", "titel: x\nstages: [a]\n", 1, "unknown key 'titel' in a journey block (did you mean 'title'?)"),
    ("duplicate stage", HEAD + "stages:\n  - id: a\n  - id: a\n", 7, "stage id 'a' is used twice"),
    ("unknown actor", HEAD + "stages:\n  - id: a\n    owner: slaes\n", 7, "unknown actor 'slaes' in 'owner' of stage 'a' (did you mean 'sales'?)"),
    ("missing branch target", HEAD + "stages:\n  - id: a\n    steps:\n      - decide: ok?\n        yes: b\n", 9, "unknown stage 'b' in decision branch 'yes'"),
    ("empty journey", "title: T\nstages: []\n", 2, "needs at least one stage"),
    ("no stages", "title: T\n", 1, "a journey needs 'stages'"),
    ("bad score", HEAD + "stages:\n  - id: a\n    steps:\n      - {from: c, to: sales, say: x, score: 9}\n", 8, "'score' must be a whole number from 1 to 5"),
    ("bad id", "id: a b\nstages: [a]\n", 1, "journey id 'a b' is not a valid id; try 'a-b'"),
    ("javascript link", HEAD + "stages:\n  - id: a\n    links:\n      - {title: x, url: 'javascript:alert(1)'}\n", 8, "link URL 'javascript:alert(1)' is not allowed"),
    ("data link", HEAD + "stages:\n  - id: a\n    links: ['data:text/html,<script>']\n", 7, "is not allowed"),
    ("spaced javascript link", HEAD + "stages:\n  - id: a\n    links: [\" java\\tscript:alert(1)\"]\n", 7, "is not allowed"),
    ("mermaid in an id", HEAD + "stages:\n  - id: 'a]-->b'\n", 6, "is not a valid id"),
    ("step injection via actor", HEAD + "stages:\n  - id: a\n    steps:\n      - 'c -> sales;click: x'\n", 8, "unknown actor"),
    # templates
    ("template traversal", "use: ../../etc/passwd\n", 1, "is not a template name"),
    ("unknown template", "use: after-sales\n", 1, "unknown template 'after-sales'"),
]


@pytest.mark.parametrize(("name", "body", "line", "fragment"), ERRORS, ids=[c[0] for c in ERRORS])
def test_hostile_block_is_refused_clearly(name: str, body: str, line: int, fragment: str) -> None:
    started = time.monotonic()
    result = make_pipeline().read_block(body, file="docs/x.md", line=1)
    assert time.monotonic() - started < 2, "a hostile block must be refused quickly"
    assert not result.ok
    matching = [d for d in result.diagnostics if fragment in d.message]
    assert matching, [str(d) for d in result.diagnostics]
    assert matching[0].line == line and matching[0].file == "docs/x.md"


WARNINGS = [
    ("unreachable stage", HEAD + "stages:\n  - {id: a, next: []}\n  - id: b\n", "stage 'b' cannot be reached"),
    ("text cut by a comment", HEAD + "stages:\n  - id: a\n    steps:\n      - c -> sales: Order #123\n", "'#123' is read as a YAML comment"),
    ("journey view without scores", HEAD + "views: [journey]\nstages:\n  - id: a\n", "needs steps with 'score: 1-5'"),
]


@pytest.mark.parametrize(("name", "body", "fragment"), WARNINGS, ids=[c[0] for c in WARNINGS])
def test_suspicious_block_renders_with_a_warning(name: str, body: str, fragment: str) -> None:
    result = make_pipeline().read_block(body)
    assert result.ok
    assert any(fragment in d.message and not d.is_error for d in result.diagnostics)


def test_cycles_are_allowed_and_drawn() -> None:
    result = make_pipeline().read_block(HEAD + "stages:\n  - {id: a, next: b}\n  - {id: b, next: a}\n")
    # A loop with no way out is worth a warning, but it is a journey all the same.
    assert result.ok and [d.rule for d in result.diagnostics] == ["no-way-out"] * 2
    flow = render_diagrams(result.journey, RenderOptions())["flow"]
    assert "S0 --> S1" in flow and "S1 --> S0" in flow


def test_tabs_read_as_markdown_reads_them() -> None:
    # Python-Markdown expands tabs to 4 spaces before any extension runs; the
    # CLI does the same, so a tab-indented block means the same everywhere.
    found = []
    ext = JourneyExtension()
    ext.on_diagnostic = found.append
    html = markdown.Markdown(extensions=[ext]).convert(
        "```journey\ntitle: T\nstages:\n\t- id: a\n\t  name: Tabbed\n```\n"
    )
    assert "Tabbed" in html and not found


INJECTIONS = [
    '%%{init: {"securityLevel": "loose"}}%%',
    "click S0 call alert(1)",
    'click S0 href "javascript:alert(1)"',
    "classDef evil fill:#f00",
    "style S0 fill:#f00",
    "subgraph x\nend",
    "a\n  S9 --> S0",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "]\n    S9[\"x",
    "section Evil",
    "title Evil",
    "accTitle: evil",
    "participant Evil",
    "note over P0: evil",
    "end",
    "else",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_no_text_field_can_add_mermaid_statements(text: str, mermaid_parser) -> None:
    q = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    body = (
        f"title: {q}\nactors:\n  c: {{name: {q}, kind: customer}}\n"
        f"  s: {{name: {q}, team: {q}}}\n"
        f"stages:\n  - id: a\n    name: {q}\n    owner: s\n    sla: {q}\n    steps:\n"
        f"      - {{from: c, to: s, say: {q}, reply: {q}, note: {q}, score: 3}}\n"
        f"      - note: {q}\n      - decide: {q}\n        {q}: b\n  - id: b\n"
    )
    result = make_pipeline().read_block(body)
    assert result.ok, [str(d) for d in result.diagnostics]
    result.journey.views = ["flow", "sequence", "journey"]
    for view, source in render_diagrams(result.journey, RenderOptions()).items():
        assert "%%" not in source
        parsed = mermaid_parser.parse(source)
        assert parsed.ok, (view, parsed.error)
        if view == "flow":  # nothing added: no click, style, class, subgraph, node
            assert parsed.db["clicks"] == {}
            assert set(parsed.db["vertices"]) == {"T0", "T1", "S0", "S1", "D0"}
            assert parsed.db["subgraphs"] == []
            assert len(parsed.db["edges"]) == 4
            statements = [line.split()[0] for line in source.splitlines()]
            assert statements.count("click") == 0 and statements.count("style") == 0
        elif view == "sequence":
            assert set(parsed.db["actors"]) == {"P0", "P1"}
            assert len(parsed.db["messages"]) == 2  # the step and its reply
        else:  # journey: text starts task lines, so it must not become a keyword
            assert len(parsed.db["sections"]) == 1 and len(parsed.db["tasks"]) == 1


class _BalanceChecker(HTMLParser):
    VOID: ClassVar[set[str]] = {"br", "hr", "img", "input", "meta", "link", "col", "area", "base", "wbr", "source"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


def well_formed(html: str) -> list[str]:
    checker = _BalanceChecker()
    checker.feed(html)
    checker.close()
    return checker.problems + [f"unclosed <{tag}>" for tag in checker.stack]


_text = st.text(
    st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=25
) | st.sampled_from(
    [*INJECTIONS, "end", "#1", "；", "a|b", "`x`", "*x*", "[x](javascript:y)"]
)
_ids = st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True)


@st.composite
def journeys(draw: st.DrawFn) -> str:
    """A random journey block as YAML: random structure, random Unicode text."""
    import json

    actor_ids = draw(st.lists(_ids, min_size=1, max_size=4, unique=True))
    stage_ids = draw(st.lists(_ids, min_size=1, max_size=6, unique=True))

    def text() -> str:
        return json.dumps(draw(_text), ensure_ascii=False)

    lines = [f"title: {text()}", f"views: {json.dumps(draw(st.lists(st.sampled_from(['flow', 'sequence', 'journey', 'stages', 'raci']), min_size=1, max_size=5, unique=True)))}", "actors:"]
    for actor in actor_ids:
        kind = draw(st.sampled_from(["customer", "role", "system", "partner"]))
        lines.append(f"  {actor}: {{name: {text()}, kind: {kind}, team: {text()}}}")
    lines.append("stages:")
    for stage in stage_ids:
        lines += [f"  - id: {stage}", f"    name: {text()}", f"    owner: {draw(st.sampled_from(actor_ids))}"]
        lines += [f"    sla: {text()}", f"    kpis: [{text()}]", "    steps:"]
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.integers(0, 2))
            a, b = draw(st.sampled_from(actor_ids)), draw(st.sampled_from(actor_ids))
            if kind == 0:
                lines.append(f"      - {{from: {a}, to: {b}, say: {text()}, score: {draw(st.integers(1, 5))}}}")
            elif kind == 1:
                lines.append(f"      - note: {text()}")
            else:
                target = draw(st.sampled_from(stage_ids))
                lines.append(f"      - decide: {text()}\n        {text()}: {target}")
        if draw(st.booleans()):
            lines.append(f"    next: [{draw(st.sampled_from(stage_ids))}]")
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=journeys())
def test_fuzz_random_journeys(body: str, mermaid_parser, browser_session) -> None:
    result = make_pipeline().read_block(body, file="docs/fuzz.md")
    if not result.ok:  # e.g. a decision label the dumper made a duplicate key: must say so
        assert all(str(d).startswith("docs/fuzz.md:") for d in result.diagnostics)
        return
    html = make_pipeline().render(result)
    assert not well_formed(html), well_formed(html)
    diagrams = render_diagrams(result.journey, RenderOptions())
    for view, source in diagrams.items():
        parsed = mermaid_parser.parse(source)
        assert parsed.ok, (view, parsed.error, source)
    for rendered in browser_session.render_diagrams(list(diagrams.values())):
        assert rendered.clean, (rendered.error, rendered.console_errors)
    record = JourneyRecord(result.journey, "fuzz.md", "journey-x")
    playbook, _findings = build_playbook([record], make_pipeline().catalog)
    for path, page in PlaybookPages(playbook).render_all().items():
        page_html = markdown.Markdown(extensions=["tables"]).convert(page)
        assert not well_formed(page_html), (path, well_formed(page_html))
        assert ("<script" not in page_html and "javascript:" not in page_html.replace(
            "javascript:alert", ""
        )) or "href=\"javascript" not in page_html


def test_template_names_and_folders_cannot_escape(tmp_path: Path) -> None:
    outside = tmp_path / "secret.en.yaml"
    outside.write_text("name: secret\njourney: {title: leaked, stages: [x]}\n", "utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    for name in ("../secret", "..", "/etc/passwd", "secret/../../x", "a b"):
        result = make_pipeline(templates=[folder]).read_block(f"use: '{name}'\n")
        assert not result.ok
        assert "leaked" not in repr(result)
