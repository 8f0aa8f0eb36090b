"""Read what a journey says about improving it: pains, opportunities, KPIs and
the ``review:`` cycle.

These keys take measures, dates and intervals whose hints (``try '3m'``) are
their own, so they are read apart from the shape of stages and steps.
"""

from __future__ import annotations

import re

from mkdocs_custflow.messages import NOTHING, Text, say
from mkdocs_custflow.reading.keys import KPI_KEYS, OPPORTUNITY_KEYS, PAIN_KEYS, REVIEW_KEYS
from mkdocs_custflow.reading.located_yaml import YamlMapping, line_of
from mkdocs_custflow.reading.value_reader import VALUE_RULE, ValueReader
from mkdocs_custflow.structure import SEVERITIES, STATUSES, Kpi, Opportunity, Pain, Review
from mkdocs_custflow.structure.measures import read_target, read_value
from mkdocs_custflow.structure.review_cycle import read_date, read_interval

UNITS_RULE = "kpi-not-comparable"
_INTERVAL_WORDS = {
    "daily": "1d", "weekly": "1w", "fortnightly": "2w", "monthly": "1m", "quarterly": "3m",
    "half-yearly": "6m", "yearly": "1y", "annually": "1y", "每天": "1d", "每周": "1w",
    "每月": "1m", "每季度": "3m", "每半年": "6m", "每年": "1y",
}
_LONG_INTERVAL = re.compile(
    r"^\s*(?:every\s+|每)?(?P<count>\d+)?\s*(?:个)?"
    r"(?P<unit>days?|weeks?|months?|years?|天|周|月|年)\s*$"
)
_OTHER_DATE = re.compile(r"^\s*(\d{4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?\s*$")


class ImprovementReader(ValueReader):
    """Reads pains, opportunities, KPIs and the review cycle."""

    def pain(self, data: object, line: int) -> Pain | None:
        if isinstance(data, str):
            return Pain(data, line=self.report.file_line(line))
        if not isinstance(data, YamlMapping):
            self.report.error(say("pain.bad-form"), line, VALUE_RULE)
            return None
        self.check_keys(data, PAIN_KEYS, say("what.pain"))
        text = self.text(data, "text", required=True)
        severity = self.keyword(data, "severity", SEVERITIES, say("keyword.severity"))
        if text is None:
            return None
        return Pain(text, severity or "medium", line=self.report.file_line(line))

    def opportunity(self, data: object, line: int) -> Opportunity | None:
        if isinstance(data, str):
            return Opportunity(data, line=self.report.file_line(line))
        if not isinstance(data, YamlMapping):
            self.report.error(say("opportunity.bad-form"), line, VALUE_RULE)
            return None
        self.check_keys(data, OPPORTUNITY_KEYS, say("what.opportunity"))
        text = self.text(data, "text", required=True)
        status = self.keyword(data, "status", STATUSES, say("keyword.status"))
        owner = self.id_value(data, "owner", say("names.actor-id"))
        if text is None:
            return None
        return Opportunity(text, status or "idea", owner, line=self.report.file_line(line))

    def kpis(self, data: YamlMapping) -> list[Kpi]:
        return self.items(data, "kpis", self.kpi)

    def kpi(self, data: object, line: int) -> Kpi | None:
        file_line = self.report.file_line(line)
        if isinstance(data, str):
            return Kpi(data, line=file_line)
        if not isinstance(data, YamlMapping):
            self.report.error(say("kpi.bad-form"), line, VALUE_RULE)
            return None
        self.check_keys(data, KPI_KEYS, say("what.kpi"))
        name = self.text(data, "name", required=True)
        target, current = self.text(data, "target"), self.text(data, "current")
        unit = self.text(data, "unit")
        if name is None:
            return None
        kpi = Kpi(name, target, current, unit, line=file_line,
                  id=self.id_value(data, "id", say("names.kpi-id")))
        goal = read_target(target, unit) if target is not None else None
        now = read_value(current, unit) if current is not None else None
        if target is not None and goal is None:
            self.report.error(say("kpi.bad-target", name=name, target=repr(target)),
                              data.line_of("target"), VALUE_RULE)
            return None
        if current is not None and now is None:
            self.report.error(say("kpi.bad-current", name=name, current=repr(current)),
                              data.line_of("current"), VALUE_RULE)
            return None
        if goal is not None and now is not None and goal.quantity.unit != now.unit:
            self.report.warning(
                say("kpi.not-comparable", name=name, target=repr(target), current=repr(current)),
                data.line_of("current"), UNITS_RULE,
            )
        return kpi

    def effective(self, data: YamlMapping, state: str) -> str | None:
        """``effective:``: the day a to-be journey's change went live."""
        value = self.text(data, "effective")
        if value is None:
            return None
        if read_date(value) is None:
            self.report.error(say("effective.bad-date", value=repr(value)),
                              data.line_of("effective"), VALUE_RULE)
            return None
        if state != "to-be":
            self.report.error(say("effective.not-to-be"), data.line_of("effective"), VALUE_RULE)
            return None
        return value

    def review(self, data: YamlMapping) -> Review | None:
        value = data.get("review")
        if value is None:
            return None
        line = line_of(data, "review")
        if not isinstance(value, YamlMapping):
            self.report.error(say("review.bad-form"), line, VALUE_RULE)
            return None
        self.check_keys(value, REVIEW_KEYS, say("what.review"))
        every_text = self.text(value, "every")
        every = read_interval(every_text) if every_text is not None else None
        if every_text is not None and every is None:
            self.report.error(
                say("review.bad-every", value=repr(every_text), hint=_interval_hint(every_text)),
                value.line_of("every"), VALUE_RULE,
            )
        last_text = self.text(value, "last")
        last = read_date(last_text) if last_text is not None else None
        if last_text is not None and last is None:
            self.report.error(
                say("review.bad-last", value=repr(last_text), hint=_date_hint(last_text)),
                value.line_of("last"), VALUE_RULE,
            )
        return Review(
            owner=self.id_value(value, "owner", say("names.actor-id")),
            every=every,
            last=last,
            participants=self.id_list(value, "with"),
            line=self.report.file_line(line),
            key_lines={key: self.report.file_line(value.line_of(key)) for key in value},
        )


def _interval_hint(text: str) -> Text:
    """``; try '3m'`` for an interval written in words (``quarterly``, ``3 months``)."""
    word = text.strip().lower()
    if word in _INTERVAL_WORDS:
        return say("hint.try", value=_INTERVAL_WORDS[word])
    match = _LONG_INTERVAL.match(word)
    if match:
        unit = match["unit"]
        letter = {"天": "d", "周": "w", "月": "m", "年": "y"}.get(unit, unit[0])
        return say("hint.try", value=f"{match['count'] or 1}{letter}")
    return NOTHING


def _date_hint(text: str) -> Text:
    """``; try '2026-09-01'`` for a date written another way (``2026/9/1``)."""
    match = _OTHER_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        candidate = f"{year:04d}-{month:02d}-{day:02d}"
        if read_date(candidate):
            return say("hint.try", value=candidate)
    return NOTHING
