"""Every rule that can report a finding, and how a site changes their severity.

A finding (:class:`~mkdocs_custflow.diagnostics.Diagnostic`) names its rule.
Each rule is declared once, with its default severity, a one-line summary
and the help text that the guide, ``custflow validate --format sarif`` and
code-scanning tools show, in the module of :mod:`mkdocs_custflow.checks`
beside the check that raises it (see that package for where the others
live). :data:`RULES` collects them all, in the guide's order.

The plugin option ``rules: {rule-id: severity}`` (:class:`RuleOptions`, one
field of the pipeline's settings) and a block's ``ignore: [rule-id, ...]``
change the severity of the rules that judge a journey which can still be
drawn. The rules that find a block, the catalog or
the playbook unusable are always errors: lowering them would hide why a
diagram is missing.

Severities are applied after the block cache (:meth:`RuleSet.apply`): the
cache keeps each block's findings as its checks made them, so raising or
lowering a rule never makes a block be read again. A rule that is ``off`` is
not checked at all (the cheapest finding is the one never made): turning a
rule off or on reads the blocks again.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from mkdocs_custflow.checks import (
    block,
    build,
    catalog,
    data,
    graph,
    measured,
    reading,
    review_cycle,
    site,
    size,
    tabs,
    template_catalog,
)
from mkdocs_custflow.checks.rule import OFF, SEVERITIES, Rule
from mkdocs_custflow.diagnostics import Diagnostic, Severity, did_you_mean, name_hint
from mkdocs_custflow.messages import Text, say

RULE_SETTING = Rule(
    "rule-setting", "error", "The 'rules' option or a block's 'ignore' is wrong.",
    "It names a rule that does not exist, a severity other than error, warning, info "
    "and off, or lowers a rule that is always an error. The message suggests the "
    "closest rule; the guide's rules page lists them all.",
)


_DECLARED = (
    *reading.OWN_RULES, *size.OWN_RULES, *block.OWN_RULES, *graph.OWN_RULES,
    *site.OWN_RULES, *catalog.OWN_RULES, *review_cycle.OWN_RULES, *data.OWN_RULES,
    *build.OWN_RULES, *measured.OWN_RULES,
    *tabs.OWN_RULES, *template_catalog.OWN_RULES,
    RULE_SETTING,
)

ORDER = (
    # -- a block, the catalog or the playbook cannot be made: always errors --------------
    "yaml", "limit", "unclosed-fence", "unreadable-file", "unknown-key", "invalid-value",
    "template", "unknown-reference", "playbook-collision",
    # -- a journey that can be drawn, judged: each can be changed ----------------------
    "broken-link", "not-in-playbook", "fence-taken", "yaml-comment", "tab-indent",
    "unreachable-stage", "no-way-out", "empty-view", "diagram-too-large",
    "duplicate-journey-id", "stage-conflict", "template-catalog",
    "owner-not-role", "no-owner", "missing-sla", "orphan-role", "pain-without-opportunity",
    "review-overdue", "kpi-not-comparable", "detail-cycle", "detail-parents",
    "personal-data-owner", "data-access", "data-never-collected", "system-unused", "bad-handle",
    "measure-unknown", "measure-value", "measure-stale", "flow-leak", "kpi-missed", "bottleneck",
    "rule-setting",
)
"""The order the guide's rules page, ``custflow validate --format sarif`` and
code-scanning tools list the rules in (a rule not named here comes last)."""

RULES: dict[str, Rule] = {
    rule.id: rule for rule in sorted(
        _DECLARED, key=lambda rule: ORDER.index(rule.id) if rule.id in ORDER else len(ORDER)
    )
}
"""Every rule, by id, in :data:`ORDER`."""


def stops(finding: Diagnostic) -> bool:
    """Whether the finding stops what it is about from being made (a block,
    the catalog, the playbook): an error of a rule that is always one, or of
    no known rule."""
    rule = RULES.get(finding.rule)
    return finding.is_error and (rule is None or rule.fixed)


# -- the ``rules:`` option ------------------------------------------------------------
@dataclass(frozen=True)
class RuleOptions:
    """The ``rules:`` option as the site wrote it: ``(rule id, severity)`` pairs
    and where, for messages about them. Values are as written, except YAML's
    ``off`` (read as false), which is ``off``."""

    severities: tuple[tuple[str, str], ...] = ()
    file: str = ""
    """The file they were written in, as messages name it (mkdocs.yml)."""
    lines: tuple[tuple[str, int], ...] = ()
    """Line of each rule id in that file (absent: unknown)."""

    not_a_mapping: bool = False
    """The option was given, but not as a mapping."""

    @classmethod
    def read(cls, value: object, file: str = "", text: str = "") -> RuleOptions:
        """From the option's value (a mapping) and the text of ``file``, where
        each rule's line is looked up."""
        if not value:
            return cls(file=file)
        if not isinstance(value, Mapping):
            return cls(file=file, lines=_lines(text, []), not_a_mapping=True)
        pairs = tuple((str(key), _severity_text(sev)) for key, sev in value.items())
        return cls(pairs, file, _lines(text, [key for key, _ in pairs]))


def _severity_text(value: object) -> str:
    if value is False:  # YAML 1.1 reads a bare `off` (and `no`) as false
        return OFF
    if value is True:
        return "on"
    return str(value)


_RULES_KEY = re.compile(r"^(?P<indent>\s*)rules\s*:")
_PLUGIN_KEY = re.compile(r"^\s*-?\s*custflow\s*:")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _lines(text: str, keys: list[str]) -> tuple[tuple[str, int], ...]:
    """The file line of the ``rules:`` key (the first after the ``custflow``
    plugin's line) under key ``""``, and of each rule id written under it; an
    id written inline (``rules: {a: off}``) gets the ``rules:`` line."""
    lines = text.split("\n")
    plugin = next((i for i, line in enumerate(lines) if _PLUGIN_KEY.match(line)), -1)
    start = next((i for i in range(plugin + 1, len(lines)) if _RULES_KEY.match(lines[i])), None)
    if start is None:
        return ()
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith("#")
                                or _indent(lines[end]) > _indent(lines[start])):
        end += 1
    found = [("", start + 1)]
    for key in keys:
        pattern = re.compile(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*:")
        line = next((i for i in range(start + 1, end) if pattern.match(lines[i])), start)
        found.append((key, line + 1))
    return tuple(found)


class RuleSet:
    """The severity of every rule for one site: the defaults with its
    ``rules:`` applied. ``findings`` are what is wrong with that option."""

    def __init__(self, options: RuleOptions | None = None, locale: str = "en") -> None:
        options = options or RuleOptions()
        self.options = options
        self.levels: dict[str, str] = {rule.id: rule.default for rule in RULES.values()}
        self.findings: list[Diagnostic] = []
        lines = dict(options.lines)
        file = options.file or "<rules option>"
        found: list[tuple[Text, int]] = []
        if options.not_a_mapping:
            found.append((say("rules.not-mapping"), lines.get("", 0)))
        for rule_id, severity in options.severities:
            problem = setting_problem(rule_id, severity, say("where.rules"))
            if problem:
                found.append((problem, lines.get(rule_id, lines.get("", 0))))
            else:
                self.levels[rule_id] = severity
        self.findings = self.apply(
            Diagnostic(Severity.ERROR, message.render(locale), file, line, "rule-setting")
            for message, line in found
        )
        self.off = frozenset(rule for rule, level in self.levels.items() if level == OFF)
        """The rules this site does not check at all."""
        self.key = repr(sorted(self.levels.items()))
        """Changes whenever a rule's severity does (for results kept per setting)."""

    def level(self, rule_id: str) -> str:
        return self.levels.get(rule_id, "")

    def apply(self, findings: Iterable[Diagnostic], ignored: Collection[str] = ()
              ) -> list[Diagnostic]:
        """The findings with this site's severities, without those set ``off``
        or ``ignored`` (rule ids a block's ``ignore:`` names). Rules that are
        always errors, and findings of no known rule, stay as they are."""
        applied = []
        for finding in findings:
            rule = RULES.get(finding.rule)
            if rule is None or rule.fixed:
                applied.append(finding)
                continue
            level = self.levels[rule.id]
            if level == OFF or rule.id in ignored:
                continue
            if level != finding.severity.value:
                finding = Diagnostic(Severity(level), finding.message, finding.file,
                                     finding.line, finding.rule)
            applied.append(finding)
        return applied


def setting_problem(rule_id: str, severity: str | None, where: Text) -> Text | None:
    """What is wrong with setting ``rule_id`` to ``severity`` (``None``: to
    ``off``, as ``ignore:`` does) in ``where``, or None."""
    rule = RULES.get(rule_id)
    if rule is None:
        return say("rules.unknown-rule", rule=rule_id, where=where,
                   hint=name_hint(rule_id, RULES))
    if severity is not None and severity not in SEVERITIES:
        return say("rules.unknown-severity", severity=severity, rule=rule_id, where=where,
                   hint=did_you_mean(severity, SEVERITIES))
    if rule.fixed and severity != "error":
        if severity is None:
            return say("rules.fixed-ignored", rule=rule_id, where=where)
        return say("rules.fixed-set", rule=rule_id, severity=severity, where=where)
    return None
