"""Findings in the formats ``custflow validate --format`` prints: ``text``
(``file:line: severity: message [rule]``), ``json``, ``sarif`` (SARIF 2.1.0,
for code-scanning tools) and ``github`` (workflow commands, which GitHub
Actions shows as annotations on the pull request).

Files are named as the build names them (relative to the folder of
mkdocs.yml); SARIF and GitHub want them relative to the repository, so those
take ``prefix``: the path of that folder inside the repository.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePosixPath
from urllib.parse import quote

from mkdocs_custflow import __version__
from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.rules import RULES, RuleSet

FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note", "off": "none"}
_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def text_line(finding: Diagnostic) -> str:
    return f"{finding.where}: {finding.severity.value}: {finding.message}" + (
        f" [{finding.rule}]" if finding.rule else ""
    )


def in_repository(file: str, prefix: str) -> str:
    """A file as messages name it, relative to the repository instead."""
    if not prefix or prefix == "." or file.startswith("<") or PurePosixPath(file).is_absolute():
        return file
    return (PurePosixPath(prefix) / file).as_posix()


def render(findings: Sequence[Diagnostic], fmt: str, rules: RuleSet, prefix: str = "") -> str:
    """All findings in format ``fmt`` (one of :data:`FORMATS`), ending in a newline."""
    if fmt == "json":
        return as_json(findings) + "\n"
    if fmt == "sarif":
        return json.dumps(as_sarif(findings, rules, prefix), indent=2, ensure_ascii=False) + "\n"
    lines = [github_command(f, prefix) if fmt == "github" else text_line(f) for f in findings]
    return "".join(line + "\n" for line in lines)


def as_json(findings: Sequence[Diagnostic]) -> str:
    counts = {severity.value: sum(f.severity is severity for f in findings)
              for severity in Severity}
    return json.dumps({
        "findings": [
            {"file": f.file, "line": f.line, "severity": f.severity.value, "rule": f.rule,
             "message": f.message}
            for f in findings
        ],
        "counts": counts,
    }, indent=2, ensure_ascii=False)


def as_sarif(findings: Sequence[Diagnostic], rules: RuleSet, prefix: str = "") -> dict[str, object]:
    """One SARIF 2.1.0 log with one run: every rule's metadata (its summary,
    help and default level, with the level this site gives it), and each
    finding located at its file (relative to the repository) and line."""
    ids = list(RULES)
    descriptors = []
    for rule in RULES.values():
        descriptor: dict[str, object] = {
            "id": rule.id,
            "name": "".join(part.capitalize() for part in rule.id.split("-")),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.help},
            "help": {"text": rule.help, "markdown": f"**{rule.summary}**\n\n{rule.help}"},
            "defaultConfiguration": {
                "enabled": rule.default != "off", "level": _SARIF_LEVELS[rule.default]
            },
            "properties": {"tags": ["journey"], "fixed": rule.fixed},
        }
        descriptors.append(descriptor)
    results = []
    for finding in findings:
        result: dict[str, object] = {
            "level": _SARIF_LEVELS[finding.severity.value],
            "message": {"text": finding.message},
        }
        if finding.rule in RULES:
            result["ruleId"] = finding.rule
            result["ruleIndex"] = ids.index(finding.rule)
        elif finding.rule:
            result["ruleId"] = finding.rule
        location: dict[str, object] = {
            "artifactLocation": {"uri": quote(in_repository(finding.file, prefix), safe="/"),
                                 "uriBaseId": "%SRCROOT%"},
        }
        if finding.line > 0:
            location["region"] = {"startLine": finding.line}
        results.append({**result, "locations": [{"physicalLocation": location}]})
    overrides = [
        {
            "descriptor": {"id": rule_id, "index": ids.index(rule_id)},
            "configuration": {"enabled": level != "off", "level": _SARIF_LEVELS[level]},
        }
        for rule_id, level in rules.levels.items() if level != RULES[rule_id].default
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "custflow",
                "fullName": "mkdocs-custflow journey checks",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }},
            "invocations": [{
                "executionSuccessful": True,
                "ruleConfigurationOverrides": overrides,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def _data(text: str) -> str:
    """Escape a workflow command's message, as GitHub documents."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow command's property value (``file=``, ``title=``)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(finding: Diagnostic, prefix: str = "") -> str:
    """``::error file=F,line=L,title=RULE::message`` (``::warning``, ``::notice``)."""
    properties = [f"file={_property(in_repository(finding.file, prefix))}"]
    if finding.line > 0:
        properties.append(f"line={finding.line}")
    properties.append(f"title={_property(finding.rule or 'custflow')}")
    command = _GITHUB_COMMANDS[finding.severity]
    return f"::{command} {','.join(properties)}::{_data(finding.message)}"
