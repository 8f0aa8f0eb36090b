"""CODEOWNERS lines from the catalog: the team accountable for a stage reviews
the pages that hold it.

A catalog actor may give ``handle: '@org/team'`` (or ``@user``, or an e-mail
address). Each page with journey blocks gets a line naming the handles of the
owners (the A of RACI) of its stages, in the order they first own a stage
there. GitHub, GitLab and Gitea read the same format: a path relative to the
repository (``/docs/repair.md``), then the owners. Pages whose owners have no
handle get no line; the catalog itself is left to you.

``custflow codeowners --output .github/CODEOWNERS`` keeps these lines between
two marker lines of that file and leaves the rest of it as it is; the lines
below the section win over it (in CODEOWNERS the last matching line counts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mkdocs_custflow.pipeline import SiteReading
from mkdocs_custflow.pull_request.findings import in_repository

BEGIN = "# BEGIN custflow codeowners: made by `custflow codeowners`, do not edit by hand"
END = "# END custflow codeowners"
# Characters a CODEOWNERS pattern reads as syntax: a page saved as ``docs/**/*.md``
# must own only itself, not every page.
_SPECIAL = re.compile(r"([ \t#\\*?\[\]!])")
_UNWRITABLE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


class SectionError(Exception):
    """The CODEOWNERS file's custflow markers are not one BEGIN then one END."""


@dataclass
class Owners:
    """The lines, and the roles that own stages but have no handle."""

    lines: list[str] = field(default_factory=list)
    without_handle: dict[str, list[str]] = field(default_factory=dict)
    """Role id -> the pages where it owns a stage."""
    unwritable: list[str] = field(default_factory=list)
    """Pages whose names cannot be one CODEOWNERS line (a line break in the name)."""


def owners(reading: SiteReading, prefix: str = "") -> Owners:
    """One CODEOWNERS line per page whose stages' owners have handles; ``prefix``
    is the folder of mkdocs.yml inside the repository."""
    found = Owners()
    by_page: dict[str, dict[str, None]] = {}
    for page, _fence, result in reading.blocks:
        journey = result.journey
        if journey is None:
            continue
        handles = by_page.setdefault(page.shown, {})
        for stage in journey.stages:
            actor = journey.actors.get(stage.owner or "")
            if actor is None:
                continue
            if actor.handle:
                handles.setdefault(actor.handle, None)
            else:
                pages = found.without_handle.setdefault(actor.id, [])
                if page.shown not in pages:
                    pages.append(page.shown)
    for shown, handles in sorted(by_page.items()):
        if handles:
            if _UNWRITABLE.search(shown):
                found.unwritable.append(shown)
                continue
            found.lines.append(f"{pattern(in_repository(shown, prefix))} {' '.join(handles)}")
    return found


def pattern(path: str) -> str:
    """The CODEOWNERS pattern matching exactly ``path`` (relative to the
    repository): glob characters, spaces, ``#`` and ``!`` escaped."""
    return _SPECIAL.sub(r"\\\1", "/" + path.lstrip("/"))


def section(lines: list[str]) -> str:
    return "\n".join([BEGIN, *lines, END]) + "\n"


def updated(text: str, lines: list[str], name: str = "CODEOWNERS") -> str:
    """``text`` (a CODEOWNERS file) with its custflow section replaced by
    ``lines``, or the section added at its end. Markers that are not exactly
    one BEGIN line followed by one END line raise :class:`SectionError`: guessing
    would add a section on every run, or replace the user's own lines."""
    block = section(lines)
    rows = re.findall(r"[^\n]*\n|[^\n]+$", text)  # lines as git hosts see them
    begins = [i for i, row in enumerate(rows) if row.strip() == BEGIN]
    ends = [i for i, row in enumerate(rows) if row.strip() == END]
    if not begins and not ends:
        joiner = "" if not text or text.endswith("\n") else "\n"
        return text + joiner + ("\n" if text.strip() else "") + block
    if len(begins) == 1 and len(ends) == 1 and begins[0] < ends[0]:
        return "".join(rows[:begins[0]]) + block + "".join(rows[ends[0] + 1:])
    markers = sorted([(i, "BEGIN") for i in begins] + [(i, "END") for i in ends])
    stray, what = markers[-1]  # a BEGIN with no END after it
    for position, (index, kind) in enumerate(markers):
        if kind != ("BEGIN", "END", "")[min(position, 2)]:
            stray, what = index, kind
            break
    raise SectionError(
        f"{name}:{stray + 1}: a stray '{what}' custflow marker; the custflow section is one "
        f"'{BEGIN}' line, then its lines, then one '{END}' line: remove the marker lines "
        "that do not make that pair, then run custflow codeowners --output again"
    )
