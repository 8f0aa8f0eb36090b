"""KPI targets and measured values: read from the text a writer gives, and
compared when they are in the same unit.

A target is a number with an optional comparison and unit (``>= 90%``,
``<= 2h``, ``< 3 days``; ``95%`` means ``>= 95%``); a measured value is a
number with an optional unit (``84%``). Durations count in seconds whatever
unit they are written in (``90 min`` meets ``<= 2h``); ``%``, working days
and any other unit compare only with themselves. Text is read after Unicode
normalisation, so full-width digits and signs (``≥ ９０％``) read the same.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt,
    "=": lambda a, b: abs(a - b) < 1e-9,
}
_SIGNS = {"≥": ">=", "=>": ">=", "≤": "<=", "=<": "<=", "==": "="}
_QUANTITY = re.compile(
    r"^(?P<sign>>=|<=|=>|=<|==|≥|≤|>|<|=)?\s*"
    r"(?P<number>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)"
    r"\s*(?P<unit>%|[^\W\d_]+(?:[ /][^\W\d_]+)*)?$"
)
_SECONDS = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "秒"), 1),
    **dict.fromkeys(("min", "mins", "minute", "minutes", "分钟", "分"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "小时", "个小时"), 3600),
    **dict.fromkeys(("d", "day", "days", "天", "日"), 86400),
    **dict.fromkeys(("w", "wk", "week", "weeks", "周", "星期"), 604800),
}
_SAME = {
    **dict.fromkeys(("%", "percent", "pct"), "%"),
    **dict.fromkeys(("working day", "working days", "work day", "work days", "business day",
                     "business days", "工作日", "个工作日"), "working days"),
}
DURATION = "s"
"""The unit every duration is counted in."""


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    """``%``, ``s`` (any duration, counted in seconds), ``""`` (a plain
    number), or any other unit as written, in lower case."""


@dataclass(frozen=True)
class Target:
    comparison: str  # one of COMPARISONS
    quantity: Quantity


def _unit(text: str) -> tuple[str, float]:
    """A unit as compared, and the factor its values are multiplied by."""
    key = " ".join(text.lower().split())
    if key in _SECONDS:
        return DURATION, float(_SECONDS[key])
    return _SAME.get(key, key), 1.0


def _read(text: str | None, unit: str | None) -> tuple[str | None, Quantity] | None:
    if text is None:
        return None
    match = _QUANTITY.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    written = match["unit"] or unicodedata.normalize("NFKC", unit or "").strip()
    name, factor = _unit(written)
    sign = match["sign"]
    value = float(match["number"].replace(",", "")) * factor
    return _SIGNS.get(sign, sign) if sign else None, Quantity(value, name)


def read_target(text: str | None, unit: str | None = None) -> Target | None:
    """The target ``text`` states (``unit`` for a number written without
    one), or None when it is not a number with an optional comparison."""
    read = _read(text, unit)
    if read is None:
        return None
    sign, quantity = read
    return Target(sign or ">=", quantity)


def read_value(text: str | None, unit: str | None = None) -> Quantity | None:
    """A measured value (no comparison), or None when ``text`` is not one."""
    read = _read(text, unit)
    if read is None or read[0] is not None:
        return None
    return read[1]


def kpi_result(target: str | None, current: str | None, unit: str | None = None) -> str | None:
    """``met`` or ``missed`` when target and current can be compared, else None."""
    goal, now = read_target(target, unit), read_value(current, unit)
    if goal is None or now is None or goal.quantity.unit != now.unit:
        return None
    met = COMPARISONS[goal.comparison](now.value, goal.quantity.value)
    return "met" if met else "missed"
