"""A block indented with tabs: read as Markdown reads it, and said so.

Python-Markdown turns every tab into spaces (to the next multiple of 4)
before any extension sees the page, and the site reading does the same, so
a tab-indented block means the same on every page and in every command.
What it means may still not be what the writer's editor shows (a tab drawn
2 columns wide is read as 4), so each block with a tab in the indentation of
a line is reported, at the first such line.
"""

from __future__ import annotations

from mkdocs_custflow.checks.rule import Rule
from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.reading.fences import Fence

TAB_INDENT = Rule(
    "tab-indent", "warning", "A line of a block indented with a tab.",
    "YAML indents with spaces. Markdown reads each tab as spaces up to the next "
    "multiple of 4 columns, and the block is read that way, which may not be the "
    "indentation your editor shows. Indent the block's lines with spaces.",
)

OWN_RULES = (TAB_INDENT,)

def tab_findings(
    raw_lines: list[str], fence: Fence, file: str, offset: int = 0, locale: str | None = None
) -> list[Diagnostic]:
    """The finding about ``fence``'s body lines (``raw_lines``: the page's lines
    before tabs were expanded; ``offset``: file lines before them)."""
    tabbed = [
        index for index in range(fence.body_start, min(fence.end, len(raw_lines)))
        if "\t" in raw_lines[index][: len(raw_lines[index]) - len(raw_lines[index].lstrip(" \t"))]
    ]
    if not tabbed:
        return []
    line = tabbed[0] + 1 + offset
    message = text_in(locale, "block.tab-indent", line=line, count=len(tabbed))
    return [Diagnostic(TAB_INDENT.severity, message, file, line, rule="tab-indent")]
