"""Review dates: when a journey was last reviewed, how often, when next.

``every`` is ``<n>d``, ``<n>w``, ``<n>m`` or ``<n>y`` (days, weeks, months,
years); a month later than 31 January is the last day of February, as a
calendar reads it.
"""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from mkdocs_custflow.diagnostics import one_line

INTERVAL = re.compile(r"^\s*(?P<count>\d{1,3})\s*(?P<unit>[dwmy])\s*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Interval:
    """How often a review falls due: ``count`` days, weeks, months or years."""

    count: int
    unit: str
    """``d``, ``w``, ``m`` or ``y``."""

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"


def read_interval(text: str) -> Interval | None:
    """The interval an ``every`` value writes, or None when it is not one."""
    match = INTERVAL.match(text.lower())
    if match is None or int(match["count"]) == 0:
        return None
    return Interval(int(match["count"]), match["unit"])


def read_date(text: str) -> date | None:
    """A ``YYYY-MM-DD`` date, or None when ``text`` is not a real one."""
    if not DATE.match(text.strip()):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:  # 2026-02-30
        return None


def add_interval(start: date, count: int, unit: str) -> date:
    if unit == "d":
        return start + timedelta(days=count)
    if unit == "w":
        return start + timedelta(weeks=count)
    months = start.month - 1 + count * (12 if unit == "y" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def next_review(last: date | None, every: Interval | None) -> date | None:
    """``last`` plus ``every``, or None when either is missing (or past the
    calendar)."""
    if last is None or every is None:
        return None
    try:
        return add_interval(last, every.count, every.unit)
    except (OverflowError, ValueError):  # past the year 9999
        return None


def build_date() -> date:
    """The day of the build: today, or the day ``SOURCE_DATE_EPOCH`` names,
    so a build made again later (reproducible builds) says the same."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch, 10), tz=timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            # Reproducible builds: a build asked for a fixed date must not quietly use today.
            raise BuildDateError(
                f"SOURCE_DATE_EPOCH is '{one_line(epoch[:40])}', not a whole number of seconds "
                "since 1970-01-01 UTC; set it to one (e.g. the last commit's: "
                "git log -1 --format=%ct) or unset it"
            ) from None
    return date.today()


class BuildDateError(ValueError):
    """``SOURCE_DATE_EPOCH`` is set but names no date."""
