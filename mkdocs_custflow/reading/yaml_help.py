"""YAML mistakes explained in plain words, in the site's language.

PyYAML says "did not find expected key (while parsing a block mapping)" or
"mapping values are not allowed in this context" where a writer has indented
a line with a tab, indented a list item two spaces off, typed a full-width
colon (``：``, what a Chinese input method gives) after a key, or left a
quote open. :func:`explain` recognises these from PyYAML's words and the
text around the line it stopped at, and says which line to change and how
(the messages are in :mod:`mkdocs_custflow.messages.yaml_problem_text`).
What it does not know is still said, PyYAML's words quoted inside a
sentence in the site's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mkdocs_custflow.messages import Text, say

_FULL_WIDTH_KEY = re.compile(r"^\s*(?:-\s+)?(?P<key>[^\s:：#'\"{}\[\],][^:：#{}\[\],]*?)\s*：")
_INDENT_PROBLEMS = (
    "mapping values are not allowed",
    "did not find expected '-' indicator",
    "did not find expected key",
    "expected <block end>",
)
_TAB_PROBLEMS = ("tab character", "'\\t'")
_NEAR = 3
"""Lines before the one PyYAML stopped at where a tab in the indentation is the cause."""


@dataclass(frozen=True)
class YamlProblem:
    """What PyYAML said: its words, the line (0-based) and column it stopped
    at, and the line where what it was reading began (a quote, a bracket, a
    key), when it says so."""

    problem: str
    line: int
    column: int = 0
    context: str | None = None
    context_line: int | None = None

    @property
    def words(self) -> str:
        """PyYAML's own words, as it prints them."""
        if self.context and self.problem:
            return f"{self.problem} ({self.context})"
        return self.problem or self.context or "invalid YAML"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def tabbed(line: str) -> bool:
    """Whether a tab stands in ``line``'s indentation (or right after its ``-``)."""
    return "\t" in line[: len(line) - len(line.lstrip(" \t"))] or bool(re.match(r"^ *-\t", line))


def explain(text: str, found: YamlProblem, first_line: int = 1) -> tuple[Text, int]:
    """The message for the YAML error PyYAML reported in ``text`` (whose first
    line is ``first_line`` of its file), and the line (0-based) it is about."""
    lines = text.split("\n")
    index = min(found.line, max(len(lines) - 1, 0))
    tab = _tab_line(lines, index, found.problem)
    if tab is not None:
        return say("yaml.tab", line=first_line + tab), tab
    near = range(max(index - 1, 0), min(index + 1, len(lines) - 1) + 1)
    for number in (index, *near):
        match = _FULL_WIDTH_KEY.match(lines[number]) if number < len(lines) else None
        if match and ": " not in lines[number] and not lines[number].rstrip().endswith(":"):
            return say("yaml.colon", key=match["key"]), number
    problem = found.problem or ""
    stray = lines[index][found.column:found.column + 1] in ("]", "}") if lines else False
    if any(problem.startswith(start) for start in _INDENT_PROBLEMS) and not stray:
        explained = _indentation(lines, index, first_line)
        if explained is not None:
            return explained
        if problem.startswith("mapping values"):
            return say("yaml.problem.colon-in-value", line=first_line + index), index
        return say("yaml.problem.indent", line=first_line + index), index
    return _by_words(lines, found, index, first_line)


def _tab_line(lines: list[str], index: int, problem: str) -> int | None:
    """The line whose tab is the cause: the nearest tab-indented line at or
    just before ``index`` (anywhere before it when PyYAML names the tab)."""
    reach = index + 1 if any(p in problem for p in _TAB_PROBLEMS) else _NEAR
    start = max(index - reach, 0)
    for number in (index, *range(min(index + 1, len(lines) - 1), start - 1, -1)):
        if number < len(lines) and tabbed(lines[number]) and number <= index + 1:
            return number
    return None


def _indentation(lines: list[str], index: int, first_line: int) -> tuple[Text, int] | None:
    """A line whose indentation no line above has, or a list item not in
    the column of the item before it."""
    wrong = _off_line(lines, index)
    if wrong is not None:
        above = sorted({_indent(line) for line in lines[:wrong] if line.strip()})
        return say(
            "yaml.indent", line=first_line + wrong, found=_indent(lines[wrong]),
            expected=", ".join(str(n) for n in above),
        ), wrong
    for number in (index, index - 1):
        previous = _item_before(lines, number)
        if previous is not None:
            return say(
                "yaml.problem.item-indent", line=first_line + number,
                found=_indent(lines[number]), previous=first_line + previous,
                expected=_indent(lines[previous]),
            ), number
    return None


def _item_before(lines: list[str], number: int) -> int | None:
    """The ``- `` item just above the item on line ``number``, when it is
    indented less and cannot hold it (its text ends on its own line)."""
    if not 0 < number < len(lines) or not lines[number].lstrip().startswith("- "):
        return None
    previous = next((n for n in range(number - 1, -1, -1) if lines[n].strip()), None)
    if previous is None:
        return None
    line = lines[previous]
    body = line.lstrip()
    opens = body.rstrip().endswith((":", "- ", "-", "|", ">"))
    if body.startswith("- ") and not opens and _indent(line) < _indent(lines[number]):
        return previous
    return None


def _off_line(lines: list[str], index: int) -> int | None:
    """The line at or just before ``index`` whose indentation no line above it has."""
    for number in (index, index - 1):
        if number <= 0 or number >= len(lines) or not lines[number].strip():
            continue
        indent = _indent(lines[number])
        previous = next((lines[n] for n in range(number - 1, -1, -1) if lines[n].strip()), "")
        if previous.split(" #")[0].rstrip().endswith(":") and indent > _indent(previous):
            continue  # the first line under a key: any deeper column starts its value
        above = {_indent(line) for line in lines[:number] if line.strip()}
        dash_items = {
            _indent(line) + 2 for line in lines[:number] if line.lstrip().startswith("- ")
        }
        if indent not in above | dash_items:
            return number
    return None


_QUOTE_START = re.compile(r"""(?P<quote>["'])""")


def _by_words(
    lines: list[str], found: YamlProblem, index: int, first_line: int
) -> tuple[Text, int]:
    """The plain message for PyYAML's other words (PyYAML's or libyaml's)."""
    problem, context = found.problem or "", found.context or ""
    start = found.context_line if found.context_line is not None else index
    start = min(start, max(len(lines) - 1, 0))
    line = lines[index] if index < len(lines) else ""
    at = line[found.column:] if found.column < len(line) else ""

    def said(message_id: str, number: int, **values: object) -> tuple[Text, int]:
        return say(message_id, line=first_line + number, **values), number

    if "cannot start any token" in problem:
        return said("yaml.problem.bad-start", index, char=at[:1] or "?")
    if "sequence entries are not allowed" in problem:
        return said("yaml.problem.dash-in-value", index)
    if "could not find expected ':'" in problem:
        words = lines[start].strip()
        return said("yaml.problem.no-colon", start, words=words[:40] + ("…" if len(words) > 40
                                                                          else ""))
    if "quoted scalar" in context and "end of stream" in problem:
        quote = _QUOTE_START.search(lines[start][found.column if start == index else 0:]) \
            or _QUOTE_START.search(lines[start])
        return said("yaml.problem.open-quote", start, quote=quote["quote"] if quote else '"')
    if "unknown escape" in problem:
        escape = re.search(r"\\(.)", line[found.column:]) or re.search(r"\\(.)", line)
        return said("yaml.problem.escape", index, escape="\\" + (escape[1] if escape else ""))
    if "undefined alias" in problem:
        name = re.match(r"\*([^\s,\]}]+)", at)
        return said("yaml.problem.alias", index, name=name[1] if name else "")
    if "while scanning an alias" in context or "while scanning an anchor" in context:
        return said("yaml.problem.anchor-text", index)
    if "duplicate anchor" in context:
        return said("yaml.problem.duplicate-anchor", index, first=first_line + start)
    if "flow sequence" in context or "flow mapping" in context:
        opened = "[" if "sequence" in context else "{"
        return said("yaml.problem.flow", start, open=opened, close="]" if opened == "[" else "}")
    if "flow node" in context:
        bracket = _open_bracket(lines, index)
        if bracket is not None:
            number, opened = bracket
            return said("yaml.problem.flow", number, open=opened,
                        close="]" if opened == "[" else "}")
    if "single document" in context:
        return said("yaml.problem.document", index)
    if "block scalar" in context:
        return said("yaml.problem.block-scalar", index)
    if "tag" in context:
        return said("yaml.problem.tag", index)
    return said("yaml.syntax", index, problem=found.words)


def _open_bracket(lines: list[str], index: int) -> tuple[int, str] | None:
    """The last ``[`` or ``{`` not closed by line ``index`` (outside quotes), and its line."""
    stack: list[tuple[int, str]] = []
    for number, line in enumerate(lines[: index + 1]):
        for char in re.sub(r"'[^']*'|\"[^\"]*\"", "", line.split(" #")[0]):
            if char in "[{":
                stack.append((number, char))
            elif char in "]}" and stack:
                stack.pop()
    return stack[-1] if stack else None


def control_character(
    text: str, position: int, character: object, first_line: int = 1
) -> tuple[Text, int]:
    """The message for a control character at ``position`` of ``text`` (which
    PyYAML's reader refuses) and the line (0-based) it is on."""
    line = text.count("\n", 0, max(position, 0))
    code = character if isinstance(character, int) else ord(str(character)[:1] or "?")
    return say("yaml.problem.control", line=first_line + line, code=f"U+{code:04X}"), line
