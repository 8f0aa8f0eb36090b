"""The journey id of a block that could not be read, where it can be told.

A block with errors has no journey, but the blocks that name it (``detail:``,
``improves:``) should not be told it does not exist: they are told it has
errors, where. Its id is read from the text as written: the block's own
top-level ``id:`` line, else its ``title:`` line made an id as the journey
reader makes one (:func:`~mkdocs_custflow.structure.ids.slugify`).
"""

from __future__ import annotations

import re

from mkdocs_custflow.structure.ids import is_id, slugify

_TOP_KEY = re.compile(
    r"^(?P<key>id|title)[ \t]*:[ \t]*(?P<quote>['\"]?)(?P<value>[^'\"#\n]*?)(?P=quote)"
    r"[ \t]*(?:#.*)?$",
    re.M,
)


def unread_block_id(body: str) -> tuple[str, int] | None:
    """The id a block's text gives its journey, and the line (0-based) that
    gives it; None when no top-level ``id:`` or ``title:`` line gives one."""
    found: dict[str, tuple[str, int]] = {}
    for match in _TOP_KEY.finditer(body):
        found.setdefault(match["key"], (match["value"].strip(),
                                         body.count("\n", 0, match.start())))
    if "id" in found and is_id(found["id"][0]):
        return found["id"]
    if "id" not in found and "title" in found:
        journey_id = slugify(found["title"][0])
        if journey_id and is_id(journey_id):
            return journey_id, found["title"][1]
    return None
