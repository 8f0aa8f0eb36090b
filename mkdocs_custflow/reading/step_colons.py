"""A step's full-width colon read as the ASCII one where YAML needs it.

A Chinese input method types ``：`` after ``customer -> service``. On a step
of one line that is no trouble: the step is the text ``customer -> service：
净水器漏水``, which the step reader splits at either colon. A step with more
lines (``via:``, ``score:``, ``pain:`` under it) is a mapping whose first key
is the arrow part, and only an ASCII colon and a space make that a key: with
``：`` YAML reads a text and then stumbles on ``via:``. So before the block is
read, such a line has its ``：`` written as ``: `` — the step then reads
exactly as the ASCII form does (errors too). Only the colon right after the
arrow part of a step followed by a more indented key is changed; lines are
never added or removed, so every line number stays the writer's.
"""

from __future__ import annotations

import re

_STEP = re.compile(
    r"^(?P<lead>(?P<indent> *)-[ \t]+)"
    r"(?P<head>[^\s:：#'\"{}\[\],&*!|>%@`]\S*?[ \t]*(?:-->|->)[ \t]*[^\s:：#]+?)"
    r"[ \t]*：[ \t]*(?P<text>.*)$"
)
"""``- a -> b：text``: the ids on both sides of the arrow, then the full-width colon."""
_KEY = re.compile(r"^(?P<indent> *)[^\s:：#'\"\-][^:：#]*?[ \t]*[:：](?:[ \t]|$)")
"""A line that starts with a key (``via: hotline``, ``score:``)."""


def ascii_step_colons(text: str) -> str:
    """``text`` with the full-width colon of each step that has more lines
    written ``: `` (the text itself when there is none)."""
    if "：" not in text:
        return text
    lines = text.split("\n")
    changed = False
    for index, line in enumerate(lines):
        match = _STEP.match(line) if "：" in line else None
        if match is None:
            continue
        following = next((other for other in lines[index + 1:]
                          if other.strip() and not other.lstrip().startswith("#")), "")
        key = _KEY.match(following)
        if key is None or len(key["indent"]) <= len(match["indent"]):
            continue
        lines[index] = f"{match['lead']}{match['head']}: {match['text']}".rstrip()
        changed = True
    return "\n".join(lines) if changed else text
