"""What a rule is: its id, default severity, summary and help.

Each module of :mod:`mkdocs_custflow.checks` declares the rules it raises
with this class; :mod:`mkdocs_custflow.rules` collects them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs_custflow.diagnostics import Severity

OFF = "off"
SEVERITIES = ("error", "warning", "info", OFF)
"""What ``rules:`` may set a rule to; ``off`` drops its findings."""


@dataclass(frozen=True)
class Rule:
    id: str
    default: str
    """``error``, ``warning``, ``info`` or ``off``."""
    summary: str
    """One line: what a finding of this rule says is wrong."""
    help: str
    """What it means and what to change (plain text, a few sentences)."""
    fixed: bool = False
    """Always an error: it stops a block, the catalog or the playbook, so
    neither ``rules:`` nor ``ignore:`` can lower it."""

    @property
    def severity(self) -> Severity:
        """The severity a check gives a finding of this rule that it reports
        at all: the default (``off`` rules report as info; the site's
        ``rules:`` drops them later)."""
        return Severity(self.default) if self.default != OFF else Severity.INFO
