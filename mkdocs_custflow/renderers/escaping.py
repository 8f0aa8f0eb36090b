"""Make any text safe inside Mermaid source.

Mermaid decodes entity codes (``#59;``, ``#quot;``) in every diagram type and
shows them as the character, so every character that could mean something to
Mermaid's lexers (``;`` ends a statement, ``#`` starts a comment, ``%%`` a
directive, quotes and brackets end labels, ``$`` starts maths, ``@`` node
metadata, ``:`` and ``,`` split journey fields...) becomes an entity code. What
stays literal is letters, digits, marks and a few inert punctuation signs, so
no user text can end a label, start a line or form a keyword statement.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from mkdocs_custflow.renderers.line_breaks import wrap_lines as break_lines

_INERT = frozenset(" _-.!?/")
_INVISIBLE = frozenset({"Cc", "Cs"})  # control codes and lone surrogates: dropped


# Mermaid's own entity placeholders are built from these letters; written
# literally they can merge with a neighbouring entity code and vanish.
_PLACEHOLDER_LETTERS = frozenset("ﬂ°¶ß")


def _literal(ch: str) -> bool:
    if ch in _INERT:
        return True
    if ch in _PLACEHOLDER_LETTERS:
        return False
    return unicodedata.category(ch)[0] in "LN" or (
        unicodedata.category(ch)[0] == "M" and ch.isprintable()
    )


def _folded(text: str) -> str:
    """``text`` on one line: white space runs folded, invisible characters dropped."""
    if text.isprintable():  # the common case: nothing to drop, ASCII spaces only
        return " ".join(text.split())
    visible = "".join(
        ch for ch in text if ch.isspace() or unicodedata.category(ch) not in _INVISIBLE
    )
    return " ".join(visible.split())


@functools.lru_cache(maxsize=50_000)  # names and step texts repeat across a site
def mermaid_text(text: str) -> str:
    """Escape ``text`` for any Mermaid label, message, note or title.

    Runs of white space (line breaks included) fold to one space, since a line
    break would end the Mermaid statement; control codes, which no diagram can
    show, are dropped. Text left empty becomes a no-break space.
    """
    folded = _folded(text)
    # The flowchart decodes its labels twice; a second pass would read a
    # literal "¶ß" or "ﬂ°" as half an entity, so keep them apart invisibly.
    folded = folded.replace("¶ß", "¶\u2060ß").replace("ﬂ°", "ﬂ\u2060°")
    # Mermaid refuses empty labels and messages: a no-break space stands in.
    return "".join(ch if _literal(ch) else f"#{ord(ch)};" for ch in folded) or "#160;"


def wrap_lines(text: str, width: int) -> list[str]:
    """``text`` (folded to one line) cut into lines of about ``width`` columns
    (see :mod:`.line_breaks`: at spaces between words or between CJK
    characters, never before closing punctuation or inside a number with its
    unit or a date, in lines of even length)."""
    return break_lines(_folded(text), width)


@functools.lru_cache(maxsize=50_000)  # step texts repeat across a site
def mermaid_wrapped(text: str, width: int) -> str:
    """:func:`mermaid_text` of ``text`` in lines of about ``width`` columns,
    joined by ``<br>``: sequence messages stay narrow without Mermaid's own
    wrapping, which hyphenates words and Chinese text."""
    return "<br>".join(mermaid_text(line) for line in wrap_lines(text, width))


_PLAIN_SWAPS = {"%": "％", "<": "＜", ">": "＞", "`": "｀", "\\": "＼"}
"""What a plain statement cannot hold as written: ``%%`` starts a directive
anywhere in the source, a tag would be removed by Mermaid's sanitiser."""
_ENTITY_LIKE = re.compile(r"#(?=[\w]+;)")


@functools.lru_cache(maxsize=50_000)
def mermaid_plain(text: str) -> str:
    """Text for a statement that takes the rest of its line as written
    (``accTitle``, ``accDescr``), where entity codes would be read aloud.
    The line is folded onto one line, so nothing can end the statement or
    start another; ASCII punctuation stays as written (an English page's
    screen reader reads ``R&D: #1`` as written), but for what Mermaid would
    read as a directive, a tag or an entity code (``%``, ``<``, ``>``, a
    ``#`` that starts ``#name;``), which become look-alikes or are kept
    apart by an invisible word joiner."""
    folded = "".join(_PLAIN_SWAPS.get(ch, ch) for ch in _folded(text))
    return _ENTITY_LIKE.sub("#\u2060", folded) or "#160;"


def mermaid_url(url: str) -> str:
    """A URL for ``click ... href "url"``: percent-encode all but plain ASCII.

    ``;`` and ``%`` are encoded too, so no entity code or comment can form;
    a ``#fragment`` stays usable because ``#`` is never followed by ``;``.
    """
    return "".join(
        ch if ch.isascii() and ch.isprintable() and ch not in '"; %\\<>`{}|'
        else "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
        for ch in url
    )
