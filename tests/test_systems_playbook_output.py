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
