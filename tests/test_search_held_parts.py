"""The parts of a block that search skips (diagrams, tables) are marked for it,
and the plugin keeps them out of the page while Material's search parses it:
the pages and the search index come out as if search had parsed them all."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown

from mkdocs_custflow.extension import JourneyExtension, PageContext
from mkdocs_custflow.held_parts import HeldParts
from mkdocs_custflow.pipeline import Pipeline, Settings

BLOCK = """```journey
id: order
views: [flow, sequence, journey, stages, raci]
stages:
  - id: ask
    name: Ask for a quote
    owner: sales
    kpis: ["Quotes sent the same day >= 90%"]
    responsible: [desk]
    steps:
      - {from: customer, to: sales, say: Where is my quote?, score: 2}
  - id: pay
    owner: desk
    steps: ['customer -> desk: Pays the invoice']
```
"""


def test_held_parts_come_back_where_their_comments_are() -> None:
    held = HeldParts()
    first, second = held.hold("<table>1</table>"), held.hold("<figure>2</figure>")
    assert first != second and first.startswith("<!--") and len(held) == 2
    page = f"<p>a</p>{first}<p>b</p>{second}"
    assert held.restore(page) == "<p>a</p><table>1</table><p>b</p><figure>2</figure>"
    # A comment of another page's parts, or none at all, is left as it is.
    other = HeldParts().hold("<table>3</table>")
    assert held.restore(other) == other
    assert held.restore("<p>plain</p>") == "<p>plain</p>"


def test_the_extension_holds_only_what_search_skips() -> None:
    held = HeldParts()
    context = PageContext(held=held)
    extension = JourneyExtension(Pipeline(Settings()), page=lambda: context)
    page = markdown.markdown(BLOCK, extensions=[extension])
    assert "<table" not in page and "<figure" not in page  # all held
    assert "Where is my quote?" in page  # the text version stays for search
    assert 'class="custflow-journey-title"' in page
    whole = held.restore(page)
    alone = markdown.markdown(BLOCK, extensions=[JourneyExtension(Pipeline(Settings()))])
    assert whole == alone
    skipped = re.findall(r"<(figure|div) class=\"custflow-(?:diagram|stages|raci|satisfaction)"
                         r"[^>]*data-search-exclude", alone)
    assert len(skipped) == 5, skipped  # two diagrams and three tables, each marked


def test_site_pages_are_whole_and_search_reads_what_it_would(tmp_path: Path, build_site) -> None:
    docs = {"index.md": "# Orders\n\n" + BLOCK}
    with_search = build_site(tmp_path / "a", docs, plugins=["search", "custflow"], strict=True)
    without = build_site(tmp_path / "b", docs, plugins=["custflow"], strict=True)
    site_a, site_b = with_search.check().site_dir, without.check().site_dir

    def article(site: Path) -> str:
        html = (site / "index.html").read_text("utf-8")
        return html[html.index("<article"):html.index("</article>")]

    page = article(site_a)
    assert "custflow-held" not in (site_a / "index.html").read_text("utf-8")
    assert page == article(site_b)  # held or not, the page is the same
    assert page.count('<pre class="mermaid">') == 2 and page.count("<table") == 3
    index = json.loads((site_a / "search" / "search_index.json").read_text("utf-8"))["docs"]
    text = " ".join(entry["text"] for entry in index if entry["location"].startswith("#")
                    or entry["location"] == "")
    assert "Where is my quote?" in text and "Pays the invoice" in text  # the text version
    assert "Quotes sent the same day" not in text  # only in the stages table, which is skipped
    assert "flowchart" not in text
