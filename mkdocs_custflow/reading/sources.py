"""Read a source file (a page, the catalog, a template) as UTF-8 text.

A file that is not UTF-8 is named with the byte offset and line of the first
byte that is not, so the writer can find it; it never becomes a traceback.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs_custflow.messages import Text, say


class SourceError(Exception):
    """A source file cannot be read; the message says why and what to do
    (``said``: in any language; ``str()``: in English)."""

    def __init__(self, said: Text) -> None:
        super().__init__(str(said))
        self.said = said


def decode(data: bytes) -> str:
    """``data`` as text (a UTF-8 byte order mark dropped, line ends made
    ``\n``); raises
    :class:`SourceError` naming the first byte that is not UTF-8."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + start
        line = data.count(b"\n", 0, offset) + 1
        raise SourceError(
            say("source.not-utf8", byte=f"{data[offset]:02x}", offset=offset, line=line)
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as Python reads text files


def read_text(path: Path) -> str:
    """The file's text; raises :class:`SourceError` when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(say("source.unreadable", why=exc.strerror or exc)) from None
    return decode(data)
