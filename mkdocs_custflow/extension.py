"""The Python-Markdown extension: the blocks work wherever Markdown runs.

MkDocs' plugin only wires this extension in; Zensical and plain
Python-Markdown load it directly (``markdown_extensions: [custflow]``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from mkdocs_custflow.blocks import BlockResult, JourneyExpander, read_fence
from mkdocs_custflow.catalog_file import load_catalog
from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.fences import Fence, find_journey_fences
from mkdocs_custflow.renderers.options import RenderOptions

log = logging.getLogger("mkdocs_custflow")

# After NormalizeWhitespace (30), which would strip our stash placeholders,
# and before fenced code (25), which would otherwise claim the fences.
PREPROCESSOR_PRIORITY = 28


@dataclass
class PageContext:
    """Where the Markdown being converted comes from, for ``file:line`` messages.

    ``line_offset`` counts source lines that precede the Markdown text
    (MkDocs strips a page's YAML front matter before converting it).
    """

    file: str = "<markdown>"
    line_offset: int = 0
    options: RenderOptions | None = None


def _log_diagnostic(diagnostic: Diagnostic) -> None:
    log.warning(str(diagnostic))


class JourneyPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: JourneyExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        fences = find_journey_fences(lines)
        if not fences:
            return lines
        ext = self.extension
        output: list[str] = []
        cursor = 0
        for fence in fences:
            output.extend(lines[cursor : fence.start])
            html = ext.expand_fence(fence)
            placeholder = self.md.htmlStash.store(html)
            output.extend(["", fence.indent + placeholder, ""])
            cursor = fence.end + 1
        output.extend(lines[cursor:])
        # A trailing blank line keeps a block at the very end of the text its own
        # paragraph, which Python-Markdown then unwraps into plain HTML.
        return [*output, ""]


class JourneyExtension(Extension):
    """Replace each ```` ```journey ```` fence with its views.

    Options (for plain Markdown use; the MkDocs plugin sets them itself):
    ``catalog`` (path of the site catalog YAML) and ``locale`` (``en``/``zh``).
    """

    def __init__(self, **kwargs: object) -> None:
        self.config = {
            "catalog": ["", "Path of the catalog YAML file shared by all journeys"],
            "locale": ["en", "Language of the words the plugin writes (en, zh)"],
        }
        super().__init__(**kwargs)
        self.page = PageContext()
        self.on_diagnostic: Callable[[Diagnostic], None] = _log_diagnostic
        self.on_journey: Callable[[BlockResult], None] | None = None
        self._expander: JourneyExpander | None = None

    @property
    def expander(self) -> JourneyExpander:
        if self._expander is None:
            expander = JourneyExpander(locale=str(self.getConfig("locale") or "en"))
            catalog_path = str(self.getConfig("catalog") or "")
            if catalog_path:
                catalog, findings = load_catalog(Path(catalog_path))
                for finding in findings:
                    self.on_diagnostic(finding)
                expander.catalog = catalog
            self._expander = expander
        return self._expander

    @expander.setter
    def expander(self, value: JourneyExpander) -> None:
        self._expander = value

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(
            JourneyPreprocessor(md, self), "custflow_journey", PREPROCESSOR_PRIORITY
        )

    def expand_fence(self, fence: Fence) -> str:
        expander = self.expander
        result = read_fence(expander, fence, self.page.file, self.page.line_offset)
        for diagnostic in result.diagnostics:
            self.on_diagnostic(diagnostic)
        if self.on_journey is not None and result.ok:
            self.on_journey(result)
        return expander.render(result, self.page.options)


def makeExtension(**kwargs: object) -> JourneyExtension:
    return JourneyExtension(**kwargs)
