"""One journey block from YAML text to HTML: read, resolve, check, render.

:class:`JourneyExpander` holds what every block of a site shares (catalog,
locale, limits) and is the one entry point the Markdown extension, the CLI
and the plugin use, so all three report the same findings.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from mkdocs_custflow.block_store import BlockStore, StoredBlock
from mkdocs_custflow.diagnostics import Diagnostic, Reporter, Severity
from mkdocs_custflow.fences import Fence, find_journey_fences
from mkdocs_custflow.located_yaml import YamlLimits, YamlMapping, YamlReadError, load
from mkdocs_custflow.reading import BlockReader, fallback_id
from mkdocs_custflow.renderers.html import (
    render_diagrams,
    render_error_html,
    render_journey_html,
    too_large,
)
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Catalog, Journey
from mkdocs_custflow.template_library import TemplateLibrary, use_template
from mkdocs_custflow.validation import check, resolve

DEFAULT_MAX_BLOCK_CHARS = 200_000
log = logging.getLogger("mkdocs_custflow")


class BlockResult:
    """A read block: the journey (``None`` when it has errors), its findings,
    and its HTML per ``RenderOptions.cache_key``.

    A result from the on-disk :class:`BlockStore` unpickles its journey only
    when asked: a page whose HTML is stored needs only the HTML and findings.
    """

    def __init__(
        self,
        journey: Journey | None,
        diagnostics: list[Diagnostic] | None = None,
        html: dict[str, str] | None = None,
    ) -> None:
        self._journey = journey
        self.pickled_journey: bytes | None = None
        self.diagnostics = diagnostics if diagnostics is not None else []
        self.html = html if html is not None else {}
        self.store_key: str | None = None
        """Where the on-disk :class:`BlockStore` keeps this result, if one is used."""
        self._read_again: Callable[[], BlockResult] | None = None
        self.journey_id = journey.id if journey is not None else None
        self.journey_at = f"{journey.file}:{journey.line}" if journey is not None else ""

    @classmethod
    def from_store(
        cls, stored: StoredBlock, key: str, read_again: Callable[[], BlockResult]
    ) -> BlockResult:
        """``read_again`` reads the block afresh, should its stored journey
        turn out unreadable (a damaged file): never a failed build."""
        result = cls(None, stored.diagnostics, stored.html)
        result.pickled_journey = stored.journey
        result.journey_id, result.journey_at = stored.journey_id, stored.journey_at
        result.store_key = key
        result._read_again = read_again
        return result

    def to_store(self, html_key: str, html: str) -> StoredBlock:
        """This result with the one HTML it was just rendered to (renderings
        for other pages or playbooks are not carried over)."""
        journey = self.pickled_journey
        if journey is None and self.journey is not None:
            journey = pickle.dumps(self.journey, pickle.HIGHEST_PROTOCOL)
        return StoredBlock(
            journey, self.diagnostics, {html_key: html}, self.journey_id, self.journey_at
        )

    @property
    def journey(self) -> Journey | None:
        if self._journey is None and self.pickled_journey is not None:
            try:
                self._journey = pickle.loads(self.pickled_journey)
            except Exception as exc:
                log.debug(f"custflow: {self.journey_at}: cached journey unusable ({exc})")
                if self._read_again is not None:
                    self._journey = self._read_again().journey
            self.pickled_journey = None  # pickled again if ever stored again
            self._read_again = None
        return self._journey

    @property
    def ok(self) -> bool:
        return self.journey_id is not None

    def __repr__(self) -> str:
        return f"BlockResult(journey={self.journey_id!r}, diagnostics={self.diagnostics!r})"


TAB_LENGTH = 4  # Python-Markdown expands tabs before the blocks are read


@dataclass
class JourneyExpander:
    catalog: Catalog = field(default_factory=Catalog)
    locale: str = "en"
    limits: YamlLimits = field(default_factory=YamlLimits)
    max_block_chars: int = DEFAULT_MAX_BLOCK_CHARS
    library: TemplateLibrary = field(default_factory=TemplateLibrary)
    cache: dict[tuple[str, str, int], BlockResult] = field(default_factory=dict, repr=False)
    keep_results: bool = False
    """True when blocks are read more than once (the playbook gathers them
    before their pages render; `mkdocs serve` rebuilds): results are kept.
    Off by default, since keeping every result costs memory."""
    store: BlockStore | None = field(default=None, repr=False)
    """Results of earlier builds (``.cache/``), asked when ``cache`` has none."""
    hits: int = 0
    misses: int = 0

    def read(self, body: str, *, file: str = "<markdown>", line: int = 1) -> BlockResult:
        """Read a block whose first body line is ``line`` of ``file``.

        Results are kept per block text and place, so a block read twice in
        one build (to gather the playbook, then to render its page), or again
        in a ``mkdocs serve`` rebuild where its page did not change, is read
        once. Whoever shares ``cache`` between expanders must make sure the
        catalog, templates and options are the same.
        """
        key = (body, file, line)
        cached = self.cache.get(key)
        if cached is not None:
            self.hits += 1
            return cached
        store_key = None
        if self.store is not None and self.store.active:
            store_key = self.store.key(body, file, line)
            stored = self.store.get(store_key)
            if stored is not None:
                cached = BlockResult.from_store(
                    stored, store_key, lambda: self._read(body, file=file, line=line)
                )
        if cached is None:
            self.misses += 1
            cached = self._read(body, file=file, line=line)
            cached.store_key = store_key
        if self.keep_results:
            self.cache[key] = cached
        return cached

    def _read(self, body: str, *, file: str, line: int) -> BlockResult:
        report = Reporter(file, base_line=line)
        if len(body) > self.max_block_chars:
            report.error(
                f"the block has {len(body)} characters, over the limit of "
                f"{self.max_block_chars}; split the journey or raise 'max_block_chars'"
            )
            return BlockResult(None, report.items)
        notes: list[tuple[int, str]] = []
        try:
            data = load(body, self.limits, notes, first_line=line)
        except YamlReadError as exc:
            last_line = max(body.count("\n") - (1 if body.endswith("\n") else 0), 0)
            report.error(exc.message, min(exc.line, last_line))
            return BlockResult(None, report.items)
        for yaml_line, message in notes:
            report.warning(message, yaml_line)
        template_name = None
        if isinstance(data, YamlMapping) and "use" in data:
            used = use_template(self.library, data, self.locale, report)
            if used is None:
                return BlockResult(None, report.items)
            data, template_name = used
        reader = BlockReader(report)
        journey = reader.journey(data, fallback_id=fallback_id(body))
        if journey is not None:
            journey.template = template_name
        if journey is None or report.has_errors:
            return BlockResult(None, report.items)
        resolve(journey, self.catalog)
        findings = report.items + check(journey, self.catalog)
        if any(d.is_error for d in findings):
            return BlockResult(None, findings)
        findings.extend(self._size_findings(journey))
        return BlockResult(journey, findings)

    def _size_findings(self, journey: Journey) -> list[Diagnostic]:
        """Warn about views Mermaid would refuse to draw (very large journeys).

        Measured with links of a typical length, since real links are only
        known per page; small journeys skip the measurement."""
        if len(journey.stages) + sum(len(s.steps) for s in journey.stages) < 150:
            return []
        options = RenderOptions(
            locale=self.locale, stage_url=lambda sid: f"../../playbook/stages/{sid}/"
        )
        found = []
        for view, source in render_diagrams(journey, options).items():
            reason = too_large(view, source)
            if reason:
                found.append(Diagnostic(
                    Severity.WARNING,
                    f"the '{view}' view of journey '{journey.id}' is too large to draw: "
                    f"{reason}; split the journey into smaller ones",
                    journey.file, journey.line,
                ))
        return found

    def render(self, result: BlockResult, options: RenderOptions | None = None) -> str:
        """The block's HTML; kept per ``options.cache_key`` when one is given."""
        options = options or RenderOptions(locale=self.locale)
        key = options.cache_key
        if key is not None and key in result.html:
            return result.html[key]
        if result.journey is None:
            html = render_error_html(result.diagnostics, options.locale)
        else:
            html = render_journey_html(result.journey, options)
        if key is not None:
            result.html[key] = html
            if self.store is not None and result.store_key is not None:
                self.store.put(result.store_key, result.to_store(key, html))
        return html


def read_markdown(
    expander: JourneyExpander, text: str, file: str
) -> Iterator[tuple[Fence, BlockResult]]:
    """Every journey block of one Markdown file's text, read as the build reads it."""
    lines = text.expandtabs(TAB_LENGTH).split("\n")
    for fence in find_journey_fences(lines):
        yield fence, read_fence(expander, fence, file)


def read_fence(
    expander: JourneyExpander, fence: Fence, file: str, line_offset: int = 0
) -> BlockResult:
    """One fence's block; ``line_offset`` counts file lines before the text
    the fence was found in (front matter MkDocs strips)."""
    first_body_line = fence.body_start + 1 + line_offset
    result = expander.read(fence.body, file=file, line=first_body_line)
    if not fence.closed:
        result = unclosed(result, file, first_body_line - 1)
    return result


def unclosed(result: BlockResult, file: str, line: int) -> BlockResult:
    """The result for a fence with no closing line: an error, whatever it holds."""
    message = (
        "this journey fence is never closed; add a closing fence line "
        "(``` or ~~~) after the block"
    )
    return BlockResult(None, [Diagnostic(Severity.ERROR, message, file, line), *result.diagnostics])
