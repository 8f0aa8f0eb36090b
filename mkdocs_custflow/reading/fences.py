"""Find ```` ```journey ```` fences in Markdown text.

Other fenced blocks are skipped whole, so a journey shown as an example inside
a ```` ````markdown ```` fence stays an example; so are HTML comments and
indented code blocks, which show no journey either. Fences may be indented
(inside lists, admonitions and content tabs); the body loses the fence's
indentation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*?)[ \t]*$")
INFO_STRING = "journey"
_COMMENT_START = re.compile(r"^ {0,3}<!--")
# Lines that open a container whose content is indented: list items,
# admonitions and details (`!!!`, `???`), content tabs (`===`).
_CONTAINER = re.compile(r"^ *(?:[-*+]|\d+[.)]|!!!|\?\?\?\+?|===\!?)(?: |$)")


@dataclass(frozen=True)
class Fence:
    """A journey fence: ``start``/``end`` are 0-based line indexes of its
    opening and closing lines (``end`` is the last line when unclosed)."""

    start: int
    end: int
    indent: str
    body: str
    closed: bool

    @property
    def body_start(self) -> int:
        """0-based index of the first body line."""
        return self.start + 1


def _is_journey(info: str, name: str) -> bool:
    words = info.strip("{} ").split()
    return bool(words) and words[0].lstrip(".") == name


def find_journey_fences(lines: list[str], name: str = INFO_STRING) -> list[Fence]:
    """The fences whose info string starts with ``name`` (``journey`` unless
    the site renamed it, to leave ``journey`` to a fence of its own)."""
    fences: list[Fence] = []
    index = 0
    in_comment = False
    while index < len(lines):
        line = lines[index]
        if in_comment:
            in_comment = "-->" not in line
            index += 1
            continue
        match = _OPEN.match(line)
        if not match or (match["fence"][0] == "`" and "`" in match["info"]):
            # An HTML comment block starts a line (as Python-Markdown reads one);
            # "<!--" inside a paragraph or inline code is text.
            in_comment = _COMMENT_START.match(line) is not None and "-->" not in line
            index += 1
            continue
        fence = match["fence"]
        closer = re.compile(rf"^ *{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closer.match(lines[end]):
            end += 1
        closed = end < len(lines)
        indent = match["indent"]
        if _is_journey(match["info"], name) and not _in_indented_code(lines, index, len(indent)):
            body_lines = lines[index + 1 : end]
            if indent:
                body_lines = [_dedent(line, len(indent)) for line in body_lines]
            fences.append(
                Fence(index, min(end, len(lines) - 1), indent, "\n".join(body_lines), closed)
            )
        index = end + 1
    return fences


def _in_indented_code(lines: list[str], index: int, indent: int) -> bool:
    """Whether a line indented by ``indent`` is inside an indented code block:
    indented four or more spaces past the nearest less indented line before
    it, unless that line opens a list item, admonition or content tab."""
    if indent < 4:
        return False
    for previous in reversed(lines[:index]):
        if not previous.strip():
            continue
        depth = len(previous) - len(previous.lstrip(" "))
        if depth < indent:
            return indent - depth >= 4 and not _CONTAINER.match(previous)
    return True


def _dedent(line: str, width: int) -> str:
    stripped = len(line) - len(line.lstrip(" "))
    return line[min(stripped, width):]
