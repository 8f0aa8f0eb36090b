"""One data file's rows as text, each with the line it is on.

CSV is read as UTF-8 (with or without a byte-order mark) or, when it is not
UTF-8, as GB18030 (what Excel writes on a Chinese Windows); ``encoding:``
names it when that guess is not enough. Commas, tabs or semicolons separate
the columns, whichever the header line uses. An ``.xlsx`` workbook is read
from its first sheet (or ``sheet:``); a row's line is its row number, and a
cell formatted as a percentage reads as one (``0.84`` shown as ``84%``).

Headers are matched to the contract's column names (``columns:`` first),
ignoring case, spaces and full-width forms. A file is a flow file or a KPI
file by its columns; one with neither is a finding, never a crash.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.measured.sources import MeasureSource
from mkdocs_custflow.messages import Text, say

FLOW_COLUMNS = ("date", "journey", "from", "to", "count")
KPI_COLUMNS = ("date", "kpi", "value")
VALUE_RULE = "measure-value"
MAX_FILE_BYTES = 200_000_000


@dataclass
class FileRows:
    """A file's rows as text, and where the contract's columns are in them."""

    file: str
    """As messages name it (relative to the config file)."""
    kind: str | None
    """``flow``, ``kpi``, or None when the columns say neither."""
    rows: list[list[str]] = field(default_factory=list)
    """Each row after the header: its cells, as read."""
    lines: list[int] | int = 0
    """Each row's line; or, where every row is one line, the first row's."""
    positions: dict[str, int] = field(default_factory=dict)
    """Contract column name -> index of its cell."""
    findings: list[Diagnostic] = field(default_factory=list)


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def decode(data: bytes, encoding: str | None) -> str:
    """The file's text: as ``encoding`` says, else UTF-8 (a BOM dropped), else GB18030."""
    if encoding:
        text = data.decode(encoding)
        return text.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_file(source: MeasureSource, shown: str, locale: str = "en") -> FileRows:
    """The rows of one data file; what cannot be read is a finding at its line."""
    path = Path(source.path)
    result = FileRows(shown, None)

    def fail(message: Text, line: int = 0) -> FileRows:
        result.findings.append(Diagnostic(Severity.WARNING, message.render(locale), shown, line,
                                          VALUE_RULE))
        return result

    lines: list[int] | int
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return fail(say("measure.too-big", size=size, limit=MAX_FILE_BYTES))
        if path.suffix.lower() == ".xlsx":
            table, lines = _xlsx_rows(path, source.sheet)
        else:
            data = path.read_bytes()
            try:
                text = decode(data, source.encoding)
            except (UnicodeDecodeError, LookupError) as exc:
                return fail(say("measure.bad-encoding", problem=exc,
                                encoding=source.encoding or say("part.any-encoding")))
            table, lines = _csv_rows(text)
    except _SheetMissing as exc:
        return fail(exc.said, 1)
    except Exception as exc:  # a broken export is a finding, never a crash
        # (openpyxl raises zip, XML and its own errors for a damaged workbook)
        return fail(say("measure.unreadable", problem=f"{exc.__class__.__name__}: {exc}"))
    header_index = next((i for i, cells in enumerate(table) if any(c.strip() for c in cells)),
                        None)
    if header_index is None:
        return fail(say("measure.empty"), 1)
    header = table[header_index]
    header_line = lines[header_index] if isinstance(lines, list) else header_index + 1
    wanted = {_key(source.header_for(name)): name for name in
              (*FLOW_COLUMNS, *KPI_COLUMNS, "stage", "segment")}
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = wanted.get(_key(cell))
        if name is not None and name not in positions:
            positions[name] = index
    if all(c in positions for c in FLOW_COLUMNS):
        result.kind = "flow"
    elif all(c in positions for c in KPI_COLUMNS):
        result.kind = "kpi"
    else:
        shown_header = ", ".join(c for c in header if c.strip())
        missing_flow = [source.header_for(c) for c in FLOW_COLUMNS if c not in positions]
        missing_kpi = [source.header_for(c) for c in KPI_COLUMNS if c not in positions]
        return fail(say("measure.bad-header", header=shown_header, flow=", ".join(missing_flow),
                        kpi=", ".join(missing_kpi)), header_line)
    result.positions = positions
    del table[:header_index + 1]
    result.rows = table
    result.lines = lines[header_index + 1:] if isinstance(lines, list) else header_index + 2
    return result


def _csv_rows(text: str) -> tuple[list[list[str]], list[int] | int]:
    """The records, and the line each starts on (a quoted cell may span
    lines): a list, or 1 when each record is one line."""
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = list(reader)
    if reader.line_num == len(records):
        return records, 1
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines = []
    start = 1
    for _cells in reader:
        lines.append(start)
        start = reader.line_num + 1
    return records, lines


class _SheetMissing(ValueError):
    def __init__(self, said: Text) -> None:
        super().__init__(str(said))
        self.said = said


def _cell_text(value: object, number_format: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        if number_format and "%" in number_format:
            return f"{round(value * 100, 6):g}%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return repr(value) if isinstance(value, float) else str(value)
    return str(value)


def _xlsx_rows(path: Path, sheet: str | None) -> tuple[list[list[str]], list[int]]:
    import openpyxl  # only when a workbook is read

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise _SheetMissing(
                say("measure.no-sheet", sheet=sheet, sheets=", ".join(book.sheetnames)))
        found = book[sheet] if sheet is not None else book.worksheets[0]
        rows = getattr(found, "iter_rows", None)
        if rows is None:
            raise _SheetMissing(say("measure.chart-sheet", sheet=found.title))
        records, lines = [], []
        for number, row in enumerate(rows(), start=1):
            records.append([_cell_text(cell.value, getattr(cell, "number_format", None))
                            for cell in row])
            lines.append(number)
        return records, lines
    finally:
        book.close()
