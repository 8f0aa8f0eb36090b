"""The spec's journey blocks, read from ../shared/spec/journey-blocks.md."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs_custflow.fences import find_journey_fences

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "journey-blocks.md"


def spec_examples() -> list[tuple[str, str]]:
    """``(name, body)`` of every journey block in the spec, those shown inside a
    ````markdown example fence included."""
    text = SPEC.read_text(encoding="utf-8")
    lines = text.split("\n")
    bodies = [fence.body for fence in find_journey_fences(lines)]
    for example in re.findall(r"````markdown\n(.*?)\n````", text, re.S):
        bodies.extend(fence.body for fence in find_journey_fences(example.split("\n")))
    named = []
    for body in bodies:
        match = re.search(r"^(?:id|use): *(\S+)", body, re.M)
        named.append((match[1] if match else "unnamed", body))
    return sorted(named)
