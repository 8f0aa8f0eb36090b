"""The changes between two versions of a site's journeys, in the formats
``custflow diff --format`` prints: ``markdown`` (a pull-request comment: a
summary line, then a table per journey), ``json`` and ``text``.

Journey, stage and step texts come from the blocks, which anyone who can open
a pull request can write: in Markdown they are escaped (:func:`md_escape`), so
a comment shows them as written and they cannot add links, images or HTML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from mkdocs_custflow.compare import SHARED, Change
from mkdocs_custflow.diagnostics import Diagnostic, one_line
from mkdocs_custflow.safe_text import md_escape
from mkdocs_custflow.structure import Journey

FORMATS = ("markdown", "json", "text")
MARKER = "<!-- custflow diff -->"
"""The first line of the Markdown report, so a CI step can find and update
its own earlier comment."""


@dataclass
class Comparison:
    """What ``custflow diff`` found: the changes, the two sides' names, and
    the journeys of the newer side (for titles) and its unreadable blocks."""

    changes: list[Change]
    base: str
    head: str
    journeys: dict[str, Journey] = field(default_factory=dict)
    unreadable: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    """The newer side's errors: its build would fail on them."""

    def by_journey(self) -> dict[str, list[Change]]:
        grouped: dict[str, list[Change]] = {}
        for change in self.changes:
            grouped.setdefault(change.journey, []).append(change)
        return grouped


def render(comparison: Comparison, fmt: str) -> str:
    if fmt == "json":
        return as_json(comparison) + "\n"
    if fmt == "markdown":
        return as_markdown(comparison)
    return as_text(comparison)


def _summary(comparison: Comparison) -> str:
    count = len(comparison.changes)
    journeys = len(comparison.by_journey())
    if not count:
        return "no journey changes"
    return (f"{count} change{'s' if count != 1 else ''} in {journeys} "
            f"journey{'s' if journeys != 1 else ''}")


def as_json(comparison: Comparison) -> str:
    return json.dumps({
        "base": comparison.base,
        "head": comparison.head,
        "summary": {"changes": len(comparison.changes),
                    "journeys": len(comparison.by_journey())},
        "changes": [change.as_data() for change in comparison.changes],
        "unreadable": [{"file": d.file, "line": d.line, "rule": d.rule, "message": d.message}
                       for d in comparison.unreadable],
        "errors": [{"file": d.file, "line": d.line, "rule": d.rule, "message": d.message}
                   for d in comparison.errors],
    }, indent=2, ensure_ascii=False)


def as_text(comparison: Comparison) -> str:
    lines = [f"custflow diff {comparison.base}..{comparison.head}: {_summary(comparison)}"]
    for journey_id, changes in comparison.by_journey().items():
        lines.append("shared stages (their playbook pages):" if journey_id == SHARED
                     else one_line(f"journey '{journey_id}':"))
        for change in changes:
            stage = f"stage '{change.stage}': " if change.stage else ""
            lines.append(one_line(f"  {change.file}:{change.line}: {stage}{change.summary}"))
    for problem in comparison.unreadable:
        lines.append(f"not compared: {problem.where}: {problem.message}")
    for problem in comparison.errors:
        lines.append(f"error at {comparison.head}: {problem.where}: {problem.message} "
                     f"[{problem.rule}]")
    return "\n".join(lines) + "\n"


def as_markdown(comparison: Comparison) -> str:
    """A pull-request comment: what changed in the journeys, journey by journey."""
    lines = [MARKER, "### Journey changes", ""]
    summary = _summary(comparison)
    lines.append(f"**{summary[0].upper() + summary[1:]}** "
                 f"({_code(comparison.base)} → {_code(comparison.head)}).")
    for journey_id, changes in comparison.by_journey().items():
        journey = comparison.journeys.get(journey_id)
        title = md_escape(journey.title) if journey else md_escape(journey_id)
        heading = ("Shared stages (their playbook pages)" if journey_id == SHARED
                   else f"{title} ({_code(journey_id)})")
        lines += ["", f"#### {heading}", "",
                  "| Stage | Change | Where |", "|---|---|---|"]
        for change in changes:
            stage = _stage_name(journey, change.stage)
            lines.append(f"| {stage} | {md_escape(change.summary)} "
                         f"| {_code(f'{change.file}:{change.line}')} |")
    if comparison.unreadable:
        lines += ["", "Blocks that cannot be read were not compared "
                  "(`custflow validate` says why):", ""]
        lines += [f"- {_code(d.where)}: {md_escape(d.message)}"
                  for d in comparison.unreadable]
    if comparison.errors:
        lines += ["", f"**{len(comparison.errors)} error(s)** at {_code(comparison.head)}: "
                  "the build fails on them (`custflow validate` lists them all):", ""]
        lines += [f"- {_code(d.where)}: {md_escape(d.message)} ({_code(d.rule or '')})"
                  for d in comparison.errors[:20]]
    return "\n".join(lines) + "\n"


def _stage_name(journey: Journey | None, stage_id: str | None) -> str:
    if stage_id is None:
        return "(journey)"
    stage = journey.stage(stage_id) if journey else None
    if stage is None or stage.name == stage_id:
        return _code(stage_id)
    return f"{md_escape(stage.name)} ({_code(stage_id)})"


def _code(text: str) -> str:
    """Text in a code span (shown as written, ``|`` escaped for table cells),
    or escaped text when a backtick or line break would end the span."""
    if "`" in text or "\n" in text or "\r" in text:
        return md_escape(text)
    return "`" + text.replace("|", "\\|") + "`"
