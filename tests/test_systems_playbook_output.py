"""``custflow playbook`` (hosts without plugins, Zensical) writes the
architecture, system, data and personal-data pages too, linked between the
Markdown files, and the playbook's systems view links resolve."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from support.systems_site import CONFIG, DOCS

from mkdocs_custflow.cli import main


def test_custflow_playbook_writes_the_system_and_data_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs").mkdir()
    for name, text in DOCS.items():
        (tmp_path / "docs" / name).write_text(text, "utf-8")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(CONFIG, allow_unicode=True), "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["playbook", "--out", "docs", "--strict", "--links", "files"]) == 0
    folder = tmp_path / "docs" / "playbook"
    written = {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")}
    assert {"architecture.md", "personal-data.md", "systems/crm.md", "systems/wecom.md",
            "data/contact.md", "data/ticket.md"} <= written
    architecture = (folder / "architecture.md").read_text("utf-8")
    assert architecture.startswith("# 系统架构\n")
    assert 'href="systems/erp.md"' in architecture  # between the Markdown files
    # Inside the chart, links are URLs from the page's own URL (the host leaves them).
    assert re.search(r'click Y\d href &quot;\.\./systems/erp/&quot;', architecture), architecture
    role = (folder / "roles" / "sales.md").read_text("utf-8")
    assert "## 培训" in role and "个人信息保护法培训" in role
    data = json.loads((folder / "playbook.json").read_text("utf-8"))
    assert len(data["systems"]) == 4 and len(data["data"]) == 4


def test_custflow_validate_reports_the_rules_in_sarif(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs").mkdir()
    docs = {**DOCS, "catalog.yml": DOCS["catalog.yml"].replace(" retention: 1年,", "")}
    for name, text in docs.items():
        (tmp_path / "docs" / name).write_text(text, "utf-8")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(CONFIG, allow_unicode=True), "utf-8")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["validate", "--format", "sarif", "--strict", "docs"]) == 1
    run = json.loads(capsys.readouterr().out)["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert {"personal-data-owner", "data-access", "data-never-collected",
            "system-unused"} <= set(rules)
    (result,) = run["results"]
    line = docs["catalog.yml"].split("\n").index(
        next(x for x in docs["catalog.yml"].split("\n") if x.startswith("  address:"))) + 1
    assert result["ruleId"] == "personal-data-owner"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "docs/catalog.yml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": line}}


def test_system_and_data_pages_stay_short_however_many_journeys(tmp_path: Path) -> None:
    from mkdocs_custflow.pipeline import Pipeline, Settings, SourcePage
    from mkdocs_custflow.playbook.pages import PlaybookPages

    (tmp_path / "catalog.yml").write_text(DOCS["catalog.yml"], "utf-8")
    pipeline = Pipeline(Settings(catalog=str(tmp_path / "catalog.yml"), base=str(tmp_path),
                                 locale="zh"))
    block = ("```journey\nid: j{n}\nstages:\n  - id: consult\n    owner: sales\n"
             "    data: [{{data: contact, use: collect, in: crm}}]\n"
             "    steps: ['customer -> sales: 咨询']\n```\n")
    pages = [SourcePage(f"p{n}.md", block.format(n=n), f"p{n}.md") for n in range(300)]
    reading = pipeline.read_site(pages, whole_site=False)
    assert reading.playbook is not None
    rendered = PlaybookPages(reading.playbook, locale="zh").render_all()
    data = rendered["playbook/data/contact.md"]
    assert data.count("<tr>") == 2 and "300 条客户旅程" in data  # one row: the stage
    system = rendered["playbook/systems/crm.md"]
    assert "300 条客户旅程" in system
    assert max(len(page) for page in rendered.values()) < 60_000
