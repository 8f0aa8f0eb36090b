"""Rules of reading: the reader raises these while it reads a block, a page
or the catalog (``reading/``, ``templates/``, ``pipeline``). No check here:
they are declared in this one table so that reading's modules do not each
carry rule texts, and so :mod:`mkdocs_custflow.rules` can collect them
without importing the reader.

All but ``yaml-comment``, ``kpi-not-comparable`` and ``bad-handle`` stop the
block (or the catalog) from being made, so they are always errors.
"""

from __future__ import annotations

from mkdocs_custflow.checks.rule import Rule

YAML = Rule(
    "yaml", "error", "The text is not YAML a journey can use.",
    "The block (or the catalog) has a YAML syntax error, the same key twice in one "
    "mapping, a tag such as !!python/object, a merge key that does not merge a "
    "mapping, or a list or mapping as a key. The message quotes the problem; the "
    "line is where it was noticed, often just after the mistake. Quote texts that "
    "contain ': ' or start with a special character.", fixed=True,
)

UNCLOSED_FENCE = Rule(
    "unclosed-fence", "error", "A journey fence is never closed.",
    "The fence that opens a journey block has no closing line, so it would swallow "
    "the rest of the page. Add a closing fence line (``` or ~~~) after the block.",
    fixed=True,
)

UNREADABLE_FILE = Rule(
    "unreadable-file", "error", "A page or the catalog cannot be read.",
    "The file cannot be opened or is not UTF-8. The message names the first byte "
    "that is not UTF-8 and its line; save the file as UTF-8.", fixed=True,
)

UNKNOWN_KEY = Rule(
    "unknown-key", "error", "A key that the block format does not have.",
    "A misspelt or unsupported key in a journey block, a stage, a step, an actor, a "
    "touchpoint, a link or the catalog. The message suggests the closest known key; "
    "the guide's block reference lists them all.", fixed=True,
)

INVALID_VALUE = Rule(
    "invalid-value", "error", "A value of the wrong type or form.",
    "A value the block format cannot read: text where a list is needed, an id with "
    "spaces, a step in none of the step forms, a score outside 1-5, an unknown view "
    "or actor kind, a link URL that is not allowed, a stage id used twice, a journey "
    "without stages. The message says what form the value needs.", fixed=True,
)

TEMPLATE = Rule(
    "template", "error", "A template cannot be used.",
    "The template named by 'use:' does not exist, needs a value that 'with:' does not "
    "give, is given a parameter it does not have, or its file cannot be read or "
    "expanded; or a stage merged onto it names no stage of the template. The message "
    "ends with the template file and line when the problem is in the file.",
    fixed=True,
)

YAML_COMMENT = Rule(
    "yaml-comment", "warning", "A YAML comment cuts a text short.",
    "' #' starts a YAML comment, so the rest of the line is dropped from the text "
    "before it. Put the whole text in quotes to keep it.",
)

KPI_NOT_COMPARABLE = Rule(
    "kpi-not-comparable", "warning", "A KPI whose target and current value have no "
    "common unit.",
    "Met or missed can only be shown when the target and the current value are in one "
    "unit (%, or durations in min, h and d, which convert). Write both in the same "
    "unit.",
)

BAD_HANDLE = Rule(
    "bad-handle", "error", "A catalog 'handle' that is not a code-owner handle.",
    "'handle' gives the team or person that reviews the pages holding a role's "
    "stages (custflow codeowners): '@user', '@org/team' or an e-mail address.",
)

OWN_RULES = (YAML, UNCLOSED_FENCE, UNREADABLE_FILE, UNKNOWN_KEY, INVALID_VALUE, TEMPLATE,
             YAML_COMMENT, KPI_NOT_COMPARABLE, BAD_HANDLE)
