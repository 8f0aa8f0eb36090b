"""`mkdocs serve` re-renders only the playbook pages whose inputs changed:
after any edit, those pages must equal a full render from scratch.

Edits are made to every journey block of the example site, one after the
other with one memo (as a serve session makes them), and each time the
incremental render is compared with a fresh one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mkdocs_custflow.blocks import JourneyExpander
from mkdocs_custflow.catalog_file import load_catalog
from mkdocs_custflow.playbook import build_playbook, gather_journeys
from mkdocs_custflow.playbook_pages import PageMemo, PlaybookPages
from mkdocs_custflow.template_library import TemplateLibrary

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example-site"
FENCE = re.compile(r"^```journey\n(.*?)^```$", re.M | re.S)


def _site() -> dict[str, str]:
    docs = EXAMPLE / "docs"
    return {
        p.relative_to(docs).as_posix(): p.read_text("utf-8")
        for p in sorted(docs.rglob("*.md"))
        if "```journey" in p.read_text("utf-8")
    }


def _expander(locale: str) -> JourneyExpander:
    catalog, _ = load_catalog(EXAMPLE / "catalog.yml")
    return JourneyExpander(
        catalog=catalog, locale=locale, library=TemplateLibrary([EXAMPLE / "templates"])
    )


def _pages(expander: JourneyExpander, site: dict[str, str], locale: str) -> PlaybookPages:
    records = gather_journeys(expander, ((path, text, path) for path, text in site.items()))
    playbook, _ = build_playbook(records, expander.catalog)
    return PlaybookPages(playbook, locale=locale)


# Each edit changes one thing a page shows; `\g<0>` keeps the matched text.
EDITS = [
    (r"^title: .*$", r"\g<0> (renamed)"),  # journey title: stage, role, touchpoint pages
    (r"^(\s+- )(\w+) -> (\w+): (.*)$", r"\1\2 -> \3: changed \4"),  # a step's text
    (r"^(\s+)owner: \w+$", r"\1owner: customer"),  # another owner: RACI letters move
    (r"^(\s+)owner: \w+$", r"\1owner: legal"),  # to a role with no steps here
    (r"^(\s+)(- id: \w+)$", r"\1\2\n\1  informed: [legal]"),  # a RACI letter, no step
    (r"^(\s+)name: (.*)$", r"\1name: \2 v2"),  # an actor's (or stage's) name
    (r"^(\s+- id: \w+\n\s+)name: (.*)$", r"\1name: \2 v2"),  # a stage's name: link texts
    (r"^(\s+)steps:\n(?:\1  - .*\n)+", ""),  # a stage loses its steps: role pages
]


@pytest.mark.parametrize("locale", ["en", "zh"])
def test_incremental_pages_equal_a_full_render(locale: str) -> None:
    site = _site()
    expander = _expander(locale)
    memo: PageMemo = {}
    _pages(expander, site, locale).render_all(memo)
    edits_made = reused = 0
    for path in site:
        for number in range(len(FENCE.findall(site[path]))):
            for pattern, replacement in EDITS:
                block = list(FENCE.finditer(site[path]))[number]
                edited = re.sub(pattern, replacement, block[1], count=1, flags=re.M)
                if edited == block[1]:
                    continue
                site[path] = site[path][: block.start(1)] + edited + site[path][block.end(1):]
                pages = _pages(expander, site, locale)
                before = dict(memo)
                incremental = pages.render_all(memo)
                assert incremental == pages.render_all(), (path, number, pattern)
                reused += sum(1 for key, (_, content) in before.items()
                              if key in memo and memo[key][1] is content)
                edits_made += 1
    assert edits_made >= 60
    assert reused > 0, "no page was ever reused: the memo does nothing"


def test_user_templates_are_always_rendered(tmp_path: Path) -> None:
    """A template of your own may read anything, so its pages are never reused."""
    (tmp_path / "stage.md.j2").write_text("# {{ playbook.journeys | length }} journeys\n")
    site = _site()
    expander = _expander("en")
    records = gather_journeys(expander, ((p, t, p) for p, t in site.items()))
    playbook, _ = build_playbook(records, expander.catalog)
    memo: PageMemo = {}
    PlaybookPages(playbook, override_dir=tmp_path).render_all(memo)
    assert memo == {}


FIRST = """```journey
id: first
title: First
actors:
  sales: {name: Sales rep, kind: role}
  customer: {kind: customer}
stages:
  - id: demo
    name: Product demo
    owner: sales
    steps:
      - customer -> sales: Ask for a demo
```
"""
SECOND = """```journey
id: second
title: Second
actors:
  engineer: {name: Engineer, kind: role}
  customer: {kind: customer}
stages:
  - id: demo
    steps:
      - engineer -> customer: Show the product
```
"""


def test_a_name_from_another_journey_reaches_pages_that_link_to_it() -> None:
    """The engineer's page names stage `demo` as the first journey defines it,
    though none of the engineer's steps is in that journey."""
    expander = JourneyExpander()
    site = {"first.md": FIRST, "second.md": SECOND}
    memo: PageMemo = {}
    _pages(expander, site, "en").render_all(memo)
    site["first.md"] = FIRST.replace("Product demo", "Live demo")
    pages = _pages(expander, site, "en")
    incremental = pages.render_all(memo)
    assert incremental == pages.render_all()
    assert "Live demo" in incremental["playbook/roles/engineer.md"]
