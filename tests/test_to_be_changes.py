"""A to-be journey shows, under its title, what it changes against the as-is journey it
improves: the same comparison as ``custflow diff``, in the page's language.

Why: the point of drawing the to-be process is the difference; a reader should not have to
put two flowcharts side by side to find that the report now takes 30 minutes and the
engineer owns the acceptance.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.pages import article, tables
from support.pipeline import make_pipeline
from support.render_links import FakeLinks
from test_playbook_improvements import AS_IS, TO_BE

from mkdocs_custflow.pipeline import SourcePage
from mkdocs_custflow.renderers.options import JourneyRef, RenderOptions


def _to_be_html(locale: str) -> str:
    pipeline = make_pipeline(playbook=True, locale=locale)
    reading = pipeline.read_site([SourcePage("repair.md", AS_IS, "docs/repair.md"),
                                  SourcePage("repair-to-be.md", TO_BE, "docs/repair-to-be.md")])
    as_is = reading.homes["repair"].journey
    result = pipeline.read_block(TO_BE.split("\n", 1)[1].rsplit("```", 1)[0],
                                 file="docs/repair-to-be.md", line=1)
    options = RenderOptions(
        locale=locale,
        links=FakeLinks(journey=lambda jid: JourneyRef(
            jid, as_is.title, "../repair/#journey-repair", as_is) if jid == "repair" else None),
    )
    body = pipeline.render(result, options)
    return f'<article class="md-content__inner md-typeset">{body}</article>'


def _changes(html: str) -> set[tuple[str, ...]]:
    """The rows of the changes table (the one under the title)."""
    table = next(t for t in tables(html) if len(t[0].cells) == 4 and t[0].cells[2].text in (
        "As-is", "现状"))
    return {tuple(c.text for c in row.cells) for row in table}


@pytest.mark.parametrize(("locale", "words"), [
    ("en", ("What changes against", "time limit", "pain point closed", "As-is", "To-be", "high")),
    ("zh", ("相对", "时限", "痛点已消除", "现状", "目标状态", "高")),
])
def test_the_to_be_journey_lists_its_changes_per_stage(locale: str, words: tuple) -> None:
    html = _to_be_html(locale)
    title, limit, closed, before, after, high = words
    assert title in html and '<a href="../repair/#journey-repair">Repair</a>' in html
    found = _changes(html)
    assert ("Stage" if locale == "en" else "阶段", "Change" if locale == "en" else "变化",
            before, after) in found
    assert ("Report a fault", limit, "2h", "30 min") in found, found
    # The severity in the page's words, in its brackets.
    severity = f" ({high})" if locale == "en" else f"（{high}）"
    pain = f"Repeats the story to a second agent{severity}"
    assert ("Report a fault", closed, pain, "—") in found
    # What every to-be differs in by nature is not listed: its title, state, review.
    assert not any("Repair, to be" in cell for row in found for cell in row)


@pytest.mark.parametrize(("site", "owner", "limit"), [
    ("", ("Customer acceptance", "owner", "Service desk", "After-sales engineer"),
     ("Report a fault", "time limit", "2h", "30 min")),
    ("zh", ("客户验收", "负责人", "客服专员", "售后工程师"),
     ("客户报修", "时限", "2小时", "30分钟")),
])
def test_the_example_to_be_repair_shows_the_owner_and_time_limit_changes(
    example_sites: Path, site: str, owner: tuple, limit: tuple
) -> None:
    page = example_sites / site / ("huadong/journeys" if not site else "journeys")
    html = (page / "repair-to-be" / "index.html").read_text("utf-8")
    found = _changes(html)
    assert owner in found, sorted(found)
    assert limit in found, sorted(found)
    assert "custflow-changes" in article(html)
