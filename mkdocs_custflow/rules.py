"""Every rule that can report a finding, and how a site changes their severity.

A finding (:class:`~mkdocs_custflow.diagnostics.Diagnostic`) names its rule.
:data:`RULES` lists each rule once, with its default severity, a one-line
summary and the help text that the guide, ``custflow validate --format sarif``
and code-scanning tools show. The plugin option ``rules: {rule-id: severity}``
(:class:`RuleOptions`, one field of the pipeline's settings) and a block's
``ignore: [rule-id, ...]`` change the severity of the rules that judge a
journey which can still be drawn. The rules that find a block, the catalog or
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

from mkdocs_custflow.diagnostics import Diagnostic, Severity, did_you_mean, name_hint

OFF = "off"
SEVERITIES = ("error", "warning", "info", OFF)
"""What ``rules:`` may set a rule to; ``off`` drops its findings."""


@dataclass(frozen=True)
class Rule:
    id: str
    default: str
    """``error``, ``warning``, ``info`` or ``off``."""
    summary: str
    """One line: what a finding of this rule says is wrong."""
    help: str
    """What it means and what to change (plain text, a few sentences)."""
    fixed: bool = False
    """Always an error: it stops a block, the catalog or the playbook, so
    neither ``rules:`` nor ``ignore:`` can lower it."""


_RULES = (
    # -- a block, the catalog or the playbook cannot be made: always errors --------------
    Rule("yaml", "error", "The text is not YAML a journey can use.",
         "The block (or the catalog) has a YAML syntax error, the same key twice in one "
         "mapping, a tag such as !!python/object, a merge key that does not merge a "
         "mapping, or a list or mapping as a key. The message quotes the problem; the "
         "line is where it was noticed, often just after the mistake. Quote texts that "
         "contain ': ' or start with a special character.", fixed=True),
    Rule("limit", "error", "A block, its expansion or the playbook is over a size limit.",
         "A block longer than 'max_block_chars', expanding to more YAML values than "
         "'max_yaml_nodes' or more text than 'max_expanded_chars' (aliases and template "
         "values count each time they are used), nested deeper than 40 levels, or a "
         "playbook of more pages than 'max_playbook_pages'. Split the journey, or raise "
         "the option for a really large one.", fixed=True),
    Rule("unclosed-fence", "error", "A journey fence is never closed.",
         "The fence that opens a journey block has no closing line, so it would swallow "
         "the rest of the page. Add a closing fence line (``` or ~~~) after the block.",
         fixed=True),
    Rule("unreadable-file", "error", "A page or the catalog cannot be read.",
         "The file cannot be opened or is not UTF-8. The message names the first byte "
         "that is not UTF-8 and its line; save the file as UTF-8.", fixed=True),
    Rule("unknown-key", "error", "A key that the block format does not have.",
         "A misspelt or unsupported key in a journey block, a stage, a step, an actor, a "
         "touchpoint, a link or the catalog. The message suggests the closest known key; "
         "the guide's block reference lists them all.", fixed=True),
    Rule("invalid-value", "error", "A value of the wrong type or form.",
         "A value the block format cannot read: text where a list is needed, an id with "
         "spaces, a step in none of the step forms, a score outside 1-5, an unknown view "
         "or actor kind, a link URL that is not allowed, a stage id used twice, a journey "
         "without stages. The message says what form the value needs.", fixed=True),
    Rule("template", "error", "A template cannot be used.",
         "The template named by 'use:' does not exist, needs a value that 'with:' does not "
         "give, is given a parameter it does not have, or its file cannot be read or "
         "expanded; or a stage merged onto it names no stage of the template. The message "
         "ends with the template file and line when the problem is in the file.",
         fixed=True),
    Rule("unknown-reference", "error",
         "A name of an actor, touchpoint or stage that is not defined.",
         "An owner, a RACI list, a step, a 'via', a touchpoint list, a 'next' or a decision "
         "branch names an id that neither the block nor the catalog defines. Once any "
         "actor (or touchpoint) is defined, every id used must be. Fix the id (the message "
         "suggests the closest) or define it.", fixed=True),
    Rule("playbook-collision", "error", "A file of yours stands where a playbook page goes.",
         "A page or file of the site would have the address of a generated playbook page. "
         "Your file is kept and the playbook page is left out. Rename your file, or move "
         "the playbook with 'playbook_dir'.", fixed=True),
    # -- a journey that can be drawn, judged: each can be changed ----------------------
    Rule("broken-link", "warning", "A playbook page links to no page or file of the site.",
         "A stage's 'links' (read from the docs folder), or a page template of yours, names a "
         "path that is neither a page nor a file of the site. The page shows the name without "
         "a link. Correct the link, or add the file. Only the build sees this."),
    Rule("not-in-playbook", "warning", "A journey drawn on a page but missing from the playbook.",
         "The page's file does not hold the block as written: another plugin added or changed "
         "it while the page was built, so the playbook, which is gathered from the files, "
         "does not have it. Write the block in the page, or in a file the page includes with "
         "pymdownx.snippets, or add 'playbook: false' to it. Only the build sees this."),
    Rule("fence-taken", "warning", "The site's own superfences fence has the journey fence name.",
         "A custom fence of pymdownx.superfences has the name of the journey blocks' fence "
         "(journey, or the custflow option 'fence'). The journey blocks take it over, so that "
         "fence never runs. Give the journey blocks another name with 'fence', or rename "
         "yours. Only the build sees this."),
    Rule("yaml-comment", "warning", "A YAML comment cuts a text short.",
         "' #' starts a YAML comment, so the rest of the line is dropped from the text "
         "before it. Put the whole text in quotes to keep it."),
    Rule("unreachable-stage", "warning", "A stage that no path from the first stage reaches.",
         "Following the flow as the flowchart draws it (each stage leads to the next unless "
         "it has 'next' or a decision, decisions lead to their branches), no path from the "
         "first stage comes to this one. Route to it with 'next' or a decision branch, or "
         "remove it."),
    Rule("no-way-out", "warning", "A stage from which no path leads to the journey's end.",
         "Every path from this stage loops back without reaching the end of the journey "
         "(a stage with nothing after it, or 'next: end', or a branch to 'end'). Give the "
         "loop a way out: a decision branch or a 'next' that leads on."),
    Rule("empty-view", "warning", "A view that has nothing to show.",
         "The 'journey' view needs steps with 'score: 1-5'; the 'sequence' view needs steps "
         "or stage owners. Add them, or remove the view from 'views'."),
    Rule("diagram-too-large", "warning", "A view too large for Mermaid to draw.",
         "Mermaid refuses diagrams over 50,000 characters or 500 arrows; the page shows a "
         "notice instead of that view. Split the journey into smaller ones."),
    Rule("duplicate-journey-id", "warning", "Two journey blocks have the same id.",
         "A journey id names one journey in the site, its anchor and its place in the "
         "playbook. Give each block its own 'id' (two blocks with the same title and no id "
         "get the same id)."),
    Rule("stage-conflict", "warning", "One stage id, defined two ways.",
         "A stage id names the same stage in every journey and one playbook page, which "
         "has one name, owner, description, set of KPIs, links, touchpoints and RACI: the "
         "catalog's, else the first definition in page path order. Every other definition "
         "that says otherwise is reported, naming both places. Define the stage once, in "
         "the catalog, or make the definitions agree."),
    Rule("owner-not-role", "warning", "A stage owned by a customer, a system or a partner.",
         "The owner is the accountable role (the A of RACI): a person or team of the "
         "company, an actor of kind 'role'. Make a role the owner and name the others "
         "under 'responsible', 'consulted' or 'informed'."),
    Rule("no-owner", "off", "A stage with no owner.",
         "Nobody is accountable for the stage, so its playbook page names no owner and the "
         "RACI matrix has no A for it. Add 'owner:' (in the block or on the catalog's "
         "stage)."),
    Rule("missing-sla", "off", "A stage with no time limit.",
         "The stage has no 'sla', so the playbook cannot say how long it may take. Add "
         "'sla:' such as '48h' or '3 working days'."),
    Rule("orphan-role", "info", "A catalog role that no journey gives anything to do.",
         "The catalog defines the role, but it owns no stage, is in no RACI list, and takes "
         "part in no step of any journey of the site or stage of the catalog. Use it, or "
         "remove it from the catalog. Reported only when the whole site is read."),
    Rule("pain-without-opportunity", "info", "A stage with pain points but no opportunity.",
         "The stage names what hurts the customer but not what will change. Add an "
         "'opportunities' item, even as an idea, so the improvement has an owner and a "
         "status on the pain points page."),
    Rule("review-overdue", "warning", "A journey whose next review is past due.",
         "The journey's 'review' says how often it is reviewed and when it last was; the "
         "next review fell due before the build date (today, or SOURCE_DATE_EPOCH). Review "
         "it with the people named and set 'last' to the day you did."),
    Rule("kpi-not-comparable", "warning", "A KPI whose target and current value have no "
         "common unit.",
         "Met or missed can only be shown when the target and the current value are in one "
         "unit (%, or durations in min, h and d, which convert). Write both in the same "
         "unit."),
    Rule("detail-cycle", "error", "Sub-journeys that contain themselves.",
         "A stage's 'detail' names the journey that draws it in detail; followed from "
         "journey to sub-journey, these links come back to where they started, so the "
         "playbook cannot say which journey a stage is part of. Remove one 'detail'."),
    Rule("detail-parents", "warning", "A journey drawn in detail by more than one stage.",
         "A stage's 'detail' names the journey that draws it in detail, and that journey's "
         "page then says which stage it is part of. Any page may name any journey so; when "
         "two stages name one journey, its page belongs to both and neither team reviews "
         "the claim. Keep one 'detail', or give each stage a sub-journey of its own."),
    Rule("bad-handle", "error", "A catalog 'handle' that is not a code-owner handle.",
         "'handle' gives the team or person that reviews the pages holding a role's "
         "stages (custflow codeowners): '@user', '@org/team' or an e-mail address."),
    Rule("rule-setting", "error", "The 'rules' option or a block's 'ignore' is wrong.",
         "It names a rule that does not exist, a severity other than error, warning, info "
         "and off, or lowers a rule that is always an error. The message suggests the "
         "closest rule; the guide's rules page lists them all."),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}


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

    def __init__(self, options: RuleOptions | None = None) -> None:
        options = options or RuleOptions()
        self.options = options
        self.levels: dict[str, str] = {rule.id: rule.default for rule in _RULES}
        self.findings: list[Diagnostic] = []
        lines = dict(options.lines)
        file = options.file or "<rules option>"
        found = []
        if options.not_a_mapping:
            found.append(("'rules' must be a mapping of rule id: severity, such as "
                          "'rules: {missing-sla: warning}'", lines.get("", 0)))
        for rule_id, severity in options.severities:
            problem = setting_problem(rule_id, severity, "'rules'")
            if problem:
                found.append((problem, lines.get(rule_id, lines.get("", 0))))
            else:
                self.levels[rule_id] = severity
        self.findings = self.apply(
            Diagnostic(Severity.ERROR, message, file, line, "rule-setting")
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


def setting_problem(rule_id: str, severity: str | None, where: str) -> str | None:
    """What is wrong with setting ``rule_id`` to ``severity`` (``None``: to
    ``off``, as ``ignore:`` does) in ``where``, or None."""
    rule = RULES.get(rule_id)
    if rule is None:
        return (f"unknown rule '{rule_id}' in {where}{name_hint(rule_id, RULES)}; the rules "
                "are listed on the guide's rules page")
    if severity is not None and severity not in SEVERITIES:
        return (f"unknown severity '{severity}' for rule '{rule_id}' in {where}"
                f"{did_you_mean(severity, SEVERITIES)}; use error, warning, info or off")
    if rule.fixed and severity != "error":
        return (f"rule '{rule_id}' is always an error (it stops what it finds from being "
                f"made) and cannot be {'ignored' if severity is None else 'set to ' + severity}"
                f" in {where}; fix what it reports")
    return None
