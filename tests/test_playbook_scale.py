"""The playbook at scale: pages summarise instead of growing with journeys x steps.

Why: a role page that listed every step of every journey reached megabytes at 1,500
journeys, of no use to a reader and most of the build's time. These tests read the
generated pages (converted by Python-Markdown as MkDocs would) for a playbook made from
many generated journeys, with small list limits so each kind of summary shows.
"""

from __future__ import annotations

import markdown
from support.pages import blocks, headings, rows, tables
from support.pipeline import make_pipeline

from mkdocs_custflow.pipeline import SourcePage
from mkdocs_custflow.playbook.model import Playbook
from mkdocs_custflow.playbook.pages import ListLimits, PlaybookPages

# Two in three journeys agree on the owner; the others are reported as conflicts (a site
# that builds without --strict still gets its pages, which say who owns the stage where).
OWNERS = ("desk", "engineer", "desk")


def _journey(page: int, n: int, per_page: int) -> str:
    owner = OWNERS[(page * per_page + n) % 3]
    sla = "4h" if n % 2 else "8h"
    return f"""\
```journey
id: repair-{page}-{n}
title: Repair {page}-{n}
actors:
  customer: {{name: Customer, kind: customer}}
  desk: {{name: Service desk, kind: role, team: Service}}
  engineer: {{name: Engineer, kind: role, team: Service}}
stages:
  - id: report
    name: Report a fault
    owner: desk
    steps:
      - customer -> desk: Report the fault
      - desk -> engineer: Pass it on
  - id: fix
    name: Fix it
    owner: {owner}
    sla: {sla}
    steps:
      - engineer -> customer: Fix the fault
```
"""


def make_playbook(pages: int, per_page: int) -> Playbook:
    source = [
        SourcePage(f"area/page-{p}.md",
                   "\n".join(_journey(p, n, per_page) for n in range(per_page)),
                   f"docs/area/page-{p}.md")
        for p in range(pages)
    ]
    reading = make_pipeline(playbook=True).read_site(source)
    unexpected = [f for f in reading.findings if "has owner 'engineer' here" not in f.message]
    assert reading.playbook is not None and not unexpected, unexpected
    return reading.playbook


def html_of(page_markdown: str) -> str:
    body = markdown.markdown(page_markdown, extensions=["tables", "toc"])
    return f'<article class="md-content__inner md-typeset">{body}</article>'  # as Material


SMALL = ListLimits(detail=2, list=5, steps=3)


def test_a_stage_of_few_journeys_shows_each_journeys_steps() -> None:
    pages = PlaybookPages(make_playbook(1, 2), limits=SMALL).render_all()
    html = html_of(pages["playbook/stages/fix.md"])
    assert headings(html, "h3") == ["Repair 0-0", "Repair 0-1"]
    assert "Used by 2 journeys on 1 page." in [e.text for e in blocks(html) if e.tag == "p"]
    items = [e.text for e in blocks(html) if e.tag == "li"]
    assert "Engineer → Customer: Fix the fault" in items
    assert any(text.startswith("Owners: Service desk (1), Engineer (1)") for text in items)


def test_a_stage_of_more_journeys_shows_a_row_each_without_steps() -> None:
    pages = PlaybookPages(make_playbook(2, 2), limits=SMALL).render_all()
    html = html_of(pages["playbook/stages/fix.md"])
    assert headings(html, "h3") == []
    table = rows(html)
    assert [c.text for c in table["Repair 1-1"].cells] == [
        "Repair 1-1", "area/page-1.md", "Service desk", "4h", "1"
    ]
    assert table["Repair 1-1"].cells[0].links == [
        ("Repair 1-1", "../../../area/page-1/#journey-repair-1-1")
    ]
    items = [e.text for e in blocks(html) if e.tag == "li"]
    assert "Owners: Service desk (3), Engineer (1)" in items
    assert "Time limits: 8h (2), 4h (2)" in items


def test_past_the_list_limit_journeys_are_counted_by_page() -> None:
    pages = PlaybookPages(make_playbook(4, 3), limits=SMALL).render_all()
    html = html_of(pages["playbook/stages/fix.md"])
    paragraphs = [e.text for e in blocks(html) if e.tag == "p"]
    assert "Used by 12 journeys on 4 pages." in paragraphs
    assert "12 journeys on 4 pages:" in paragraphs
    _about, listing = tables(html)
    assert [[c.text for c in row.cells] for row in listing[1:]] == [
        [f"area/page-{p}.md", "3"] for p in range(4)
    ]
    assert listing[1].cells[0].links == [("area/page-0.md", "../../../area/page-0/")]

    role = html_of(pages["playbook/roles/desk.md"])
    assert headings(role, "h2") == ["Responsibilities", "Journeys"], (
        "24 steps are over the limit of 3: the role page must not list them"
    )
    assert "Takes part in 12 journeys, with 24 steps in all." in [
        e.text for e in blocks(role) if e.tag == "p"
    ]


def test_a_role_page_lists_its_journeys_with_step_counts() -> None:
    limits = ListLimits(detail=2, list=5, steps=4)
    pages = PlaybookPages(make_playbook(1, 2), limits=limits).render_all()
    html = html_of(pages["playbook/roles/engineer.md"])
    assert headings(html, "h2") == ["Responsibilities", "Journeys", "Steps it performs"]
    _raci, journeys, _steps = tables(html)
    assert [[c.text for c in row.cells] for row in journeys[1:]] == [
        ["Repair 0-0", "area/page-0.md", "2"], ["Repair 0-1", "area/page-0.md", "2"]
    ]


def test_pages_grow_with_journeys_not_with_journeys_times_steps() -> None:
    """1,200 journeys on 300 pages with the default limits: the largest page stays
    the size of an ordinary page (the content of a 200 KB page of Material's)."""
    playbook = make_playbook(300, 4)
    sizes = {path: len(text.encode()) for path, text in PlaybookPages(playbook).render_all()
             .items()}
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] < 50_000, (largest, sizes[largest])
    html = html_of(PlaybookPages(playbook).render_all()["playbook/roles/desk.md"])
    assert "Steps it performs" not in headings(html, "h2")
