"""Templates under the catalog (issue 25): a template's actors, touchpoints and
stages yield to the site catalog's names, kinds, teams, channels and owners,
with a warning naming the template, the key and both values; the block's own
keys still win; a Chinese site gets the template's Chinese variant."""

from __future__ import annotations

from pathlib import Path

from support.pipeline import make_pipeline

from mkdocs_custflow.reading.catalog import load_catalog

CATALOG = """\
actors:
  customer: {name: 客户, kind: customer}
  service: {name: 客服中心, kind: role, team: 客户服务部}
touchpoints:
  hotline: {name: 400 热线, channel: service}
stages:
  - id: complaint-received
    name: 投诉受理
    owner: service
"""


def _read(tmp_path: Path, body: str, locale: str = "zh"):  # type: ignore[no-untyped-def]
    path = tmp_path / "catalog.yml"
    path.write_text(CATALOG, encoding="utf-8")
    catalog, findings = load_catalog(path, "catalog.yml")
    assert not findings
    pipeline = make_pipeline(catalog=catalog, locale=locale)
    return pipeline.read_block(body, file="docs/c.md", line=5)


def test_the_catalog_wins_over_a_template_and_says_so(tmp_path: Path) -> None:
    result = _read(tmp_path, "use: complaint-handling\n", locale="en")
    journey = result.journey
    assert journey is not None
    assert journey.actors["service"].name == "客服中心"
    assert journey.actors["service"].team == "客户服务部"
    assert journey.touchpoints["hotline"].name == "400 热线"
    assert journey.stages[0].name == "投诉受理"
    warned = [str(d) for d in result.diagnostics if d.rule == "template-catalog"]
    assert ("docs/c.md:5: template 'complaint-handling' gives actor 'service' the name "
            "'Service desk'; the catalog's '客服中心' is used (write 'name:' in the block to "
            "choose another)") in warned, warned
    assert any("touchpoint 'hotline' the name 'Service hotline'" in w for w in warned), warned
    assert any("stage 'complaint-received' the name 'Receive the complaint'" in w
               for w in warned), warned


def test_the_blocks_own_values_still_win(tmp_path: Path) -> None:
    body = ("use: complaint-handling\nactors:\n  service: {name: 投诉专员}\n"
            "stages:\n  - id: complaint-received\n    name: 接到投诉\n")
    result = _read(tmp_path, body, locale="en")
    journey = result.journey
    assert journey is not None
    assert journey.actors["service"].name == "投诉专员"
    assert journey.stages[0].name == "接到投诉"
    # What the block writes itself is no template's doing: no warning about it.
    warned = " ".join(str(d) for d in result.diagnostics if d.rule == "template-catalog")
    assert "'service' the name" not in warned and "'complaint-received' the name" not in warned
    assert "'service' the team" in warned  # the template's team still yields, and says so


def test_a_chinese_site_gets_the_templates_chinese_words(tmp_path: Path) -> None:
    result = _read(tmp_path, "use: complaint-handling\n")
    journey = result.journey
    assert journey is not None
    # The template's own actors the catalog does not define speak Chinese too.
    assert journey.actors["engineer"].name == "售后工程师"
    assert not [d for d in result.diagnostics if d.is_error]


RACI_CATALOG = """\
actors:
  service: {name: 客服专员, kind: role}
  service-lead: {name: 客服组长, kind: role}
  aftersales-manager: {name: 售后经理, kind: role}
stages:
  - id: report
    name: 客户报修
    owner: service
    responsible: [service]
    consulted: [service-lead]
    informed: [aftersales-manager]
"""


def test_the_catalogs_raci_wins_over_a_templates_on_the_same_stage(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yml"
    path.write_text(RACI_CATALOG, encoding="utf-8")
    catalog, findings = load_catalog(path, "catalog.yml")
    assert not findings
    pipeline = make_pipeline(catalog=catalog, locale="zh")
    result = pipeline.read_block("use: after-sales-repair\nid: repair\n", file="docs/r.md",
                                 line=3)
    journey = result.journey
    assert journey is not None
    report = next(stage for stage in journey.stages if stage.id == "report")
    assert (report.responsible, report.consulted, report.informed) == (
        ["service"], ["service-lead"], ["aftersales-manager"])
    warned = [str(d) for d in result.diagnostics if d.rule == "template-catalog"]
    assert ("docs/r.md:3: 模板 'after-sales-repair' 把阶段 'report' 的 consulted 写成 "
            "'engineer'；使用的是目录中的 'service-lead'（要用别的值，请在块中写 'consulted:'）"
            ) in warned, warned
    assert any("informed 写成 'sales'" in w for w in warned), warned
    # The block's own list still wins over both.
    own = pipeline.read_block(
        "use: after-sales-repair\nid: repair\nstages:\n  - id: report\n    consulted: [sales]\n",
        file="docs/r.md", line=3).journey
    assert own is not None
    assert next(s for s in own.stages if s.id == "report").consulted == ["sales"]
