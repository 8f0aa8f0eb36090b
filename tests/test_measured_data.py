"""Measured data (spec section 17): reading the team's exports as they come
(UTF-8 with or without BOM, GB18030, .xlsx, own headers, thousands separators,
%, units, full-width digits, months and days), customer flow and KPI history,
and the rules, each finding at the data file's row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from mkdocs_custflow.checks.measured import stale_findings
from mkdocs_custflow.measured.data import MeasuredData, load_measures
from mkdocs_custflow.measured.rows import VALUE, read_count, read_period
from mkdocs_custflow.measured.sources import MeasureOptionError, MeasureOptions, read_sources
from mkdocs_custflow.pipeline import Pipeline, Settings, SourcePage
from mkdocs_custflow.settings.options import OptionError, read_options

FIRST_PURCHASE = """\
id: first-purchase
title: First purchase
views: [flow, funnel, sankey]
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role, team: Sales}
  ops: {name: Fulfilment, kind: role, team: Operations}
stages:
  - id: browse
    name: Browse
    owner: sales
  - id: consult
    name: Consult a sales rep
    owner: sales
    steps:
      - decide: Ready to buy?
        yes: pay
        no: browse
  - id: pay
    name: Pay
    owner: sales
    kpis:
      - {name: Checkout conversion, id: checkout, target: ">= 25%", current: 20%}
      - {name: 付款时长, target: "<= 2h"}
  - id: receive
    name: Receive the goods
    owner: ops
"""
SPEC_FLOW = """\
date,journey,from,to,count
2026-10,first-purchase,,browse,1000
2026-10,first-purchase,browse,consult,400
2026-10,first-purchase,browse,lost,600
2026-10,first-purchase,consult,pay,96
2026-10,first-purchase,consult,lost,304
2026-10,first-purchase,pay,receive,95
"""
TODAY = date(2026, 11, 20)


def site(tmp_path: Path, files: dict[str, str | bytes], entries: list[object],
         blocks: str = FIRST_PURCHASE) -> tuple[Pipeline, object]:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    measures = MeasureOptions(read_sources(entries, tmp_path))
    settings = Settings(measures=measures, base=str(tmp_path))
    pipeline = Pipeline(settings)
    pipeline.today = TODAY
    page = f"# Shop\n\n```journey\n{blocks}```\n"
    reading = pipeline.read_site([SourcePage("shop.md", page, "docs/shop.md")])
    return pipeline, reading


def found(reading: object, rule: str) -> list[str]:
    return [f.reported for f in reading.findings if f.rule == rule]  # type: ignore[attr-defined]


# -- reading ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "key", "end"), [
    ("2026-10", "2026-10", date(2026, 10, 31)),
    ("2026/2", "2026-02", date(2026, 2, 28)),
    ("２０２６－１０", "2026-10", date(2026, 10, 31)),
    ("2026年10月", "2026-10", date(2026, 10, 31)),
    ("2026-10-05", "2026-10-05", date(2026, 10, 5)),
    ("2026年10月5日", "2026-10-05", date(2026, 10, 5)),
])
def test_months_and_days_are_periods(text: str, key: str, end: date) -> None:
    period = read_period(text)
    assert period is not None and (period.key, period.end) == (key, end)


@pytest.mark.parametrize("text", ["2026-13", "2026-02-30", "Oct 2026", "", "26-10"])
def test_what_is_no_date_is_none(text: str) -> None:
    assert read_period(text) is None


@pytest.mark.parametrize(("text", "n"), [("1,234", 1234), ("１，２３４", 1234), ("1 234 人", 1234),
                                          ("96", 96), ("12 customers", 12)])
def test_counts_with_separators_units_and_full_width_digits(text: str, n: int) -> None:
    assert read_count(text) == n


@pytest.mark.parametrize("text", ["abc", "1.5", "-3", "1,23", ""])
def test_what_is_no_count_is_none(text: str) -> None:
    assert read_count(text) is None


def test_the_spec_example_flow(tmp_path: Path) -> None:
    pipeline, reading = site(tmp_path, {"data/flow.csv": SPEC_FLOW}, ["data/flow.csv"])
    journey = reading.homes["first-purchase"].journey  # type: ignore[attr-defined]
    assert pipeline.measured is not None
    flow = pipeline.measured.flow_of(journey)
    assert flow is not None
    latest = flow.latest
    entered = {s.stage_id: s.entered for s in latest.stages}
    assert entered == {"browse": 1000, "consult": 400, "pay": 96, "receive": 95}
    consult = latest.stage("consult")
    assert consult is not None and consult.drop == 304 and consult.conversion == 0.4
    assert latest.bottleneck is not None and latest.bottleneck.stage_id == "consult"
    assert round(latest.bottleneck.drop_share or 0, 2) == 0.76
    assert latest.entered == 1000 and latest.through == 95 and latest.overall == 0.095
    assert latest.exits == {"lost": 904}
    assert found(reading, "bottleneck") == [
        "data/flow.csv:6: journey 'first-purchase', 2026-10: 'Consult a sales rep' is the "
        "bottleneck, losing 76% of the customers who reach it (304 of 400) [bottleneck]"]
    assert all(f.rule == "bottleneck" for f in reading.findings)


def test_gb18030_export_under_its_own_headers(tmp_path: Path) -> None:
    text = ("统计月份,旅程,来源阶段,去向,客户数\n"
            "2026年10月,first-purchase,,browse,\"1,000\"\n"
            "2026-10,first-purchase,browse,consult,４００\n"
            "2026-10,first-purchase,browse,流失,600\n")
    columns = {"date": "统计月份", "journey": "旅程", "from": "来源阶段", "to": "去向",
               "count": "客户数"}
    pipeline, reading = site(tmp_path, {"data/flow.csv": text.encode("gb18030")},
                             [{"path": "data/flow.csv", "columns": columns}])
    assert pipeline.measured is not None and len(pipeline.measured.flows) == 3
    flow = pipeline.measured.flow_of(reading.homes["first-purchase"].journey)  # type: ignore
    assert flow is not None and flow.latest.exits == {"流失": 600}
    assert flow.latest.stage("consult").entered == 400  # type: ignore[union-attr]
    assert not found(reading, "measure-value")


def test_a_named_encoding_wins_over_the_guess(tmp_path: Path) -> None:
    text = "date,journey,from,to,count\n2026-10,first-purchase,,browse,10\n"
    data = text.encode("utf-16")
    _, reading = site(tmp_path, {"data/flow.csv": data},
                      [{"path": "data/flow.csv", "encoding": "utf-16"}])
    assert not found(reading, "measure-value")
    with pytest.raises(MeasureOptionError, match="not an encoding"):
        read_sources([{"path": "data/flow.csv", "encoding": "klingon"}], tmp_path)


def test_kpi_file_with_bom_full_width_digits_and_thousands(tmp_path: Path) -> None:
    text = ("\ufeffdate,kpi,value,stage\n"
            "2026-08,checkout,２２％,pay\n"
            "2026-09,Checkout conversion,24.5%,\n"
            "2026-10,checkout,26%,pay\n"
            "2026-10,付款时长,1.5h,\n"
            "2026-09,付款时长,90 min,\n")
    pipeline, reading = site(tmp_path, {"data/kpis.csv": text}, ["data/kpis.csv"])
    assert not reading.findings, [f.reported for f in reading.findings]  # type: ignore
    journey = reading.homes["first-purchase"].journey  # type: ignore[attr-defined]
    pay = journey.stage("pay")
    assert pipeline.measured is not None
    history = pipeline.measured.kpi_history(pay.kpis[0], journey.id, pay.id, pay.name)
    assert history is not None
    assert [p.period.key for p in history.points] == ["2026-08", "2026-09", "2026-10"]
    assert [p.value.value for p in history.points] == [22.0, 24.5, 26.0]
    assert (history.status, history.direction) == ("met", "better")
    time = pipeline.measured.kpi_history(pay.kpis[1], journey.id, pay.id, pay.name)
    assert time is not None and time.status == "met" and time.direction == "same"


def test_lower_is_better_when_the_target_says_so(tmp_path: Path) -> None:
    text = "date,kpi,value\n2026-09,付款时长,1.5h\n2026-10,付款时长,3h\n"
    pipeline, reading = site(tmp_path, {"data/kpis.csv": text}, ["data/kpis.csv"])
    journey = reading.homes["first-purchase"].journey  # type: ignore[attr-defined]
    pay = journey.stage("pay")
    history = pipeline.measured.kpi_history(pay.kpis[1], journey.id, "pay", "Pay")  # type: ignore
    assert history is not None and (history.status, history.direction) == ("missed", "worse")
    assert found(reading, "kpi-missed") == [
        "data/kpis.csv:3: KPI '付款时长' (first-purchase, pay) is 3h in 2026-10, missing its "
        "target <= 2h [kpi-missed]"]


def test_xlsx_first_sheet_or_the_named_one(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["nothing here"])
    sheet = book.create_sheet("Flow")
    sheet.append(["date", "journey", "from", "to", "count"])
    sheet.append(["2026-10", "first-purchase", None, "browse", 1000])
    sheet.append(["2026-10", "first-purchase", "browse", "consult", 400.0])
    sheet.append(["2026-10", "first-purchase", "browse", "consul", "many"])
    kpis = book.create_sheet("KPI")
    kpis.append(["date", "kpi", "value"])
    kpis.append(["2026-10", "checkout", 0.26])
    kpis["C2"].number_format = "0%"
    (tmp_path / "data").mkdir()
    book.save(tmp_path / "data" / "crm.xlsx")
    pipeline, reading = site(tmp_path, {}, [{"path": "data/crm.xlsx", "sheet": "Flow"},
                                            {"path": "data/crm.xlsx", "sheet": "KPI"}])
    assert pipeline.measured is not None and len(pipeline.measured.flows) == 2
    assert found(reading, "measure-value") == [
        "data/crm.xlsx:4: count 'many' is not a whole number of customers (e.g. 1,234); "
        "the row is left out until it is corrected [measure-value]"]
    assert [r[VALUE] for r in pipeline.measured.kpis] == ["26%"]
    _, first = site(tmp_path, {}, ["data/crm.xlsx"])
    assert found(first, "measure-value")[0].startswith("data/crm.xlsx:1: the header (nothing here)")
    _, missing = site(tmp_path, {}, [{"path": "data/crm.xlsx", "sheet": "Nope"}])
    assert "no sheet 'Nope'; its sheets are Notes, Flow, KPI" in found(missing, "measure-value")[0]


# -- every bad row a finding at its line -----------------------------------------------------
def test_a_misspelt_stage_is_reported_at_its_line_with_the_suggestion(tmp_path: Path) -> None:
    text = SPEC_FLOW + ("2026-10,first-purchase,pay,recieve,1\n"
                        "2026-10,first-purchase,consul,pay,3\n"
                        "2026-10,frist-purchase,,browse,3\n"
                        "2026-10,first-purchase,pay,receive,abc\n"
                        "2026-13,first-purchase,pay,receive,1\n")
    _, reading = site(tmp_path, {"data/flow.csv": text}, ["data/flow.csv"])
    assert found(reading, "measure-unknown") == [
        "data/flow.csv:8: 'recieve' (to) is no stage of journey 'first-purchase' (did you mean "
        "'receive'?); as written it counts as an exit: correct the stage, or name the exit "
        "plainly (lost, 流失) [measure-unknown]",
        "data/flow.csv:9: 'consul' (from) is no stage of journey 'first-purchase' (did you mean "
        "'consult'?); customers come from one of its stages [measure-unknown]",
        "data/flow.csv:10: unknown journey 'frist-purchase' (did you mean 'first-purchase'?); "
        "write the id of a journey block of this site [measure-unknown]",
    ]
    assert [f.split(":")[1] for f in found(reading, "measure-value")] == ["11", "12"]
    assert "count 'abc' is not a whole number" in found(reading, "measure-value")[0]
    assert "date '2026-13' is not a day" in found(reading, "measure-value")[1]


def test_quoted_cells_over_two_lines_keep_the_next_rows_line(tmp_path: Path) -> None:
    text = ('date,kpi,value\n2026-10,"checkout",26%\n'
            '2026-10,"Checkout\nconversion typo",1\n2026-10,chekout,3%\n')
    _, reading = site(tmp_path, {"data/kpis.csv": text}, ["data/kpis.csv"])
    lines = [f.split(":")[1] for f in found(reading, "measure-unknown")]
    assert lines == ["3", "5"]
    assert "(did you mean 'checkout'?)" in found(reading, "measure-unknown")[1]


def test_duplicate_rows_and_headers_of_neither_kind(tmp_path: Path) -> None:
    flow = SPEC_FLOW + "2026-10,first-purchase,browse,consult,400\n"
    _, reading = site(tmp_path, {"data/flow.csv": flow, "data/other.csv": "a,b\n1,2\n"},
                      ["data/flow.csv", "data/other.csv"])
    values = found(reading, "measure-value")
    assert any(v.startswith("data/flow.csv:8: this row repeats line 3") for v in values)
    assert any(v.startswith("data/other.csv:1: the header (a, b) is neither") for v in values)


def test_flow_leak_at_the_first_row_out_of_the_stage(tmp_path: Path) -> None:
    text = ("date,journey,from,to,count\n2026-10,first-purchase,,browse,100\n"
            "2026-10,first-purchase,browse,consult,80\n2026-10,first-purchase,consult,pay,90\n")
    _, reading = site(tmp_path, {"data/flow.csv": text}, ["data/flow.csv"])
    assert found(reading, "flow-leak") == [
        "data/flow.csv:4: journey 'first-purchase', 2026-10: 90 customers leave stage 'consult' "
        "but 80 entered it; rows into the stage are missing or rows out of it are counted "
        "twice [flow-leak]"]


def test_stale_data_is_judged_against_the_build_date() -> None:
    row = ("2026-08", "k", "1", "", "", "", "data/k.csv", 7)  # date, kpi, value, ..., file, line
    data = MeasuredData(kpis=[row])
    assert stale_findings(data, date(2026, 10, 15), "45d") == []
    stale = stale_findings(data, date(2026, 11, 20), "45d")
    assert [f.where for f in stale] == ["data/k.csv:7"]
    assert "81 days before the build date 2026-11-20" in stale[0].message
    assert stale_findings(data, date(2026, 11, 20), "3m") == []


def test_source_date_epoch_decides_staleness(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "flow.csv").write_text(SPEC_FLOW, encoding="utf-8")
    settings = Settings(measures=MeasureOptions(read_sources(["data/flow.csv"], tmp_path)),
                        base=str(tmp_path))
    page = [SourcePage("shop.md", f"```journey\n{FIRST_PURCHASE}```\n", "docs/shop.md")]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15
    assert found(Pipeline(settings).read_site(page), "measure-stale")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793000000")  # 2026-10-26
    assert not found(Pipeline(settings).read_site(page), "measure-stale")


# -- the option ------------------------------------------------------------------------------
def test_files_outside_the_project_are_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "secret.csv").write_text("date,kpi,value\n", encoding="utf-8")
    with pytest.raises(OptionError, match="outside the project"):
        read_options({"measures": ["../secret.csv"]}, folder=project)
    with pytest.raises(OptionError, match="does not exist"):
        read_options({"measures": ["data/none.csv"]}, folder=project)
    with pytest.raises(OptionError, match=r"unknown key 'colums'.*did you mean 'columns'"):
        read_options({"measures": [{"path": "x.csv", "colums": {}}]}, folder=project)
    with pytest.raises(OptionError, match=r"names no column 'dat'.*did you mean 'date'"):
        read_options({"measures": [{"path": "x.csv", "columns": {"dat": "月"}}]},
                     folder=project)
    with pytest.raises(OptionError, match="a length of time"):
        read_options({"stale_after": "soon"}, folder=project)
    assert read_options({}).stale_after == "45d"


def test_the_data_is_part_of_the_block_cache_key(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "flow.csv"
    path.write_text(SPEC_FLOW, encoding="utf-8")
    settings = Settings(measures=MeasureOptions(read_sources(["data/flow.csv"], tmp_path)),
                        base=str(tmp_path))
    before = settings.fingerprint()
    assert Settings(base=str(tmp_path)).fingerprint() != before
    path.write_text(SPEC_FLOW.replace("1000", "1001"), encoding="utf-8")
    assert settings.fingerprint() != before


def test_nothing_crashes_on_hostile_files(tmp_path: Path) -> None:
    files = {"a.csv": b"\xff\xfe\x00garbage\x00\x00", "b.xlsx": b"not a zip",
             "c.csv": b"", "d.csv": b'date,kpi,value\n"unterminated,1\n'}
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    data = load_measures(read_sources(list(files), tmp_path), lambda p: Path(p).name)
    assert {f.file for f in data.findings} == {"a.csv", "b.xlsx", "c.csv", "d.csv"}
    assert all(f.rule == "measure-value" for f in data.findings)


def test_validate_reports_the_rows_in_sarif_and_export_carries_the_dashboard(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from mkdocs_custflow.cli import main

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "shop.md").write_text(f"```journey\n{FIRST_PURCHASE}```\n", "utf-8")
    (tmp_path / "data").mkdir()
    flow = SPEC_FLOW + "2026-10,first-purchase,consul,pay,3\n"
    (tmp_path / "data" / "flow.csv").write_text(flow, "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - custflow:\n      measures: [data/flow.csv]\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1794700000")  # 2026-11-14
    capsys.readouterr()
    main(["validate", "--format", "sarif", "docs"])
    run = json.loads(capsys.readouterr().out)["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert {"measure-unknown", "measure-value", "measure-stale", "flow-leak", "kpi-missed",
            "bottleneck"} <= set(rules)
    found = {(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in run["results"]}
    assert found == {("measure-unknown", "warning", "data/flow.csv", 8),
                     ("bottleneck", "note", "data/flow.csv", 6)}
    main(["export", "docs"])
    dashboard = json.loads(capsys.readouterr().out)["dashboard"]
    assert dashboard["journeys"][0]["customers_in"] == 1000
    assert dashboard["journeys"][0]["conversion"] == 0.095
    assert dashboard["build_date"] == "2026-11-14"


def test_serve_watches_the_data_files(tmp_path: Path) -> None:
    from mkdocs_custflow.plugin.config import options_of
    from mkdocs_custflow.plugin.plugin import CustflowPlugin

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "flow.csv").write_text(SPEC_FLOW, "utf-8")
    plugin = CustflowPlugin()
    errors, warnings = plugin.load_config(
        {"measures": ["data/flow.csv"]}, config_file_path=str(tmp_path / "mkdocs.yml"))
    assert not errors and not warnings
    plugin.options = options_of(plugin.config)

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=None, builder=None)
    assert server.watched == [str((tmp_path / "data" / "flow.csv").resolve())]
    bad, _ = CustflowPlugin().load_config(
        {"measures": ["../elsewhere.csv"]}, config_file_path=str(tmp_path / "mkdocs.yml"))
    assert "outside the project" in str(bad)
