"""The improvement loop on the playbook pages: pain points and opportunities (their own
page, and on each stage's), KPIs met or missed, as-is and to-be uses of a stage, and the
overview's list of journeys by next review.

Why: the improvement loop happens across journeys; a reviewer looks at the stage (what
hurts, what is planned, are the targets met) and at the overview (what is due for review).
The tests convert the generated pages as MkDocs would and read what a person sees.
"""

from __future__ import annotations

from support.pages import blocks, headings, rows, tables
from support.pipeline import make_pipeline
from test_playbook_scale import html_of

from mkdocs_custflow.pipeline import SourcePage
from mkdocs_custflow.playbook.pages import PlaybookPages

ACTORS = """\
actors:
  customer: {name: Customer, kind: customer}
  desk: {name: Service desk, kind: role, team: Service}
  eng: {name: Engineer, kind: role, team: Service}
"""

AS_IS = f"""\
```journey
id: repair
title: Repair
{ACTORS}review: {{owner: desk, every: 3m, last: 2026-06-01, with: [eng]}}
stages:
  - id: report
    name: Report a fault
    owner: desk
    sla: 2h
    kpis:
      - {{name: Answered within 20 s, target: ">= 90%", current: 84%}}
      - {{name: Tickets reopened, target: "<= 5%", current: 3%}}
    pains:
      - {{text: Repeats the story to a second agent, severity: high}}
      - Gets no ticket number
    opportunities:
      - {{text: Photo upload on WeChat, status: planned, owner: desk}}
    steps:
      - customer -> desk: Report the fault
```
"""

TO_BE = f"""\
```journey
id: repair-to-be
title: Repair, to be
state: to-be
improves: repair
{ACTORS}review: {{owner: eng, every: 1m, last: 2026-11-20}}
stages:
  - id: report
    name: Report a fault
    owner: desk
    sla: 30 min
    opportunities:
      - {{text: One form for every channel, status: doing}}
    pains:
      - {{text: Forms differ by channel, severity: low}}
    steps:
      - customer -> desk: Send photo and serial number
```
"""


def _pages() -> dict[str, str]:
    source = [SourcePage("repair.md", AS_IS, "docs/repair.md"),
              SourcePage("repair-to-be.md", TO_BE, "docs/repair-to-be.md")]
    reading = make_pipeline(playbook=True).read_site(source)
    assert reading.playbook is not None
    assert not [f for f in reading.findings if f.is_error], reading.findings
    return PlaybookPages(reading.playbook).render_all()


def test_a_page_lists_every_pain_point_worst_first_and_every_opportunity_by_status() -> None:
    html = html_of(_pages()["playbook/improvements.md"])
    assert headings(html, "h1") == ["Pain points and opportunities"]
    chart, pains, opportunities = tables(html)  # the picture of where pains gather first
    # One bar per stage with pain points, its counts by severity written beside it.
    assert [[c.text for c in row.cells] for row in chart] == [
        ["Report a fault", "", "high 1 · medium 1 · low 1"]]
    assert [[c.text for c in row.cells] for row in pains[1:]] == [
        ["high", "Repeats the story to a second agent", "Report a fault", "Repair"],
        ["medium", "Gets no ticket number", "Report a fault", "Repair"],
        ["low", "Forms differ by channel", "Report a fault", "Repair, to be"],
    ]
    assert pains[1].cells[2].links == [("Report a fault", "../stages/report/")]
    assert pains[1].cells[3].links == [("Repair", "../../repair/#journey-repair")]
    assert [[c.text for c in row.cells] for row in opportunities[1:]] == [
        ["doing", "One form for every channel", "", "Report a fault", "Repair, to be"],
        ["planned", "Photo upload on WeChat", "Service desk", "Report a fault", "Repair"],
    ]


def test_a_stage_page_shows_its_pains_kpis_met_or_missed_and_each_uses_state() -> None:
    html = html_of(_pages()["playbook/stages/report.md"])
    assert "Pain points and opportunities" in headings(html, "h2")
    items = [e.text for e in blocks(html) if e.tag == "li"]
    assert any(t.startswith("Pain point · high Repeats the story") for t in items), items
    assert any(t.startswith("planned Photo upload on WeChat · Service desk") for t in items)
    kpis = rows(html)["KPIs"].cells[1].text
    assert "Answered within 20 s >= 90% (84%) missed" in kpis
    assert "Tickets reopened <= 5% (3%) met" in kpis
    paragraphs = [e.text for e in blocks(html) if e.tag == "p"]
    assert any(p.startswith("Repair, to be · To-be · Owner: Service desk") for p in paragraphs)
    assert any(p.startswith("Repair · Owner: Service desk") for p in paragraphs)
    assert "Time limits: 30 min (1), 2h (1)" in items  # in playbook order


def test_the_overview_lists_journeys_by_next_review_and_marks_the_overdue() -> None:
    """The tests build on 2026-12-01 (conftest): the as-is review (every 3 months from
    June) fell due on 2026-09-01; the to-be one is due on 2026-12-20."""
    html = html_of(_pages()["playbook/index.md"])
    assert "Reviews" in headings(html, "h2")
    table = tables(html)[-1]
    assert [[c.text for c in row.cells] for row in table[1:]] == [
        ["2026-09-01 overdue", "Repair", "Service desk", "2026-06-01"],
        ["2026-12-20", "Repair, to be", "Engineer", "2026-11-20"],
    ]
    summary = next(e for e in blocks(html) if e.tag == "p")
    assert ("Pain points and opportunities", "improvements/") in summary.links


def test_a_pain_written_alike_in_many_journeys_is_one_entry_with_a_count() -> None:
    """A template's pain point reaches every journey that uses it: the pages list it
    once, with how many journeys write it, so they do not grow with journeys x pains."""
    copies = [
        SourcePage(f"r{n}.md", AS_IS.replace("id: repair\n", f"id: repair-{n}\n")
                   .replace("title: Repair\n", f"title: Repair {n}\n"), f"docs/r{n}.md")
        for n in range(3)
    ]
    reading = make_pipeline(playbook=True).read_site(copies)
    assert reading.playbook is not None
    pages = PlaybookPages(reading.playbook).render_all()
    _chart, pains, _opportunities = tables(html_of(pages["playbook/improvements.md"]))
    assert [[c.text for c in row.cells] for row in pains[1:]] == [
        ["high", "Repeats the story to a second agent", "Report a fault", "3 journeys"],
        ["medium", "Gets no ticket number", "Report a fault", "3 journeys"],
    ]
    items = [e.text for e in blocks(html_of(pages["playbook/stages/report.md"]))
             if e.tag == "li"]
    assert "Pain point · high Repeats the story to a second agent (3 journeys)" in items
