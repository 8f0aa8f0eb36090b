"""What a build says when it fails on errors, in the site's language.

The plugin logs each finding at its own level (errors as errors, so even
``mkdocs build -q`` shows each with its file:line), then ends the build with
the summary made here. The summary suggests giving a rule another severity
only when one of the errors is of a rule whose severity can change.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.i18n import words
from mkdocs_custflow.rules import RULES


def changeable(finding: Diagnostic) -> bool:
    """Whether ``rules:`` could give the finding's rule another severity."""
    rule = RULES.get(finding.rule)
    return rule is not None and not rule.fixed


def failure_summary(errors: Iterable[Diagnostic], locale: str | None) -> str:
    """``custflow: N error(s) ...`` for the errors of a build (at least one)."""
    errors = list(errors)
    said = words(locale)
    text = said["build_errors"].format(n=len(errors))
    if any(changeable(error) for error in errors):
        rules = sorted({error.rule for error in errors if changeable(error)})
        text += said["build_errors_rules"].format(rules=", ".join(rules))
    return f"custflow: {text}"
