"""Example-site hook: journey blocks of the guide that warn on purpose.

The troubleshooting page shows a few findings live, so readers see what the
diagram of a block with that mistake looks like. Such a block has an HTML
comment naming the expected finding right above its fence:

    <!-- expect-warning: cannot be reached -->
    ```journey
    ...

This hook turns exactly those findings (reported on the lines of that block,
containing that text) from warnings into info messages; any other warning
still fails `mkdocs build --strict`. tests/test_guide.py reads every guide
block and checks that the marked ones do warn and the others do not.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from mkdocs_custflow.reading.fences import find_journey_fences

MARKER = re.compile(r"^\s*<!--\s*expect-warning:\s*(?P<text>.+?)\s*-->\s*$")
_FINDING = re.compile(r"^(?:custflow: )?(?P<file>.+?):(?P<line>\d+): (?P<message>.*)$", re.S)
TAB_LENGTH = 4  # as the plugin reads pages


def expected_warnings(markdown: str) -> list[tuple[int, int, str]]:
    """(first line, last line, expected text) of each marked block, 1-based file lines."""
    lines = markdown.expandtabs(TAB_LENGTH).split("\n")
    found = []
    for fence in find_journey_fences(lines):
        above = fence.start - 1
        while above >= 0 and not lines[above].strip():
            above -= 1
        match = MARKER.match(lines[above]) if above >= 0 else None
        if match:
            found.append((fence.start + 1, fence.end + 1, match["text"]))
    return found


class ExpectedWarnings(logging.Filter):
    """Downgrades the custflow warnings a page announces; leaves all others."""

    def __init__(self) -> None:
        super().__init__()
        self.by_file: dict[str, list[tuple[int, int, str]]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.WARNING:
            return True
        finding = _FINDING.match(record.getMessage())
        if finding is None:
            return True
        line = int(finding["line"])
        for first, last, text in self.by_file.get(finding["file"], []):
            if first <= line <= last and text in finding["message"]:
                record.msg = f"{record.getMessage()} (expected: shown on purpose)"
                record.args = ()
                record.levelno, record.levelname = logging.INFO, "INFO"
                break
        return True


_filter = ExpectedWarnings()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    logger = logging.getLogger("mkdocs.plugins.custflow")
    if _filter not in logger.filters:
        logger.addFilter(_filter)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Runs before the plugin's own on_files (priority -50), which reads every block.
    project = Path(config.config_file_path or ".").resolve().parent
    _filter.by_file = {}
    for file in files.documentation_pages():
        if not file.abs_src_path:
            continue
        expected = expected_warnings(file.content_string)
        if expected:
            try:
                shown = Path(file.abs_src_path).resolve().relative_to(project).as_posix()
            except ValueError:
                shown = Path(file.abs_src_path).as_posix()
            _filter.by_file[shown] = expected
    return files
