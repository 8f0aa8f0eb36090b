"""The complete examples of the guide's block reference (``guide/blocks.md``).

They are the format's showcase: the golden files and the template tests run
them exactly as a writer reads them there.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs_custflow.reading.fences import find_journey_fences

BLOCKS_PAGE = Path(__file__).resolve().parents[1] / "example-site/docs/guide/blocks.md"
SECTION = "## A complete example"


def format_examples() -> list[tuple[str, str]]:
    """``(name, body)`` of each journey block of the page's complete-example
    section, shown inside ````markdown example fences."""
    text = BLOCKS_PAGE.read_text(encoding="utf-8")
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    bodies = []
    for example in re.findall(r"````markdown\n(.*?)\n````", section, re.S):
        bodies.extend(fence.body for fence in find_journey_fences(example.split("\n")))
    named = []
    for body in bodies:
        match = re.search(r"^(?:id|use): *(\S+)", body, re.M)
        named.append((match[1] if match else "unnamed", body))
    return sorted(named)
