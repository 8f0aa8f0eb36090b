"""The parts of a page that search skips, out of the search parser's way.

A block's diagrams and tables are marked ``data-search-exclude``; Material's
search still parses every tag inside them, only to drop it, and on a site of
many journeys that parse costs more than the rest of the page. For the
plugin, the Markdown extension writes each such part between two comments;
just before Material's search reads a page, the plugin hands it the page
without those parts, and right after gives the page back whole, without the
comments. Every other step sees the whole page, the written page is the same,
and so is the search index.
"""

from __future__ import annotations

import re

OPEN = "<!--custflow-skip-->"
CLOSE = "<!--/custflow-skip-->"
_SKIPPED = re.compile(re.escape(OPEN) + ".*?" + re.escape(CLOSE), re.S)


def marked(html: str) -> str:
    """``html``, a part search skips, between the two comments."""
    return f"{OPEN}{html}{CLOSE}"


def without_skipped(html: str) -> str:
    """The page as search should read it: without the marked parts."""
    return _SKIPPED.sub("", html) if OPEN in html else html


def unmarked(html: str) -> str:
    """The page whole, without the comments."""
    return html.replace(OPEN, "").replace(CLOSE, "") if OPEN in html else html
