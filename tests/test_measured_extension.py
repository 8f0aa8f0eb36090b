"""Measured data with the Markdown extension alone (Zensical, plain
Python-Markdown): ``measures`` works there for what a page shows (funnel,
sankey, counts on the flow's arrows, KPI history), its findings are reported
as far as one page at a time allows, and the log says what needs the plugin
or ``custflow validate`` (rows naming unknown journeys, the dashboard page)."""

from __future__ import annotations

import logging
from pathlib import Path

import markdown
import pytest
from test_measured_data import FIRST_PURCHASE, SPEC_FLOW

from mkdocs_custflow import extension as extension_module

KPIS = "date,kpi,value\n2026-09,checkout,22%\n2026-10,checkout,24%\n"
BLOCK = FIRST_PURCHASE.replace("views: [flow, funnel, sankey]",
                                "views: [flow, funnel, sankey, stages]")
PAGE = f"# Shop\n\n```journey\n{BLOCK}```\n"


def convert(folder: Path, monkeypatch: pytest.MonkeyPatch, **options: object) -> str:
    """The page converted by Python-Markdown with only the extension, run in ``folder``
    (where the host runs: the project)."""
    monkeypatch.chdir(folder)
    monkeypatch.setattr(extension_module, "_PIPELINES", {})  # a fresh pipeline: its log
    md = markdown.Markdown(extensions=["custflow"], extension_configs={"custflow": options})
    return md.convert(PAGE)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "flow.csv").write_text(SPEC_FLOW, "utf-8")
    (tmp_path / "data" / "kpis.csv").write_text(KPIS, "utf-8")
    return tmp_path


def test_the_extension_alone_shows_the_funnel_the_flow_counts_and_kpi_history(
        project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs_custflow"):
        html = convert(project, monkeypatch, measures=["data/flow.csv", "data/kpis.csv"],
                       stale_after="100y")
    # The funnel: each stage's customers, the conversion, the bottleneck (consult: 76% lost).
    funnel = html[html.index('class="custflow-funnel'):]
    funnel = funnel[:funnel.index("</table>")]
    for shown in ("1,000", "400", "96", "95", "<td>40%</td>", "<td>24%</td>", "304 (76%)"):
        assert shown in funnel, shown
    assert 'class="custflow-bottleneck"' in funnel
    # The sankey with its table, exits included; the flow's arrows carry the counts.
    assert 'class="custflow-sankey-chart"' in html and "custflow-sankey-table" in html
    assert "S0 --&gt;|&quot;400 #183; 40#37;&quot;| S1" in html  # browse -> consult's arrow
    # The KPI's latest measured value, its period, missed against >= 25%, and its trend.
    assert "<strong>24%</strong> (2026-10, measured)" in html
    assert 'class="custflow-trend"' in html and "missed" in html
    said = [r.getMessage() for r in caplog.records]
    assert any("'measures' used by the Markdown extension alone" in m and
               "custflow playbook --out DIR" in m for m in said), said
    assert any(m.startswith("data/flow.csv:6:") and "[bottleneck]" in m for m in said), said
    assert any(m.startswith("data/kpis.csv:3:") and "[kpi-missed]" in m for m in said), said


def test_without_measures_the_extension_shows_no_data_and_says_nothing(
        project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs_custflow"):
        html = convert(project, monkeypatch)
    assert "custflow-no-data" in html and "<strong>24%</strong>" not in html
    assert not any("measures" in r.getMessage() for r in caplog.records)


def test_the_extension_alone_reports_bad_rows_stale_data_and_misspelt_stages(
        project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (project / "data" / "flow.csv").write_text(
        SPEC_FLOW + "2026-10,first-purchase,consul,pay,3\n2026-10,first-purchase,pay,lost,x\n",
        "utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs_custflow"):
        convert(project, monkeypatch, measures=["data/flow.csv"])  # stale_after: 45d
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(m.startswith("data/flow.csv:8: 'consul' (from) is no stage") and
               "did you mean 'consult'" in m for m in warnings), warnings
    assert any(m.startswith("data/flow.csv:9: count 'x'") for m in warnings), warnings
    # conftest's build date is 2026-12-01: October's data is 31 days old, under 45d.
    assert not any("[measure-stale]" in m for m in warnings)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs_custflow"):
        convert(project, monkeypatch, measures=["data/flow.csv"], stale_after="2w")
    assert any("[measure-stale]" in r.getMessage() and r.levelno == logging.WARNING
               for r in caplog.records)


def test_the_extension_alone_refuses_a_file_outside_the_folder_it_runs_in(
        project: Path, tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    with pytest.raises(ValueError, match="outside the project"):
        convert(elsewhere, monkeypatch, measures=[str(project / "data" / "flow.csv")])
