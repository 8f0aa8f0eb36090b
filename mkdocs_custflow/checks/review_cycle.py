"""The review cycle: a journey whose next review is past due. Found on
every read against the build date, never kept with the block's result.
"""

from __future__ import annotations

from datetime import date

from mkdocs_custflow.checks.rule import Rule
from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.structure import Journey

REVIEW_OVERDUE = Rule(
    "review-overdue", "warning", "A journey whose next review is past due.",
    "The journey's 'review' says how often it is reviewed and when it last was; the "
    "next review fell due before the build date (today, or SOURCE_DATE_EPOCH). Review "
    "it with the people named and set 'last' to the day you did.",
)

OWN_RULES = (REVIEW_OVERDUE,)


def review_findings(journey: Journey, today: date, locale: str = "en") -> list[Diagnostic]:
    """``review-overdue`` when the journey's next review is due before ``today``
    (the build date): found on every read, never kept with the block's result."""
    review = journey.review
    due = review.next_date() if review is not None else None
    if review is None or due is None or due >= today:
        return []
    return [Diagnostic(
        Severity.WARNING,
        text_in(locale, "review.overdue", journey=journey.id, due=due.isoformat(),
                last=review.last, every=review.every),
        journey.file, review.line, "review-overdue",
    )]
