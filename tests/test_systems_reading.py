"""Systems and data (spec 18, 19): read into the model, every unknown id a
finding at the catalog's or the block's line with the closest id, and the
four rules (personal-data-owner, data-access, data-never-collected,
system-unused) reported where the writer fixes them."""

from __future__ import annotations

from pathlib import Path

from mkdocs_custflow.cache import decode_result, encode_result
from mkdocs_custflow.pipeline import Pipeline, Settings, SourcePage
from mkdocs_custflow.reading.catalog import read_catalog
from mkdocs_custflow.rules import RuleOptions
from mkdocs_custflow.structure import DataUse, Integration, Training

CATALOG = """\
actors:
  sales: {name: 销售, kind: role, training: [CRM 入门, {title: 个人信息保护, url: p.md, every: 1y}]}
  service: {name: 客服, kind: role}
  it: {name: IT, kind: role}
  crm: {name: CRM, kind: system, layer: 客户数据, owner: it,
        integrates: [{with: erp, data: [order], how: API}]}
  erp: {name: ERP, kind: system, layer: 订单与交付, owner: it}
data:
  contact: {name: 联系方式, personal: true, owner: sales, retention: 3y,
            access: [sales, service], held_in: [crm]}
  order:   {name: 订单, owner: it, held_in: [erp, crm]}
"""

JOURNEY = """\
id: buy
stages:
  - id: consult
    name: 咨询
    owner: sales
    data:
      - {data: contact, use: collect, in: crm}
      - {data: order, use: collect, in: erp}
  - id: deliver
    owner: service
    data: [order]
    steps:
      - service -> erp: 查询订单
"""


def pipeline_for(tmp_path: Path, catalog: str = CATALOG) -> Pipeline:
    (tmp_path / "catalog.yml").write_text(catalog, "utf-8")
    return Pipeline(Settings(catalog=str(tmp_path / "catalog.yml"), base=str(tmp_path)))


def found(items: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(d.where, d.rule) for d in items]


def test_the_spec_example_reads_into_the_model() -> None:
    catalog, findings = read_catalog(CATALOG, "catalog.yml")
    assert findings == []
    crm = catalog.actors["crm"]
    assert (crm.layer, crm.owner) == ("客户数据", "it")
    assert crm.integrates == [Integration("erp", ["order"], "API", line=6)]
    assert catalog.actors["sales"].training == [
        Training("CRM 入门", line=2), Training("个人信息保护", "p.md", "1y", 2)]
    contact = catalog.data["contact"]
    assert (contact.personal, contact.owner, contact.retention) == (True, "sales", "3y")
    assert (contact.access, contact.held_in, contact.line) == (["sales", "service"], ["crm"], 9)
    assert catalog.data["order"].personal is False


def test_stage_data_uses_ids_and_long_forms(tmp_path: Path) -> None:
    result = pipeline_for(tmp_path).read_block(JOURNEY, file="buy.md", line=3)
    assert result.ok, result.diagnostics
    assert result.diagnostics == []
    assert result.journey is not None
    consult, deliver = result.journey.stages
    assert consult.data == [DataUse("contact", "collect", "crm", 9),
                            DataUse("order", "collect", "erp", 10)]
    assert deliver.data == [DataUse("order", "read", None, 13)]
    assert deliver.data[0].systems(pipeline_for(tmp_path).catalog.data) == ["erp", "crm"]


def test_a_wrong_use_word_is_an_error_with_the_keyword(tmp_path: Path) -> None:
    block = "id: j\nstages:\n  - id: a\n    owner: sales\n    data: [{data: contact, use: 读取}]\n"
    result = pipeline_for(tmp_path).read_block(block, file="j.md", line=1)
    assert found(result.diagnostics) == [("j.md:5", "invalid-value")]
    assert "did you mean 'read'?" in result.diagnostics[0].message


def test_unknown_ids_in_a_block_name_the_block_line_and_the_closest(tmp_path: Path) -> None:
    block = ("id: j\nstages:\n  - id: a\n    owner: sales\n    data:\n"
             "      - {data: contcat, use: collect, in: crm}\n"
             "      - {data: order, use: collect, in: erpp}\n"
             "      - {data: order, use: read, in: sales}\n")
    result = pipeline_for(tmp_path).read_block(block, file="j.md", line=10)
    assert not result.ok
    assert found(result.diagnostics) == [
        ("j.md:15", "unknown-reference"), ("j.md:16", "unknown-reference"),
        ("j.md:17", "unknown-reference")]
    messages = [d.message for d in result.diagnostics]
    assert "did you mean 'contact'?" in messages[0]
    assert "did you mean 'erp'?" in messages[1]
    assert "'sales' in 'in' of stage 'a' is a role, not a system" in messages[2]


def test_unknown_ids_in_the_catalog_name_the_catalog_line(tmp_path: Path) -> None:
    catalog = CATALOG.replace("with: erp", "with: epr").replace(
        "owner: it, held_in: [erp, crm]", "owner: itt, held_in: [erp, cmr]").replace(
        "access: [sales, service]", "access: [sales, servce]")
    pipeline = pipeline_for(tmp_path, catalog)
    assert found(pipeline.catalog_findings) == [
        ("catalog.yml:6", "unknown-reference"), ("catalog.yml:10", "unknown-reference"),
        ("catalog.yml:11", "unknown-reference"), ("catalog.yml:11", "unknown-reference")]
    hints = " ".join(d.message for d in pipeline.catalog_findings)
    for hint in ("'erp'?", "'service'?", "'it'?", "'crm'?"):
        assert f"did you mean {hint}" in hints


def test_personal_data_without_owner_or_retention_at_its_catalog_line(tmp_path: Path) -> None:
    catalog = CATALOG.replace("owner: sales, retention: 3y,", "")
    pipeline = pipeline_for(tmp_path, catalog)
    assert found(pipeline.catalog_findings) == [("catalog.yml:9", "personal-data-owner")]
    message = pipeline.catalog_findings[0].message
    assert "no 'owner' and 'retention'" in message and "'3y'" in message
    retention_only = pipeline_for(tmp_path, CATALOG.replace(" retention: 3y,", ""))
    assert [d.message.split(";")[0] for d in retention_only.catalog_findings] == [
        "personal data item 'contact' has no 'retention'"]


def test_a_role_in_a_stage_with_personal_data_it_may_not_see(tmp_path: Path) -> None:
    block = ("id: j\nstages:\n  - id: a\n    owner: service\n    informed: [it]\n"
             "    data: [{data: contact, use: read, in: crm}]\n")
    result = pipeline_for(tmp_path).read_block(block, file="j.md", line=1)
    assert found(result.diagnostics) == [("j.md:6", "data-access")]
    assert "role 'it'" in result.diagnostics[0].message
    # Not personal: anyone may work with it.
    plain = block.replace("contact", "order")
    assert pipeline_for(tmp_path).read_block(plain, file="j.md", line=1).diagnostics == []


def site(pipeline: Pipeline, *blocks: str) -> list[tuple[str, str]]:
    pages = [SourcePage(f"p{i}.md", f"```journey\n{block}```\n", f"p{i}.md")
             for i, block in enumerate(blocks)]
    return found(pipeline.read_site(pages).findings)


def test_data_never_collected_and_an_unused_system_across_the_site(tmp_path: Path) -> None:
    pipeline = pipeline_for(tmp_path)
    assert site(pipeline, JOURNEY) == []  # sales, service and it: training and owners aside
    reads_only = JOURNEY.replace("{data: order, use: collect, in: erp}",
                                 "{data: order, use: read, in: crm}")
    # ERP is still used by a step; order is read in two stages, collected in none.
    assert site(pipeline, reads_only) == [("p0.md:9", "data-never-collected")]
    no_erp = JOURNEY.replace("in: erp}", "in: crm}").replace("service -> erp", "service -> crm")
    no_erp = no_erp.replace("data: [order]", "data: [{data: order, use: read, in: crm}]")
    assert site(pipeline, no_erp) == [("catalog.yml:7", "system-unused")]
    # Only the whole site can say what is unused.
    pages = [SourcePage("p.md", f"```journey\n{no_erp}```\n", "p.md")]
    assert pipeline.read_site(pages, whole_site=False).findings == []


def test_the_rules_can_be_lowered_and_ignored(tmp_path: Path) -> None:
    (tmp_path / "catalog.yml").write_text(CATALOG.replace(" retention: 3y,", ""), "utf-8")
    settings = Settings(catalog=str(tmp_path / "catalog.yml"), base=str(tmp_path),
                        rules=RuleOptions((("personal-data-owner", "off"),)))
    assert Pipeline(settings).catalog_findings == []
    block = ("id: j\nignore: [data-access]\nstages:\n  - id: a\n    owner: it\n"
             "    data: [{data: contact, use: collect, in: crm}]\n")
    assert pipeline_for(tmp_path).read_block(block, file="j.md", line=1).diagnostics == []


def test_a_journey_with_data_uses_survives_the_disk_cache(tmp_path: Path) -> None:
    pipeline = pipeline_for(tmp_path)
    result = pipeline.read_block(JOURNEY, file="buy.md", line=3)
    assert result.journey is not None
    text = encode_result(result.journey, result.diagnostics, pipeline.catalog)
    journey, _ = decode_result(text, pipeline.catalog)
    assert journey == result.journey
    assert journey is not None and journey.actors["crm"] is pipeline.catalog.actors["crm"]


def test_a_blocks_own_system_is_checked_at_the_block(tmp_path: Path) -> None:
    block = ("id: j\nactors:\n  bot: {name: Bot, kind: system, layer: 渠道, owner: salse,\n"
             "        integrates: [{with: crm, data: [oder]}]}\n"
             "stages:\n  - id: a\n    owner: sales\n    steps: ['sales -> bot: Hi']\n")
    result = pipeline_for(tmp_path).read_block(block, file="j.md", line=1)
    assert found(result.diagnostics) == [("j.md:3", "unknown-reference"),
                                         ("j.md:4", "unknown-reference")]
    assert "did you mean 'sales'?" in result.diagnostics[0].message
    assert "did you mean 'order'?" in result.diagnostics[1].message
    # Taking a catalog system as it is checks nothing again at the block.
    plain = "id: k\nstages:\n  - id: b\n    owner: sales\n    steps: ['sales -> crm: Hi']\n"
    assert pipeline_for(tmp_path).read_block(plain, file="k.md", line=1).diagnostics == []


def test_a_site_that_only_names_a_system_is_not_told_it_is_unused(tmp_path: Path) -> None:
    catalog = "actors:\n  sales: {kind: role}\n  crm: {name: CRM, kind: system}\n"
    pipeline = pipeline_for(tmp_path, catalog)
    block = "id: j\nstages:\n  - {id: a, owner: sales}\n"
    assert site(pipeline, block) == []
    described = pipeline_for(tmp_path, catalog.replace("kind: system}", "kind: system, "
                                                                        "layer: Data}"))
    assert site(described, block) == [("catalog.yml:3", "system-unused")]
