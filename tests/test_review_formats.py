"""``custflow validate --format``: the same findings as text, JSON, SARIF 2.1.0
(valid against the official schema, vendored in tests/schemas) and GitHub
workflow commands, located at the right files (relative to the repository)
and lines.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from jsonschema import Draft4Validator
from support.site import write_site

from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.pull_request.findings import github_command
from mkdocs_custflow.rules import RULES

SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
PAGE = """\
# Sales

```journey
id: sale
title: Sale
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role}
stages:
  - id: offer
    owner: sales
    steps:
      - customer -> sales: 50% off, today #only
  - id: pay
    owner: customer
```

```journey
id: careless
ignore: [unreachable]
stages:
  - id: ask
    owner: sales
```
"""
CATALOG = "actors:\n  sales: {name: Sales rep, kind: role}\n  auditor: {kind: role}\n"
TEXT_LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?P<severity>error|warning|info): "
                       r"(?P<message>.*) \[(?P<rule>[a-z-]+)\]$", re.M)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository whose site is in a folder of its own, `handbook/`."""
    root = tmp_path_factory.mktemp("repo")
    site = root / "handbook"
    write_site(site, {"sales, 2024.md": PAGE, "index.md": "# Home\n"},
               {"plugins": [{"custflow": {"catalog": "catalog.yml",
                                          "rules": {"owner-not-role": "info"}}}]})
    (site / "catalog.yml").write_text(CATALOG, "utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def _validate(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs_custflow.cli", "validate", "docs", *args],
                          cwd=site, capture_output=True, text=True, check=False)


def _text_findings(site: Path) -> list[tuple[str, int, str, str, str]]:
    text = _validate(site)
    assert text.returncode == 1, text.stderr
    found = [(m["file"], int(m["line"]), m["severity"], m["rule"], m["message"])
             for m in TEXT_LINE.finditer(text.stdout)]
    assert len(found) == len(text.stdout.splitlines()), text.stdout
    return found


def test_the_site_has_findings_of_every_severity(repo: Path) -> None:
    found = _text_findings(repo / "handbook")
    assert {(f[0], f[1], f[2], f[3]) for f in found} == {
        ("docs/sales, 2024.md", 13, "warning", "yaml-comment"),
        ("docs/sales, 2024.md", 15, "info", "owner-not-role"),
        ("docs/sales, 2024.md", 20, "error", "rule-setting"),
        ("catalog.yml", 3, "info", "orphan-role"),
    }


def test_sarif_is_valid_and_points_at_the_lines(repo: Path) -> None:
    site = repo / "handbook"
    done = _validate(site, "--format", "sarif", "--output", "out.sarif")
    assert done.returncode == 1 and done.stdout == ""
    log = json.loads((site / "out.sarif").read_text("utf-8"))
    schema = json.loads(SCHEMA.read_text("utf-8"))
    Draft4Validator.check_schema(schema)
    errors = sorted(Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, [e.message for e in errors[:5]]
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    for descriptor in rules:
        rule = RULES[descriptor["id"]]
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["help"]["text"] == rule.help
        expected = {"error": "error", "warning": "warning", "info": "note", "off": "none"}
        assert descriptor["defaultConfiguration"]["level"] == expected[rule.default]
    # The site's own severity for owner-not-role is given as an override.
    overrides = run["invocations"][0]["ruleConfigurationOverrides"]
    assert [(o["descriptor"]["id"], o["configuration"]["level"]) for o in overrides] == [
        ("owner-not-role", "note")]
    results = {
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         r["locations"][0]["physicalLocation"]["region"]["startLine"], r["level"], r["ruleId"],
         r["message"]["text"])
        for r in run["results"]
    }
    level = {"error": "error", "warning": "warning", "info": "note"}
    assert results == {
        (quote(f"handbook/{file}", safe="/"), line, level[severity], rule, message)
        for file, line, severity, rule, message in _text_findings(site)
    }
    # A uri is a URI: the page "sales, 2024.md" is encoded, as SARIF readers expect.
    assert "handbook/docs/sales%2C%202024.md" in {uri for uri, *_ in results}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_json_has_the_same_findings(repo: Path) -> None:
    site = repo / "handbook"
    data = json.loads(_validate(site, "--format", "json").stdout)
    assert {(f["file"], f["line"], f["severity"], f["rule"], f["message"])
            for f in data["findings"]} == set(_text_findings(site))
    assert data["counts"] == {"error": 1, "warning": 1, "info": 2}


def _unescape(text: str) -> str:
    return (text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def test_github_annotations_escape_as_github_documents(repo: Path) -> None:
    site = repo / "handbook"
    lines = _validate(site, "--format", "github").stdout.splitlines()
    command = re.compile(r"^::(?P<kind>error|warning|notice) file=(?P<file>[^,:]*),"
                         r"line=(?P<line>\d+),title=(?P<title>[^,:]*)::(?P<message>[^\r\n]*)$")
    parsed = [command.match(line) for line in lines]
    assert all(parsed), lines
    kinds = {"error": "error", "warning": "warning", "notice": "info"}
    assert {(_unescape(m["file"]), int(m["line"]), kinds[m["kind"]], m["title"],
             _unescape(m["message"])) for m in parsed if m} == {
        (f"handbook/{file}", line, severity, rule, message)
        for file, line, severity, rule, message in _text_findings(site)
    }
    assert any("file=handbook/docs/sales%2C 2024.md" in line for line in lines)
    assert any("50%25 off" in line for line in lines)


def test_github_command_escapes_every_special_character() -> None:
    finding = Diagnostic(Severity.WARNING, "100% sure:\r\nnext, line", "a:b,c%.md", 7, "rule")
    assert github_command(finding) == (
        # A finding is one line before any format sees it (line breaks as \\r\\n).
        "::warning file=a%3Ab%2Cc%25.md,line=7,title=rule::100%25 sure:\\r\\nnext, line"
    )
    whole_file = Diagnostic(Severity.INFO, "m", "catalog.yml", 0, "orphan-role")
    assert github_command(whole_file, "site") == (
        "::notice file=site/catalog.yml,title=orphan-role::m")


def test_a_catalog_that_cannot_be_used_is_still_reported_as_sarif(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.md": "# Home\n"},
               {"plugins": [{"custflow": {"catalog": "catalog.yml"}}]})
    (tmp_path / "catalog.yml").write_text("actors:\n  sales: {kind: rol}\n", "utf-8")
    done = _validate(tmp_path, "--format", "sarif", "--output", "out.sarif")
    assert done.returncode == 1
    [result] = json.loads((tmp_path / "out.sarif").read_text("utf-8"))["runs"][0]["results"]
    assert result["ruleId"] == "invalid-value"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "catalog.yml"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


# -- user text cannot write workflow commands into a CI log ------------------------------------
COMMANDS = "k\n::add-mask::PoC\n::error file=x.md::Rotate your token\n::stop-commands::x"
COMMAND_PAGE = f"""\
# Pay

```journey
id: pay
stages:
  - id: pay
    owner: shop
    kpis:
      - name: {json.dumps(COMMANDS)}
        target: soon-ish
        current: 3
```
"""


def _no_injected_command(output: str) -> None:
    """Every line starting with ``::`` is one of ours: a finding of the page."""
    for line in output.splitlines():
        if line.startswith("::"):
            assert re.match(r"::(error|warning|notice) file=docs/pay\.md,", line), line
    assert "::add-mask::PoC" not in [line.strip() for line in output.splitlines()]
    assert not any(line.startswith(("::add-mask", "::stop-commands", "::error file=x"))
                   for line in output.splitlines())


def test_no_output_lets_a_kpi_name_start_a_workflow_command(tmp_path: Path) -> None:
    from support.site import build_site

    write_site(tmp_path, {"pay.md": COMMAND_PAGE})
    for fmt in ("text", "github"):
        done = _validate(tmp_path, "--format", fmt)
        assert done.returncode == 1
        assert "Rotate your token" in done.stdout + done.stderr
        _no_injected_command(done.stdout + done.stderr)
    for fmt in ("json", "sarif"):
        done = _validate(tmp_path, "--format", fmt)
        data = json.loads(done.stdout)
        messages = ([f["message"] for f in data["findings"]] if fmt == "json" else
                    [r["message"]["text"] for r in data["runs"][0]["results"]])
        assert any("Rotate your token" in m for m in messages)
        assert not any(ch in m for m in messages for ch in "\n\r\u2028\x85")
    built = build_site(tmp_path / "built", {"pay.md": COMMAND_PAGE})
    assert "Rotate your token" in built.log
    _no_injected_command(built.log)


def test_a_finding_is_one_line_whatever_its_text() -> None:
    finding = Diagnostic(Severity.ERROR, "::warning::x\r\nnext\u2028line\x1b[31m",
                         "::error::evil\n.md", 3, "invalid-value")
    assert "\n" not in finding.reported and "\r" not in finding.reported
    assert not finding.reported.startswith("::") and not finding.message.startswith("::")
    assert finding.message == " ::warning::x\\r\\nnext\\u2028line\\x1b[31m"
    assert finding.file == "./::error::evil\\n.md"
    assert Diagnostic(Severity.INFO, "plain: 50% off").message == "plain: 50% off"
