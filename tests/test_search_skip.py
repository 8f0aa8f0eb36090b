"""The parts of a block that search skips (diagrams, tables) are marked for it,
and the plugin hands Material's search each page without them and gives the
page back whole right after: the pages and the search index come out as if
search had parsed them all."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown

from mkdocs_custflow.extension import JourneyExtension, PageContext
from mkdocs_custflow.pipeline import Pipeline, Settings
from mkdocs_custflow.search_skip import marked, unmarked, without_skipped

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


def test_marked_parts_are_cut_for_search_and_unmarked_for_the_page() -> None:
    page = f"<p>a</p>{marked('<table>1</table>')}<p>b</p>{marked('<figure>2</figure>')}"
    assert without_skipped(page) == "<p>a</p><p>b</p>"
    assert unmarked(page) == "<p>a</p><table>1</table><p>b</p><figure>2</figure>"
    assert without_skipped("<p>plain</p>") == unmarked("<p>plain</p>") == "<p>plain</p>"


def test_the_extension_marks_only_what_search_skips() -> None:
    context = PageContext(mark_skipped=True)
    extension = JourneyExtension(Pipeline(Settings()), page=lambda: context)
    page = markdown.markdown(BLOCK, extensions=[extension])
    searched = without_skipped(page)
    assert "<table" not in searched and "<figure" not in searched  # all cut for search
    assert "Where is my quote?" in searched  # the text version stays for search
    assert 'class="custflow-journey-title"' in searched
    alone = markdown.markdown(BLOCK, extensions=[JourneyExtension(Pipeline(Settings()))])
    assert unmarked(page) == alone
    skipped = re.findall(r"<(figure|div) class=\"custflow-(?:diagram|stages|raci|satisfaction)"
                         r"[^>]*data-search-exclude", alone)
    assert len(skipped) == 5, skipped  # two diagrams and three tables, each marked


def test_site_pages_are_whole_and_search_reads_what_it_would(tmp_path: Path, build_site) -> None:
    hook = ("from pathlib import Path\n"
            "def on_page_content(html, page, **kwargs):\n"
            "    if page.file.src_uri == 'index.md':\n"
            "        Path(__file__).with_name('seen.html').write_text(html, 'utf-8')\n")
    docs = {"index.md": "# Orders\n\n" + BLOCK, "hook.py": hook}
    config = {"hooks": ["docs/hook.py"], "plugins": ["search", "custflow"]}
    with_search = build_site(tmp_path / "a", docs, config, strict=True)
    without = build_site(tmp_path / "b", docs, plugins=["custflow"], strict=True)
    site_a, site_b = with_search.check().site_dir, without.check().site_dir

    def article(site: Path) -> str:
        html = (site / "index.html").read_text("utf-8")
        return html[html.index("<article"):html.index("</article>")]

    page = article(site_a)
    assert "custflow-skip" not in (site_a / "index.html").read_text("utf-8")
    assert page == article(site_b)  # held or not, the page is the same
    assert page.count('<pre class="mermaid">') == 2 and page.count("<table") == 3
    index = json.loads((site_a / "search" / "search_index.json").read_text("utf-8"))["docs"]
    text = " ".join(entry["text"] for entry in index if entry["location"].startswith("#")
                    or entry["location"] == "")
    assert "Where is my quote?" in text and "Pays the invoice" in text  # the text version
    assert "Quotes sent the same day" not in text  # only in the stages table, which is skipped
    assert "flowchart" not in text
    # Another plugin's (here a hook's) on_page_content sees the page whole.
    seen = (tmp_path / "a" / "docs" / "seen.html").read_text("utf-8")
    assert seen.count("<table") == 3 and seen.count('<pre class="mermaid">') == 2
