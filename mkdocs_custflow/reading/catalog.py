"""Read the site catalog file with the block reader's rules.

Whether the names it uses exist is checked by
:func:`mkdocs_custflow.checks.catalog.check_catalog`, on its own, used or not.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs_custflow.diagnostics import Diagnostic, Reporter, Severity
from mkdocs_custflow.messages import say
from mkdocs_custflow.reading.journey_reader import JourneyReader
from mkdocs_custflow.reading.located_yaml import YamlLimits, YamlReadError, parse
from mkdocs_custflow.reading.resolve import complete_catalog
from mkdocs_custflow.reading.sources import SourceError, read_text
from mkdocs_custflow.structure import Catalog


def read_catalog(
    text: str, file: str, limits: YamlLimits | None = None, locale: str = "en"
) -> tuple[Catalog, list[Diagnostic]]:
    report = Reporter(file, base_line=1, rule="invalid-value", locale=locale)
    try:
        data = parse(text, limits)
    except YamlReadError as exc:
        report.error(exc.said, exc.line, rule=exc.rule)
        return Catalog(file=file), report.items
    catalog = complete_catalog(JourneyReader(report).catalog(data, file))
    check_handles(catalog, report)
    return catalog, report.items


HANDLE = re.compile(
    r"@[A-Za-z0-9](?:[A-Za-z0-9_.-]*)(?:/[A-Za-z0-9_.-]+)*"  # @user, @org/team, @group/sub/team
    r"|[^@\s]+@[^@\s]+\.[^@\s]+"  # an e-mail address
)


def check_handles(catalog: Catalog, report: Reporter) -> None:
    """Each actor's ``handle`` must be one that CODEOWNERS files take; a bad
    one is reported and dropped, so ``custflow codeowners`` never writes it."""
    for actor in catalog.actors.values():
        if actor.handle is not None and not HANDLE.fullmatch(actor.handle):
            suggestion = "@" + re.sub(r"[^A-Za-z0-9_./-]+", "-", actor.handle.strip("@ "))
            report.add(
                Severity.ERROR,
                say("catalog.bad-handle", id=actor.id, handle=repr(actor.handle),
                    suggestion=suggestion),
                actor.line - 1, rule="bad-handle",
            )
            actor.handle = None


def load_catalog(
    path: Path, shown_as: str | None = None, limits: YamlLimits | None = None,
    locale: str = "en",
) -> tuple[Catalog, list[Diagnostic]]:
    """Read ``path``; a file that cannot be read is an error finding, not an exception."""
    shown = shown_as or str(path)
    try:
        text = read_text(path)
    except SourceError as exc:
        message = say("catalog.unreadable", problem=exc.said).render(locale)
        finding = Diagnostic(Severity.ERROR, message, shown, 0, "unreadable-file")
        return Catalog(file=shown), [finding]
    return read_catalog(text, shown, limits, locale)
