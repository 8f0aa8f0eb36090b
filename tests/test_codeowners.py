"""``custflow codeowners``: the catalog's handles become CODEOWNERS lines for
the pages that hold each role's stages, in a section of the file that is kept
up to date without touching the rest."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from support.site import write_site

from mkdocs_custflow.cli import main
from mkdocs_custflow.pull_request.codeowners import BEGIN, END, updated

CATALOG = """\
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role, handle: '@acme/sales'}
  kam: {name: Key-account manager, kind: role, handle: '@acme/sales'}
  service: {name: Service desk, kind: role, handle: service-lead@acme.example}
  marketing: {name: Marketing, kind: role}
stages:
  - {id: contact, name: First contact, owner: sales}
"""
ORDERS = """\
# Orders

```journey
id: orders
stages:
  - contact
  - {id: contract, owner: kam}
  - {id: support, owner: service}
```
"""
LEADS = "```journey\nid: leads\nstages:\n  - {id: fair, owner: marketing}\n```\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write_site(tmp_path / "repo" / "handbook",
               {"orders.md": ORDERS, "sales team/leads #2.md": LEADS, "index.md": "# Home\n"},
               {"plugins": [{"custflow": {"catalog": "catalog.yml"}}]})
    site = tmp_path / "repo" / "handbook"
    (site / "catalog.yml").write_text(CATALOG, "utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    return site


Run = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def codeowners(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """The command, run in this process (as `custflow codeowners ARGS` in the site)."""

    def run(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
        monkeypatch.chdir(site)
        capsys.readouterr()
        code = main(["codeowners", *args])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["custflow", "codeowners", *args], code, out, err)

    return run


def test_each_page_gets_the_handles_of_its_stage_owners(site: Path, codeowners: Run) -> None:
    done = codeowners(site)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        BEGIN,
        "/handbook/docs/orders.md @acme/sales service-lead@acme.example",
        END,
    ]
    assert done.stderr == (
        "custflow: role 'marketing' owns stages on docs/sales team/leads #2.md but has no "
        "'handle' in the catalog; those stages add no code owner\n"
    )


def test_paths_with_spaces_and_hashes_are_escaped(site: Path, codeowners: Run) -> None:
    catalog = site / "catalog.yml"
    catalog.write_text(CATALOG.replace("marketing: {name: Marketing, kind: role}",
                                       "marketing: {name: Marketing, kind: role, "
                                       "handle: '@acme/marketing'}"), "utf-8")
    lines = codeowners(site).stdout.splitlines()
    assert r"/handbook/docs/sales\ team/leads\ \#2.md @acme/marketing" in lines


def test_the_section_is_kept_up_to_date_and_the_rest_left_alone(
    site: Path, codeowners: Run
) -> None:
    target = site.parent / ".github" / "CODEOWNERS"
    target.parent.mkdir()
    target.write_text("# Our own rules\n* @acme/docs\n", "utf-8")
    assert codeowners(site, "--output", str(target), "--check").returncode == 1
    assert codeowners(site, "--output", str(target)).returncode == 0
    written = target.read_text("utf-8")
    assert written.startswith("# Our own rules\n* @acme/docs\n\n" + BEGIN + "\n")
    assert codeowners(site, "--output", str(target), "--check").returncode == 0
    (site / "catalog.yml").write_text(CATALOG.replace("'@acme/sales'}\n  kam",
                                                      "'@acme/front'}\n  kam"), "utf-8")
    stale = codeowners(site, "--output", str(target), "--check")
    assert stale.returncode == 1 and "is not up to date" in stale.stderr
    codeowners(site, "--output", str(target))
    again = target.read_text("utf-8")
    assert again.count(BEGIN) == 1 and "@acme/front @acme/sales" in again
    assert again.startswith("# Our own rules\n* @acme/docs\n")


def test_updated_replaces_only_its_section() -> None:
    text = f"a @x\n{BEGIN}\nold @y\n{END}\nb @z\n"
    assert updated(text, ["new @w"]) == f"a @x\n{BEGIN}\nnew @w\n{END}\nb @z\n"
    assert updated("", ["n @v"]) == f"{BEGIN}\nn @v\n{END}\n"


def test_a_bad_handle_is_a_finding_and_never_written(site: Path, codeowners: Run) -> None:
    (site / "catalog.yml").write_text(CATALOG.replace("'@acme/sales'}\n  kam",
                                                      "'Sales team'}\n  kam"), "utf-8")
    validate = subprocess.run([sys.executable, "-m", "mkdocs_custflow.cli", "validate", "docs"],
                              cwd=site, capture_output=True, text=True, check=False)
    assert ("catalog.yml:3: error: actor 'sales' has handle 'Sales team', which is not a "
            "code-owner handle; write '@user', '@org/team' or an e-mail address, e.g. "
            "'@Sales-team' [bad-handle]") in validate.stdout
    assert "Sales team" not in codeowners(site).stdout
