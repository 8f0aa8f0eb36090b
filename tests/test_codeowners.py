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
from mkdocs_custflow.pull_request.codeowners import BEGIN, END, SectionError, updated

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


def test_a_page_named_like_a_glob_owns_only_itself(site: Path, codeowners: Run) -> None:
    import fnmatch

    docs = site / "docs"
    (docs / "**").mkdir()
    (docs / "**" / "*.md").write_text(ORDERS.replace("id: orders", "id: glob"), "utf-8")
    (docs / "[a-z]?! x.md").write_text(ORDERS.replace("id: orders", "id: range"), "utf-8")
    lines = codeowners(site).stdout.splitlines()
    assert r"/handbook/docs/\*\*/\*.md @acme/sales service-lead@acme.example" in lines
    assert r"/handbook/docs/\[a-z\]\?\!\ x.md @acme/sales service-lead@acme.example" in lines
    assert not any(line.startswith("/handbook/docs/**") for line in lines)
    # As a host reads the pattern (backslash escapes), it names only that page.
    glob = r"/handbook/docs/\*\*/\*.md".replace("\\*", "[*]")
    assert not fnmatch.fnmatchcase("/handbook/docs/orders.md", glob)
    assert fnmatch.fnmatchcase("/handbook/docs/**/*.md", glob)


def test_a_line_break_in_a_page_name_is_never_written(site: Path, codeowners: Run) -> None:
    (site / "docs" / "x\n* @org;interns.md").write_text(ORDERS.replace("id: orders", "id: nl"),
                                                       "utf-8")
    done = codeowners(site)
    assert "@org;interns" not in done.stdout
    assert "a line break in the page's name cannot be written in CODEOWNERS" in done.stderr
    assert "x\\n* @org;interns.md" in done.stderr


@pytest.mark.parametrize(("text", "line", "what"), [
    (f"{END}\n* @acme/docs\n{BEGIN}\nold @y\n{END}\n", 1, "END"),
    (f"{BEGIN}\nold @y\n{END}\n{BEGIN}\n{END}\n", 4, "BEGIN"),
    (f"* @a\n{BEGIN}\nold @y\n", 2, "BEGIN"),
    (f"* @a\n{END}\n", 2, "END"),
])
def test_stray_markers_are_an_error_not_a_new_section_each_run(
    site: Path, codeowners: Run, text: str, line: int, what: str
) -> None:
    target = site / "CODEOWNERS"
    target.write_text(text, "utf-8")
    for args in ([], ["--check"]):
        done = codeowners(site, "--output", str(target), *args)
        assert done.returncode == 1
        assert f"CODEOWNERS:{line}: a stray '{what}' custflow marker" in done.stderr
        assert "remove the marker lines" in done.stderr
        assert target.read_text("utf-8") == text  # never written
    with pytest.raises(SectionError):
        updated(text, ["new @w"])
