"""The one pipeline: settings and a site's pages in, journeys and findings out.

A block goes through these steps, each in its own module:

1. ``reading.fences`` finds the journey fences in a page's Markdown;
2. ``reading.located_yaml`` parses a block's YAML, keeping lines;
3. ``templates`` expands ``use:`` and merges the block's own keys;
4. ``reading.journey_reader`` reads the values into the model (``structure``);
5. ``reading.resolve`` fills it from the catalog, ``checks`` checks it;
6. ``renderers`` draw it; ``playbook`` gathers every journey of the site.

:class:`Pipeline` runs them with one :class:`Settings`. The MkDocs plugin,
the ``custflow`` command and the Python-Markdown extension used alone all
build theirs from the same options with the same defaults, so they report
the same findings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_custflow.cache import (
    BlockCache,
    Cached,
    files_fingerprint,
    folder_files,
    render_key,
)
from mkdocs_custflow.checks.block import check_journey
from mkdocs_custflow.checks.catalog import catalog_unused, check_catalog
from mkdocs_custflow.checks.measured import check_measured
from mkdocs_custflow.checks.review_cycle import review_findings
from mkdocs_custflow.checks.site import check_journey_links, several_parents
from mkdocs_custflow.checks.size import oversized_views, playbook_size
from mkdocs_custflow.checks.tabs import tab_findings
from mkdocs_custflow.collector import collector_paused
from mkdocs_custflow.diagnostics import Diagnostic, Reporter, Severity, shown_path
from mkdocs_custflow.i18n import normalize_locale
from mkdocs_custflow.measured.data import MeasureOptions, site_measures
from mkdocs_custflow.messages import Text, say, text_in
from mkdocs_custflow.playbook.gather import build_playbook
from mkdocs_custflow.playbook.model import JourneyRecord, Playbook
from mkdocs_custflow.reading.catalog import load_catalog
from mkdocs_custflow.reading.fences import Fence, find_journey_fences
from mkdocs_custflow.reading.includes import Includes
from mkdocs_custflow.reading.journey_reader import JourneyReader
from mkdocs_custflow.reading.located_yaml import YamlLimits, YamlMapping, YamlReadError, parse
from mkdocs_custflow.reading.resolve import resolve
from mkdocs_custflow.reading.site_reading import (
    BlockPlace,
    BlockResult,
    JourneyHome,
    SiteReading,
    SourcePage,
    sub_journey_parents,
)
from mkdocs_custflow.reading.step_colons import ascii_step_colons
from mkdocs_custflow.reading.tab_cause import names_a_tab, with_tab_cause
from mkdocs_custflow.reading.unread_ids import unread_block_id
from mkdocs_custflow.renderers.colours import team_order
from mkdocs_custflow.renderers.html import (
    Part,
    joined,
    render_error_html,
    render_journey_parts,
    searched,
)
from mkdocs_custflow.renderers.options import RenderOptions, site_options
from mkdocs_custflow.rules import RuleOptions, RuleSet, stops
from mkdocs_custflow.settings.options import Options
from mkdocs_custflow.structure import Catalog, Journey
from mkdocs_custflow.structure.ids import anchor, fallback_id
from mkdocs_custflow.structure.review_cycle import build_date
from mkdocs_custflow.templates import TemplateLibrary, use_template

_OPTIONS = Options()
"""Each option's default: the settings default to the same values."""
TAB_LENGTH = 4  # Python-Markdown expands tabs before the blocks are read


@dataclass(frozen=True)
class Settings:
    """What every block of a site shares. Paths are as given (relative to the
    working folder, or absolute); messages name files relative to ``base``."""

    locale: str = "en"
    catalog: str | None = None
    templates: tuple[str, ...] = ()
    max_block_chars: int = _OPTIONS.max_block_chars
    """Largest block, in characters, before it is refused."""
    max_yaml_nodes: int = _OPTIONS.max_yaml_nodes
    """Most YAML values one block may expand to (aliases counted each time)."""
    max_expanded_chars: int = _OPTIONS.max_expanded_chars
    """Most characters of text one block may expand to (aliases counted each time)."""
    max_playbook_pages: int = _OPTIONS.max_playbook_pages
    """Most pages the playbook may add to the site."""
    playbook: bool = True
    """Whether journeys are gathered into a playbook (and checked across pages)."""
    fence: str = _OPTIONS.fence
    """The info string of journey fences (```` ```journey ```` by default)."""
    snippets: str | None = None
    """The site's pymdownx.snippets options (JSON), when it uses that
    extension: site pages are read with their includes in place, as built."""
    rules: RuleOptions = field(default_factory=RuleOptions)
    """The ``rules:`` option: each rule's severity, as the site sets it."""
    measures: MeasureOptions = field(default_factory=MeasureOptions)  # measured data
    base: str = "."

    def __post_init__(self) -> None:
        object.__setattr__(self, "locale", normalize_locale(self.locale))
        object.__setattr__(self, "templates", tuple(str(t) for t in self.templates))

    @property
    def limits(self) -> YamlLimits:
        return YamlLimits(max_nodes=self.max_yaml_nodes, max_chars=self.max_expanded_chars)

    def shown(self, path: str | Path) -> str:
        """A path as messages name it."""
        return shown_path(path, Path(self.base))

    def fingerprint(self, *extra: object) -> str:
        """Changes whenever anything but a block's own text could change its
        result: these settings and the content of the catalog and templates.
        Of the rules, only which are off (those are not checked at all): their
        severities are applied to a result, not kept in it."""
        sources = [Path(self.catalog)] if self.catalog else []
        sources += folder_files(self.templates)
        sources += [Path(m.path) for m in self.measures.files]  # the data the views show
        values = [*(getattr(self, f.name) for f in dataclasses.fields(self)
                    if f.name not in ("base", "rules")),
                  sorted(RuleSet(self.rules).off), *extra]
        return files_fingerprint(values, sources, Path(self.base).resolve())


class Pipeline:
    """Reads, checks and renders journey blocks with one :class:`Settings`.

    ``cache`` keeps results between calls (the plugin keeps one for the life
    of `mkdocs serve`); without one, each block is read every time.
    """

    def __init__(self, settings: Settings | None = None, cache: BlockCache | None = None) -> None:
        self.settings = settings = settings or Settings()
        self.cache = cache
        self.library = TemplateLibrary(
            [Path(folder) for folder in settings.templates], base=Path(settings.base)
        )
        self.rules = RuleSet(settings.rules, settings.locale)
        """Each rule's severity; its ``findings`` are those about the ``rules:`` option."""
        self.catalog = Catalog()
        self.catalog_findings: list[Diagnostic] = []
        """What reading and checking the catalog found."""
        self.catalog_errors: list[Diagnostic] = []
        """Errors that make the catalog unusable as read (the plugin stops on them)."""
        if settings.catalog:
            path = Path(settings.catalog)
            catalog, findings = load_catalog(path, settings.shown(path), settings.limits,
                                             settings.locale)
            self.catalog_errors = [f for f in findings if stops(f)]
            if not self.catalog_errors:
                findings += check_catalog(catalog, settings.locale)
            self.catalog = catalog
            self.catalog_findings = self.rules.apply(findings)
        self.measured = site_measures(settings.measures, settings.shown, settings.locale)
        self.fingerprint = settings.fingerprint()
        """Changes whenever anything but a block's own text could change its result."""
        self.today = build_date()
        """The build date that reviews fall due against (never part of a kept result)."""
        if cache is not None:
            cache.start(self.fingerprint, self.catalog)
        self.includes = (
            Includes(settings.snippets, settings.shown) if settings.snippets is not None else None
        )

    # -- one block -------------------------------------------------------------
    def read_block(self, body: str, *, file: str = "<markdown>", line: int = 1) -> BlockResult:
        """The block whose first body line is ``line`` of ``file``."""
        if self.cache is None:
            cached = self._read(body, file, line)
        else:
            cached = self.cache.get((body, file, line), lambda: self._read(body, file, line))
        findings = cached.findings
        journey = cached.journey
        if journey is not None and journey.review is not None:
            # Depends on the day: found on every read, never kept in the cache.
            due = review_findings(journey, self.today, self.settings.locale)
            findings = [*findings, *(d for d in due if d.rule not in journey.ignore)]
        return BlockResult(journey, self.rules.apply(findings), cached.html)

    def _read(self, body: str, file: str, line: int) -> Cached:
        """The block's journey and its findings as the checks made them: the
        block's own ``ignore:`` applied, not yet the site's ``rules:``."""
        settings = self.settings
        report = Reporter(file, base_line=line, rule="invalid-value", locale=settings.locale)
        if len(body) > settings.max_block_chars:
            report.error(say("block.too-long", length=len(body), limit=settings.max_block_chars),
                         rule="limit")
            return Cached(None, report.items)
        notes: list[tuple[int, Text]] = []
        try:
            data = parse(ascii_step_colons(body), settings.limits, notes, first_line=line)
        except YamlReadError as exc:
            last_line = max(body.count("\n") - (1 if body.endswith("\n") else 0), 0)
            report.error(exc.said, min(exc.line, last_line), rule=exc.rule)
            return Cached(None, report.items)
        for yaml_line, message in notes:
            report.warning(message, yaml_line, rule="yaml-comment")
        template_name = None
        if isinstance(data, YamlMapping) and "use" in data:
            used = use_template(self.library, data, settings.locale, report, settings.limits,
                                self.catalog)
            if used is None:
                return Cached(None, report.items)
            data, template_name = used
        journey = JourneyReader(report).journey(data, fallback_id=fallback_id(body))
        if journey is None or any(stops(d) for d in report.items):
            return Cached(None, report.items)
        journey.template = template_name
        resolve(journey, self.catalog)
        findings = report.items + check_journey(
            journey, self.catalog, settings.locale, skip=self.rules.off
        )
        findings = [d for d in findings if d.rule not in journey.ignore]
        if any(stops(d) for d in findings):
            return Cached(None, findings)
        return Cached(journey, findings)

    def render(self, result: BlockResult, options: RenderOptions | None = None) -> str:
        """The block's HTML."""
        return joined(self.render_parts(result, options))

    def render_parts(
        self, result: BlockResult, options: RenderOptions | None = None
    ) -> list[Part]:
        """The block's HTML in pieces, each saying whether search reads it;
        kept (in this process only) when ``options.memo`` asks, under
        :func:`~mkdocs_custflow.cache.render_key`."""
        options = site_options(options, self.settings.locale, self.today, self.catalog.data,
                               self.measured)
        key = render_key(options, result.journey, self.rules.key) if options.memo else None
        if key is not None and key in result.html:
            return result.html[key]
        if result.journey is None:
            parts = [searched(render_error_html(result.diagnostics, options.locale))]
        else:
            parts = render_journey_parts(result.journey, options, self.too_large(result.journey))
        if key is not None:
            result.html[key] = parts
        return parts

    def too_large(self, journey: Journey) -> dict[str, str]:
        """The journey's views too large for Mermaid to draw, with the reason
        the page shows instead, as the size check measured them on reading."""
        return oversized_views(journey, self.settings.locale)

    # -- pages and sites ---------------------------------------------------------
    def read_fence(self, fence: Fence, file: str, line_offset: int = 0,
                   raw: list[str] | None = None) -> BlockResult:
        """One fence's block; ``line_offset`` counts file lines before the text
        the fence was found in (front matter MkDocs strips); ``raw``: that
        text's lines before tabs were expanded, when it has a tab (a YAML
        error a tab causes is then said as the tab's)."""
        first_body_line = fence.body_start + 1 + line_offset
        result = self.read_block(fence.body, file=file, line=first_body_line)
        if raw is not None and not result.ok:
            said = with_tab_cause(result.diagnostics, fence, raw, first_body_line,
                                  self.settings.locale, TAB_LENGTH)
            if said is not result.diagnostics:
                result = BlockResult(None, said)
        if not fence.closed:
            message = text_in(self.settings.locale, "block.unclosed-fence")
            unclosed = Diagnostic(Severity.ERROR, message, file, first_body_line - 1,
                                  "unclosed-fence")
            result = BlockResult(None, [unclosed, *result.diagnostics])
        return result

    def read_page(self, text: str, file: str) -> list[tuple[Fence, BlockResult]]:
        """Every journey block of one page's Markdown, read as the build reads it."""
        lines = text.expandtabs(TAB_LENGTH).split("\n")
        fences = find_journey_fences(lines, self.settings.fence)
        raw = text.split("\n") if "\t" in text else None
        return [(fence, self.read_fence(fence, file, raw=raw)) for fence in fences]

    def read_site_page(self, page: SourcePage) -> list[tuple[Fence, BlockResult, BlockPlace]]:
        """Every journey block of a site page, its includes in place, each read
        at the file and line it is written at."""
        expanded = self.includes.expand(page.text, page.shown) if self.includes else None
        text, locate = expanded if expanded is not None else (page.text, None)
        found = []
        lines = text.expandtabs(TAB_LENGTH).split("\n")
        raw = text.split("\n") if "\t" in text else None
        for fence in find_journey_fences(lines, self.settings.fence):
            file, offset = (locate(fence) if locate else None) or (page.shown, 0)
            place = BlockPlace(fence.body, file, fence.body_start + 1 + offset)
            result = self.read_fence(fence, file, offset, raw)
            if (raw is not None and "tab-indent" not in self.rules.off
                    and not names_a_tab(result.diagnostics, raw, offset)):
                tabbed = tab_findings(raw, fence, file, offset, self.settings.locale)
                tabs = self.rules.apply(tabbed)
                result = dataclasses.replace(result, diagnostics=[*tabs, *result.diagnostics])
            found.append((fence, result, place))
        return found

    def read_site(self, pages: Iterable[SourcePage], *, whole_site: bool = True) -> SiteReading:
        """:meth:`_read_site` with the garbage collector paused."""
        with collector_paused():
            return self._read_site(pages, whole_site=whole_site)

    def _read_site(self, pages: Iterable[SourcePage], *, whole_site: bool) -> SiteReading:
        """Every block of every page, the playbook, and every finding: the
        ``rules:`` option's, the catalog's, each block's, and those across pages
        (a journey id used twice, a stage defined two ways, a playbook over its
        page limit, a catalog role no journey uses). ``whole_site``: the pages
        are all the site has (not a few files of it), so what is unused is
        reported as such."""
        reading = SiteReading([], [], None, [*self.rules.findings, *self.catalog_findings])
        across: list[Diagnostic] = []
        ignoring: list[tuple[str, int, int, list[str]]] = []
        for page in pages:
            self._read_into(reading, page, across, ignoring)
        journeys = [result.journey for _, _, result in reading.blocks if result.journey]
        across.extend(check_journey_links(journeys, self.settings.locale, reading.unread))
        across.extend(check_measured(self.measured, journeys, self.today, self.settings.locale))
        if whole_site and all(result.ok for _, _, result in reading.blocks):
            # A block that cannot be read may be what uses a role.
            across.extend(catalog_unused(self.catalog, journeys, self.settings.locale))
        if self.settings.playbook:
            reading.playbook = self._playbook(reading.records, across)
        reading.teams = team_order(self.catalog, journeys)
        reading.parents = sub_journey_parents(reading.homes)
        across.extend(several_parents(reading.parents, self.settings.locale))
        reading.findings.extend(self._apply_across(across, ignoring))
        return reading

    def _read_into(self, reading: SiteReading, page: SourcePage, across: list[Diagnostic],
                   ignoring: list[tuple[str, int, int, list[str]]]) -> None:
        """One page's blocks into ``reading``; a journey id used before is
        found ``across`` pages, a block's ``ignore:`` kept for those findings."""
        reading.places[page.path] = []
        for fence, result, place in self.read_site_page(page):
            reading.blocks.append((page, fence, result))
            reading.places[page.path].append(place)
            reading.findings.extend(result.diagnostics)
            journey = result.journey
            if journey is None:
                said = unread_block_id(place.body)
                if said is not None:
                    reading.unread.setdefault(said[0], f"{place.file}:{place.line + said[1]}")
                continue
            if journey.ignore:  # the fence line to the closing one, where written
                last = place.line + place.body.count("\n") + 1
                ignoring.append((place.file, place.line - 1, last, journey.ignore))
            first = reading.homes.setdefault(journey.id, JourneyHome(journey, page.path))
            there, here = (f"{first.journey.file}:{first.journey.line}",
                           f"{journey.file}:{journey.line}")
            if there != here:
                across.append(Diagnostic(
                    Severity.WARNING,
                    text_in(self.settings.locale, "block.duplicate-id", id=journey.id,
                            there=there),
                    journey.file, journey.line, "duplicate-journey-id",
                ))
            if journey.in_playbook:
                reading.records.append(
                    JourneyRecord(journey, page.path, anchor(journey.id), fence.body))

    def _playbook(self, records: list[JourneyRecord], across: list[Diagnostic]
                  ) -> Playbook | None:
        """The site's playbook, unless it is over its page limit (reported)."""
        playbook, conflicts = build_playbook(records, self.catalog, self.settings.locale)
        across.extend(conflicts)
        playbook.measured = self.measured
        over = playbook_size(playbook, self.settings.max_playbook_pages, self.settings.locale)
        if over is not None:
            across.append(over)
            return None
        return playbook

    def _apply_across(
        self, findings: list[Diagnostic], ignoring: list[tuple[str, int, int, list[str]]]
    ) -> list[Diagnostic]:
        """Findings across pages with the site's rules, each without the rules
        that the block it points into ignores (``(file, first line, last line,
        rule ids)`` of each block with an ``ignore:``)."""
        applied = []
        for finding in findings:
            ignored = next((rules for file, first, last, rules in ignoring
                            if file == finding.file and first <= finding.line <= last), ())
            applied.extend(self.rules.apply([finding], ignored))
        return applied
