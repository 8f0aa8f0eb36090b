"""The browser has the final word: Mermaid 11 in Debian's chromium draws every
hard case, shows the text as written and runs no script."""

from __future__ import annotations

from journeys import HARD_CASES, journey_with_text, shown

from mkdocs_custflow.renderers.html import render_diagrams
from mkdocs_custflow.renderers.options import RenderOptions


def _fold(text: str) -> str:
    # U+2060 (word joiner, invisible) keeps Mermaid from merging "¶ß" into ";".
    return " ".join(text.replace("\u2060", "").split())


def test_hard_cases_render_as_text_in_chromium(browser_session) -> None:
    sources: list[tuple[str, str, str]] = []
    for text in HARD_CASES:
        diagrams = render_diagrams(journey_with_text(text), RenderOptions())
        sources.extend((text, view, source) for view, source in diagrams.items())
    results = browser_session.render_diagrams([source for _, _, source in sources])
    problems = []
    for (text, view, _source), result in zip(sources, results, strict=True):
        if not result.clean:
            problems.append(f"{view} {text!r}: {result.error or result.console_errors}")
        elif _fold(shown(text)) not in _fold(result.svg_text):
            problems.append(f"{view} {text!r}: not shown; SVG text: {result.svg_text[:200]!r}")
        elif "<script" in result.svg_html or "<img" in result.svg_html:
            problems.append(f"{view} {text!r}: markup reached the SVG")
    assert not problems, "\n".join(problems)
    assert not browser_session.blocked_requests
