"""The small typed getters every part of a block is read with (text, ids,
flags, keywords, lists, mappings): one place decides the wording of "must be
text, not a list", so every part of the reader says it alike."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from mkdocs_custflow.diagnostics import Reporter, did_you_mean
from mkdocs_custflow.messages import Text, say
from mkdocs_custflow.reading.keys import ACTOR_KEYS
from mkdocs_custflow.reading.located_yaml import (
    FALSE_WORDS,
    TRUE_WORDS,
    YamlMapping,
    YamlSequence,
    line_of,
)
from mkdocs_custflow.structure.ids import (
    ID_PATTERN,
    MAX_ID_LENGTH,
    id_problem,
    is_id,
    slugify,
)

VALUE_RULE = "invalid-value"
"""The rule of a value the format does not allow (a severity, a date...)."""
# What writers of either language may write for a keyword: offered as the fix.
_KEYWORD_HINTS = {
    "高": "high", "严重": "high", "中": "medium", "一般": "medium", "低": "low", "轻微": "low",
    "想法": "idea", "计划": "planned", "计划中": "planned", "已计划": "planned",
    "进行中": "doing", "实施中": "doing", "完成": "done", "已完成": "done",
    "客户": "customer", "前台": "frontstage", "后台": "backstage", "支持": "support",
    "现状": "as-is", "目标": "to-be",
}

T = TypeVar("T")


class ValueReader:
    """Reads single values out of a block's mappings, reporting as it goes; the
    readers of stages, steps and improvements build on it."""

    def __init__(self, reporter: Reporter) -> None:
        self.report = reporter
        self.actor_keys: tuple[str, ...] = ACTOR_KEYS

    # -- small typed getters -------------------------------------------------
    def text(self, data: YamlMapping, key: str, *, required: bool = False) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.report.error(say("value.required", key=key), data.line)
            return None
        if not isinstance(value, str):
            self.report.error(say("value.not-text", key=key, kind=_kind(value)),
                              line_of(data, key))
            return None
        return value

    def id_list(self, data: YamlMapping, key: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report.error(say("value.not-id-list", key=key, kind=_kind(value)),
                              line_of(data, key))
            return []
        ids: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, str) and is_id(item):
                ids.append(item)
            else:
                self.report.error(say("value.item-not-id", key=key, item=repr(item)),
                                  line_of(value, index))
        return ids

    def flag(self, data: YamlMapping, key: str, *, default: bool) -> bool:
        value = data.get(key)
        if value is None:
            return default
        if isinstance(value, str) and value.lower() in (*TRUE_WORDS, *FALSE_WORDS):
            return value.lower() in TRUE_WORDS
        self.report.error(say("value.not-flag", key=key, value=repr(value)), line_of(data, key))
        return default

    def check_keys(self, data: YamlMapping, allowed: tuple[str, ...], what: Text) -> None:
        for key in data:
            if key not in allowed:
                self.report.error(
                    say("value.unknown-key", key=key, what=what, hint=did_you_mean(key, allowed)),
                    data.line_of(key), rule="unknown-key",
                )

    def mapping_of(
        self,
        data: YamlMapping,
        key: str,
        read_item: Callable[[str, object, int], T | None],
    ) -> dict[str, T]:
        value = data.get(key)
        if value is None:
            return {}
        if not isinstance(value, YamlMapping):
            self.report.error(say("value.not-id-mapping", key=key, kind=_kind(value)),
                              line_of(data, key))
            return {}
        items: dict[str, T] = {}
        for item_id, item in value.items():
            line = value.line_of(item_id)
            if not is_id(item_id):
                self.report.error(_bad_id(say("what.quoted", id=item_id), item_id), line)
                continue
            read = read_item(item_id, item, line)
            if read is not None:
                items[item_id] = read
        return items

    def id_value(self, data: YamlMapping, key: str, what: Text) -> str | None:
        """One id (``owner:``, ``detail:``...), or None with a finding when it is not one."""
        value = self.text(data, key)
        if value is not None and not is_id(value):
            self.report.error(
                say("value.not-id", key=key, what=what, value=repr(value),
                    suggestion=slugify(value) or "x"),
                data.line_of(key), VALUE_RULE,
            )
            return None
        return value

    def keyword(
        self, data: YamlMapping, key: str, allowed: tuple[str, ...], what: Text
    ) -> str | None:
        """One of ``allowed`` (read in any case), or None with a finding naming them."""
        value = self.text(data, key)
        if value is None:
            return None
        word = re.sub(r"[\s_]+", "-", value.strip().lower())
        if word in allowed:
            return word
        hint = _KEYWORD_HINTS.get(value.strip())
        suggestion = (
            say("hint.did-you-mean", name=hint) if hint in allowed else did_you_mean(word, allowed)
        )
        self.report.error(
            say("value.unknown-keyword", what=what, value=repr(value), hint=suggestion,
                allowed=", ".join(allowed)),
            data.line_of(key), VALUE_RULE,
        )
        return None

    def items(
        self, data: YamlMapping, key: str, read_item: Callable[[object, int], T | None]
    ) -> list[T]:
        """A list whose items are read one by one (a single item may stand alone)."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, YamlSequence):
            value = _listed(value, line_of(data, key))
        found = []
        for index, item in enumerate(value):
            read = read_item(item, value.line_of(index))
            if read is not None:
                found.append(read)
        return found

def _listed(value: object, line: int) -> YamlSequence:
    """A single value where a list is expected, as a one-item list."""
    listed = YamlSequence([value])
    listed.line, listed.item_lines = line, [line]
    return listed



def _bad_id(what: Text, value: str) -> Text:
    long = len(value) > MAX_ID_LENGTH and ID_PATTERN.fullmatch(value)
    why = (say("part.id-too-long", length=len(value), limit=MAX_ID_LENGTH)
           if long and id_problem(value) else "")
    return say("value.bad-id", what=what, why=why, suggestion=slugify(value) or "x")


def _kind_phrase(value: object) -> Text:
    if isinstance(value, str):
        return say("shape.plain-text")
    return say("shape.a-list" if isinstance(value, list) else "shape.a-mapping")


def _kind(value: object) -> Text:
    if isinstance(value, list):
        return say("shape.list")
    if isinstance(value, dict):
        return say("shape.mapping")
    return say("shape.text")
