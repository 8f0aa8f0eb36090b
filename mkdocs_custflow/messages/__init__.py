"""Every message a finding says, in each language the product speaks.

A check or a reader does not write its message: it names it, with the values
it quotes (:func:`say`), and the message is written in the site's language
where it is reported (:class:`~mkdocs_custflow.diagnostics.Reporter` knows
the locale; :meth:`Text.render` takes one). The templates live in the data
modules of this package, one per part of the product, each a table
``message id -> {"en": ..., "zh": ...}`` with the same ``{placeholders}`` in
every language. A value that is itself a :class:`Text` (a part of a sentence
the product writes: "the 'owner' of stage 'x'", a close-match hint) is
written in the same language; any other value (the writer's own text, ids,
keys, numbers) is written as given.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from mkdocs_custflow.i18n import normalize_locale
from mkdocs_custflow.messages import (
    block_text,
    catalog_text,
    hints_text,
    improvement_text,
    measured_text,
    reading_text,
    rules_text,
    site_text,
    template_text,
    yaml_text,
)

LOCALES = ("en", "zh")
"""The languages every message is written in."""

TEMPLATES: dict[str, dict[str, str]] = {
    **hints_text.TEMPLATES, **reading_text.TEMPLATES, **improvement_text.TEMPLATES,
    **block_text.TEMPLATES, **catalog_text.TEMPLATES, **site_text.TEMPLATES,
    **measured_text.TEMPLATES, **template_text.TEMPLATES, **yaml_text.TEMPLATES,
    **rules_text.TEMPLATES,
}
"""Message id -> language -> template."""

PART_PREFIXES = ("part.", "where.", "what.", "names.", "keyword.", "shape.", "kind.", "hint.",
                 "section.", "whose.", "url.", "cli.")
"""Ids of parts of sentences (a place, a kind, a hint) and of the command line's
own lines, which are no finding's whole message."""


def is_finding(message_id: str) -> bool:
    """Whether ``message_id`` is a finding's whole message."""
    return not message_id.startswith(PART_PREFIXES)


@dataclass(frozen=True)
class Text:
    """A message (or a part of one) not yet written in a language: its id and
    the values it quotes. Empty (false) when its id is empty: a hint with
    nothing to suggest."""

    id: str
    values: tuple[tuple[str, object], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.id)

    def render(self, locale: str | None) -> str:
        if not self.id:
            return ""
        language = normalize_locale(locale)
        forms = TEMPLATES[self.id]
        template = forms.get(language) or forms["en"]
        values = dict(self.values)
        parts: list[str] = []
        parts_written: list[bool] = []  # whether each part is a part the product wrote
        for literal, name, _, _ in _FORMATTER.parse(template):
            parts.append(literal)
            parts_written.append(False)
            if name is not None:
                parts.append(written(values[name], language))
                parts_written.append(isinstance(values[name], Text))
        if language == "zh":
            _space_at_edges(parts, parts_written)
        return "".join(parts)

    def __str__(self) -> str:
        return self.render("en")


_FORMATTER = string.Formatter()
_CJK = re.compile(r"[\u3400-\u9fff]")
_TIGHT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\s]")
"""Chinese characters, full-width punctuation and spaces: nothing to set apart."""


def _space_at_edges(parts: list[str], inserted: list[bool]) -> None:
    """A space between a part of a sentence that starts or ends with Latin text
    or a quote ("'owner'") and the Chinese text it is written beside, as
    Chinese writing sets them apart ("'owner' 中的"); none beside punctuation."""
    for index, part in enumerate(parts):
        if not inserted[index] or not part:
            continue
        before = next((p for p in reversed(parts[:index]) if p), "")
        after = next((p for p in parts[index + 1:] if p), "")
        if before and _CJK.match(before[-1]) and not _TIGHT.match(part[0]):
            parts[index] = " " + parts[index]
        if after and _CJK.match(after[0]) and not _TIGHT.match(part[-1]):
            parts[index] += " "


NOTHING = Text("")
"""The empty text: a hint that suggests nothing."""


def say(message_id: str, **values: object) -> Text:
    """The message ``message_id`` quoting ``values``, to be written later."""
    if message_id not in TEMPLATES:
        raise KeyError(f"no message {message_id!r}")
    return Text(message_id, tuple(values.items()))


def written(value: object, locale: str | None) -> str:
    """A message's value as written in ``locale``: a :class:`Text` (or a list
    of them, joined as the language lists) in that language, else as given."""
    if isinstance(value, Text):
        return value.render(locale)
    if isinstance(value, list | tuple) and value and all(isinstance(v, Text) for v in value):
        joined = [v.render(locale) for v in value]
        if normalize_locale(locale) == "zh":
            if len(joined) != 2:
                return "、".join(joined)
            first, second = joined  # "'owner' 和 'retention'", "负责人和保存期限"
            left = "" if _TIGHT.match(first[-1]) else " "
            right = "" if _TIGHT.match(second[0]) else " "
            return f"{first}{left}和{right}{second}"
        return " and ".join(joined)
    return str(value)


def text_in(locale: str | None, message_id: str, **values: object) -> str:
    """The message ``message_id`` written in ``locale`` now."""
    return say(message_id, **values).render(locale)


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}

