"""Issue 25, what a held-out Chinese site still found: an ``end`` branch, a
partner in a RACI list, the to-be change list's brackets, a template's RACI
under the catalog, follow-on errors of a block that cannot be read, a
full-width colon in a step with more lines, and PyYAML's own words."""

from __future__ import annotations

from pathlib import Path

from support.pipeline import make_pipeline

from mkdocs_custflow.pipeline import Pipeline, SourcePage
from mkdocs_custflow.playbook.pages import PlaybookPages
from mkdocs_custflow.reading.catalog import load_catalog
from mkdocs_custflow.renderers.html import text_version
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.renderers.to_be_changes import render_changes

CATALOG = """\
actors:
  customer: {name: 客户, kind: customer}
  sales: {name: 销售顾问, kind: role, team: 销售部}
  service: {name: 客服专员, kind: role, team: 客服中心}
  service-lead: {name: 客服组长, kind: role, team: 客服中心}
  engineer: {name: 维修工程师, kind: role, team: 售后服务部}
  aftersales-manager: {name: 售后经理, kind: role, team: 售后服务部}
  logistics: {name: 物流专员, kind: role, team: 运营部}
  courier: {name: 快递公司, kind: partner}
stages:
  - id: consult
    name: 到店咨询
    owner: sales
  - id: order
    name: 下单付款
    owner: sales
  - id: deliver
    name: 配送到家
    owner: logistics
    consulted: [courier]
  - id: report
    name: 客户报修
    owner: service
    responsible: [service]
    consulted: [service-lead]
    informed: [aftersales-manager]
"""

GOUMAI = """\
# 购买

```journey
id: goumai
title: 门店购买
stages:
  - id: consult
    steps:
      - customer -> sales: 想了解净水器
      - decide: 当场决定购买吗？
        是: order
        否: end
  - id: order
    steps:
      - customer -> sales: 支付定金
  - id: deliver
    steps:
      - logistics -> courier: 预约快递
```
"""

SHOUHOU = """\
```journey
id: shouhou
title: 售后报修（现状）
stages:
  - id: report
    pains:
      - {text: 热线排队太久, severity: high}
    opportunities:
      - {text: 微信上传照片, status: idea, owner: service}
    steps:
      - customer -> service: 净水器漏水
```
"""

TOBE = """\
```journey
id: shouhou-tobe
title: 售后报修（目标）
improves: shouhou
stages:
  - id: report
    sla: 30分钟
    steps:
      - customer -> service: 小程序上传照片
        score: 4
```
"""


def _pipeline(tmp_path: Path, **settings: object) -> Pipeline:
    path = tmp_path / "catalog.yml"
    path.write_text(CATALOG, encoding="utf-8")
    catalog, findings = load_catalog(path, "catalog.yml")
    assert not findings
    return make_pipeline(catalog=catalog, **{"locale": "zh", **settings})


def _site(tmp_path: Path, pages: dict[str, str], **settings: object):  # type: ignore[no-untyped-def]
    pipeline = _pipeline(tmp_path, **settings)
    return pipeline, pipeline.read_site(
        [SourcePage(path, text, f"docs/{path}") for path, text in pages.items()])


def test_a_branch_to_end_shows_the_languages_word_with_its_separator(tmp_path: Path) -> None:
    _, reading = _site(tmp_path, {"goumai.md": GOUMAI}, playbook=True)
    pages = PlaybookPages(reading.playbook, locale="zh").render_all()
    stage = pages["playbook/stages/consult.md"]
    assert "是 → " in stage
    assert "下单付款</a>；否 → 结束</li>" in stage, stage
    assert "→ end" not in stage


def test_a_partner_in_a_raci_list_shows_its_name(tmp_path: Path) -> None:
    _, reading = _site(tmp_path, {"goumai.md": GOUMAI}, playbook=True)
    pages = PlaybookPages(reading.playbook, locale="zh").render_all()
    stage = pages["playbook/stages/deliver.md"]
    assert "<tr><th>咨询</th><td>快递公司</td></tr>" in stage, stage
    assert ">courier<" not in stage


def test_the_to_be_change_list_and_text_version_use_the_languages_brackets(
    tmp_path: Path,
) -> None:
    _, reading = _site(tmp_path, {"shouhou.md": SHOUHOU, "shouhou-tobe.md": TOBE})
    assert not [d for d in reading.findings if d.is_error], reading.findings
    journeys = {r.journey.id: r.journey for _p, _f, r in reading.blocks if r.journey}
    html = render_changes(journeys["shouhou"], journeys["shouhou-tobe"], "现状", "zh")
    assert "现状的变化（" in html, html
    assert "热线排队太久（高）" in html, html
    assert "微信上传照片（想法、客服专员）" in html
    assert " (" not in html and "(想法" not in html
    text = text_version(journeys["shouhou-tobe"], RenderOptions(locale="zh"))
    assert "（负责人：客服专员；时限：30分钟）" in text, text
    assert "（评分 4/5）" in text
    english = text_version(journeys["shouhou-tobe"], RenderOptions(locale="en"))
    assert " (Owner: 客服专员; Time limit: 30分钟)" in english, english


def test_a_changed_branch_to_end_is_named_in_the_change_list(tmp_path: Path) -> None:
    tobe = GOUMAI.replace("id: goumai", "id: goumai-tobe\nimproves: goumai").replace(
        "否: end", "否: deliver")
    _, reading = _site(tmp_path, {"goumai.md": GOUMAI, "tobe.md": tobe})
    journeys = {r.journey.id: r.journey for _p, _f, r in reading.blocks if r.journey}
    html = render_changes(journeys["goumai"], journeys["goumai-tobe"], "现状", "zh")
    assert "<td>结束</td><td>配送到家</td>" in html, html
    # A stage's 'next' changed to the end: stage names and the end, in words.
    tobe = tobe.replace("  - id: order\n", "  - id: order\n    next: end\n")
    _, reading = _site(tmp_path, {"goumai.md": GOUMAI, "tobe.md": tobe})
    journeys = {r.journey.id: r.journey for _p, _f, r in reading.blocks if r.journey}
    html = render_changes(journeys["goumai"], journeys["goumai-tobe"], "现状", "zh")
    assert "<td>下单付款</td><td>下一阶段</td><td>—</td><td>结束</td>" in html, html


STEP_WITH_MORE_LINES = """\
id: repair
stages:
  - id: report
    steps:
      - customer -> service{colon}净水器漏水，地板都湿了
        via: hotline
        score: 1
        pain: 电话等待太久
      - service --> customer{colon}已建立工单
        note: 工单号随短信发出
      - service -> engineer{colon}派单
"""


def _messages(pipeline: Pipeline, body: str):  # type: ignore[no-untyped-def]
    result = pipeline.read_block(body, file="docs/r.md", line=4)
    assert result.journey is not None, [str(d) for d in result.diagnostics]
    return [(m.sender, m.receiver, m.text, m.dashed, m.via, m.score, m.pain, m.note, m.line)
            for m in result.journey.stages[0].messages]


def test_a_full_width_colon_in_a_step_with_more_lines_reads_as_the_ascii_one(
    tmp_path: Path,
) -> None:
    pipeline = _pipeline(tmp_path)
    ascii_form = _messages(pipeline, STEP_WITH_MORE_LINES.format(colon=": "))
    for colon in ("：", " ：", "： "):
        assert _messages(pipeline, STEP_WITH_MORE_LINES.format(colon=colon)) == ascii_form
    assert ascii_form[0] == ("customer", "service", "净水器漏水，地板都湿了", False, "hotline", 1,
                             "电话等待太久", None, 8)


def test_a_step_with_more_lines_keeps_its_located_errors(tmp_path: Path) -> None:
    pipeline = _pipeline(tmp_path)
    body = STEP_WITH_MORE_LINES.format(colon="：").replace("score: 1", "score: 9")
    errors = [str(d) for d in pipeline.read_block(body, file="docs/r.md", line=4).diagnostics]
    assert any(e.startswith("docs/r.md:10:") and "'9'" in e for e in errors), errors
    # A full-width colon after a key of the step is still said so, at its line.
    body = STEP_WITH_MORE_LINES.format(colon="：").replace("via: hotline", "via：hotline")
    errors = [str(d) for d in pipeline.read_block(body, file="docs/r.md", line=4).diagnostics]
    assert any(e.startswith("docs/r.md:9:") and "'via'" in e and "'："in e for e in errors), errors
    # A text wrapped onto the next line, as before: one step.
    wrapped = "stages:\n  - id: report\n    steps:\n      - customer -> service：净水器漏水，\n" \
              "        地板都湿了\n"
    result = pipeline.read_block(wrapped, file="docs/r.md", line=4)
    assert result.journey is not None
    assert result.journey.stages[0].messages[0].text == "净水器漏水， 地板都湿了"


def _errors(reading, rule: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(d) for d in reading.findings if d.rule == rule]


def test_a_reference_to_a_block_with_errors_says_it_has_errors_there(tmp_path: Path) -> None:
    broken = SHOUHOU.replace("      - customer -> service: 净水器漏水",
                             "      - customer -> service: 净水器漏水\n       score: 1")
    parent = GOUMAI.replace("  - id: deliver\n", "  - id: deliver\n    detail: shouhou\n")
    _, reading = _site(tmp_path, {"goumai.md": parent, "shouhou.md": broken,
                                  "shouhou-tobe.md": TOBE})
    assert any(d.rule == "yaml" and d.file == "docs/shouhou.md" for d in reading.findings)
    found = _errors(reading, "unknown-reference")
    assert found == [
        "docs/goumai.md:17: 阶段 'deliver' 的 'detail' 中的旅程 'shouhou' 有错误（在 "
        "docs/shouhou.md:2），未能读取；请先改正那里的错误，这里的引用就会恢复",
        "docs/shouhou-tobe.md:4: 'improves' 中的旅程 'shouhou' 有错误（在 docs/shouhou.md:2），"
        "未能读取；请先改正那里的错误，这里的引用就会恢复",
    ], found
    assert all("未定义" not in f for f in found)


def test_an_unknown_journey_is_never_suggested_as_the_one_that_names_it(
    tmp_path: Path,
) -> None:
    _, reading = _site(tmp_path, {"shouhou-tobe.md": TOBE})
    found = _errors(reading, "unknown-reference")
    assert len(found) == 1 and "'shouhou' 未定义" in found[0], found
    assert "shouhou-tobe" not in found[0].split("未定义")[1], found
    # A title-only block with errors is known by the id its title makes.
    titled = "```journey\ntitle: Repair\nstages: [\n```\n"
    tobe = TOBE.replace("improves: shouhou", "improves: repair")
    _, reading = _site(tmp_path, {"a.md": titled, "b.md": tobe}, locale="en")
    found = _errors(reading, "unknown-reference")
    assert found == ["docs/b.md:4: journey 'repair' in 'improves' has errors (at docs/a.md:2), "
                     "so it is not read; fix them there and this reference works again"], found
