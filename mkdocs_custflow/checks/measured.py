"""Measured data against the site's journeys: rows naming what does not
exist, flows that leak, data gone stale, missed KPIs and bottlenecks. Every
finding is at the data file's row (``flow.csv:7``). Found on every read of
the site (the build date decides staleness), never kept in the block cache.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from datetime import date

from mkdocs_custflow.checks.rule import Rule
from mkdocs_custflow.diagnostics import Diagnostic, Severity, name_hint
from mkdocs_custflow.measured.data import MeasuredData
from mkdocs_custflow.measured.flow import PeriodFlow, stage_names
from mkdocs_custflow.measured.kpis import name_key
from mkdocs_custflow.measured.rows import FlowRow, KpiRow, Period
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
    the data was read with)."""
    if data is None:
        return []
    by_id: dict[str, Journey] = {}
    for journey in journeys:
        by_id.setdefault(journey.id, journey)
    found = [*data.findings, *_flow_rows(data, by_id, locale)]
    found += _kpi_rows(data, by_id, locale)
    for journey in by_id.values():
        flow = data.flow_of(journey) if data.flow_rows(journey.id) else None
        if flow is None:
            continue
        found += _leaks(journey, flow.periods, locale)
        found += _bottleneck(journey, flow.latest, locale)
    found += _missed(data, by_id.values(), locale)
    found += stale_findings(data, today, data.stale_after, locale)
    return found


def _flow_rows(data: MeasuredData, by_id: dict[str, Journey], locale: str) -> list[Diagnostic]:
    found = []
    seen: dict[tuple[object, ...], int] = {}
    names_of: dict[str, dict[str, str]] = {}
    for row in data.flows:
        journey = by_id.get(row.journey)
        if journey is None:
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "measure.unknown-journey", journey=row.journey,
                        hint=name_hint(row.journey, by_id)),
                row.file, row.line, "measure-unknown"))
            continue
        names = names_of.get(journey.id)
        if names is None:
            names = names_of[journey.id] = stage_names(journey)
        hint = name_hint
        if row.source and row.source not in names:
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "measure.from-no-stage", stage=row.source, journey=journey.id,
                        hint=hint(row.source, names)),
                row.file, row.line, "measure-unknown"))
        elif not row.source and row.target not in names:
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "measure.enter-no-stage", journey=journey.id, stage=row.target,
                        hint=hint(row.target, names)),
                row.file, row.line, "measure-unknown"))
        elif (row.target not in names and name_key(row.target) not in EXIT_WORDS
              and _close(row.target, names)):
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "measure.to-no-stage", stage=row.target, journey=journey.id,
                        hint=hint(row.target, names)),
                row.file, row.line, "measure-unknown"))
        key = (row.file, row.journey, row.period, row.source, row.target, row.segment)
        if key in seen:
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "measure.repeated-row", line=seen[key], journey=row.journey,
                        period=row.period.key, source=row.source or "-", target=row.target),
                row.file, row.line, "measure-value"))
        seen.setdefault(key, row.line)
    return found


def _kpi_rows(data: MeasuredData, by_id: dict[str, Journey], locale: str) -> list[Diagnostic]:
    known: dict[str, str] = {}
    for journey in by_id.values():
        for stage in journey.stages:
            for kpi in stage.kpis:
                known.setdefault(name_key(kpi.key), kpi.key)
                known.setdefault(name_key(kpi.name), kpi.name)
    found = []
    seen: dict[tuple[object, ...], int] = {}
    stage_names: dict[str, tuple[set[str], list[str]]] = {}  # journey id ("": any) -> names
    for row in data.kpis:
        if name_key(row.kpi) not in known:
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "measure.unknown-kpi", kpi=row.kpi,
                        hint=name_hint(row.kpi, known.values())),
                row.file, row.line, "measure-unknown"))
            continue
        scope = by_id.get(row.journey) if row.journey else None
        if row.journey and scope is None:
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "measure.unknown-kpi-journey", journey=row.journey,
                        hint=name_hint(row.journey, by_id), kpi=row.kpi),
                row.file, row.line, "measure-unknown"))
            continue
        if row.stage:
            scope_id = scope.id if scope else ""
            if scope_id not in stage_names:
                stages = [s for j in ([scope] if scope else by_id.values()) for s in j.stages]
                stage_names[scope_id] = ({name_key(s.id) for s in stages}
                                         | {name_key(s.name) for s in stages},
                                         sorted({s.id for s in stages}))
            names, ids = stage_names[scope_id]
            if name_key(row.stage) not in names:
                found.append(Diagnostic(
                    Severity.WARNING,
                    text_in(locale, "measure.unknown-kpi-stage", stage=row.stage, kpi=row.kpi,
                            hint=name_hint(row.stage, ids)),
                    row.file, row.line, "measure-unknown"))
                continue
        key = (row.file, name_key(row.kpi), row.journey, name_key(row.stage), row.segment,
               row.period)
        if key in seen:
            found.append(Diagnostic(
                Severity.WARNING,
                text_in(locale, "measure.repeated-kpi", kpi=row.kpi, period=row.period.key,
                        line=seen[key]),
                row.file, row.line, "measure-value"))
        seen.setdefault(key, row.line)
    return found


def _leaks(journey: Journey, periods: list[PeriodFlow], locale: str) -> list[Diagnostic]:
    found = []
    for period in periods:
        for stage in period.stages:
            if stage.left > stage.entered:
                first = next((where for (source, _), where in period.lines.items()
                              if source == stage.stage_id), None)
                file, line = first or ("", 0)
                found.append(Diagnostic(
                    Severity.WARNING,
                    text_in(locale, "measure.leak", journey=journey.id,
                            period=period.period.key, left=stage.left, stage=stage.stage_id,
                            entered=stage.entered),
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
    newest: dict[str, tuple[Period, int]] = {}
    rows: list[FlowRow | KpiRow] = [*data.flows, *data.kpis]
    for row in rows:
        known = newest.get(row.file)
        if known is None or row.period > known[0]:
            newest[row.file] = (row.period, row.line)
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
