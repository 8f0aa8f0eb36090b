"""Ids: what a valid one looks like, and the ones made when a writer gives none."""

from __future__ import annotations

import hashlib
import re
import unicodedata

ID_PATTERN = re.compile(r"\w[\w.-]*")
MAX_ID_LENGTH = 100
"""Ids name pages and files (``stages/<id>.md``): a file name has at most 255
bytes, and a CJK character takes three."""


def id_problem(value: str) -> str | None:
    """Why ``value`` is not a valid id, or None."""
    if not ID_PATTERN.fullmatch(value):
        return "letters, digits, '-', '_' and '.' only, starting with a letter or digit"
    if len(value) > MAX_ID_LENGTH:
        return f"{len(value)} characters, over the limit of {MAX_ID_LENGTH}"
    return None


def is_id(value: object) -> bool:
    return isinstance(value, str) and id_problem(value) is None


def slugify(text: str) -> str:
    """A stable id from any title, CJK included (word characters are kept)."""
    normal = unicodedata.normalize("NFKC", text).lower()
    slug = re.sub(r"[^\w]+", "-", normal).strip("-_")
    return slug[:MAX_ID_LENGTH].rstrip("-_.")


def humanize(identifier: str) -> str:
    """``after-sales`` -> ``After sales``: a readable name when none is given."""
    words = re.sub(r"[-_.]+", " ", identifier).strip()
    return words[:1].upper() + words[1:] if words else identifier


def fallback_id(text: str) -> str:
    """An id for a block with neither ``id`` nor a usable title: stable per content."""
    return "journey-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def anchor(journey_id: str) -> str:
    """The HTML id of a journey's block on its page."""
    return f"journey-{journey_id}"
