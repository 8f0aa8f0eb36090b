"""Read the site catalog file with the block reader's rules.

Whether the names it uses exist is checked by
:func:`mkdocs_custflow.checks.check_catalog`, on its own, used or not.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs_custflow.diagnostics import Diagnostic, Reporter, Severity
from mkdocs_custflow.reading.located_yaml import YamlLimits, YamlReadError, parse
from mkdocs_custflow.reading.model import ModelReader
from mkdocs_custflow.reading.resolve import complete_catalog
from mkdocs_custflow.reading.sources import SourceError, read_text
from mkdocs_custflow.structure import Catalog


def read_catalog(
    text: str, file: str, limits: YamlLimits | None = None
) -> tuple[Catalog, list[Diagnostic]]:
    report = Reporter(file, base_line=1)
    try:
        data = parse(text, limits)
    except YamlReadError as exc:
        report.error(exc.message, exc.line)
        return Catalog(file=file), report.items
    catalog = complete_catalog(ModelReader(report).catalog(data, file))
    return catalog, report.items


def load_catalog(
    path: Path, shown_as: str | None = None, limits: YamlLimits | None = None
) -> tuple[Catalog, list[Diagnostic]]:
    """Read ``path``; a file that cannot be read is an error finding, not an exception."""
    shown = shown_as or str(path)
    try:
        text = read_text(path)
    except SourceError as exc:
        message = f"the catalog file {exc}; check the 'catalog' option"
        return Catalog(file=shown), [Diagnostic(Severity.ERROR, message, shown, 0)]
    return read_catalog(text, shown, limits)
