"""Measured data against the site's journeys: rows naming what does not
exist, flows that leak, data gone stale, missed KPIs and bottlenecks. Every
finding is at the data file's row (``flow.csv:7``). Found on every read of
the site (the build date decides staleness), never kept in the block cache.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypeVar

from mkdocs_custflow.checks.rule import Rule
from mkdocs_custflow.collector import collector_paused
from mkdocs_custflow.diagnostics import Diagnostic, Severity, name_hint
from mkdocs_custflow.measured.data import MeasuredData
from mkdocs_custflow.measured.flow import Grouped, JourneyFlow, PeriodFlow, stage_names
from mkdocs_custflow.measured.kpis import name_key
from mkdocs_custflow.measured.rows import DATE, KPI, SEGMENT, FlowRow, KpiRow, Period
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.structure import Journey
from mkdocs_custflow.structure.review_cycle import Interval, add_interval, read_interval

MEASURE_UNKNOWN = Rule(
    "measure-unknown", "warning", "A data row names a journey, stage or KPI that does not exist.",
    "A flow row's 'journey' is no journey id of the site, its 'from' no stage of the journey "
    "(or its 'to' is spelt like one), or a KPI row's 'kpi' names no KPI (by id or name), or "
    "its 'journey' or 'stage' none. The message suggests the closest name. Correct the "
    "export or the journey; a 'to' that is not a stage is an exit (lost, 流失).",
)
MEASURE_VALUE = Rule(
    "measure-value", "warning", "A data file or row that cannot be read.",
    "A date that is neither a day (YYYY-MM-DD) nor a month (YYYY-MM), a count that is no "
    "whole number, a value that is no number with a unit, a row given twice, a header "
    "that names neither kind of file, or a file that cannot be decoded. The row is left "
    "out of every view until it is corrected.",
)
MEASURE_STALE = Rule(
    "measure-stale", "warning", "Measured data older than 'stale_after'.",
    "The newest period of a data file ended longer before the build date (today, or "
    "SOURCE_DATE_EPOCH) than the option 'stale_after' (default 45d) allows: the numbers "
    "shown are old. Refresh the export before the build (the guide shows a CI step).",
)
FLOW_LEAK = Rule(
    "flow-leak", "warning", "More customers leave a stage than entered it.",
    "In one period, the rows from a stage count more customers than the rows into it. "
    "Rows are missing or counted twice: check the export's entries into the stage.",
)
KPI_MISSED = Rule(
    "kpi-missed", "info", "A KPI's latest measured value misses its target.",
    "The newest value of the KPI in the data does not meet the target written on the "
    "stage. Shown, fails nothing; the dashboard lists every KPI and whether it is met.",
)
BOTTLENECK = Rule(
    "bottleneck", "info", "The stage that loses the largest share of its customers.",
    "In the latest period of a journey's flow, this stage loses the largest share of "
    "the customers who reach it. Shown, fails nothing; the funnel view marks it.",
)

RowT = TypeVar("RowT", FlowRow, KpiRow)

OWN_RULES = (MEASURE_UNKNOWN, MEASURE_VALUE, MEASURE_STALE, FLOW_LEAK, KPI_MISSED, BOTTLENECK)
EXIT_WORDS = frozenset({
    "lost", "exit", "exited", "left", "churn", "churned", "dropped", "drop", "abandoned",
    "end", "done", "closed", "won", "competitor", "流失", "转竞品", "放弃", "离开", "结束",
    "完成", "关闭", "退出",
})
"""Exits no one would mean as a stage: never reported as a misspelt stage."""


def _close(name: str, choices: Iterable[str]) -> bool:
    return bool(difflib.get_close_matches(name, list(choices), n=1, cutoff=0.75))


def check_measured(data: MeasuredData | None, journeys: Iterable[Journey], today: date,
                   locale: str = "en") -> list[Diagnostic]:
    """Every finding about the data: what reading the files found, and what
    needs the site's journeys or the day (the build date; ``stale_after`` as
    the data was read with). Once per read of the site, over the rows as
    :class:`MeasuredData` groups them: each journey, stage and KPI a row
    names is checked once, not once per row."""
    if data is None:
        return []
    with collector_paused():  # flows and histories the views use too: no cycles in them
        return _check_measured(data, journeys, today, locale)


def _check_measured(data: MeasuredData, journeys: Iterable[Journey], today: date,
                    locale: str) -> list[Diagnostic]:
    by_id: dict[str, Journey] = {}
    for journey in journeys:
        by_id.setdefault(journey.id, journey)
    found = [*data.findings, *_in_row_order(data, _flow_rows(data, by_id, locale))]
    found += _in_row_order(data, _kpi_rows(data, by_id, locale))
    for journey in by_id.values():
        flow = data.flow_of(journey) if data.has_flow(journey.id) else None
        if flow is None:
            continue
        found += _leaks(journey, flow, locale)
        found += _bottleneck(journey, flow.latest, locale)
    found += _missed(data, by_id.values(), locale)
    found += stale_findings(data, today, data.stale_after, locale)
    return found


def check_journey_data(data: MeasuredData, journey: Journey, locale: str = "en"
                       ) -> list[Diagnostic]:
    """What the data says about one journey, where the site's other journeys
    are not known (the Markdown extension alone reads one page at a time):
    its flow rows' stages, repeated rows, leaks, its bottleneck and missed
    KPIs. Rows naming no journey of the site need the whole site: the plugin
    and ``custflow validate`` report those."""
    grouped = data.grouped.get(journey.id)
    found = _journey_flow_rows(data, journey, grouped, locale) if grouped else []
    flow = data.flow_of(journey) if grouped else None
    if flow is not None:
        found += _leaks(journey, flow, locale)
        found += _bottleneck(journey, flow.latest, locale)
    return _in_row_order(data, found) + _missed(data, [journey], locale)


def _in_row_order(data: MeasuredData, found: list[Diagnostic]) -> list[Diagnostic]:
    """Findings about rows in the order of the rows (files as read, then lines)."""
    order = {file: index for index, file in enumerate(data.files)}
    return sorted(found, key=lambda d: (order.get(d.file, len(order)), d.line))


def _at_rows(rows: Iterable[FlowRow | KpiRow], message: str, *, rule: str) -> list[Diagnostic]:
    """A finding at each row (a row's file and line are its last two fields)."""
    return [Diagnostic(Severity.WARNING, message, row[-2], row[-1], rule) for row in rows]


def _repeated(rows: Sequence[RowT], periods: dict[str, Period]
              ) -> list[tuple[RowT, Period, int]]:
    """``(row, its period, the line of the earlier row it repeats)``: the
    same period, segment and file among rows that name the same things
    (rarely any: found by their periods first)."""
    dates = [periods[row[DATE]] for row in rows]
    if len(set(dates)) == len(dates):
        return []
    seen: dict[tuple[object, ...], int] = {}
    repeats = []
    for row in sorted(rows, key=lambda r: (r[-2], r[-1])):
        period = periods[row[DATE]]
        key = (period, row[SEGMENT], row[-2])
        if key in seen:
            repeats.append((row, period, seen[key]))
        else:
            seen[key] = row[-1]
    return repeats


def _flow_rows(data: MeasuredData, by_id: dict[str, Journey], locale: str) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for journey_id, grouped in data.grouped.items():
        journey = by_id.get(journey_id)
        if journey is None:
            message = text_in(locale, "measure.unknown-journey", journey=journey_id,
                              hint=name_hint(journey_id, by_id))
            for rows in grouped.values():
                found += _at_rows(rows, message, rule="measure-unknown")
            continue
        found += _journey_flow_rows(data, journey, grouped, locale)
    return found


def _journey_flow_rows(data: MeasuredData, journey: Journey, grouped: Grouped, locale: str
                       ) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    names = stage_names(journey)
    for (source, target), rows in grouped.items():
        wrong = _flow_names(journey, names, source, target, locale)
        if wrong:
            found += _at_rows(rows, wrong, rule="measure-unknown")
        for row, period, first in _repeated(rows, data.periods):
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "measure.repeated-row", line=first, journey=journey.id,
                        period=period.key, source=source or "-", target=target),
                row[-2], row[-1], "measure-value"))
    return found


def _flow_names(journey: Journey, names: dict[str, str], source: str, target: str,
                locale: str) -> str | None:
    """What is wrong with the stages a flow row names (None: nothing)."""
    if source and source not in names:
        return text_in(locale, "measure.from-no-stage", stage=source, journey=journey.id,
                       hint=name_hint(source, names))
    if not source and target not in names:
        return text_in(locale, "measure.enter-no-stage", journey=journey.id, stage=target,
                       hint=name_hint(target, names))
    if target not in names and name_key(target) not in EXIT_WORDS and _close(target, names):
        return text_in(locale, "measure.to-no-stage", stage=target, journey=journey.id,
                       hint=name_hint(target, names))
    return None


def _kpi_rows(data: MeasuredData, by_id: dict[str, Journey], locale: str) -> list[Diagnostic]:
    known: dict[str, str] = {}
    for journey in by_id.values():
        for stage in journey.stages:
            for kpi in stage.kpis:
                known.setdefault(name_key(kpi.key), kpi.key)
                known.setdefault(name_key(kpi.name), kpi.name)
    found: list[Diagnostic] = []
    stage_names: dict[str, tuple[set[str], list[str]]] = {}  # journey id ("": any) -> names
    same_kpi: dict[tuple[str, str, str], list[KpiRow]] = {}
    for (kpi_text, journey_text, stage_text), rows in data.kpi_index.groups.items():
        if name_key(kpi_text) not in known:
            found += _at_rows(rows, text_in(locale, "measure.unknown-kpi", kpi=kpi_text,
                                            hint=name_hint(kpi_text, known.values())),
                              rule="measure-unknown")
            continue
        scope = by_id.get(journey_text) if journey_text else None
        if journey_text and scope is None:
            found += _at_rows(rows, text_in(locale, "measure.unknown-kpi-journey",
                                            journey=journey_text, kpi=kpi_text,
                                            hint=name_hint(journey_text, by_id)),
                              rule="measure-unknown")
            continue
        if stage_text:
            scope_id = scope.id if scope else ""
            if scope_id not in stage_names:
                stages = [s for j in ([scope] if scope else by_id.values()) for s in j.stages]
                stage_names[scope_id] = ({name_key(s.id) for s in stages}
                                         | {name_key(s.name) for s in stages},
                                         sorted({s.id for s in stages}))
            names, ids = stage_names[scope_id]
            if name_key(stage_text) not in names:
                found += _at_rows(rows, text_in(locale, "measure.unknown-kpi-stage",
                                                stage=stage_text, kpi=kpi_text,
                                                hint=name_hint(stage_text, ids)),
                                  rule="measure-unknown")
                continue
        same_kpi.setdefault((name_key(kpi_text), journey_text, name_key(stage_text)),
                            []).extend(rows)
    for same in same_kpi.values():
        for row, period, first in _repeated(same, data.periods):
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "measure.repeated-kpi", kpi=row[KPI], period=period.key,
                        line=first),
                row[-2], row[-1], "measure-value"))
    return found


def _leaks(journey: Journey, flow: JourneyFlow, locale: str) -> list[Diagnostic]:
    found = []
    for period, stage_id, left, entered, first in flow.leaks():
        file, line = first or ("", 0)
        found.append(Diagnostic(
            Severity.WARNING,
            text_in(locale, "measure.leak", journey=journey.id, period=period.key, left=left,
                    stage=stage_id, entered=entered),
            file, line, "flow-leak"))
    return found


def _bottleneck(journey: Journey, latest: PeriodFlow, locale: str) -> list[Diagnostic]:
    stage = latest.bottleneck
    if stage is None:
        return []
    stage_ids = {s.stage_id for s in latest.stages}
    rows = latest.lines.items()  # the row of a loss, else of the way on, else of the way in
    where = (next((w for (source, to), w in rows if source == stage.stage_id
                   and to not in stage_ids), None)
             or next((w for (source, _), w in rows if source == stage.stage_id), None)
             or next((w for (_, target), w in rows if target == stage.stage_id), ("", 0)))
    share = round(100 * (stage.drop_share or 0))
    return [Diagnostic(
        Severity.INFO,
        text_in(locale, "measure.bottleneck", journey=journey.id, period=latest.period.key,
                stage=stage.name, share=share, drop=stage.drop, entered=stage.entered),
        where[0], where[1], "bottleneck")]


def _missed(data: MeasuredData, journeys: Iterable[Journey], locale: str) -> list[Diagnostic]:
    found = []
    reported: set[tuple[str, int]] = set()
    for journey in journeys:
        for stage in journey.stages:
            for kpi in stage.kpis:
                history = data.kpi_history(kpi, journey.id, stage.id, stage.name)
                if history is None:
                    continue
                latest = history.latest
                where = (latest.file, latest.line)
                if where in reported:
                    continue
                status = history.status
                if status == "missed":
                    reported.add(where)
                    found.append(Diagnostic(
                        Severity.INFO,
                        text_in(locale, "measure.kpi-missed", kpi=kpi.name, journey=journey.id,
                                stage=stage.id, period=latest.period.key, target=kpi.target,
                                value=unicodedata.normalize("NFKC", latest.text)),
                        latest.file, latest.line, "kpi-missed"))
                elif status is None and kpi.target:
                    reported.add(where)
                    found.append(Diagnostic(
                        Severity.WARNING,
                        text_in(locale, "measure.kpi-unit", kpi=kpi.name,
                                value=repr(latest.text), target=repr(kpi.target)),
                        latest.file, latest.line, "measure-value"))
    return found


def stale_findings(
    data: MeasuredData, today: date, stale_after: str, locale: str = "en"
) -> list[Diagnostic]:
    """``measure-stale`` for each file whose newest period ended longer ago
    than ``stale_after`` before ``today`` (the build date)."""
    interval = read_interval(stale_after) or Interval(45, "d")
    newest = data.newest()
    found = []
    for file, (period, line) in newest.items():
        if add_interval(period.end, interval.count, interval.unit) < today:
            age = (today - period.end).days
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "measure.stale", period=period.key, end=period.end, age=age,
                        today=today, stale_after=stale_after),
                file, line, "measure-stale"))
    return found
