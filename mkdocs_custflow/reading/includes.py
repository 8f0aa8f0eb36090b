"""Pages as the build converts them: pymdownx.snippets' includes in place.

The build draws a journey block that a page includes from another file
(``--8<-- "file.md"``), because snippets runs before the journey fences are
read. The playbook reads the site's pages before any Markdown runs, so it
puts the includes in place the same way, with the site's own snippets
options, and names each block by the file and line it is written at.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from mkdocs_custflow.reading.fences import Fence

SNIPPETS = "pymdownx.snippets"

Locate = Callable[[Fence], "tuple[str, int] | None"]
"""Where a fence of the expanded text is written: (file, line offset), the
offset added to the fence's line in the text to give its line in the file."""


class Includes:
    """pymdownx.snippets, configured as the site configures it."""

    def __init__(self, options: str, shown: Callable[[str], str]) -> None:
        """``options``: the extension's options as JSON; ``shown``: how
        messages name a file."""
        import markdown

        self.options: dict[str, object] = json.loads(options or "{}")
        self.shown = shown
        self._read: list[tuple[str, list[str]]] = []
        md = markdown.Markdown(extensions=[SNIPPETS], extension_configs={SNIPPETS: self.options})
        self._snippets = md.preprocessors["snippet"]
        read_lines = self._snippets.read_lines  # type: ignore[attr-defined]

        def recorded(path: str) -> list[str]:
            lines: list[str] = read_lines(path)
            self._read.append((path, lines))
            return lines

        self._snippets.read_lines = recorded  # type: ignore[attr-defined]

    def expand(self, text: str, file: str) -> tuple[str, Locate] | None:
        """The page's text with its includes in place, and where each of its
        fences is written; None when the page includes nothing (or an include
        fails: the build then reports it where it converts the page)."""
        if "8<-" not in text and not self.options.get("auto_append"):
            return None
        self._read = []
        try:
            lines = self._snippets.run(text.split("\n"))
        except Exception:  # the build reports a missing or broken include itself
            return None
        expanded = "\n".join(lines)
        if expanded == text:
            return None
        sources = [(file, text.split("\n"))]
        sources += [(self.shown(path), included) for path, included in self._read]
        return expanded, _locator(lines, sources)


def _locator(lines: list[str], sources: list[tuple[str, list[str]]]) -> Locate:
    """Finds each fence's lines, indentation aside, in the page or an included
    file: the n-th copy of a block in the text is the n-th one written."""
    stripped = [(name, [line.strip() for line in source]) for name, source in sources]
    seen: Counter[tuple[str, ...]] = Counter()

    def locate(fence: Fence) -> tuple[str, int] | None:
        block = tuple(line.strip() for line in lines[fence.start : fence.end + 1])
        copies = [
            (name, index)
            for name, source in stripped
            for index in range(len(source) - len(block) + 1)
            if source[index] == block[0] and tuple(source[index : index + len(block)]) == block
        ]
        nth = seen[block]
        seen[block] += 1
        if not copies:
            return None
        name, index = copies[min(nth, len(copies) - 1)]
        return name, index - fence.start

    return locate


def snippets_options(
    extensions: Sequence[object], configs: Mapping[str, object]
) -> str | None:
    """The snippets options (as JSON) when a site's Markdown extensions include it."""
    names = {getattr(type(e), "__module__", None) if not isinstance(e, str) else e
             for e in extensions}
    if SNIPPETS not in names:
        return None
    options = configs.get(SNIPPETS) or {}
    return json.dumps(options, sort_keys=True, default=_plain)


def _plain(value: object) -> object:
    return os.fspath(value) if isinstance(value, Path) else str(value)
