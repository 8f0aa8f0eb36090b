"""YAML mistakes explained in plain words, in the site's language.

PyYAML says "found character that cannot start any token" or "mapping values
are not allowed in this context" where a writer has indented a line with a
tab, indented a line one space off, or typed a full-width colon (``：``,
what a Chinese input method gives) after a key. :func:`explain` recognises
these from the text around the line PyYAML stopped at and says what to
change; anything else keeps PyYAML's words.
"""

from __future__ import annotations

import re

from mkdocs_custflow.i18n import normalize_locale

_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "tab": "line {line} is indented with a tab; YAML indents with spaces only: "
        "replace the tab with spaces",
        "colon": "'{key}' is followed by a full-width colon '：'; a key needs the ASCII "
        "colon ':' and a space after it ('{key}: ...')",
        "indent": "line {line} is indented {found} space(s), which fits none of the lines "
        "above it ({expected}); the keys of one mapping, and the '-' items of one list, "
        "start in the same column",
        "syntax": "YAML syntax error: {problem}",
    },
    "zh": {
        "tab": "第 {line} 行用制表符（Tab）缩进；YAML 只能用空格缩进：请把制表符换成空格",
        "colon": "'{key}' 后面是全角冒号'：'；键后面要用半角冒号':'并加一个空格（'{key}: ...'）",
        "indent": "第 {line} 行缩进了 {found} 个空格，与上面各行的缩进（{expected}）都对不上；"
        "同一层的键、同一个列表的'-'项，要从同一列开始",
        "syntax": "YAML 语法错误：{problem}",
    },
}

_FULL_WIDTH_KEY = re.compile(r"^\s*(?:-\s+)?(?P<key>[^\s:：#'\"{}\[\],][^:：#{}\[\],]*?)\s*：")
_INDENT_PROBLEMS = (
    "mapping values are not allowed",
    "did not find expected '-' indicator",
    "did not find expected key",
    "expected <block end>",
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def explain(
    text: str, index: int, problem: str, first_line: int = 1, locale: str | None = None
) -> tuple[str, int]:
    """The message for a YAML error PyYAML reported at line ``index`` (0-based)
    of ``text``, whose first line is ``first_line`` of its file, and the line
    (0-based) the message is about."""
    said = _MESSAGES[normalize_locale(locale)]
    lines = text.split("\n")
    near = range(max(index - 1, 0), min(index + 1, len(lines) - 1) + 1)
    for number in (index, *near):
        if number < len(lines) and "\t" in lines[number][: _indent(lines[number]) + 1]:
            return said["tab"].format(line=first_line + number), number
        if number < len(lines) and re.match(r"^ *-\t", lines[number]):
            return said["tab"].format(line=first_line + number), number
    for number in (index, *near):
        match = _FULL_WIDTH_KEY.match(lines[number]) if number < len(lines) else None
        if match and ": " not in lines[number] and not lines[number].rstrip().endswith(":"):
            return said["colon"].format(key=match["key"]), number
    if any(problem.startswith(start) for start in _INDENT_PROBLEMS) and index < len(lines):
        wrong = _off_line(lines, index)
        if wrong is not None:
            above = sorted({_indent(line) for line in lines[:wrong] if line.strip()})
            return said["indent"].format(
                line=first_line + wrong, found=_indent(lines[wrong]),
                expected=", ".join(str(n) for n in above),
            ), wrong
    return said["syntax"].format(problem=problem), index


def _off_line(lines: list[str], index: int) -> int | None:
    """The line at or just before ``index`` whose indentation no line above it has."""
    for number in (index, index - 1):
        if number <= 0 or not lines[number].strip():
            continue
        indent = _indent(lines[number])
        above = {_indent(line) for line in lines[:number] if line.strip()}
        dash_items = {
            _indent(line) + 2 for line in lines[:number] if line.lstrip().startswith("- ")
        }
        if indent not in above | dash_items:
            return number
    return None
