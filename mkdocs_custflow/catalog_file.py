"""Read the site catalog file (spec section 6) with the block reader's rules."""

from __future__ import annotations

from pathlib import Path

from mkdocs_custflow.diagnostics import Diagnostic, Reporter, Severity
from mkdocs_custflow.located_yaml import YamlReadError, load
from mkdocs_custflow.reading import BlockReader
from mkdocs_custflow.structure import Catalog


def read_catalog(text: str, file: str) -> tuple[Catalog, list[Diagnostic]]:
    report = Reporter(file, base_line=1)
    try:
        data = load(text)
    except YamlReadError as exc:
        report.error(exc.message, exc.line)
        return Catalog(file=file), report.items
    catalog = BlockReader(report).catalog(data, file)
    return catalog, report.items


def load_catalog(path: Path, shown_as: str | None = None) -> tuple[Catalog, list[Diagnostic]]:
    """Read ``path``; a missing file is an error finding, not an exception."""
    shown = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        message = f"cannot read the catalog: {exc.strerror or exc}; check the 'catalog' option"
        return Catalog(file=shown), [Diagnostic(Severity.ERROR, message, shown, 0)]
    return read_catalog(text, shown)
