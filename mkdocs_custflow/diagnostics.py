"""Findings about a journey block, reported as ``file:line: message``.

Errors stop one block from rendering (its error shows in place of the
diagrams); warnings let it render. Both are printed as MkDocs warnings by the
plugin, so ``mkdocs build --strict`` fails on either. Info findings (advice,
such as a pain point with no opportunity) are printed as MkDocs info messages
and fail nothing.
"""

from __future__ import annotations

import difflib
import enum
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    """Shown, never failing a build (not even ``--strict``)."""


@dataclass(frozen=True)
class Diagnostic:
    """One finding, located at a line of a file (1-based; 0 means unknown)."""

    severity: Severity
    message: str
    file: str = "<markdown>"
    line: int = 0
    rule: str = ""
    """The rule that found it (``missing-sla``, ``review-overdue``...); ``""``
    until every check names its rule."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """A ``(did you mean 'x'?)`` suffix when one choice is close to ``name``."""
    matches = difflib.get_close_matches(name, sorted(set(choices)), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def known_list(choices: Iterable[str], limit: int = 8) -> str:
    """A short ``known: a, b, c`` hint for messages with no close match."""
    names = sorted(set(choices))
    if not names:
        return ""
    shown = ", ".join(names[:limit]) + (", ..." if len(names) > limit else "")
    return f"; known: {shown}"


def name_hint(name: str, choices: Iterable[str]) -> str:
    """The end of an "unknown ..." message: a close match, else the known names."""
    choices = list(choices)
    return did_you_mean(name, choices) or known_list(choices)


def shown_path(path: str | Path, base: Path) -> str:
    """How messages name a file: relative to ``base`` when inside it."""
    # Plain string work first (asked for every page of a build); resolving
    # symbolic links costs system calls and is needed only when that fails.
    text, root = os.path.abspath(path), os.path.abspath(base)
    if text.startswith(root.rstrip(os.sep) + os.sep):
        return Path(os.path.relpath(text, root)).as_posix()
    try:
        return Path(path).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


class Reporter:
    """Collects diagnostics for one block, all placed in one file.

    ``base_line`` is the file line of the block's first body line, so a line
    found inside the YAML (0-based) maps onto the Markdown file.
    """

    def __init__(self, file: str = "<markdown>", base_line: int = 1) -> None:
        self.file = file
        self.base_line = base_line
        self.items: list[Diagnostic] = []

    def file_line(self, yaml_line: int | None) -> int:
        return self.base_line + (yaml_line or 0)

    def error(self, message: str, yaml_line: int | None = None, rule: str = "") -> None:
        self.items.append(
            Diagnostic(Severity.ERROR, message, self.file, self.file_line(yaml_line), rule)
        )

    def warning(self, message: str, yaml_line: int | None = None, rule: str = "") -> None:
        self.items.append(
            Diagnostic(Severity.WARNING, message, self.file, self.file_line(yaml_line), rule)
        )

    def info(self, message: str, yaml_line: int | None = None, rule: str = "") -> None:
        self.items.append(
            Diagnostic(Severity.INFO, message, self.file, self.file_line(yaml_line), rule)
        )

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)
