"""A tab in a block's indentation named as the cause of its YAML error.

Markdown turns each tab into spaces (to the next multiple of 4 columns)
before a block is read, so YAML never sees the tab: it sees a line a column
or two off and stops there or a line or two further on, saying "did not find
expected key". When the page's own text has a tab in the indentation of a
line at or shortly before where YAML stopped, and that line indented with
spaces in some column lets YAML read further, the tab is what to change:
the error says so, at the tab's line.
"""

from __future__ import annotations

import dataclasses

import yaml

from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.reading.fences import Fence
from mkdocs_custflow.reading.yaml_help import tabbed

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

NEAR = 3
"""Lines before the one YAML stopped at where a tab may be the cause."""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _stops_at(text: str) -> int | None:
    """The line (0-based) YAML stops reading ``text`` at; None when it reads it."""
    try:
        yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark.line if mark else 0
    except yaml.YAMLError:
        return 0
    return None


def _is_cause(lines: list[str], tab: int) -> bool:
    """Whether indenting line ``tab`` with spaces in some column that a line
    near it has lets YAML read the block, or read further than it does."""
    stop = _stops_at("\n".join(lines))
    if stop is None:
        return False
    text = lines[tab].lstrip(" ")
    neighbours = [line for line in lines[max(tab - NEAR, 0): tab + NEAR + 1] if line.strip()]
    columns = sorted({_indent(line) + step for line in neighbours for step in (0, 2)})
    for column in columns:
        if column == _indent(lines[tab]):
            continue
        tried = [*lines[:tab], " " * column + text, *lines[tab + 1:]]
        stopped = _stops_at("\n".join(tried))
        if stopped is None or stopped > stop:
            return True
    return False


def with_tab_cause(
    diagnostics: list[Diagnostic], fence: Fence, raw: list[str], first_body_line: int,
    locale: str | None, tab_length: int,
) -> list[Diagnostic]:
    """``diagnostics`` of ``fence`` (found in ``raw``, the page's lines before
    tabs were expanded) with its YAML error said as the tab's, when a tab in
    the indentation is its cause."""
    error = next((d for d in diagnostics if d.rule == "yaml" and d.is_error), None)
    if error is None:
        return diagnostics
    count = fence.body.count("\n") + 1
    body_raw = raw[fence.body_start: fence.body_start + count]
    width = len(fence.indent)
    expanded = [line.expandtabs(tab_length) for line in body_raw]
    expanded = [line[min(_indent(line), width):] for line in expanded]
    if "\n".join(expanded) != fence.body:
        return diagnostics  # not the text the block was read from
    stop = error.line - first_body_line
    tabs = [i for i, line in enumerate(body_raw) if tabbed(line) and 0 <= stop - i <= NEAR]
    tab = next((i for i in reversed(tabs) if _is_cause(expanded, i)), None)
    if tab is None:
        return diagnostics
    message = text_in(locale, "yaml.tab-read", line=first_body_line + tab,
                      spaces=_indent(expanded[tab]), stop=error.line)
    said = dataclasses.replace(error, message=message, line=first_body_line + tab)
    return [said if d is error else d for d in diagnostics]


def names_a_tab(diagnostics: list[Diagnostic], raw: list[str], offset: int) -> bool:
    """Whether a YAML error of the block is at a tab-indented line of ``raw``
    (``offset``: file lines before it): it says the tab is the cause, and the
    ``tab-indent`` warning would say it again."""
    for finding in diagnostics:
        index = finding.line - 1 - offset
        if finding.rule == "yaml" and 0 <= index < len(raw) and tabbed(raw[index]):
            return True
    return False
