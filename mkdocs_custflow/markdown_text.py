"""Put writer text into generated Markdown without it turning into markup."""

from __future__ import annotations

import functools
import re
from html import escape

from mkdocs_custflow.reading import is_safe_url

# Python-Markdown's backslash-escapable characters, plus '|' (tables).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE_LINK = re.compile(r"^(\s*\[[^\]]+\]:\s*)(\S+)", re.M)


@functools.lru_cache(maxsize=65536)  # playbook pages repeat the same names many times
def md_escape(text: str) -> str:
    """Plain text that Markdown shows exactly, on one line (safe in table cells)."""
    one_line = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", escape(one_line, quote=False))


def md_description(text: str) -> str:
    """A writer's Markdown (descriptions), minus raw HTML and unsafe link targets."""
    safe = escape(str(text), quote=False)

    def inline(match: re.Match[str]) -> str:
        return match[0] if is_safe_url(match[1]) else "]\\(" + match[0][2:]

    safe = _INLINE_LINK.sub(inline, safe)
    return _REFERENCE_LINK.sub(
        lambda m: m[0] if is_safe_url(m[2]) else m[1] + "\\" + m[2], safe
    )
