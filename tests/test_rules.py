"""Rules: every finding names a registered rule; the guide's rules page shows
an example of each that reports exactly that rule; ``rules:`` and ``ignore:``
change severities without reading a block again; the graph checks follow the
flow as the flowchart draws it, loops included.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from support.pipeline import started_cache
from support.site import write_site

from mkdocs_custflow.cache import KEY_ENV, BlockCache, decode_result, encode_result
from mkdocs_custflow.checks.graph import stages_without_way_out, unreachable_stages
from mkdocs_custflow.cli import main
from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.pipeline import Pipeline, Settings, SourcePage
from mkdocs_custflow.rules import ORDER, RULES, SEVERITIES, RuleOptions, RuleSet, stops
from mkdocs_custflow.structure import Catalog

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mkdocs_custflow"
RULES_PAGE = ROOT / "example-site" / "docs" / "guide" / "rules.md"


# -- the registry -------------------------------------------------------------------------------
def test_every_rule_has_a_default_summary_and_help() -> None:
    assert len(RULES) >= 20
    for rule in RULES.values():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.id), rule.id
        assert rule.default in SEVERITIES, rule
        assert rule.summary.endswith(".") and "\n" not in rule.summary, rule
        assert len(rule.help) > 60, rule
        assert not rule.fixed or rule.default == "error", rule
    for spec_rule in ("yaml", "unknown-reference", "duplicate-journey-id", "stage-conflict",
                      "owner-not-role", "no-owner", "missing-sla", "unreachable-stage",
                      "no-way-out", "orphan-role"):
        assert spec_rule in RULES



def test_every_rule_is_declared_once_and_placed_in_the_guide_order() -> None:
    from mkdocs_custflow.rules import _DECLARED

    assert len({rule.id for rule in _DECLARED}) == len(_DECLARED) == len(RULES)
    assert list(RULES) == list(ORDER)


def test_checks_leave_the_journey_as_read() -> None:
    """The size check measures views too large to draw and reports them; the
    pipeline hands the renderer the result, the journey is not changed."""
    import copy

    from mkdocs_custflow.checks.block import check_journey

    body = "title: Big\nviews: [flow]\nstages:\n" + "".join(
        f"  - id: s{i}\n    name: {'x' * 200}\n" for i in range(300))
    pipeline = Pipeline(Settings())
    result = pipeline.read_block(body)
    assert result.journey is not None
    kept = copy.deepcopy(result.journey)
    found = check_journey(result.journey, pipeline.catalog, skip=pipeline.rules.off)
    assert [f.rule for f in found] == ["diagram-too-large"]
    assert result.journey == kept
    assert list(pipeline.too_large(result.journey)) == ["flow"]
    assert "custflow-too-large" in pipeline.render(result)

# The argument that names the rule, by the callee's name: position, and keyword.
_RULE_ARGUMENT = {"Diagnostic": 4, "error": 2, "warning": 2, "info": 2, "add": 3,
                  "YamlReadError": 2, "rule_severity": 0}


def _rule_literals() -> dict[str, str]:
    """Every rule id the package's code gives a finding: ``rule="..."``, the
    rule argument of ``Diagnostic(...)``, of a reporter's ``error``/``warning``/
    ``info``/``add`` and of ``rule_severity(...)``, as a literal or a module
    constant."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {target.id: node.value for node in tree.body if isinstance(node, ast.Assign)
                     for target in node.targets if isinstance(target, ast.Name)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            values = [k.value for k in node.keywords if k.arg == "rule"]
            position = _RULE_ARGUMENT.get(name)
            if position is not None and len(node.args) > position:
                values.append(node.args[position])
            for value in values:
                choices = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
                for choice in choices:
                    if isinstance(choice, ast.Name):
                        choice = constants.get(choice.id, choice)
                    if isinstance(choice, ast.Constant) and isinstance(choice.value, str):
                        found.setdefault(choice.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_rule_the_code_reports_is_registered() -> None:
    used = _rule_literals()
    assert len(used) >= 18, used
    unknown = {rule: where for rule, where in used.items() if rule not in RULES}
    assert not unknown, f"declare these in mkdocs_custflow/checks/ (see its docstring): {unknown}"
    unused = set(RULES) - set(used) - {"yaml"}  # YamlReadError's default rule
    assert not unused, f"rules no code reports: {unused}"


def test_every_finding_of_a_broken_site_names_a_rule(tmp_path: Path) -> None:
    docs = {"a.md": "```journey\nid: a\nstages:\n  - {id: x, owner: nobody, slas: 1}\n"
                    "  - id: y\n    steps: ['a -> b: #c']\n```\n\n```journey\nid: a\n"
                    "views: [journey]\nstages: [z]\n```\n", "b.md": "```journey\nid: b\n"}
    for name, text in docs.items():
        (tmp_path / name).write_text(text, "utf-8")
    pipeline = Pipeline(Settings(base=str(tmp_path)))
    pages = [SourcePage(n, t, n) for n, t in docs.items()]
    findings = pipeline.read_site(pages).findings
    assert findings and all(f.rule in RULES for f in findings), findings


# -- rules: and ignore: ----------------------------------------------------------------------------
def test_rule_options_find_their_lines_under_the_plugin() -> None:
    text = ("plugins:\n  - search\n  - other:\n      rules: {a: b}\n  - custflow:\n"
            "      catalog: c.yml\n      rules:\n        missing-sla: warning\n"
            "        # a comment\n        no-owner: off\n  - tags\nrules: x\n")
    config = yaml.safe_load(text)
    options = RuleOptions.read(config["plugins"][2]["custflow"]["rules"], "mkdocs.yml", text)
    assert options.severities == (("missing-sla", "warning"), ("no-owner", "off"))
    assert dict(options.lines) == {"": 7, "missing-sla": 8, "no-owner": 10}
    inline = "plugins:\n  - custflow:\n      rules: {nope: off}\n"
    found = RuleSet(RuleOptions.read({"nope": False}, "mkdocs.yml", inline)).findings
    assert [(f.where, f.rule, f.severity) for f in found] == [
        ("mkdocs.yml:3", "rule-setting", Severity.ERROR)
    ]


@pytest.mark.parametrize(("setting", "expected"), [
    ({"unreachable-stag": "off"}, "unknown rule 'unreachable-stag' in 'rules' (did you mean "
                                  "'unreachable-stage'?)"),
    ({"missing-sla": "warn"}, "unknown severity 'warn' for rule 'missing-sla' in 'rules' (did "
                              "you mean 'warning'?); use error, warning, info or off"),
    ({"yaml": "warning"}, "rule 'yaml' is always an error (it stops what it finds from being "
                          "made) and cannot be set to warning in 'rules'"),
    ({"no-owner": True}, "unknown severity 'on' for rule 'no-owner'"),
])
def test_bad_rule_settings_are_findings(setting: dict[str, object], expected: str) -> None:
    rules = RuleSet(RuleOptions.read(setting, "mkdocs.yml"))
    [finding] = rules.findings
    assert expected in finding.message and finding.rule == "rule-setting"
    assert finding.is_error


def test_rules_change_severities_and_off_drops_findings() -> None:
    found = [Diagnostic(Severity.WARNING, "m", "f", 1, "unreachable-stage"),
             Diagnostic(Severity.ERROR, "e", "f", 2, "unknown-reference"),
             Diagnostic(Severity.WARNING, "s", "f", 3, "stage-conflict"),
             Diagnostic(Severity.INFO, "o", "f", 4, "orphan-role")]
    rules = RuleSet(RuleOptions.read({"unreachable-stage": "error", "stage-conflict": "off",
                                      "orphan-role": "warning"}))
    applied = rules.apply(found)
    assert [(f.rule, f.severity) for f in applied] == [
        ("unreachable-stage", Severity.ERROR), ("unknown-reference", Severity.ERROR),
        ("orphan-role", Severity.WARNING),
    ]
    assert [f.rule for f in rules.apply(found, ignored={"orphan-role"})] == [
        "unreachable-stage", "unknown-reference"]
    assert not any(stops(f) for f in applied if f.rule != "unknown-reference")
    assert stops(applied[1])


LOOSE = ("id: loose\nstages:\n  - id: a\n    steps:\n      - decide: ok?\n        yes: end\n"
         "  - id: b\n")


def test_ignore_drops_the_blocks_findings_and_rejects_unknown_rules() -> None:
    pipeline = Pipeline()
    assert [d.rule for d in pipeline.read_block(LOOSE).diagnostics] == ["unreachable-stage"]
    ignoring = pipeline.read_block("ignore: [unreachable-stage]\n" + LOOSE)
    assert ignoring.ok and ignoring.diagnostics == []
    typo = pipeline.read_block("ignore: [unreachable, yaml]\n" + LOOSE)
    assert typo.ok, "a wrong 'ignore' is an error, but the journey is still drawn"
    assert [(d.rule, d.line) for d in typo.diagnostics] == [
        ("rule-setting", 1), ("rule-setting", 1), ("unreachable-stage", 8)]
    assert "(did you mean 'unreachable-stage'?)" in typo.diagnostics[0].message
    assert "cannot be ignored" in typo.diagnostics[1].message


def test_ignore_covers_findings_across_pages_that_point_into_the_block() -> None:
    block = "```journey\nid: same\n{ignore}stages: [a]\n```\n"
    pages = [SourcePage("a.md", block.format(ignore=""), "a.md"),
             SourcePage("b.md", "# B\n\n" + block.format(ignore=""), "b.md"),
             SourcePage("c.md", block.format(ignore="ignore: [duplicate-journey-id]\n"), "c.md")]
    findings = Pipeline().read_site(pages).findings
    assert [(f.where, f.rule) for f in findings] == [("b.md:4", "duplicate-journey-id")]


# -- the cache keeps raw findings; rules apply after it -----------------------------------------
def test_findings_round_trip_through_the_cache_with_rule_and_severity() -> None:
    findings = [Diagnostic(Severity.INFO, "i", "f.md", 3, "orphan-role"),
                Diagnostic(Severity.WARNING, "w", "f.md", 4, "no-way-out"),
                Diagnostic(Severity.ERROR, "e", "f.md", 5, "rule-setting")]
    journey, decoded = decode_result(encode_result(None, findings, Catalog()), Catalog())
    assert journey is None and decoded == findings


def test_a_rule_change_reads_no_block_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    monkeypatch.setenv(KEY_ENV, "rules test")
    cold_cache = BlockCache(started_cache(tmp_path))
    cold = Pipeline(Settings(), cold_cache).read_block(LOOSE, file="a.md", line=3)
    cold_cache.finish()
    assert [(d.rule, d.severity) for d in cold.diagnostics] == [
        ("unreachable-stage", Severity.WARNING)]
    raised = Settings(rules=RuleOptions.read({"unreachable-stage": "error",
                                              "orphan-role": "error"}))
    cache = BlockCache(tmp_path)
    warm = Pipeline(raised, cache).read_block(LOOSE, file="a.md", line=3)
    cache.finish()
    assert (cache.read, cache.from_disk) == (0, 1), "a new severity must not read blocks again"
    assert warm.ok, "a rule raised to error does not stop the journey from being drawn"
    assert [(d.rule, d.severity.value) for d in warm.diagnostics] == [
        ("unreachable-stage", "error")]
    # A rule that is off is not checked at all: turning one on reads the blocks again.
    turned_on = Settings(rules=RuleOptions.read({"no-owner": "info"}))
    cache = BlockCache(tmp_path)
    again = Pipeline(turned_on, cache).read_block(LOOSE, file="a.md", line=3)
    cache.finish()
    assert (cache.read, cache.from_disk) == (1, 0)
    assert sorted((d.rule, d.severity.value) for d in again.diagnostics) == [
        ("no-owner", "info"), ("no-owner", "info"), ("unreachable-stage", "warning")]


# -- graph checks ---------------------------------------------------------------------------------
def _journey(body: str):  # type: ignore[no-untyped-def]
    result = Pipeline().read_block("ignore: [no-way-out, unreachable-stage]\n" + body)
    assert result.journey is not None, result.diagnostics
    return result.journey


@pytest.mark.parametrize(("stages", "unreachable", "trapped"), [
    # fall-through order; the last stage ends the journey
    ("  - id: a\n  - id: b\n", [], []),
    # a loop with a way out through a decision
    ("  - id: a\n    steps:\n      - decide: again?\n        yes: a\n        no: b\n  - id: b\n",
     [], []),
    # next loops back: no end anywhere
    ("  - {id: a, next: b}\n  - {id: b, next: a}\n", [], ["a", "b"]),
    # a self loop after a good start: the start is trapped too
    ("  - id: a\n  - id: b\n    steps:\n      - decide: paid?\n        no: b\n", [], ["a", "b"]),
    # branches to 'end' end the journey; the stage after is unreachable
    ("  - id: a\n    steps:\n      - decide: go?\n        yes: end\n  - id: b\n", ["b"], []),
    # next: [] is an end; an empty decision list falls through
    ("  - {id: a, next: c}\n  - {id: b}\n  - {id: c, next: []}\n", ["b"], []),
    # a stage called 'end' is a stage: 'next: end' leads to it, and it loops
    ("  - {id: a, next: end}\n  - {id: end, next: a}\n", [], ["a", "end"]),
    # an unreachable loop is unreachable (reported once), and trapped
    ("  - {id: a, next: end}\n  - {id: b, next: c}\n  - {id: c, next: b}\n",
     ["b", "c"], ["b", "c"]),
])
def test_flow_checks_follow_next_branches_and_fall_through(
    stages: str, unreachable: list[str], trapped: list[str]
) -> None:
    journey = _journey("id: flow\nstages:\n" + stages)
    assert [s.id for s in unreachable_stages(journey)] == unreachable
    assert [s.id for s, _loop in stages_without_way_out(journey)] == trapped


def test_no_way_out_names_the_loop_and_skips_unreachable_stages() -> None:
    result = Pipeline().read_block(
        "id: dunning\nstages:\n  - {id: invoice, next: remind}\n  - id: remind\n    steps:\n"
        "      - decide: Paid?\n        no: remind\n  - {id: archive}\n"
    )
    rules = [(d.rule, d.line) for d in result.diagnostics]
    assert rules == [("no-way-out", 3), ("no-way-out", 4), ("unreachable-stage", 8)], rules
    assert "its paths only loop through 'invoice', 'remind'" in result.diagnostics[0].message


def test_owner_not_role_is_checked_where_the_owner_was_written(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.yml"
    catalog.write_text("actors:\n  bot: {name: Bot, kind: system}\n  sales: {kind: role}\n"
                       "stages:\n  - {id: triage, owner: bot}\n", "utf-8")
    pipeline = Pipeline(Settings(catalog=str(catalog), base=str(tmp_path)))
    assert [(d.where, d.rule) for d in pipeline.catalog_findings] == [
        ("catalog.yml:5", "owner-not-role")]
    result = pipeline.read_block("id: j\nstages:\n  - triage\n  - {id: call, owner: bot}\n"
                                 "  - {id: sell, owner: sales}\n", file="j.md", line=1)
    assert [(d.where, d.rule) for d in result.diagnostics] == [("j.md:4", "owner-not-role")]


def test_orphan_roles_only_when_the_whole_site_is_read(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.yml"
    catalog.write_text("actors:\n  sales: {kind: role}\n  auditor: {kind: role}\n"
                       "  customer: {kind: customer}\n", "utf-8")
    pipeline = Pipeline(Settings(catalog=str(catalog), base=str(tmp_path)))
    page = [SourcePage("a.md", "```journey\nid: a\nstages: [{id: s, owner: sales}]\n```\n",
                       "a.md")]
    whole = pipeline.read_site(page).findings
    assert [(f.where, f.rule, f.severity) for f in whole] == [
        ("catalog.yml:3", "orphan-role", Severity.INFO)]
    assert pipeline.read_site(page, whole_site=False).findings == []
    # Reviewing a journey, or owning an opportunity, is something to do.
    reviews = [SourcePage("b.md", "```journey\nid: b\nreview: {owner: auditor, every: 1y, "
                                  "last: 2999-01-01}\nstages: [{id: t, owner: sales}]\n```\n",
                          "b.md")]
    assert pipeline.read_site(reviews).findings == []
    owning = [SourcePage("c.md", "```journey\nid: c\nstages:\n  - id: u\n    owner: sales\n"
                                 "    pains: [Slow]\n    opportunities: [{text: Faster, "
                                 "owner: auditor}]\n```\n", "c.md")]
    assert pipeline.read_site(owning).findings == []


# -- the guide's rules page ----------------------------------------------------------------------
_SECTION = re.compile(r"^## `(?P<rule>[a-z-]+)`\n(?P<body>.*?)(?=^## |\Z)", re.M | re.S)
_EXAMPLE = re.compile(
    r"^(?P<fence>`{3,})(?P<lang>\w+) title=\"(?P<title>[^\" ]+)(?: \(saved as (?P<enc>[\w-]+)\))?\""
    r"\n(?P<text>.*?)^(?P=fence)$", re.M | re.S)


@dataclass
class RuleExample:
    rule: str
    files: dict[str, bytes] = field(default_factory=dict)
    default_line: str = ""


def rule_examples() -> list[RuleExample]:
    page = RULES_PAGE.read_text(encoding="utf-8")
    examples = []
    for section in _SECTION.finditer(page):
        example = RuleExample(section["rule"], default_line=section["body"].strip().split("\n")[0])
        for block in _EXAMPLE.finditer(section["body"]):
            example.files[block["title"]] = block["text"].encode(block["enc"] or "utf-8")
        examples.append(example)
    return examples


EXAMPLES = rule_examples()


def test_the_rules_page_lists_every_rule_with_its_default() -> None:
    page = RULES_PAGE.read_text(encoding="utf-8")
    assert [e.rule for e in EXAMPLES] == list(RULES), "one section per rule, in registry order"
    for example in EXAMPLES:
        rule = RULES[example.rule]
        always = " (always)" if rule.fixed else ""
        assert example.default_line == f"Default: **{rule.default}**{always}. {rule.summary}"
        row = f"| [`{rule.id}`](#{rule.id}) | {rule.default}{always} | {rule.summary} |"
        assert row in page, row
        assert example.files, f"{rule.id}: no example"


def _validate_json(site: Path, monkeypatch: pytest.MonkeyPatch,
                   capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    monkeypatch.chdir(site)
    capsys.readouterr()
    main(["validate", "--format", "json", "docs"])
    return json.loads(capsys.readouterr().out)["findings"]  # type: ignore[no-any-return]


BUILD_ONLY = ("playbook-collision", "broken-link", "not-in-playbook", "fence-taken")
"""Rules only a build sees (the site's own files, other plugins, the Markdown setup)."""


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.rule)
def test_each_rule_example_reports_exactly_its_rule(
    example: RuleExample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = dict(example.files)
    if "mkdocs.yml" not in files:  # the default site: the plugin, with the catalog given
        options = {"catalog": "catalog.yml"} if "catalog.yml" in files else {}
        write_site(tmp_path, {}, {"plugins": [{"custflow": options}]})
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    if example.rule in BUILD_ONLY:
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", "site"],
                               cwd=tmp_path, capture_output=True, text=True, check=False)
        rules = set(re.findall(r"custflow: \S+: .* \[([a-z-]+)\]$", build.stderr, re.M))
    else:
        rules = {str(f["rule"]) for f in _validate_json(tmp_path, monkeypatch, capsys)}
    assert rules == {example.rule}
