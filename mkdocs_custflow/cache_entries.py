"""A block's result as a cache entry: JSON, and back into the model.

The disk holds data, never code: an entry is decoded only into the model's
own dataclasses, with every field's type checked (:func:`decode_result`).
Writing one is left to ``json``'s C encoder, with a hook for the model's
dataclasses (:func:`encode_result`), so a first build, which writes every
block, pays little for it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import operator
import sys
import types
import typing
from collections.abc import Callable
from datetime import date
from sys import intern
from typing import Any, NoReturn, Union

from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.reading.located_yaml import INTERNED_LENGTH
from mkdocs_custflow.structure import Catalog, Journey


class EntryError(ValueError):
    """A stored entry does not have the shape of the model."""


@functools.cache
def _field_names(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    names = tuple(f.name for f in dataclasses.fields(cls))
    get = operator.attrgetter(*names)
    return names, (get if len(names) > 1 else lambda v: (get(v),))


def _fields(value: object) -> dict[str, object]:
    """``json.dumps``'s hook for what it cannot write itself: a dataclass of the
    model, as a mapping of its fields and its class name. Everything else
    (lists, mappings, text, numbers; a severity is text) the C encoder writes,
    so encoding a block's result costs a fraction of walking it in Python."""
    cls = type(value)
    if cls is date:  # a review's day: kept as written, read back as a date
        return {"@": "date", "iso": value.isoformat()}  # type: ignore[attr-defined]
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls.__name__} is not part of the model")
    names, get = _field_names(cls)
    data = dict(zip(names, get(value), strict=True))
    data["@"] = cls.__name__
    return data


Decoder = Callable[[Any], Any]


def _fail(message: str) -> NoReturn:
    raise EntryError(message)


@functools.cache
def decoder(kind: Any) -> Decoder:
    """A function that turns JSON values into ``kind`` (a type hint of the
    model), checking every value's type; anything else raises :class:`EntryError`.
    Made once per type: entries are many, types few."""
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        options = [o for o in typing.get_args(kind) if o is not type(None)]
        optional = len(options) < len(typing.get_args(kind))
        if len(options) == 1:
            inner = decoder(options[0])
            return lambda v: None if v is None and optional else inner(v)
        named = {o.__name__: decoder(o) for o in options}

        def one_of(v: Any) -> Any:
            if v is None and optional:
                return None
            if type(v) is not dict or v.get("@") not in named:
                _fail(f"none of {kind}")
            return named[v["@"]](v)

        return one_of
    if origin is list:
        item = decoder(typing.get_args(kind)[0])
        return lambda v: [item(x) for x in v] if type(v) is list else _fail("a list expected")
    if origin is dict:
        value = decoder(typing.get_args(kind)[1])

        def mapping(v: Any) -> Any:
            if type(v) is not dict or not all(type(k) is str for k in v):
                _fail("a mapping expected")
            return {k: value(x) for k, x in v.items()}

        return mapping
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)
    if kind is Severity:
        levels = {level.value for level in Severity}
        return lambda v: Severity(v) if v in levels else _fail("a severity")
    if kind is str:  # short text (ids, names) shared, as a fresh read shares it
        return lambda v: (intern(v) if len(v) <= INTERNED_LENGTH else v) if type(
            v) is str else _fail("str expected")
    if kind is date:
        return _date
    if kind in (int, bool):
        return lambda v: v if type(v) is kind else _fail(f"{kind.__name__} expected")
    raise TypeError(f"no decoder for {kind}")  # pragma: no cover - a model field of a new type


def _date(v: Any) -> date:
    if type(v) is not dict or v.get("@") != "date" or len(v) != 2 or type(v.get("iso")) is not str:
        _fail("a date expected")
    try:
        return date.fromisoformat(v["iso"])
    except ValueError:
        _fail("a date expected")


def _dataclass_decoder(cls: type) -> Decoder:
    from mkdocs_custflow import structure  # the names the model's hints use

    names = {**vars(structure), **vars(sys.modules[cls.__module__])}
    hints = typing.get_type_hints(cls, names)
    fields = [(f.name, decoder(hints[f.name])) for f in dataclasses.fields(cls) if f.init]
    size, name = len(fields) + 1, cls.__name__

    def instance(v: Any) -> Any:
        if type(v) is not dict or v.get("@") != name or len(v) != size:
            _fail(f"a {name} expected")
        try:
            return cls(**{field: decode(v[field]) for field, decode in fields})
        except KeyError as missing:
            _fail(f"a {name} without {missing}")

    return instance


def encode_result(
    journey: Journey | None, findings: list[Diagnostic], catalog: Catalog
) -> str:
    """A block's result as JSON. Actors and touchpoints the journey shares with
    the catalog are named, not copied: the entry is found only with the same
    catalog, and the journey read back shares them again, as a fresh read does."""
    data: dict[str, object] = {"journey": None, "findings": findings, "order": {}}
    if journey is not None:
        journey_data = _fields(journey)
        order = {}
        for key, source in (("actors", catalog.actors), ("touchpoints", catalog.touchpoints)):
            items = getattr(journey, key)
            order[key] = list(items)  # every id in order; the own ones are in journey_data
            journey_data[key] = {k: v for k, v in items.items() if source.get(k) is not v}
        data["journey"], data["order"] = journey_data, order
    return json.dumps(data, default=_fields, ensure_ascii=False, separators=(",", ":"))


_OPTIONAL_JOURNEY = decoder(Union[Journey, None])  # noqa: UP007 - a runtime type hint
_FINDINGS = decoder(list[Diagnostic])


def decode_result(text: str, catalog: Catalog) -> tuple[Journey | None, list[Diagnostic]]:
    """Raises :class:`EntryError` (or ``ValueError`` for bad JSON)."""
    data = json.loads(text)
    if type(data) is not dict or set(data) != {"journey", "findings", "order"}:
        _fail("not a block entry")
    journey = _OPTIONAL_JOURNEY(data["journey"])
    order = data["order"]
    if journey is not None:
        if type(order) is not dict or set(order) != {"actors", "touchpoints"}:
            _fail("not a block entry")
        for key, source in (("actors", catalog.actors), ("touchpoints", catalog.touchpoints)):
            own, ids = getattr(journey, key), order[key]
            if type(ids) is not list or not all(
                type(i) is str and (i in own or i in source) for i in ids
            ) or not set(own) <= set(ids):
                _fail(f"{key} neither the block's nor the catalog's")
            setattr(journey, key, {i: own[i] if i in own else source[i] for i in ids})
    return journey, _FINDINGS(data["findings"])
