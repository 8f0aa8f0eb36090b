"""One pipeline, three faces: `custflow validate` reports what `mkdocs build` does.

The site has everything that is only seen across pages or outside blocks: a
journey id used on two pages, a stage defined two ways, and a typo in the
catalog that no journey uses the right way.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml
from support.site import write_site

from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.extension import JourneyExtension

pytestmark = pytest.mark.slow  # `mkdocs build` and `custflow validate` side by side

CATALOG = """\
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role, team: Sales}
  service: {name: Service desk, kind: role, team: Service}
stages:
  - id: contact
    name: First contact
    owner: salse
"""
ORDER = """\
# Orders

```journey
id: order
title: Order
stages:
  - contact
  - id: pay
    owner: sales
    steps:
      - customer -> sales: Pay
```
"""
RETURNS = """\
# Returns

```journey
id: order
title: Returns
stages:
  - id: pay
    owner: service
    steps:
      - customer -> service: Refund
```
"""
DOCS = {"orders.md": ORDER, "returns.md": RETURNS, "index.md": "# Home\n"}
CONFIG = {"plugins": [{"custflow": {"catalog": "catalog.yml"}}]}
BUILD_LINE = re.compile(r"^(?:ERROR|WARNING)\s+-\s+custflow: (?P<where>\S+?:\d+): "
                        r"(?P<message>.*?) \[(?P<rule>[a-z-]+)\]$", re.M)
BUILD_INFO = re.compile(r"^INFO\s+-\s+custflow: (?P<where>\S+?:\d+): (?P<message>.*?)"
                        r" \[(?P<rule>[a-z-]+)\]$", re.M)
CLI_LINE = re.compile(r"^(?P<where>\S+?:\d+): (?:error|warning): (?P<message>.*?)"
                      r" \[(?P<rule>[a-z-]+)\]$", re.M)
CLI_INFO = re.compile(r"^(?P<where>\S+?:\d+): info: (?P<message>.*?) \[(?P<rule>[a-z-]+)\]$",
                      re.M)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("findings")
    write_site(root, DOCS, CONFIG)
    (root / "catalog.yml").write_text(CATALOG, encoding="utf-8")
    return root


def _python(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m ARGS`` in ``cwd``: a build (``mkdocs ...``) or the command."""
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True,
                          text=True, check=False)


def _findings(pattern: re.Pattern[str], text: str) -> set[tuple[str, str]]:
    return {(m["where"], m["message"]) for m in pattern.finditer(text)}


def _rules(pattern: re.Pattern[str], text: str) -> set[tuple[str, str]]:
    return {(m["where"], m["rule"]) for m in pattern.finditer(text)}


def test_validate_and_build_fail_with_the_same_findings(site: Path) -> None:
    build = _python(site, "mkdocs", "build", "--strict", "-d", str(site / "site"))
    validate = _python(site, "mkdocs_custflow.cli", "validate", "--strict", "docs")
    assert build.returncode != 0 and validate.returncode == 1
    built = _findings(BUILD_LINE, build.stdout + build.stderr)
    checked = _findings(CLI_LINE, validate.stdout)
    assert built == checked, (build.stderr, validate.stdout)
    assert _rules(BUILD_LINE, build.stderr) == _rules(CLI_LINE, validate.stdout) == {
        ("catalog.yml:8", "unknown-reference"), ("docs/returns.md:4", "duplicate-journey-id"),
        ("docs/returns.md:7", "stage-conflict"),
    }
    messages = " | ".join(f"{where}: {message}" for where, message in sorted(checked))
    assert (
        "catalog.yml:8", "unknown actor 'salse' in 'owner' of catalog stage 'contact' "
        "(did you mean 'sales'?); define it under the catalog's 'actors:'"
    ) in checked, messages
    assert any(where == "docs/returns.md:4" and "journey id 'order' is already used at "
               "docs/orders.md:4" in message for where, message in checked), messages
    assert any(where == "docs/returns.md:7" and "stage 'pay' has owner 'service' here but "
               "'sales' at docs/orders.md:8" in message for where, message in checked), messages
    assert not any("docs/orders.md" in where and "salse" in message
                   for where, message in checked), "the journey is blamed for the catalog"


def test_validate_from_another_folder_names_files_as_the_build_does(site: Path) -> None:
    validate = _python(site.parent, "mkdocs_custflow.cli", "validate", "-f",
                       str(site / "mkdocs.yml"), str(site / "docs"))
    wheres = {where for where, _ in _findings(CLI_LINE, validate.stdout)}
    assert wheres and all(w.startswith(("docs/", "catalog.yml:")) for w in wheres), wheres


def test_catalog_flag_keeps_the_other_settings_of_mkdocs_yml(site: Path, tmp_path: Path) -> None:
    config = yaml.safe_load((site / "mkdocs.yml").read_text("utf-8"))
    config["plugins"][0]["custflow"]["locale"] = "zh"
    (site / "zh.yml").write_text(yaml.safe_dump(config), "utf-8")
    other = tmp_path / "other.yml"
    other.write_text(CATALOG.replace("salse", "sales"), "utf-8")
    page = site / "docs" / "orders.md"
    render = _python(site, "mkdocs_custflow.cli", "render", "-f", str(site / "zh.yml"),
                     "--catalog", str(other), str(page))
    assert render.returncode == 0, render.stderr
    assert "开始" in render.stdout  # zh from mkdocs.yml, the catalog from the flag
    assert "salse" not in render.stderr


def test_the_extension_alone_reads_with_the_same_settings(site: Path) -> None:
    found: list[Diagnostic] = []
    extension = JourneyExtension(
        catalog=str(site / "catalog.yml"), templates=[], max_yaml_nodes=50,
        on_diagnostic=found.append,
    )
    assert [d.message for d in found][:1] == [
        "unknown actor 'salse' in 'owner' of catalog stage 'contact' (did you mean "
        "'sales'?); define it under the catalog's 'actors:'"
    ]
    assert extension.pipeline.settings.max_yaml_nodes == 50
    html = markdown.Markdown(extensions=[extension]).convert(
        "```journey\nid: a\nstages:\n" + "".join(f"  - id: s{i}\n" for i in range(60)) + "```\n"
    )
    assert "more than 50 YAML values" in html
    assert "First contact" in markdown.Markdown(extensions=[extension]).convert(
        "```journey\nid: b\nstages: [contact]\n```\n"
    )


def test_render_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    block = "```journey\nid: jN\nstages:\n" + "".join(
        f"  - {{id: s{i}, owner: sales, steps: ['customer -> sales: step {i}']}}\n"
        for i in range(30)
    ) + "```\n\n"
    page = "".join(block.replace("jN", f"j{n}") for n in range(100))
    (tmp_path / "big.md").write_text(page, "utf-8")
    command = (f"{sys.executable} -m mkdocs_custflow.cli render big.md | head -c 10; "
               "exit ${PIPESTATUS[0]}")
    result = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True,
                            text=True, check=False)
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr
    assert len(result.stdout) == 10


def test_validate_reads_the_pages_the_build_reads(tmp_path: Path) -> None:
    """Given the site's docs folder, the command reads MkDocs' own list of
    pages: `exclude_docs` leaves out the same files for both."""
    docs = {"index.md": "# Home\n", "drafts/wip.md": "# WIP\n\n```journey\nid: w\nstages: 3\n```\n",
            "ok.md": "# OK\n\n```journey\nid: ok\nstages: [a]\n```\n"}
    write_site(tmp_path, docs, {"exclude_docs": "drafts/\n"})
    build = _python(tmp_path, "mkdocs", "build", "--strict", "-d", str(tmp_path / "site"))
    validate = _python(tmp_path, "mkdocs_custflow.cli", "validate", "--strict", "docs")
    assert build.returncode == 0, build.stderr
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "1 journey block(s), 0 error(s)" in validate.stderr
    # A folder that is not the site's docs: every Markdown file in it.
    elsewhere = _python(tmp_path, "mkdocs_custflow.cli", "validate", "docs/drafts")
    assert elsewhere.returncode == 1 and "docs/drafts/wip.md:5" in elsewhere.stdout


RULED = {
    "plugins": [{"custflow": {"catalog": "catalog.yml", "rules": {
        "duplicate-journey-id": "error",  # raised
        "stage-conflict": "info",  # lowered: shown, fails nothing
        "unreachable-stage": False,  # `off`, as YAML reads it
        "no-owner": "warning",  # a rule that is off by default, turned on
        "stage-conflcit": "warning",  # a typo: a finding at its line of mkdocs.yml
    }}}],
}
ROUTED = """\
# Routes

```journey
id: routes
title: Routes
stages:
  - id: a
    owner: sales
    steps:
      - decide: Go?
        yes: end
  - id: orphan
```
"""


def test_rules_change_the_build_and_validate_alike(tmp_path: Path) -> None:
    write_site(tmp_path, {**DOCS, "routes.md": ROUTED}, RULED)
    (tmp_path / "catalog.yml").write_text(CATALOG, encoding="utf-8")
    config = (tmp_path / "mkdocs.yml").read_text("utf-8").splitlines()
    typo_line = next(i for i, line in enumerate(config, 1) if "stage-conflcit" in line)
    build = _python(tmp_path, "mkdocs", "build", "-d", str(tmp_path / "site"))
    validate = _python(tmp_path, "mkdocs_custflow.cli", "validate", "docs")
    log = build.stdout + build.stderr
    assert _rules(BUILD_LINE, log) == _rules(CLI_LINE, validate.stdout), (log, validate.stdout)
    assert _rules(BUILD_INFO, log) == _rules(CLI_INFO, validate.stdout)
    errors = re.findall(r"^(\S+?:\d+): error: .*\[(\S+)\]$", validate.stdout, re.M)
    warnings = re.findall(r"^(\S+?:\d+): warning: .*\[(\S+)\]$", validate.stdout, re.M)
    infos = re.findall(r"^(\S+?:\d+): info: .*\[(\S+)\]$", validate.stdout, re.M)
    assert set(errors) == {
        ("catalog.yml:8", "unknown-reference"),
        ("docs/returns.md:4", "duplicate-journey-id"),
        (f"mkdocs.yml:{typo_line}", "rule-setting"),
    }, validate.stdout
    assert ("docs/routes.md:12", "no-owner") in warnings  # the stage 'orphan'
    assert not any(rule == "unreachable-stage" for _, rule in [*errors, *warnings, *infos])
    assert infos == [("docs/returns.md:7", "stage-conflict")]
    assert ("unknown rule 'stage-conflcit' in 'rules' (did you mean 'stage-conflict'?)"
            in validate.stdout)
    assert validate.returncode == 1  # errors fail `custflow validate` without --strict
    assert build.returncode != 0 and "the build fails on errors" in log  # and the build
    strict = _python(tmp_path, "mkdocs", "build", "--strict", "-d", str(tmp_path / "site"))
    assert strict.returncode != 0


def test_a_rule_raised_to_error_fails_the_build(tmp_path: Path) -> None:
    """A site clean under --strict fails it once a rule that is off becomes an error."""
    docs = {"index.md": "# Home\n", "routes.md": ROUTED.replace("  - id: orphan\n", "")}
    write_site(tmp_path / "clean", docs, {"plugins": ["custflow"]})
    clean = _python(tmp_path / "clean", "mkdocs", "build", "--strict")
    assert clean.returncode == 0, clean.stderr
    write_site(tmp_path / "raised", docs,
               {"plugins": [{"custflow": {"rules": {"missing-sla": "error"}}}]})
    raised = _python(tmp_path / "raised", "mkdocs", "build", "--strict")
    assert raised.returncode != 0
    assert ("docs/routes.md:7: stage 'a' has no time limit; add 'sla:' such as '48h' or "
            "'3 working days' [missing-sla]") in raised.stderr
    validate = _python(tmp_path / "raised", "mkdocs_custflow.cli", "validate", "docs")
    assert validate.returncode == 1 and ": error: stage 'a' has no time limit" in validate.stdout
