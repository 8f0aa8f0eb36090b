"""The CI of the guide (example-site/docs/guide/ci.md) runs as written.

The GitHub Actions workflow and the GitLab CI job are read from the page and
their commands run, step by step, in a pull-request clone of a temporary git
repository (its ``origin`` a bare repository with ``main``), as the runner
would run them: ``bash -e`` in the checkout, with the step's ``env`` and the
``${{ }}`` expressions of a pull-request event. Only what reaches outside
is replaced, by small programs first on ``PATH``: ``pip`` and ``apt-get`` (the
package is installed already), and ``curl`` (records the note it would post).
``custflow`` and ``mkdocs`` run this checkout's code. The ``uses:`` steps are
checked for what they consume: the SARIF file, the comment's Markdown file.

The repository's ``.pre-commit-hooks.yaml`` is run the way pre-commit runs it.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow  # the guide's CI recipes run as written: git, bash, mkdocs

ROOT = Path(__file__).resolve().parent.parent
CI_PAGE = ROOT / "example-site" / "docs" / "guide" / "ci.md"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
_BLOCK = re.compile(r'^```yaml title="(?P<title>[^"]+)"\n(?P<text>.*?)^```$', re.M | re.S)

MKDOCS_YML = ("site_name: Review\ntheme: {name: material, font: false}\n"
              "plugins:\n  - custflow:\n      catalog: catalog.yml\n")
CATALOG = """\
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role, team: Sales, handle: '@acme/sales'}
  service: {name: Service desk, kind: role, team: Service, handle: '@acme/service'}
"""
PAGE = """\
# Orders

```journey
id: orders
title: Orders
stages:
  - id: inquiry
    owner: sales
    sla: 1 working day
    steps:
      - customer -> sales: Ask for a price
  - id: support
    owner: service
    sla: 4h
```
"""
GITHUB_CONTEXT = {"github.base_ref": "main", "github.event_name": "pull_request",
                  "!cancelled()": "true"}


def guide_block(title: str, key: object = None) -> dict[object, object]:
    """The YAML block of ci.md titled ``title`` (the one with ``key`` at its top)."""
    for match in _BLOCK.finditer(CI_PAGE.read_text("utf-8")):
        loaded = yaml.safe_load(match["text"])
        if match["title"] == title and isinstance(loaded, dict) and (key is None or key in loaded):
            return loaded
    raise AssertionError(f"ci.md has no YAML block titled {title} with {key!r}")


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True, env=env).stdout


def _program(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/usr/bin/env bash\nset -e\n" + body + "\n", "utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A pull-request checkout: ``origin/main`` has the site, the checkout
    changes one owner and adds a stage, and keeps CODEOWNERS up to date."""
    origin, work = tmp_path / "origin.git", tmp_path / "checkout"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    subprocess.run(["git", "clone", "-q", str(origin), str(work)], check=True,
                   capture_output=True)
    for name, text in {"mkdocs.yml": MKDOCS_YML, "catalog.yml": CATALOG,
                       "docs/index.md": "# Home\n", "docs/orders.md": PAGE}.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text, "utf-8")
    git(work, "checkout", "-qb", "main")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "the site")
    git(work, "push", "-q", "origin", "main")
    git(work, "checkout", "-qb", "change-owner")
    changed = PAGE.replace("    owner: service\n    sla: 4h",
                           "    owner: sales\n    sla: 4h\n  - id: follow-up\n    owner: service")
    (work / "docs/orders.md").write_text(changed, "utf-8")
    return work


@pytest.fixture
def runner_path(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """The environment a step runs in, and the log the stand-ins write."""
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir()
    python = sys.executable
    _program(bin_dir, "custflow", f'exec "{python}" -m mkdocs_custflow.cli "$@"')
    _program(bin_dir, "mkdocs", f'exec "{python}" -m mkdocs "$@"')
    _program(bin_dir, "pip", f'echo "pip $*" >> "{log}"')
    _program(bin_dir, "apt-get", f'echo "apt-get $*" >> "{log}"')
    _program(bin_dir, "curl", f'echo "curl $*" >> "{log}"\n'
             'for a in "$@"; do case "$a" in body@*) cat "${a#body@}" >> "' + str(log)
             + '";; esac; done')
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env, log


def _expand(text: str, context: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        expression = match[1].strip()
        assert expression in context, f"the test knows no value for ${{{{ {expression} }}}}"
        return context[expression]

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def _run(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False)


def test_the_github_workflow_runs_as_written(
    checkout: Path, runner_path: tuple[dict[str, str], Path]
) -> None:
    env, log = runner_path
    subprocess.run(["custflow", "codeowners", "--output", ".github/CODEOWNERS"], cwd=checkout,
                   env=env, check=True)
    git(checkout, "add", "-A")
    git(checkout, "commit", "-qm", "a new owner and a follow-up")
    workflow = guide_block(".github/workflows/journeys.yml")
    assert "pull_request" in workflow[True]  # type: ignore[index]  # YAML reads `on` as true
    steps = workflow["jobs"]["review"]["steps"]  # type: ignore[index]
    assert steps[0]["with"]["fetch-depth"] == 0
    ran, used = [], []
    for step in steps:
        if "if" in step:
            assert _expand(step["if"], {**GITHUB_CONTEXT, "!cancelled() && github.event_name "
                                        "== 'pull_request'": "true"}) == "true"
        if "run" in step:
            step_env = {k: _expand(str(v), GITHUB_CONTEXT) for k, v in step.get("env", {}).items()}
            done = _run(_expand(step["run"], GITHUB_CONTEXT), checkout, {**env, **step_env})
            assert done.returncode == 0, (step["run"], done.stdout, done.stderr)
            ran.append((step["run"], done.stdout))
            continue
        action = step["uses"].split("@")[0]
        used.append(action)
        if action == "github/codeql-action/upload-sarif":
            sarif = json.loads((checkout / step["with"]["sarif_file"]).read_text("utf-8"))
            assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []
        elif action == "marocchino/sticky-pull-request-comment":
            comment = (checkout / step["with"]["path"]).read_text("utf-8")
            assert comment.startswith("<!-- custflow diff -->")
            assert "**2 changes in 1 journey**" in comment
            assert ("| Support (`support`) | owner: 'service' → 'sales' "
                    "| `docs/orders.md:13` |") in comment
            assert ("| Follow up (`follow-up`) | new stage 'Follow up' "
                    "| `docs/orders.md:15` |") in comment
    assert used == ["actions/checkout", "actions/setup-python",
                    "github/codeql-action/upload-sarif", "marocchino/sticky-pull-request-comment"]
    commands = [command for command, _ in ran]
    assert "pip install mkdocs-custflow" in commands
    assert any(c.startswith("mkdocs build --strict") for c in commands)
    assert (checkout / "site" / "orders" / "index.html").is_file()
    assert "pip install mkdocs-custflow" in log.read_text("utf-8")


def test_the_github_workflow_fails_on_a_broken_block_and_still_annotates(
    checkout: Path, runner_path: tuple[dict[str, str], Path]
) -> None:
    env, _log = runner_path
    page = checkout / "docs/orders.md"
    page.write_text(page.read_text("utf-8").replace("owner: sales\n    sla: 4h",
                                                    "owner: salse\n    sla: 4h"), "utf-8")
    steps = guide_block(".github/workflows/journeys.yml")["jobs"]["review"]["steps"]  # type: ignore[index]
    check, annotate = (next(s for s in steps if s.get("name") == name)
                       for name in ("Check the journeys", "Annotate the pull request"))
    assert _run(check["run"], checkout, env).returncode == 1
    sarif = json.loads((checkout / "custflow.sarif").read_text("utf-8"))
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "unknown-reference"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 13
    assert annotate["if"] == "${{ !cancelled() }}", "annotations run after a failed check"
    annotations = _run(annotate["run"], checkout, env)
    assert annotations.stdout.startswith(
        "::error file=docs/orders.md,line=13,title=unknown-reference::unknown actor 'salse'")


def test_the_gitlab_job_runs_as_written(
    checkout: Path, runner_path: tuple[dict[str, str], Path]
) -> None:
    env, log = runner_path
    git(checkout, "commit", "-qam", "a new owner and a follow-up")
    job = guide_block(".gitlab-ci.yml", "journeys")["journeys"]
    assert job["variables"]["GIT_DEPTH"] == "0"  # type: ignore[index]
    gitlab = {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_PROJECT_ID": "42",
              "CI_MERGE_REQUEST_IID": "7", "CI_API_V4_URL": "https://gitlab.example/api/v4",
              "CUSTFLOW_NOTE_TOKEN": "token"}
    for command in [*job["before_script"], *job["script"]]:  # type: ignore[index]
        done = _run(command, checkout, {**env, **gitlab})
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    calls = log.read_text("utf-8")
    assert ("curl --fail --silent --show-error --output /dev/null --header PRIVATE-TOKEN: token "
            "--data-urlencode body@journey-changes.md "
            "https://gitlab.example/api/v4/projects/42/merge_requests/7/notes") in calls
    assert "| Support (`support`) | owner: 'service' → 'sales' | `docs/orders.md:13` |" in calls
    for artifact in job["artifacts"]["paths"]:  # type: ignore[index]
        assert (checkout / artifact).is_file(), artifact


def test_the_pre_commit_hook_runs_as_pre_commit_runs_it(
    checkout: Path, runner_path: tuple[dict[str, str], Path]
) -> None:
    env, _log = runner_path
    [hook] = yaml.safe_load(HOOKS.read_text("utf-8"))
    assert hook["id"] == "custflow-validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    scripts = (ROOT / "pyproject.toml").read_text("utf-8")
    assert f'\n{hook["entry"].split()[0]} = "mkdocs_custflow.cli:main"' in scripts
    for name in ("docs/orders.md", "catalog.yml", "mkdocs.yml"):
        assert re.search(hook["files"], name), name
    command = [*hook["entry"].split(), *hook["args"]]
    assert subprocess.run(command, cwd=checkout, env=env, check=False).returncode == 0
    page = checkout / "docs/orders.md"
    page.write_text(page.read_text("utf-8").replace("owner: sales", "owner: salse"), "utf-8")
    broken = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True,
                            check=False)
    assert broken.returncode == 1 and "[unknown-reference]" in broken.stdout
    # The guide's configuration names this hook.
    config = next(yaml.safe_load(m["text"]) for m in _BLOCK.finditer(CI_PAGE.read_text("utf-8"))
                  if m["title"] == ".pre-commit-config.yaml")
    assert config["repos"][0]["hooks"][0]["id"] == hook["id"]
