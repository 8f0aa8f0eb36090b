"""The ``measures:`` option: which files hold the measured data, and how to
read each (``columns:``, ``encoding:``, ``sheet:``).

An entry is a path, or ``{path, columns, encoding, sheet}``. Paths are
relative to the config file and must stay inside its folder (the project):
a file outside it is refused, so a site cannot be made to read the machine's
files.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_custflow.diagnostics import did_you_mean

COLUMNS = ("date", "journey", "from", "to", "count", "kpi", "value", "stage", "segment")
"""The contract's column names (``columns:`` maps them to a file's own headers)."""
ENTRY_KEYS = ("path", "columns", "encoding", "sheet")
SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx")


class MeasureOptionError(ValueError):
    """An entry of ``measures:`` that cannot be used, and why."""


@dataclass(frozen=True)
class MeasureSource:
    """One data file and how to read it."""

    path: str = field(repr=False)
    """Absolute, once read against the config file's folder (kept out of the
    repr, which the settings' fingerprint uses: a checkout elsewhere is the same)."""
    columns: tuple[tuple[str, str], ...] = ()
    """``(contract column, the file's header)`` pairs."""
    encoding: str | None = None
    sheet: str | None = None
    written: str = ""
    """The path as ``mkdocs.yml`` writes it."""

    def header_for(self, column: str) -> str:
        return dict(self.columns).get(column, column)


@dataclass(frozen=True)
class MeasureOptions:
    """The pipeline's settings of measured data: the files, and how old their
    newest period may be (``stale_after``)."""

    files: tuple[MeasureSource, ...] = ()
    stale_after: str = "45d"


def read_sources(value: object, folder: Path | None, where: str = "mkdocs.yml", *,
                 inside: Path | None = None) -> tuple[MeasureSource, ...]:
    """The entries of ``measures:`` (a list; None is none), each checked:
    relative to ``folder`` and inside ``inside`` (default: ``folder``)."""
    if value is None:
        return ()
    if isinstance(value, (str, Mapping)):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise MeasureOptionError(
            f"{where}: custflow option 'measures' must be a list of files, not {value!r}")
    return tuple(_entry(item, folder, where, inside or folder) for item in value)


def _entry(item: object, folder: Path | None, where: str, inside: Path | None
           ) -> MeasureSource:
    if isinstance(item, MeasureSource):
        return item
    if isinstance(item, str):
        item = {"path": item}
    if not isinstance(item, Mapping):
        raise MeasureOptionError(
            f"{where}: an entry of 'measures' is a path or {{path, columns, encoding, sheet}}, "
            f"not {item!r}")
    for key in item:
        if key not in ENTRY_KEYS:
            raise MeasureOptionError(
                f"{where}: unknown key '{key}' in an entry of 'measures'"
                f"{did_you_mean(str(key), ENTRY_KEYS)}; keys are {', '.join(ENTRY_KEYS)}")
    path = item.get("path")
    if not isinstance(path, str) or not path.strip():
        raise MeasureOptionError(f"{where}: an entry of 'measures' needs 'path': the file")
    columns = item.get("columns") or {}
    if not isinstance(columns, Mapping) or not all(
            isinstance(k, str) and isinstance(v, (str, int)) for k, v in columns.items()):
        raise MeasureOptionError(
            f"{where}: 'columns' of {path} maps the contract's column names to the file's "
            "headers, e.g. {date: 统计月份, kpi: 指标, value: 数值}")
    for key in columns:
        if key not in COLUMNS:
            raise MeasureOptionError(
                f"{where}: 'columns' of {path} names no column '{key}'"
                f"{did_you_mean(key, COLUMNS)}; columns are {', '.join(COLUMNS)}")
    encoding = item.get("encoding")
    if encoding is not None:
        try:
            codecs.lookup(str(encoding))
        except LookupError:
            raise MeasureOptionError(
                f"{where}: 'encoding' of {path} is not an encoding Python knows "
                f"({encoding!r}); write utf-8, utf-8-sig or gb18030") from None
    sheet = item.get("sheet")
    return MeasureSource(
        _inside(path, folder, inside, where),
        tuple((str(k), str(v)) for k, v in columns.items()),
        str(encoding) if encoding is not None else None,
        str(sheet) if sheet is not None else None,
        path,
    )


def _inside(path: str, folder: Path | None, inside: Path | None, where: str) -> str:
    if folder is None or inside is None:
        return path
    root = inside.resolve()
    full = (folder.resolve() / path).resolve()
    if not full.is_relative_to(root):
        raise MeasureOptionError(
            f"{where}: custflow option 'measures' names a file outside the project ({path}); "
            "copy the export into the project's folder and name it there")
    if full.suffix.lower() not in SUFFIXES:
        raise MeasureOptionError(
            f"{where}: 'measures' reads .csv and .xlsx files, not {path}; export the data "
            "as CSV or as an Excel workbook")
    if not full.is_file():
        raise MeasureOptionError(f"{where}: custflow option 'measures': the file '{path}' "
                                 "does not exist")
    return str(full)
