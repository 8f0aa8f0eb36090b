"""Where a diagram label may break, for Chinese as for English text.

Mermaid's own wrapping hyphenates words and breaks Chinese text anywhere: a
line may hold one character, or only the closing bracket of the line before;
``3.5小时`` or ``2026年10月15日`` may be cut in two. :func:`wrap_lines`
breaks text into lines of about a given width itself:

- at spaces between words, or between two CJK characters;
- never before closing punctuation (``，。）》``) nor after opening
  punctuation (``（《``);
- never inside a number with its unit (``3.5小时``, ``30分钟``, ``90%``) or
  a date (``2026年10月15日``, ``10月15日``);
- in lines of even length, so the last line is never a lone character.
"""

from __future__ import annotations

import math
import re
import unicodedata

_WIDE = frozenset("WF")
NO_LINE_START = frozenset("，。、；：？！）》」』】〉…,.;:?!)]}%％”’·・〕〗")
"""Characters a line may not start with (closing punctuation)."""
NO_LINE_END = frozenset("（《「『【〈([{“‘〔〖")
"""Characters a line may not end with (opening punctuation)."""

_UNITS = "小时|分钟|个工作日|工作日|个月|[年月日号时分秒天周个次元件台人位%％℃]"
_PIECE = re.compile(
    rf"(?P<date>\d{{4}}年\d{{1,2}}月(?:\d{{1,2}}[日号])?|\d{{1,2}}月\d{{1,2}}[日号])"
    rf"|(?P<number>[+-]?\d+(?:[.,:]\d+)*(?:{_UNITS})?)"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.S,
)


def columns(text: str) -> int:
    """How wide ``text`` is: a CJK (wide) character counts two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in _WIDE else 1 for ch in text)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in _WIDE


def pieces(text: str) -> list[str]:
    """``text`` cut into the pieces no line break may split: words of narrow
    characters, single CJK characters, numbers with their unit, dates, single
    spaces; closing punctuation joins the piece before it, opening punctuation
    the piece after it."""
    raw: list[str] = []
    for match in _PIECE.finditer(text):
        piece = match[0]
        if match["space"]:
            raw.append(" ")
        elif match["other"] and not _is_wide(piece) and piece not in NO_LINE_START \
                and piece not in NO_LINE_END and raw and raw[-1] != " " \
                and not _is_wide(raw[-1][-1]) and raw[-1][-1] not in NO_LINE_START:
            raw[-1] += piece  # a narrow character continues a narrow word
        else:
            raw.append(piece)
    glued: list[str] = []
    for piece in raw:
        before = glued[-1].rstrip() if glued else ""
        if before and before[-1] in NO_LINE_END:
            glued[-1] += piece  # "（" holds on to what follows, a space too
        elif piece[0] in NO_LINE_START and before:
            glued[-1] += piece  # "）" never starts a line
        elif piece[0] in NO_LINE_START and len(glued) > 1:
            glued.pop()  # "客 ）": a space between does not let it start one either
            glued[-1] += " " + piece
        else:
            glued.append(piece)
    return glued


_SOFT_ENDS = frozenset("，。、；：？！,;:?!")
"""A line ends best after these: a break there follows the sentence."""


def _fill(parts: list[str], width: int) -> list[str]:
    """``parts`` in lines of at most ``width`` columns (a longer piece alone),
    each broken after a comma or at a space when one is in the last part of
    the line, else wherever the next piece does not fit."""
    lines: list[str] = []
    line: list[str] = []
    for piece in parts:
        if piece == " ":
            if line:
                line.append(" ")
            continue
        if line and columns("".join(line) + piece) > width:
            soft = max((i for i, p in enumerate(line) if p == " " or p[-1] in _SOFT_ENDS),
                       default=-1)
            if soft >= 0 and columns("".join(line[:soft + 1]).rstrip()) >= 0.6 * width:
                lines.append("".join(line[:soft + 1]).rstrip())
                line = line[soft + 1:]
                while line and line[0] == " ":
                    line.pop(0)
            else:
                lines.append("".join(line).rstrip())
                line = []
            if line and columns("".join(line) + piece) > width:
                lines.append("".join(line).rstrip())
                line = []
        line.append(piece)
    if line or not lines:
        lines.append("".join(line).rstrip())
    return lines


def wrap_lines(text: str, width: int) -> list[str]:
    """``text`` (one line, white space folded) in lines of about ``width``
    columns, of even length, broken only where :func:`pieces` allows; a piece
    longer than a line stays whole, and nothing is hyphenated."""
    if columns(text) <= width:
        return [text]
    parts = pieces(text)
    greedy = _fill(parts, width)
    count = len(greedy)
    # Even lines: the fewest lines greedy filling needs, each about as long.
    target = math.ceil(columns(text) / count)
    for slack in range(0, width - target + 1):
        even = _fill(parts, target + slack)
        if len(even) <= count:
            return _no_orphan(even)
    return _no_orphan(greedy)


def _no_orphan(lines: list[str]) -> list[str]:
    """The last line never a lone CJK character: the line before gives it one
    more piece when it can spare one."""
    if len(lines) < 2 or columns(lines[-1]) > 2:
        return lines
    before = pieces(lines[-2])
    if len([p for p in before if p != " "]) < 3:
        return lines
    return [*lines[:-2], "".join(before[:-1]).rstrip(), before[-1] + lines[-1]]
