"""YAML mistakes explained in plain words, in the site's language.

PyYAML says "found character that cannot start any token" or "mapping values
are not allowed in this context" where a writer has indented a line with a
tab, indented a line one space off, or typed a full-width colon (``：``,
what a Chinese input method gives) after a key. :func:`explain` recognises
these from the text around the line PyYAML stopped at and says what to
change (in the site's language); anything else keeps PyYAML's words.
"""

from __future__ import annotations

import re

from mkdocs_custflow.messages import Text, say

_FULL_WIDTH_KEY = re.compile(r"^\s*(?:-\s+)?(?P<key>[^\s:：#'\"{}\[\],][^:：#{}\[\],]*?)\s*：")
_INDENT_PROBLEMS = (
    "mapping values are not allowed",
    "did not find expected '-' indicator",
    "did not find expected key",
    "expected <block end>",
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def explain(text: str, index: int, problem: str, first_line: int = 1) -> tuple[Text, int]:
    """The message for a YAML error PyYAML reported at line ``index`` (0-based)
    of ``text``, whose first line is ``first_line`` of its file, and the line
    (0-based) the message is about."""
    lines = text.split("\n")
    near = range(max(index - 1, 0), min(index + 1, len(lines) - 1) + 1)
    for number in (index, *near):
        if number < len(lines) and "\t" in lines[number][: _indent(lines[number]) + 1]:
            return say("yaml.tab", line=first_line + number), number
        if number < len(lines) and re.match(r"^ *-\t", lines[number]):
            return say("yaml.tab", line=first_line + number), number
    for number in (index, *near):
        match = _FULL_WIDTH_KEY.match(lines[number]) if number < len(lines) else None
        if match and ": " not in lines[number] and not lines[number].rstrip().endswith(":"):
            return say("yaml.colon", key=match["key"]), number
    if any(problem.startswith(start) for start in _INDENT_PROBLEMS) and index < len(lines):
        wrong = _off_line(lines, index)
        if wrong is not None:
            above = sorted({_indent(line) for line in lines[:wrong] if line.strip()})
            return say(
                "yaml.indent", line=first_line + wrong, found=_indent(lines[wrong]),
                expected=", ".join(str(n) for n in above),
            ), wrong
    return say("yaml.syntax", problem=problem), index


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
