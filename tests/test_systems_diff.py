"""``custflow diff`` and systems and data: a stage's data uses added and
removed are changes, a stage that starts collecting personal data is its own
kind of change (what a privacy reviewer must see), and a system a journey
starts to use through ``in:`` shows its changes there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mkdocs_custflow.compare import compare_sites
from mkdocs_custflow.pipeline import Pipeline, Settings

CATALOG = """\
actors:
  sales: {name: Sales rep, kind: role}
  crm: {name: CRM, kind: system, layer: Customer data}
  erp: {name: ERP, kind: system, layer: Orders}
data:
  phone: {name: Phone, personal: true, owner: sales, retention: 3y, access: [sales],
          held_in: [crm]}
  order: {name: Order, owner: sales, held_in: [erp]}
"""
PAGE = """\
# Orders

```journey
id: orders
stages:
  - id: inquiry
    owner: sales
    data: [{data: order, use: collect, in: erp}]
    steps:
      - sales -> erp: Check stock
```
"""


def read(tmp_path: Path, catalog: str, block: str):  # type: ignore[no-untyped-def]
    (tmp_path / "catalog.yml").write_text(catalog, "utf-8")
    pipeline = Pipeline(Settings(catalog=str(tmp_path / "catalog.yml"), base=str(tmp_path)))
    result = pipeline.read_block(block, file="docs/orders.md", line=4)
    assert result.journey is not None, result.diagnostics
    return result.journey


def test_data_uses_compare_by_item_use_and_system(tmp_path: Path) -> None:
    body = PAGE.split("```journey\n")[1].split("```")[0]
    before = read(tmp_path, CATALOG, body)
    after = read(tmp_path, CATALOG, body.replace(
        "data: [{data: order, use: collect, in: erp}]",
        "data:\n      - {data: phone, use: collect, in: crm}\n"
        "      - {data: order, use: read, in: erp}"))
    changes = [(c.kind, c.stage, c.summary, c.before, c.after, c.line)
               for c in compare_sites([before], [after], {"phone"})]
    assert changes == [
        ("data-removed", "inquiry", "data removed: order: collect in erp",
         "order: collect in erp", None, 8),
        ("personal-data-collected", "inquiry",
         "starts collecting personal data: phone: collect in crm", None,
         "phone: collect in crm", 9),
        ("data-added", "inquiry", "data added: order: read in erp", None,
         "order: read in erp", 10),
    ]
    # Without knowing what is personal, a new collection is one more use.
    plain = compare_sites([before], [after])
    assert [c.kind for c in plain] == ["data-removed", "data-added", "data-added"]
    # The same uses written another way (a reordered list) are no change.
    reordered = read(tmp_path, CATALOG, body.replace(
        "data: [{data: order, use: collect, in: erp}]",
        "data:\n      - {data: order, use: read, in: erp}\n"
        "      - {data: phone, use: collect, in: crm}"))
    assert compare_sites([after], [reordered], {"phone"}) == []


def test_a_system_used_through_in_shows_its_catalog_changes(tmp_path: Path) -> None:
    body = ("id: j\nstages:\n  - id: a\n    owner: sales\n"
            "    data: [{data: phone, use: collect, in: crm}]\n")
    before = read(tmp_path, CATALOG, body)
    after = read(tmp_path, CATALOG.replace("layer: Customer data", "layer: Sales"), body)
    assert [(c.kind, c.summary) for c in compare_sites([before], [after])] == [
        ("actor-changed", "actor 'crm': layer 'Customer data' → 'Sales'")]


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True, env=env)


def test_custflow_diff_reports_a_stage_that_starts_collecting_personal_data(
    tmp_path: Path,
) -> None:
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - custflow: {catalog: catalog.yml}\n", "utf-8")
    (root / "catalog.yml").write_text(CATALOG, "utf-8")
    (root / "docs" / "orders.md").write_text(PAGE, "utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    (root / "docs" / "orders.md").write_text(PAGE.replace(
        "data: [{data: order, use: collect, in: erp}]",
        "data: [{data: order, use: collect, in: erp}, {data: phone, use: collect, in: crm}]"),
        "utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs_custflow.cli", "diff", "main",
                           "--format", "json"], cwd=root, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    changes = json.loads(done.stdout)["changes"]
    assert [(c["kind"], c["stage"], c["after"], c["file"], c["line"]) for c in changes] == [
        ("personal-data-collected", "inquiry", "phone: collect in crm", "docs/orders.md", 8)]
    markdown = subprocess.run([sys.executable, "-m", "mkdocs_custflow.cli", "diff", "main"],
                              cwd=root, capture_output=True, text=True, check=True).stdout
    assert "starts collecting personal data: phone: collect in crm" in markdown
