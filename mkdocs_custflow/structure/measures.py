"""KPI targets and measured values: read from the text a writer gives, and
compared when they are in the same unit.

A target is a number with an optional comparison and unit (``>= 90%``,
``<= 2h``, ``< 3 days``; ``95%`` means ``>= 95%``); a measured value is a
number with an optional unit (``84%``). Durations count in seconds whatever
unit they are written in (``90 min`` meets ``<= 2h``); ``%``, working days
and any other unit compare only with themselves. Text is read after Unicode
normalisation, so full-width digits and signs (``≥ ９０％``) read the same;
a target's comparison may be Chinese words (``不超过``, ``以内``...).
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

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
_WORDED_BEFORE: tuple[tuple[tuple[str, ...], str], ...] = (
    (("不超过", "不高于", "不多于", "不大于", "至多", "最多", "小于等于"), "<="),
    (("不低于", "不少于", "不小于", "至少", "最少", "大于等于"), ">="),
    (("低于", "少于", "小于"), "<"),
    (("高于", "超过", "多于", "大于"), ">"),
)
_WORDED_AFTER: tuple[tuple[tuple[str, ...], str], ...] = (
    (("以内", "之内", "以下", "内"), "<="), (("以上",), ">="),
)
"""Comparisons as a Chinese writer words them: ``不超过2小时``, ``30分钟以内``."""
DURATION = "s"
"""The unit every duration is counted in."""


class Quantity(NamedTuple):
    """A named tuple, not a dataclass: measured data holds one in each KPI
    row, and rows of plain tuples are left out of the cycle collector's walks."""

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


def _signed(text: str) -> str:
    """``text`` with a comparison written in words moved to a sign in front."""
    text = unicodedata.normalize("NFKC", text).strip()
    for words, sign in _WORDED_BEFORE:
        for word in words:
            if text.startswith(word):
                return f"{sign}{text[len(word):].strip()}"
    for words, sign in _WORDED_AFTER:
        for word in words:
            if text.endswith(word) and text[0] not in "<>=≤≥":
                return f"{sign}{text[:-len(word)].strip()}"
    return text


def read_target(text: str | None, unit: str | None = None) -> Target | None:
    """The target ``text`` states (``unit`` for a number written without
    one), or None when it is not a number with an optional comparison. The
    comparison may be written in Chinese words before or after the number
    (``不低于90%``, ``30分钟以内``, ``3天以上``)."""
    read = _read(_signed(text) if text is not None else None, unit)
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
