"""Findings about a journey block, reported as ``file:line: message [rule]``.

Every finding names the rule that found it (:mod:`mkdocs_custflow.rules`
lists them). Errors of the rules that read a block stop that block from
rendering (its error shows in place of the diagrams); other findings let it
render. The plugin prints errors as MkDocs errors and warnings as warnings,
so ``mkdocs build --strict`` fails on either, and infos as MkDocs infos, which
fail nothing. A message is written in the site's language
(:mod:`mkdocs_custflow.messages`); the hints below are parts of it.
"""

from __future__ import annotations

import difflib
import enum
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs_custflow.messages import NOTHING, Text, say


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
    """The rule that found it (``missing-sla``, ``unreachable-stage``...): how
    ``rules:`` and ``ignore:`` name it (see :mod:`mkdocs_custflow.rules`)."""

    def __post_init__(self) -> None:
        # Messages quote user text, and CI logs read a line starting with ``::``
        # as a workflow command (``::add-mask::``, ``::stop-commands::``): every
        # finding is one line, in every output, whatever a block says.
        object.__setattr__(self, "message", one_line(self.message))
        object.__setattr__(self, "file", one_line(self.file, leading="./"))

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def reported(self) -> str:
        """As the build and ``custflow validate`` print it: with the rule, which
        is what ``rules:`` and ``ignore:`` take."""
        return f"{self} [{self.rule}]" if self.rule else str(self)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


_BREAKS = frozenset("\x85\u2028\u2029")


def one_line(text: str, leading: str = " ") -> str:
    """``text`` with line breaks and control characters written as escapes
    (``\\n``), and ``leading`` before a starting ``::``: printed, it stays one
    line and cannot start a workflow command."""
    if text.isprintable() and not text.startswith("::"):
        return text  # the common case, checked at C speed
    cleaned = "".join(
        ch.encode("unicode_escape").decode("ascii")
        if (ord(ch) < 32 and ch != "\t") or ord(ch) == 127 or ch in _BREAKS else ch
        for ch in text
    )
    return leading + cleaned if cleaned.startswith("::") else cleaned


def did_you_mean(name: str, choices: Iterable[str]) -> Text:
    """A ``(did you mean 'x'?)`` suffix when one choice is close to ``name``
    (empty when none is), written in the message's language."""
    matches = difflib.get_close_matches(name, sorted(set(choices)), n=1, cutoff=0.6)
    return say("hint.did-you-mean", name=matches[0]) if matches else NOTHING


def known_list(choices: Iterable[str], limit: int = 8) -> Text:
    """A short ``known: a, b, c`` hint for messages with no close match."""
    names = sorted(set(choices))
    if not names:
        return NOTHING
    shown = ", ".join(names[:limit]) + (", ..." if len(names) > limit else "")
    return say("hint.known", names=shown)


def name_hint(name: str, choices: Iterable[str]) -> Text:
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
    found inside the YAML (0-based) maps onto the Markdown file. ``rule`` names
    the findings whose call names no rule of its own: the step reporting
    decides (reading a block's values reports ``invalid-value``). Messages
    given as :class:`~mkdocs_custflow.messages.Text` are written in
    ``locale``, the site's language.
    """

    def __init__(
        self, file: str = "<markdown>", base_line: int = 1, rule: str = "", locale: str = "en"
    ) -> None:
        self.file = file
        self.base_line = base_line
        self.rule = rule
        self.locale = locale
        self.items: list[Diagnostic] = []

    def file_line(self, yaml_line: int | None) -> int:
        return self.base_line + (yaml_line or 0)

    def add(
        self, severity: Severity, message: str | Text, yaml_line: int | None = None,
        rule: str = "",
    ) -> None:
        if isinstance(message, Text):
            message = message.render(self.locale)
        self.items.append(Diagnostic(
            severity, message, self.file, self.file_line(yaml_line), rule or self.rule
        ))

    def error(self, message: str | Text, yaml_line: int | None = None, rule: str = "") -> None:
        self.add(Severity.ERROR, message, yaml_line, rule)

    def warning(self, message: str | Text, yaml_line: int | None = None, rule: str = "") -> None:
        self.add(Severity.WARNING, message, yaml_line, rule)

    def info(self, message: str | Text, yaml_line: int | None = None, rule: str = "") -> None:
        self.add(Severity.INFO, message, yaml_line, rule)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)
