"""``custflow diff``: what changed in the journeys between two git revisions,
in the model (templates expanded, catalog filled in), not in the text.

Each test works in a temporary git repository: a site with a catalog, a
template folder of its own and two pages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_custflow.compare import compare_journeys, compare_sites
from mkdocs_custflow.pipeline import Pipeline

MKDOCS_YML = """\
site_name: Diff
docs_dir: docs
plugins:
  - custflow:
      catalog: catalog.yml
      templates: [templates]
"""
CATALOG = """\
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role}
  service: {name: Service desk, kind: role}
  kam: {name: Key-account manager, kind: role}
"""
TEMPLATE = """\
name: support-case
title: Support case
params:
  company: {default: Acme, description: Company name}
journey:
  title: "{{ company }} support"
  stages:
    - id: open-case
      name: Open the case
      owner: service
      sla: 4h
    - id: solve
      name: Solve it
      owner: service
"""
ORDERS = """\
# Orders

Some text before the block.

```journey
id: orders
title: Orders
stages:
  - id: inquiry
    name: Inquiry
    owner: sales
    sla: 1 working day
    steps:
      - customer -> sales: Ask for a price
  - id: quote
    name: Quote
    owner: sales
    sla: 2 working days
    kpis: [Quotes sent on time >= 95%]
    steps:
      - sales --> customer: Quote
      - decide: Accepted?
        yes: order
        no: end
  - id: order
    name: Order
    owner: kam
```
"""
SUPPORT = """\
# Support

```journey
use: support-case
id: support-east
with: {company: East}
```

```journey
use: support-case
id: support-west
with: {company: West}
```
"""


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True, env=env)
    return done.stdout


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root, {"mkdocs.yml": MKDOCS_YML, "catalog.yml": CATALOG,
                 "templates/support-case.en.yaml": TEMPLATE, "docs/orders.md": ORDERS,
                 "docs/support.md": SUPPORT, "docs/index.md": "# Home\n"})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    git(root, "checkout", "-qb", "feature")
    return root


def diff(root: Path, *args: str, code: int = 0) -> str:
    done = subprocess.run([sys.executable, "-m", "mkdocs_custflow.cli", "diff", *args],
                          cwd=root, capture_output=True, text=True, check=False)
    assert done.returncode == code, done.stdout + done.stderr
    return done.stdout


def three_changes(root: Path) -> None:
    page = (root / "docs/orders.md").read_text("utf-8")
    page = page.replace("    owner: sales\n    sla: 1 working day",
                        "    owner: kam\n    sla: 1 working day")  # inquiry: a new owner
    page = page.replace("sla: 2 working days", "sla: 3 working days")  # quote: a time limit
    page = page.replace("    owner: kam\n```", "    owner: kam\n  - id: invoice\n"
                        "    name: Invoice\n    owner: sales\n```")  # a new stage
    (root / "docs/orders.md").write_text(page, "utf-8")


def test_owner_time_limit_and_a_new_stage_are_exactly_three_changes(repo: Path) -> None:
    three_changes(repo)
    git(repo, "commit", "-qam", "three changes")
    data = json.loads(diff(repo, "main", "feature", "--format", "json"))
    changes = [(c["kind"], c["journey"], c["stage"], c["before"], c["after"], c["file"], c["line"])
               for c in data["changes"]]
    assert changes == [
        ("owner", "orders", "inquiry", "sales", "kam", "docs/orders.md", 11),
        ("time-limit", "orders", "quote", "2 working days", "3 working days",
         "docs/orders.md", 18),
        ("stage-added", "orders", "invoice", None, "Invoice", "docs/orders.md", 28),
    ]
    assert data["summary"] == {"changes": 3, "journeys": 1}
    markdown = diff(repo, "main", "feature", "--format", "markdown")
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1:] == [
        "| Inquiry (`inquiry`) | owner: 'sales' → 'kam' | `docs/orders.md:11` |",
        "| Quote (`quote`) | time limit: '2 working days' → '3 working days' "
        "| `docs/orders.md:18` |",
        "| Invoice (`invoice`) | new stage 'Invoice' | `docs/orders.md:28` |",
    ], markdown
    assert "**3 changes in 1 journey**" in markdown and "Orders (`orders`)" in markdown
    assert "order`" not in markdown.replace("orders", ""), "the unchanged stage is not named"
    assert markdown.startswith("<!-- custflow diff -->\n")


def test_the_default_base_is_the_merge_base_and_the_head_the_working_tree(repo: Path) -> None:
    (repo / "docs/other.md").write_text("# Other\n", "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "unrelated")
    three_changes(repo)  # not committed: the working tree
    text = diff(repo, "--exit-code", code=1)
    assert text.splitlines()[0].startswith("custflow diff merge base ")
    assert text.splitlines()[0].endswith("..working tree: 3 changes in 1 journey")
    assert diff(repo, "HEAD", "HEAD", "--exit-code") .startswith(
        "custflow diff HEAD..HEAD: no journey changes")


def test_a_reformatted_and_moved_block_is_no_change(repo: Path) -> None:
    block = ORDERS[ORDERS.index("```journey"):]
    reformatted = (
        "```journey\n"
        "title: Orders    # the same journey, written another way\n"
        "id: orders\n"
        "stages:\n"
        "  - {id: inquiry, name: Inquiry, sla: 1 working day, owner: sales,\n"
        "     steps: [{from: customer, to: sales, say: Ask for a price}]}\n"
        "  - id: quote\n"
        "    owner: sales\n"
        "    name: 'Quote'\n"
        "    kpis:\n"
        "      - Quotes sent on time >= 95%\n"
        "    sla: \"2 working days\"\n"
        "    steps:\n"
        "      - \"sales --> customer: Quote\"\n"
        "      - {decide: Accepted?, yes: order, no: end}\n"
        "  - {id: order, name: Order, owner: kam}\n"
        "```\n"
    )
    (repo / "docs/orders.md").write_text("# Orders\n\nShorter text.\n", "utf-8")
    write(repo, {"docs/sales/all-orders.md": "# All orders\n\n" + "Intro.\n" * 7 + "\n"
                 + reformatted})
    assert block != reformatted
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "move and reformat")
    assert diff(repo, "main", "--exit-code", "--format", "json").count('"kind"') == 0
    assert "No journey changes" in diff(repo, "main", "--format", "markdown")


def test_a_template_change_shows_in_every_journey_that_uses_it(repo: Path) -> None:
    template = repo / "templates/support-case.en.yaml"
    template.write_text(TEMPLATE.replace("sla: 4h", "sla: 2h"), "utf-8")
    data = json.loads(diff(repo, "main", "--format", "json"))
    assert [(c["journey"], c["stage"], c["kind"], c["before"], c["after"], c["line"])
            for c in data["changes"]] == [
        ("support-east", "open-case", "time-limit", "4h", "2h", 4),
        ("support-west", "open-case", "time-limit", "4h", "2h", 10),
    ]


def test_catalog_changes_show_in_the_journeys_and_renames_are_one_change(repo: Path) -> None:
    write(repo, {"catalog.yml": CATALOG.replace("name: Key-account manager",
                                                 "name: Account director")})
    page = (repo / "docs/support.md").read_text("utf-8").replace("id: support-west",
                                                                  "id: support-south")
    (repo / "docs/support.md").write_text(page, "utf-8")
    changes = json.loads(diff(repo, "main", "--format", "json"))["changes"]
    assert [(c["kind"], c["journey"], c["summary"]) for c in changes] == [
        ("actor-changed", "orders", "actor 'kam': name 'Key-account manager' → "
                                    "'Account director'"),
        ("journey-renamed", "support-south", "id 'support-west' → 'support-south'"),
    ]


def test_diff_needs_a_commit_it_can_find(repo: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "mkdocs_custflow.cli", "diff", "no-such-branch"],
                          cwd=repo, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "custflow: 'no-such-branch' is not a commit of this repository" in done.stderr
    assert "Traceback" not in done.stderr


# -- a revision is read as data, and only from its own tree ------------------------------------
def literal_commit(root: Path, extra: dict[bytes, bytes], parent: str = "HEAD") -> str:
    """A commit of ``parent``'s tree plus blobs under names no checkout would
    write (``/abs/path``, ``../x``), made as an attacker makes them: a tree
    written byte by byte with ``git hash-object -t tree --literally``."""
    entries = []
    for line in git(root, "ls-tree", parent).splitlines():
        meta, name = line.split("\t")
        mode, _kind, oid = meta.split()
        entries.append((name.encode(), mode.encode(), bytes.fromhex(oid)))
    for name, body in extra.items():
        blob = subprocess.run(["git", "-C", str(root), "hash-object", "-w", "--stdin"],
                              input=body, capture_output=True, check=True).stdout.strip()
        entries.append((name, b"100644", bytes.fromhex(blob.decode())))
    raw = b"".join(mode + b" " + name + b"\0" + oid for name, mode, oid in sorted(entries))
    tree = subprocess.run(["git", "-C", str(root), "hash-object", "-t", "tree", "--literally",
                           "-w", "--stdin"], input=raw, capture_output=True,
                          check=True).stdout.decode().strip()
    return git(root, "commit-tree", tree, "-p", parent, "-m", "attack").strip()


def test_tree_entries_with_absolute_or_parent_names_are_refused(repo: Path, tmp_path: Path) -> None:
    (repo / "mkdocs.yml").write_text(MKDOCS_YML.replace("docs_dir: docs", "docs_dir: ."), "utf-8")
    git(repo, "commit", "-qam", "docs at the top")
    victim = tmp_path / "victim"
    victim.mkdir()
    outside = victim / "pwned.md"
    attack = literal_commit(repo, {
        str(outside).encode(): b"# written by the attacker\n",
        b"../up.md": b"# up\n",
        b"hooks\\pre-commit.md": b"# backslash\n",
    })
    git(repo, "branch", "abs", attack)
    out = diff(repo, "HEAD", "abs")
    assert not outside.exists()
    assert not (repo.parent / "up.md").exists() and not (tmp_path / "up.md").exists()
    refused = [line for line in out.splitlines() if line.startswith("not compared:")]
    assert len(refused) == 3, out
    assert all("not a plain relative path inside the site" in line for line in refused)
    assert str(outside) in out and "'../up.md'" in out


@pytest.mark.parametrize("option", ["docs_dir: /", "docs_dir: ../..", "catalog: /etc/passwd",
                                    "INHERIT: /etc/hostname"])
def test_a_revision_config_cannot_name_files_outside_its_tree(repo: Path, option: str) -> None:
    key = option.split(": ")[0]
    text = MKDOCS_YML
    if key == "docs_dir":
        text = text.replace("docs_dir: docs", option)
    elif key == "catalog":
        text = text.replace("catalog: catalog.yml", option)
    else:
        text = option + "\n" + text
    (repo / "mkdocs.yml").write_text(text, "utf-8")
    git(repo, "commit", "-qam", "reach out")
    done = subprocess.run([sys.executable, "-m", "mkdocs_custflow.cli", "diff", "main", "HEAD"],
                          cwd=repo, capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"'{key}' names" in done.stderr and "outside the revision's files" in done.stderr
    assert "Traceback" not in done.stderr


def test_only_pages_under_the_size_limit_are_read_from_a_revision(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs_custflow.pull_request import revisions

    (repo / "docs/big.md").write_text("# Big\n" + "x" * 5000, "utf-8")
    (repo / "docs/photo.png").write_bytes(b"\x89PNG" + b"0" * 5000)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "big files")
    monkeypatch.setattr(revisions, "MAX_FILE_BYTES", 4000)
    refused: list = []
    with revisions.checked_out(repo, "HEAD", "mkdocs.yml", refused) as config:
        docs = config.parent / "docs"
        assert (docs / "orders.md").is_file()
        assert not (docs / "big.md").exists()
        assert not (docs / "photo.png").exists()  # not a page: never read
    assert [(d.file, d.rule) for d in refused] == [("docs/big.md", "unreadable-file")]
    assert "over the limit of 4000" in refused[0].message


def test_a_new_page_redefining_a_shared_stage_shows_as_a_change_to_that_stage(
    repo: Path
) -> None:
    pay = ("```journey\nid: checkout\nstages:\n  - id: pay\n    name: Pay\n    owner: sales\n"
           "    description: Pay by card.\n    links:\n"
           "      - {title: Payment form, url: 'https://pay.example.com/form'}\n```\n")
    write(repo, {"docs/pay.md": pay})
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "the canonical stage")
    newcomer = pay.replace("id: checkout", "id: pr-journey").replace(
        "Pay by card.", "Pay by transfer.").replace(
        "https://pay.example.com/form", "https://evil.example/form").replace(
        "owner: sales\n", "owner: sales\n    detail: orders\n", 1)
    write(repo, {"docs/aa-pr.md": newcomer})
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a new page")
    out = diff(repo, "HEAD~1", "HEAD")
    assert "shared stages (their playbook pages):" in out
    shared = out.split("shared stages (their playbook pages):")[1]
    assert "stage 'pay': the stage's page now follows docs/aa-pr.md:4 (was docs/pay.md:4)" \
        in shared
    assert "description: 'Pay by card.' → 'Pay by transfer.'" in shared
    assert "https://evil.example/form" in shared
    assert "journey 'orders':" in out and "part of: +pr-journey/pay" in out
    data = json.loads(diff(repo, "HEAD~1", "HEAD", "--format", "json"))
    kinds = {(c["journey"], c["kind"]) for c in data["changes"]}
    assert {("", "shared-stage"), ("", "description"), ("orders", "part-of"),
            ("pr-journey", "journey-added")} <= kinds


# -- the comparison itself, on two journeys ------------------------------------------------------
BEFORE = """\
id: repair
title: Repair
actors:
  customer: {name: Customer, kind: customer}
  desk: {name: Desk, kind: role}
  eng: {name: Engineer, kind: role}
stages:
  - id: report
    owner: desk
    responsible: [eng]
    touchpoints: [hotline]
    kpis: [First-time fix >= 90%, Calls answered]
    steps:
      - {from: customer, to: desk, say: Report the fault, score: 2}
      - decide: Remote fix?
        yes: close
        no: visit
  - id: visit
    owner: eng
  - id: close
    owner: desk
"""


def _read(body: str):  # type: ignore[no-untyped-def]
    result = Pipeline().read_block(body, file="r.md", line=1)
    assert result.journey is not None, result.diagnostics
    return result.journey


def test_two_journeys_compare_by_meaning() -> None:
    after = (BEFORE
             .replace("responsible: [eng]", "responsible: [eng, customer]")
             .replace("touchpoints: [hotline]", "touchpoints: [hotline, wechat]")
             .replace("First-time fix >= 90%", "First-time fix >= 95%")
             .replace("score: 2", "score: 4")
             .replace("no: visit", "no: visit\n        maybe: close")
             .replace("  - id: visit\n    owner: eng\n  - id: close\n    owner: desk\n",
                      "  - id: close\n    owner: desk\n  - id: visit\n    owner: eng\n"
                      "    steps:\n      - eng -> customer: Book a visit\n"))
    changes = [(c.kind, c.stage) for c in compare_journeys(_read(BEFORE), _read(after))]
    assert sorted(changes) == sorted([
        ("raci", "report"), ("touchpoint-added", "report"), ("kpi-changed", "report"),
        ("score", "report"), ("branch-added", "report"), ("stage-moved", "close"),
        ("step-added", "visit"),
    ])
    assert compare_journeys(_read(BEFORE), _read(BEFORE)) == []
    assert compare_sites([_read(BEFORE)], []) [0].kind == "journey-removed"


IMPROVED = """\
id: repair
actors:
  desk: {name: Desk, kind: role}
review: {owner: desk, every: 6m, last: 2026-01-15}
stages:
  - id: report
    owner: desk
    pains: [Waits on the line, {text: Repeats the story, severity: high}]
    opportunities: [{text: Photo upload, status: idea, owner: desk}]
    kpis: [Calls answered >= 80%, {name: First-time fix, target: ">= 90%", current: 84%}]
    steps:
      - {from: desk, to: desk, say: Check the ticket, pain: Slow tool, lane: backstage}
"""


def test_improvement_keys_compare_by_what_they_say() -> None:
    after = (IMPROVED.replace("last: 2026-01-15", "last: 2026-06-01")
             .replace("status: idea", "status: planned")
             .replace("severity: high", "severity: low")
             .replace(">= 90%", ">= 95%")
             .replace("Calls answered >= 80%", "Calls answered >= 85%")
             .replace("pain: Slow tool", "pain: Very slow tool")
             .replace("pains: [Waits on the line, ", "pains: ["))
    changes = [(c.kind, c.summary) for c in compare_journeys(_read(IMPROVED), _read(after))]
    assert sorted(changes) == sorted([
        ("review", "review: {owner: 'desk', every: '6m', last: '2026-01-15'} → "
                   "{owner: 'desk', every: '6m', last: '2026-06-01'}"),
        ("pain-removed", "pain removed: 'Waits on the line'"),
        ("pain-changed", "pain 'Repeats the story': severity 'high' → 'low'"),
        ("opportunity-changed", "opportunity 'Photo upload': status 'idea' → 'planned'"),
        ("kpi-changed", "kpi 'Calls answered': name 'Calls answered >= 80%' → "
                        "'Calls answered >= 85%'"),
        ("kpi-changed", "kpi 'First-time fix': target '>= 90%' → '>= 95%'"),
        ("step-changed", "step 'Check the ticket': pain: 'Slow tool' → 'Very slow tool'"),
    ])
    moved = Pipeline().read_block(IMPROVED, file="r.md", line=40).journey
    assert moved is not None and compare_journeys(_read(IMPROVED), moved) == []
