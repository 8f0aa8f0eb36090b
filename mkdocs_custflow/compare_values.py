"""How :mod:`mkdocs_custflow.compare` matches list items across versions and
shows values in a change: by meaning (ids, names, what a KPI measures), never
by the lines they are written on."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date

from mkdocs_custflow.structure import Decision, Message, Note
from mkdocs_custflow.structure.review_cycle import Interval

ITEM_KEYS = ("id", "name", "text", "title", "url")
"""The fields that name a list item (a KPI, a link, a pain point...)."""

_MEASURE = re.compile(r"^(?P<name>.*?\S)\s*(?:>=|<=|=>|=<|>|<|=|≥|≤)\s*\S.*$")


def item_key(item: object, field: str = "") -> object:
    """What identifies a list item across versions: an id, name or text; a
    KPI written as text is known by what it measures (``Conversion`` in
    ``Conversion >= 3%``), so a new target is a change of that KPI."""
    text = getattr(item, "name", None) if field == "kpis" and not getattr(
        item, "target", None) else item  # a KPI written as text
    if field == "kpis" and isinstance(text, str):
        measure = _MEASURE.match(text)
        return measure["name"] if measure else text
    if dataclasses.is_dataclass(item):
        for name in ITEM_KEYS:
            value = getattr(item, name, None)
            if value:
                return value
        return repr(as_data(item))
    return item if isinstance(item, (str, int)) else repr(item)


def item_label(item: object) -> str:
    key = item if isinstance(item, str) else item_key(item)
    return f"'{key}'" if isinstance(key, str) else str(key)


def same(old: object, new: object) -> bool:
    """Equal in meaning: where a value is written (its lines) does not count."""
    return old == new or as_data(old) == as_data(new)


def differences(
    old: object, new: object, skip: Sequence[str] = ("line", "key_lines")
) -> str:
    if not (dataclasses.is_dataclass(old) and dataclasses.is_dataclass(new)):
        return f"{shown(old)} → {shown(new)}"
    parts = []
    for field in dataclasses.fields(new):  # type: ignore[arg-type]
        if field.name in skip:
            continue
        a, b = getattr(old, field.name, None), getattr(new, field.name, None)
        if not same(a, b):
            parts.append(f"{field.name} {shown(a)} → {shown(b)}")
    return "; ".join(parts)


def shown(value: object, field: str = "") -> str:
    if value is None or value == []:
        return "(the following stage)" if field == "next" else "(none)"
    if isinstance(value, list):
        return ", ".join(shown(v) for v in value)
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, (date, Interval)):
        return str(as_data(value))
    if dataclasses.is_dataclass(value):
        if any(getattr(value, name, None) for name in ITEM_KEYS):
            return item_label(value)
        data = as_data(value)  # no name of its own (a review): its values
        assert isinstance(data, dict)
        return "{" + ", ".join(f"{k}: {shown(v)}" for k, v in data.items()
                               if v not in (None, [], "")) + "}"
    return str(value)


def as_data(value: object) -> object:
    """A model value as JSON values (a date as ``YYYY-MM-DD``, an interval as
    written: ``3m``)."""
    if isinstance(value, Interval):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: as_data(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name not in ("line", "key_lines")}
        if isinstance(value, (Message, Decision, Note)):
            data["kind"] = type(value).__name__.lower()
        return data
    if isinstance(value, dict):
        return {str(k): as_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_data(v) for v in value]
    return value
