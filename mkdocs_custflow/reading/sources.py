"""Read a source file (a page, the catalog, a template) as UTF-8 text.

A file that is not UTF-8 is named with the byte offset and line of the first
byte that is not, so the writer can find it; it never becomes a traceback.
"""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """A source file cannot be read; the message says why and what to do."""


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
            f"is not UTF-8: byte 0x{data[offset]:02x} at offset {offset} (line {line}); "
            "save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as Python reads text files


def read_text(path: Path) -> str:
    """The file's text; raises :class:`SourceError` when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror or exc}") from None
    return decode(data)
