"""Parts of a page's HTML held out of it while the site's search reads it.

A block's diagrams and tables are marked ``data-search-exclude``; Material's
search still parses every tag inside them, only to drop it, and on a site of
many journeys that parse costs more than the rest of the page. The plugin
has the Markdown extension hold those parts here, leaving an HTML comment
in their place, and puts them back once the search has read the page: the
page's HTML and the search index are the same, the parse is gone.
"""

from __future__ import annotations

import itertools
import re

_MARK = "<!--custflow-held-"
_PLACEHOLDER = re.compile(r"<!--custflow-held-(\d+)-->")
_NUMBERS = itertools.count()  # one sequence per process: no two pages' marks collide


class HeldParts:
    """One page's held parts, by the number of the comment standing in for each."""

    def __init__(self) -> None:
        self._parts: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._parts)

    def hold(self, html: str) -> str:
        """The comment that stands in for ``html`` until :meth:`restore`."""
        number = next(_NUMBERS)
        self._parts[number] = html
        return f"{_MARK}{number}-->"

    def restore(self, text: str) -> str:
        """``text`` with each of this page's comments replaced by its part
        (a part stays held: the page's output may carry its comment again)."""
        if _MARK not in text:
            return text
        parts = self._parts
        return _PLACEHOLDER.sub(lambda m: parts.get(int(m[1]), m[0]), text)
