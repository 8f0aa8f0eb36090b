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
from mkdocs_custflow.i18n import normalize_locale
from mkdocs_custflow.reading.fences import Fence

TAB_INDENT = Rule(
    "tab-indent", "warning", "A line of a block indented with a tab.",
    "YAML indents with spaces. Markdown reads each tab as spaces up to the next "
    "multiple of 4 columns, and the block is read that way, which may not be the "
    "indentation your editor shows. Indent the block's lines with spaces.",
)

OWN_RULES = (TAB_INDENT,)

_MESSAGES = {
    "en": "line {line} is indented with a tab ({count} line(s) of the block are); YAML "
    "indents with spaces: Markdown read each tab as spaces up to the next multiple of "
    "4 columns, which may not be what your editor shows. Indent with spaces",
    "zh": "第 {line} 行用制表符（Tab）缩进（本块共 {count} 行如此）；YAML 只能用空格缩进："
    "Markdown 把每个制表符读成补到 4 的倍数列的空格，可能与编辑器里看到的不同。请改用空格缩进",
}


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
    message = _MESSAGES[normalize_locale(locale)].format(line=line, count=len(tabbed))
    return [Diagnostic(TAB_INDENT.severity, message, file, line, rule="tab-indent")]
