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
_SPECIAL = re.compile(r"([\s#\\])")


@dataclass
class Owners:
    """The lines, and the roles that own stages but have no handle."""

    lines: list[str] = field(default_factory=list)
    without_handle: dict[str, list[str]] = field(default_factory=dict)
    """Role id -> the pages where it owns a stage."""


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
            path = _SPECIAL.sub(r"\\\1", "/" + in_repository(shown, prefix).lstrip("/"))
            found.lines.append(f"{path} {' '.join(handles)}")
    return found


def section(lines: list[str]) -> str:
    return "\n".join([BEGIN, *lines, END]) + "\n"


def updated(text: str, lines: list[str]) -> str:
    """``text`` (a CODEOWNERS file) with its custflow section replaced by
    ``lines``, or the section added at its end."""
    block = section(lines)
    start, end = text.find(BEGIN), text.find(END)
    if start != -1 and end > start:
        after = text[end + len(END):]
        return text[:start] + block + after.removeprefix("\n")
    joiner = "" if not text or text.endswith("\n") else "\n"
    return text + joiner + ("\n" if text.strip() else "") + block
