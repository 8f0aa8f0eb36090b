"""Rows of a data file read as flow rows and KPI rows.

A date is ``YYYY-MM-DD`` or ``YYYY-MM`` (a month); ``/`` or ``.`` may stand
for ``-``, and ``2026年10月`` (``5日``) reads too. Rows with the same date form
one period, which ends at that date (a month: its last day). A count is a
whole number, with thousands separators and an optional unit (``1,234``,
``1 234 人``); a value is read like a KPI's ``current`` (``84%``, ``2.5h``).
Full-width digits and signs read as their ASCII forms.
"""

from __future__ import annotations

import calendar
import itertools
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from operator import itemgetter
from typing import Any, Final, NamedTuple

from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.measured.files import VALUE_RULE, FileRows
from mkdocs_custflow.messages import Text, say
from mkdocs_custflow.structure.measures import Quantity, read_value

_DATE = re.compile(
    r"^(?P<y>\d{4})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?"
    r"|月)?$")
_COUNT = re.compile(r"^(?P<n>\d{1,3}(?:[, \u00a0\u202f']\d{3})+|\d+)\s*(?P<unit>[^\W\d_]+)?$")


class Period(NamedTuple):
    """The period a row belongs to: it ends at ``end``. Periods sort by their
    end (a named tuple: hashed and compared in C, once per row)."""

    end: date
    start: date
    key: str
    """As the pages show it: ``2026-10`` or ``2026-10-05``."""

    @property
    def is_month(self) -> bool:
        return len(self.key) == 7


def read_period(text: str) -> Period | None:
    match = _DATE.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    year, month = int(match["y"]), int(match["m"])
    try:
        if match["d"] is None:
            last = calendar.monthrange(year, month)[1]
            return Period(date(year, month, last), date(year, month, 1), f"{year:04d}-{month:02d}")
        day = date(year, month, int(match["d"]))
    except (ValueError, calendar.IllegalMonthError):
        return None
    return Period(day, day, day.isoformat())


def read_count(text: str) -> int | None:
    match = _COUNT.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    return int(re.sub(r"\D", "", match["n"]))


FlowRow = tuple[str, str, str, str, int, str, str, int]
"""A flow row: date as written, journey, from (empty: customers entered the
journey here), to, count, segment, file, line. A plain tuple of text and
numbers, as are KPI rows: a large export's rows are left out of the cycle
collector's walks (a named tuple, or a tuple holding any object that is not
text or a number, would be walked at every full collection of the build)."""
KpiRow = tuple[str, str, str, str, str, str, str, int]
"""A KPI row: date as written, KPI, value as written, journey, stage,
segment, file, line."""
# Where a flow row's fields are (a row's file and line are its last two);
# a KPI row has its date and segment where a flow row has them.
DATE: Final = 0
JOURNEY: Final = 1
SOURCE: Final = 2
TARGET: Final = 3
COUNT: Final = 4
SEGMENT: Final = 5
KPI: Final = 1
VALUE: Final = 2
KPI_JOURNEY: Final = 3
KPI_STAGE: Final = 4


class Readings(NamedTuple):
    """What rows write, each distinct text read once: a date's period, a
    value's quantity. Rows keep the text; the views look it up here."""

    periods: dict[str, Period]
    values: dict[str, Quantity]


_UNREAD = object()


def quick_value(text: str) -> Quantity | None:
    """:func:`read_value` of ``text``, reading a plain ``12.5`` or ``12.5%``
    (most values of an export, often all different) without its regular
    expression."""
    number = text[:-1] if text.endswith("%") else text
    digits, dot, fraction = number.partition(".")
    if digits.isdigit() and digits.isascii() and (not dot or (fraction.isdigit()
                                                            and fraction.isascii())):
        return Quantity(float(number), "%" if number is not text else "")
    return read_value(text) if text else None


def _every_row_reads(rows: list[list[str]], at: tuple[int, ...], width: int, is_flow: bool,
                     lines: Iterable[int], file: str, known: Readings
                     ) -> list[FlowRow] | list[KpiRow] | None:
    """The rows, read column by column, when every one of them reads (an export
    as it usually comes: no blank or short row, each date, count and value
    readable); None when any does not, and :func:`read_rows` reads them one by
    one to say which."""
    if not rows or min(map(len, rows)) < width:  # every column the header names
        return None

    def column(index: int, strip: bool = True) -> Iterable[str] | list[str]:
        if index >= width:
            return itertools.repeat("")
        cells = map(itemgetter(index), rows)  # map and itemgetter: the loop stays in C
        return list(map(str.strip, cells)) if strip else list(cells)

    date_at, second, third, fourth, fifth, segment_at = at
    dates = column(date_at, strip=False)
    periods = {text: read_period(text) for text in set(dates)}
    if None in periods.values():
        return None
    names = column(second)
    if "" in names:
        return None
    if is_flow:
        targets = column(fourth)
        counts = column(fifth, strip=False)
        if "" in targets or not all(map(str.isdecimal, counts)):
            return None
        read: list[Any] = list(zip(dates, names, column(third), targets, map(int, counts),
                                   column(segment_at), itertools.repeat(file), lines))
    else:
        texts = column(third)
        values = {text: quick_value(text) for text in set(texts)}
        if None in values.values():
            return None
        known.values.update(values)  # type: ignore[arg-type]
        read = list(zip(dates, names, texts, column(fourth), column(fifth),
                        column(segment_at), itertools.repeat(file), lines))
    known.periods.update(periods)  # type: ignore[arg-type]
    return read


def read_rows(file_rows: FileRows, readings: Readings | None = None, locale: str = "en"
              ) -> tuple[list[FlowRow], list[KpiRow], list[Diagnostic]]:
    """Every row read, and a finding for each that cannot be (the row's line).
    Dates and values repeat: each distinct text is read once, into ``readings``."""
    flows: list[FlowRow] = []
    kpis: list[KpiRow] = []
    findings: list[Diagnostic] = []
    file = file_rows.file
    at = file_rows.positions
    width = max(at.values()) + 1
    known = readings or Readings({}, {})
    periods: dict[str, object] = {}
    values: dict[str, object] = {}
    is_flow = file_rows.kind == "flow"
    names = ("date", "journey", "from", "to", "count") if is_flow else (
        "date", "kpi", "value", "journey", "stage")
    first, second, third, fourth, fifth = (at.get(name, width) for name in names)
    segment_at = at.get("segment", width)
    blank = [""] * (width + 1)

    def bad(message: Text, line: int) -> None:
        findings.append(Diagnostic(Severity.WARNING, message.render(locale), file, line,
                                   VALUE_RULE))

    rows, lines = file_rows.rows, file_rows.lines
    numbered = range(lines, lines + len(rows)) if isinstance(lines, int) else lines
    columns = (first, second, third, fourth, fifth, segment_at)
    fast = _every_row_reads(rows, columns, width, is_flow, numbered, file, known)
    if fast is not None:
        return (fast, [], []) if is_flow else ([], fast, [])  # type: ignore[return-value]
    for line, cells in zip(numbered, rows, strict=True):
        if len(cells) <= width:
            if not any(cells):
                continue  # a blank line is no row
            cells = cells + blank[len(cells):]
        date_text = cells[first]
        period = periods.get(date_text, _UNREAD)
        if period is _UNREAD:
            period = periods[date_text] = read_period(date_text)
            if period is not None:
                known.periods[date_text] = period
        if period is None:
            if not any(c.strip() for c in cells):
                continue
            bad(say("measure.bad-date", value=repr(date_text.strip())), line)
            continue
        segment = cells[segment_at].strip()
        if is_flow:
            journey, target = cells[second].strip(), cells[fourth].strip()
            if not journey or not target:
                missing = "journey" if not journey else "to"
                bad(say("measure.no-cell", column=missing), line)
                continue
            text = cells[fifth]
            count = int(text) if text.isascii() and text.isdigit() else read_count(text)
            if count is None:
                bad(say("measure.bad-count", value=repr(text.strip())), line)
                continue
            flows.append((date_text, journey, cells[third].strip(), target, count, segment,
                          file, line))
        else:
            name, text = cells[second].strip(), cells[third].strip()
            if not name:
                bad(say("measure.no-kpi"), line)
                continue
            value = values.get(text, _UNREAD)
            if value is _UNREAD:
                value = values[text] = quick_value(text)
                if isinstance(value, Quantity):
                    known.values[text] = value
            if value is None:
                bad(say("measure.bad-value", value=repr(text), kpi=name), line)
                continue
            kpis.append((date_text, name, text, cells[fourth].strip(), cells[fifth].strip(),
                         segment, file, line))
    return flows, kpis, findings
