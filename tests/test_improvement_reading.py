"""Reading the keys of the improvement loop (spec sections 9-13): pains,
opportunities, KPI targets, step ``pain``/``lane``, ``state``/``improves``,
``review`` and ``detail``; every bad value is a finding at file:line with
the fix, never a crash.

Blocks are read with ``line=10``: body line ``k`` (0-based) is file line ``10 + k``.
"""

from __future__ import annotations

from datetime import date

import pytest
from support.pipeline import make_pipeline, started_cache

from mkdocs_custflow import cache as cache_module
from mkdocs_custflow import cache_entries
from mkdocs_custflow.diagnostics import Severity
from mkdocs_custflow.pipeline import Pipeline
from mkdocs_custflow.structure import Kpi
from mkdocs_custflow.structure.measures import kpi_result, read_target, read_value
from mkdocs_custflow.structure.review_cycle import (
    BuildDateError,
    add_interval,
    build_date,
    next_review,
    read_interval,
)

FILE = "docs/x.md"
BASE = 10

# Spec section 9, verbatim. Body line k is file line BASE + k.
SPEC_MAP_EXAMPLE = """\
id: repair-map
title: Repair, as the customer lives it
views: [map, blueprint]
actors:
  customer: {name: Customer, kind: customer}
  desk: {name: Service desk, kind: role, team: Service}
  eng: {name: Engineer, kind: role, team: Service}
  crm: {name: CRM, kind: system}
stages:
  - id: report
    name: Report a fault
    owner: desk
    touchpoints: [hotline]
    pains:
      - {text: Waits on the line and repeats the story, severity: high}
    opportunities:
      - {text: Photo upload on WeChat before the call, status: planned, owner: desk}
    steps:
      - {from: customer, to: desk, say: Report the fault, score: 2, pain: Asked the same questions twice}
      - desk -> crm: Open the ticket
  - id: accept
    name: Accept the repair
    owner: eng
    kpis:
      - {name: First-time fix rate, target: ">= 90%", current: 84%}
      - Acceptance signed on site
    steps:
      - {from: eng, to: customer, say: Test together and sign, score: 4}
"""  # noqa: E501 - the spec's example, verbatim

HEAD = """\
id: j
actors:
  customer: {name: Customer, kind: customer}
  desk: {name: Service desk, kind: role}
  eng: {name: Engineer, kind: role}
"""


def read(body: str):
    return make_pipeline().read_block(body, file=FILE, line=BASE)


def stage_block(lines: str) -> str:
    """HEAD, then one stage whose keys are ``lines`` (indented 4): its first
    key is body line 7."""
    return HEAD + "stages:\n  - id: s\n" + lines


def only(result, severity: Severity = Severity.ERROR):
    found = [d for d in result.diagnostics if d.severity is severity]
    assert len(found) == 1, [str(d) for d in result.diagnostics]
    return found[0]


# -- the spec's example ----------------------------------------------------------------------
def test_spec_section_9_example_reads_every_key():
    result = read(SPEC_MAP_EXAMPLE)
    assert result.ok and not result.diagnostics, [str(d) for d in result.diagnostics]
    journey = result.journey
    assert journey.views == ["map", "blueprint"] and journey.state == "as-is"
    report, accept = journey.stages
    assert [(p.text, p.severity, p.line) for p in report.pains] == [
        ("Waits on the line and repeats the story", "high", BASE + 14)]
    assert [(o.text, o.status, o.owner, o.line) for o in report.opportunities] == [
        ("Photo upload on WeChat before the call", "planned", "desk", BASE + 16)]
    first = report.messages[0]
    assert (first.score, first.pain, first.lane) == (2, "Asked the same questions twice", None)
    assert report.pain_count() == 2
    fix_rate, signed = accept.kpis
    assert (fix_rate.name, fix_rate.target, fix_rate.current, fix_rate.result) == (
        "First-time fix rate", ">= 90%", "84%", "missed")
    assert (signed.name, signed.target, signed.result, str(signed)) == (
        "Acceptance signed on site", None, None, "Acceptance signed on site")
    assert str(fix_rate) == "First-time fix rate >= 90% (84%)"


def test_plain_forms_and_defaults():
    result = read(stage_block(
        "    pains: Long wait\n"
        "    opportunities: [Call back within the hour]\n"
        "    kpis: {name: Wait, target: <= 2h, current: 90 min}\n"
        "    steps:\n"
        "      - {customer -> desk: Report, lane: backstage, pain: Repeats the story}\n"
    ))
    assert result.ok, [str(d) for d in result.diagnostics]
    stage = result.journey.stages[0]
    assert [(p.text, p.severity) for p in stage.pains] == [("Long wait", "medium")]
    assert [(o.text, o.status, o.owner) for o in stage.opportunities] == [
        ("Call back within the hour", "idea", None)]
    assert [k.result for k in stage.kpis] == ["met"]
    assert (stage.messages[0].lane, stage.messages[0].pain) == ("backstage", "Repeats the story")


def test_any_unicode_text_is_kept_as_written():
    text = "客户等待 #1; <b>'引号'</b> & 100%"
    result = read(stage_block(
        f'    pains: ["{text}"]\n    opportunities: [{{text: "{text}", status: doing}}]\n'
        f'    kpis: [{{name: "{text}", target: "≥ ９０％", current: "９１％"}}]\n'
    ))
    assert result.ok, [str(d) for d in result.diagnostics]
    stage = result.journey.stages[0]
    assert stage.pains[0].text == text and stage.opportunities[0].text == text
    assert (stage.kpis[0].name, stage.kpis[0].result) == (text, "met")


# -- bad values: a finding at file:line with the fix -------------------------------------------
@pytest.mark.parametrize(("lines", "line", "message"), [
    ("    pains:\n      - {text: Slow, severity: hgh}\n", 8,
     "unknown severity 'hgh' (did you mean 'high'?); use one of high, medium, low"),
    ("    pains:\n      - {text: Slow, severity: 高}\n", 8,
     "unknown severity '高' (did you mean 'high'?); use one of high, medium, low"),
    ("    pains:\n      - {severity: high}\n", 8, "'text' is required"),
    ("    pains:\n      - [a, b]\n", 8,
     "a pain point is a text or {text, severity: high|medium|low}"),
    ("    opportunities:\n      - {text: Chat, status: planed}\n", 8,
     "unknown status 'planed' (did you mean 'planned'?); use one of idea, planned, doing, done"),
    ("    opportunities:\n      - {text: Chat, owner: 'not an id!'}\n", 8,
     "'owner' must be an actor id, not 'not an id!'; try 'not-an-id'"),
    ("    opportunities:\n      - {text: Chat, due: soon}\n", 8,
     "unknown key 'due' in an opportunity"),
    ("    kpis:\n      - {name: Fix rate, target: high, current: 84%}\n", 8,
     "KPI 'Fix rate': target 'high' is not a number with an optional comparison; "
     "write e.g. '>= 90%', '<= 2h' or '< 3 days'"),
    ("    kpis:\n      - {name: Fix rate, target: '>= 90%', current: '>= 84%'}\n", 8,
     "KPI 'Fix rate': current value '>= 84%' is not a number with an optional unit; "
     "write what was measured, e.g. '84%' or '3h'"),
    ("    kpis:\n      - {target: '>= 90%'}\n", 8, "'name' is required"),
    ("    detail: Repair visit\n", 7, "'detail' must be a journey id, not 'Repair visit'; "
     "try 'repair-visit'"),
    ("    steps:\n      - {from: customer, to: desk, say: Hi, lane: frontstag}\n", 8,
     "unknown lane 'frontstag' (did you mean 'frontstage'?); use one of customer, "
     "frontstage, backstage, support"),
    ("    steps:\n      - {customer -> desk: Hi, lane: 后台}\n", 8,
     "unknown lane '后台' (did you mean 'backstage'?)"),
])
def test_bad_stage_values_are_located_with_the_fix(lines: str, line: int, message: str):
    d = only(read(stage_block(lines)))
    assert d.file == FILE and d.line == BASE + line, str(d)
    assert message in d.message, d.message


def test_target_and_value_in_different_units_warn_at_the_value():
    result = read(stage_block(
        "    kpis:\n      - {name: Fix rate, target: '>= 90%',\n         current: 3h}\n"))
    assert result.ok
    d = only(result, Severity.WARNING)
    assert (d.line, d.rule) == (BASE + 9, "kpi-not-comparable")
    assert "not in one unit, so met or missed cannot be shown" in d.message


def test_unknown_actors_of_opportunities_and_reviews_name_the_closest():
    result = read(stage_block(
        "    pains: [Slow]\n    opportunities:\n      - {text: Chat, owner: dsk}\n"
    ).replace("stages:", "review: {owner: eng, with: [desk, engg], every: 3m}\nstages:"))
    messages = sorted((d.line, d.message) for d in result.diagnostics if d.is_error)
    assert messages == [
        (BASE + 5, "unknown actor 'engg' in 'with' of 'review' (did you mean 'eng'?)"),
        (BASE + 10, "unknown actor 'dsk' in the 'owner' of an opportunity of stage 's' "
                    "(did you mean 'desk'?)"),
    ]


@pytest.mark.parametrize(("review", "message"), [
    ("{every: quarterly}", "'every' must be a number of days, weeks, months or years such as "
     "90d, 2w, 3m or 1y, not 'quarterly'; try '3m'"),
    ("{every: 6 months}", "not '6 months'; try '6m'"),
    ("{every: 每季度}", "not '每季度'; try '3m'"),
    ("{every: 0d}", "not '0d'"),
    ("{last: 2026/9/1}", "'last' must be a date written YYYY-MM-DD, not '2026/9/1'; "
     "try '2026-09-01'"),
    ("{last: 2026-02-30}", "not '2026-02-30'"),
    ("{last: 2026年9月1日}", "try '2026-09-01'"),
    ("{owner: desk, when: monthly}", "unknown key 'when' in 'review'"),
    ("monthly", "'review' must be a mapping {owner, every, last, with}"),
])
def test_bad_review_values_are_located_with_the_fix(review: str, message: str):
    body = HEAD + f"review: {review}\nstages: [{{id: s, owner: desk}}]\n"
    d = only(read(body))
    assert (d.file, d.line) == (FILE, BASE + 5), str(d)
    assert message in d.message, d.message


def test_state_and_improves():
    def journey(lines: str):
        return read(HEAD + lines + "stages: [{id: s, owner: desk}]\n")

    assert journey("").journey.state == "as-is"
    assert journey("state: To-Be\n").journey.state == "to-be"
    implied = journey("improves: repair\n").journey
    assert (implied.state, implied.improves) == ("to-be", "repair")
    d = only(journey("state: tobe\n"))
    assert (d.line, d.message) == (
        BASE + 5, "unknown state 'tobe' (did you mean 'to-be'?); use one of as-is, to-be")
    d = only(journey("state: as-is\nimproves: repair\n"))
    assert d.line == BASE + 6
    assert d.message.startswith("an as-is journey improves nothing: write 'state: to-be'")


def test_review_reads_and_tells_the_next_date():
    body = HEAD + ("review:\n  owner: desk\n  every: 3m\n  last: 2026-08-31\n"
                   "  with: [eng]\nstages: [{id: s, owner: desk}]\n")
    result = make_pipeline().read_block(body, file=FILE, line=BASE)
    review = result.journey.review
    assert (review.owner, review.participants, review.last, review.line) == (
        "desk", ["eng"], date(2026, 8, 31), BASE + 5)
    assert str(review.every) == "3m"
    assert review.next_date() == date(2026, 11, 30)


# -- review-overdue: against the build date, never cached ------------------------------------
OVERDUE = HEAD + ("review: {owner: desk, every: 1m, last: 2026-01-15}\n"
                  "stages: [{id: s, owner: desk}]\n")


def _epoch(day: date) -> str:
    from datetime import datetime, timezone

    return str(int(datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc).timestamp()))


def test_review_overdue_is_reported_at_the_review_key(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(date(2026, 3, 1)))
    d = only(read(OVERDUE), Severity.WARNING)
    assert (d.file, d.line, d.rule) == (FILE, BASE + 5, "review-overdue")
    assert d.message == (
        "the review of journey 'j' was due on 2026-02-15 (last 2026-01-15, every 1m); review "
        "it with the people named and set 'last' to the day you did")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(date(2026, 2, 15)))
    assert read(OVERDUE).diagnostics == []  # due today is not overdue


def test_the_build_date_is_today_without_source_date_epoch(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_date() == date.today()


@pytest.mark.parametrize("epoch", ["not a number", "1.7e9", "99999999999999999999", "0x10"])
def test_a_malformed_source_date_epoch_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path, epoch: str
):
    """Reproducible builds: a build asked for a fixed date must not use today."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(BuildDateError, match="not a whole number of seconds"):
        build_date()
    (tmp_path / "docs").mkdir()
    from mkdocs_custflow.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["validate", str(tmp_path / "docs")])
    assert "custflow: SOURCE_DATE_EPOCH is" in str(stopped.value)


def test_a_cached_block_is_judged_again_on_another_day(
    tmp_path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv(cache_module.KEY_ENV, "test key")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(date(2026, 2, 1)))
    first = cache_module.BlockCache(started_cache(tmp_path))
    pipeline = Pipeline(cache=first)
    first.start(pipeline.fingerprint, pipeline.catalog)
    assert pipeline.read_block(OVERDUE, file=FILE, line=BASE).diagnostics == []
    first.finish()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(date(2026, 6, 1)))
    later = Pipeline(cache=cache_module.BlockCache(tmp_path))
    result = later.read_block(OVERDUE, file=FILE, line=BASE)
    assert later.cache is not None and later.cache.from_disk == 1
    assert [d.rule for d in result.diagnostics] == ["review-overdue"]


# -- advice: info findings fail nothing -------------------------------------------------------
def test_pain_without_opportunity_is_info_at_the_pains_key():
    result = read(stage_block("    owner: desk\n    pains: [Long wait]\n"))
    assert result.ok
    d = only(result, Severity.INFO)
    assert (d.line, d.rule) == (BASE + 8, "pain-without-opportunity")
    assert not d.is_error
    steps_only = read(stage_block(
        "    owner: desk\n    steps:\n      - {customer -> desk: Hi, pain: Waits}\n"))
    assert only(steps_only, Severity.INFO).line == BASE + 6  # the stage: no 'pains' key
    with_one = read(stage_block("    pains: [Slow]\n    opportunities: [Call back]\n"))
    assert with_one.diagnostics == []


# -- the block cache keeps every new field ------------------------------------------------------
def test_the_block_cache_round_trips_the_new_fields():
    body = SPEC_MAP_EXAMPLE.replace(
        "stages:",
        "state: to-be\nimproves: repair\nreview: {owner: desk, every: 2w, last: 2026-09-01, "
        "with: [eng]}\nstages:",
    ).replace("owner: eng\n    kpis:", "owner: eng\n    detail: repair-visit\n    kpis:")
    pipeline = make_pipeline()
    result = pipeline.read_block(body, file=FILE, line=BASE)
    assert result.ok, [str(d) for d in result.diagnostics]
    text = cache_entries.encode_result(result.journey, result.diagnostics, pipeline.catalog)
    journey, findings = cache_entries.decode_result(text, pipeline.catalog)
    assert journey == result.journey and findings == result.diagnostics
    assert journey.review.participants == ["eng"] and journey.stages[1].detail == "repair-visit"
    assert isinstance(journey.review.last, date)
    assert journey.review.every == result.journey.review.every
    assert isinstance(journey.stages[1].kpis[0], Kpi)
    info = cache_entries.decoder(Severity)("info")
    assert info is Severity.INFO


# -- measures and dates -------------------------------------------------------------------------
@pytest.mark.parametrize(("target", "current", "unit", "result"), [
    (">= 90%", "84%", None, "missed"),
    ("95%", "96%", None, "met"),  # no comparison: at least
    ("<= 2h", "90 min", None, "met"),  # durations convert
    ("< 3 days", "3d", None, "missed"),
    ("<= 2", "3", "h", "missed"),  # 'unit' for numbers written without one
    ("= 0", "0", None, "met"),
    ("≥ ９０％", "９１％", None, "met"),  # full-width, as an IME writes it
    ("<= 1 working day", "1 working day", None, "met"),
    ("<= 2小时", "3小时", None, "missed"),
    (">= 1,000", "999", None, "missed"),
    (">= 90%", "3h", None, None),  # not comparable
    (">= 90%", None, None, None),
])
def test_kpi_results(target, current, unit, result):
    assert kpi_result(target, current, unit) == result


def test_unreadable_targets_and_values():
    assert read_target("high") is None and read_target("90%+") is None
    assert read_target("<= 2 h 30") is None and read_target("3 calls/day").quantity.unit == (
        "calls/day")
    assert read_value(">= 3") is None and read_value("about 3") is None
    assert read_target(">= 3").comparison == ">=" and read_target("3").comparison == ">="


def test_next_review_dates():
    def due(last: str | None, every: str | None) -> date | None:
        return next_review(date.fromisoformat(last) if last else None,
                           read_interval(every) if every else None)

    assert due("2026-01-31", "1m") == date(2026, 2, 28)
    assert due("2024-02-29", "1y") == date(2025, 2, 28)
    assert due("2026-12-15", "3m") == date(2027, 3, 15)
    assert due("2026-01-01", "2w") == date(2026, 1, 15)
    assert due("2026-01-01", "90d") == date(2026, 4, 1)
    assert due("9999-12-31", "1y") is None  # past the calendar: no date, no crash
    assert due(None, "1m") is None and due("2026-01-01", None) is None
    assert read_interval("0m") is None and str(read_interval("12 M")) == "12m"
    assert add_interval(date(2026, 3, 31), 1, "m") == date(2026, 4, 30)
