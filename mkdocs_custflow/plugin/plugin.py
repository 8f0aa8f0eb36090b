"""Event handlers that wire the core into an MkDocs build; nothing else.

Every handler returns early when the plugin is disabled. The work itself
lives in the core (reading, rendering, the playbook) and in the helpers beside
this module (``setup``, ``playbook_files``, ``navigation``, ``paths``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from mkdocs_custflow.build_summary import failure_summary
from mkdocs_custflow.cache import BlockCache
from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.extension import JourneyExtension, PageContext
from mkdocs_custflow.i18n import normalize_locale, words
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.pipeline import BlockResult, Pipeline, SiteReading, SourcePage
from mkdocs_custflow.playbook.layout import PlaybookLayout
from mkdocs_custflow.playbook.pages import PageTemplateError
from mkdocs_custflow.plugin.config import CustflowConfig, options_of
from mkdocs_custflow.plugin.journey_links import JourneyLinks
from mkdocs_custflow.plugin.languages import (
    LanguageBuild,
    is_further_language_build,
    language_build,
)
from mkdocs_custflow.plugin.navigation import add_playbook_section, safe_title
from mkdocs_custflow.plugin.paths import relative_to_project, shown_path, source_line_offset
from mkdocs_custflow.plugin.playbook_files import GENERATOR, PlaybookFiles
from mkdocs_custflow.plugin.project import settings_from
from mkdocs_custflow.plugin.setup import (
    ASSETS_DIR,
    MERMAID_SITE_PATH,
    SITE_ASSETS,
    MermaidScript,
    add_assets,
    check_fence,
    check_options,
    check_playbook_dir,
    has_diagram,
    has_search,
    mermaid_script,
    missing_mermaid_note,
    privacy_mermaid_note,
    superfences_conflict,
)
from mkdocs_custflow.plugin.site_links import BuildLinks
from mkdocs_custflow.reading.sources import SourceError, decode
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.search_skip import unmarked, without_skipped
from mkdocs_custflow.settings.options import Options
from mkdocs_custflow.structure.ids import anchor
from mkdocs_custflow.structure.review_cycle import BuildDateError

log = get_plugin_logger("custflow")


class CustflowPlugin(BasePlugin[CustflowConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.options = Options()
        """The options as values, read from ``config`` in ``on_config``."""
        self.pipeline: Pipeline | None = None
        self.extension: JourneyExtension | None = None
        self.playbook = PlaybookFiles()
        self.mermaid: MermaidScript | None = None
        self.cache: BlockCache | None = None
        self._serving = False
        self._page = PageContext()
        self._reported: set[str] = set()
        self._reported_before: set[str] = set()
        self._errors: list[Diagnostic] = []
        self._page_anchors: list[str] = []
        self._mark_skipped = False
        """Whether a search plugin reads the pages: the parts it skips are then
        kept out of its way (:mod:`mkdocs_custflow.search_skip`)."""
        self._whole: tuple[Page, str] | None = None
        """The page search is reading and its whole content, given back after."""
        self.teams: tuple[str, ...] = ()
        self.languages: LanguageBuild | None = None
        self.reading: SiteReading | None = None
        self._page_pipelines: dict[str, Pipeline] = {}
        self.journey_links = JourneyLinks()
        self.links: BuildLinks | None = None
        """This build's links from pages to the playbook and to other journeys."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this plugin between `mkdocs serve` rebuilds,
        and with it the cache of blocks whose text did not change."""
        self._serving = command == "serve"

    # Default priority: it only adds our Markdown extension and a script, which
    # no other plugin's configuration depends on.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        check_options(self.config)
        self.options = options = options_of(self.config)
        if not options.enabled:
            return None
        check_fence(options.fence)
        # mkdocs-static-i18n runs this again for each further language's build.
        self.languages = languages = language_build(config)
        self._page_pipelines = {}
        settings = settings_from(options, config)
        directory = check_playbook_dir(self.options.playbook_dir)
        layout = PlaybookLayout(languages.playbook_dir(directory) if languages else directory)
        self.playbook.configure(layout, settings.locale, self.options.page_templates)
        folder = Path(settings.base) / self.options.cache_dir if self.options.cache else None
        if self.cache is None or self.cache.folder != folder:
            self.cache = BlockCache(folder)  # kept across `mkdocs serve` rebuilds
        try:
            self.pipeline = pipeline = Pipeline(settings, self.cache)
        except BuildDateError as exc:
            raise PluginError(f"custflow: {exc}") from None
        if pipeline.catalog_errors:
            raise PluginError("custflow: the catalog cannot be used:\n  " + "\n  ".join(
                str(finding) for finding in pipeline.catalog_errors
            ))
        if self.extension in config.markdown_extensions:  # the last language's build
            config.markdown_extensions.remove(self.extension)  # type: ignore[arg-type]
        self.extension = JourneyExtension(
            pipeline,
            on_diagnostic=self._report,
            on_journey=self._record_journey,
            on_unread=self._unread_journey,
            page=lambda: self._page,
        )
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]
        add_assets(config)
        self._mark_skipped = has_search(config)
        self.mermaid = mermaid_script(self.options, config)
        taken = superfences_conflict(config, settings.fence, settings.locale)
        if taken and not is_further_language_build(config):
            where = relative_to_project(config.config_file_path or "mkdocs.yml", config)
            self._report_found(Diagnostic(Severity.WARNING, taken, where, rule="fence-taken"))
        notes = [missing_mermaid_note(self.options, config)]
        if self.mermaid is not None:
            notes.append(privacy_mermaid_note(config))
        for note in notes:
            if note:
                log.warning(note)
        return config

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        """Rebuild when the catalog, a template or a data file of ``measures``
        changes, not only the docs."""
        if self.options.enabled:
            options = self.options
            data = (source.path for source in options.measures)
            for path in (options.catalog, *options.templates, options.page_templates, *data):
                if path:
                    server.watch(path)
        return server

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.options.enabled or is_further_language_build(config):
            return  # a further language's build: what was reported stays reported
        # `mkdocs serve` keeps the plugin: a finding already shown by the last
        # rebuild is not shown again; a new or returning one is.
        self._reported_before = self._reported if self._serving else set()
        self._reported = set()
        self._errors = []

    # Late: plugins that add Markdown pages (gen-files, hooks) run first, so the
    # journeys on their pages are gathered too; after mkdocs-static-i18n (-100),
    # which keeps one language's pages and would not know what to do with ours.
    @event_priority(-110)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.options.enabled or self.pipeline is None:
            return None
        if self.mermaid is not None and self.mermaid.file is not None:
            files.append(
                File.generated(config, MERMAID_SITE_PATH, abs_src_path=str(self.mermaid.file))
            )
        for site_path, name in SITE_ASSETS.items():
            files.append(File.generated(config, site_path, abs_src_path=str(ASSETS_DIR / name)))
        self.reading = reading = self.pipeline.read_site(self._pages(files, config))
        self.teams = reading.teams
        self.journey_links.update(reading, files)
        for finding in reading.findings:
            self._report(finding)
        if reading.playbook is not None:
            try:
                self.playbook.add_to(
                    files, config, reading.playbook, self._report_playbook,
                    in_own_section=self.options.nav,
                    settings_key=self.pipeline.fingerprint,
                )
                if self.languages is not None:
                    self.languages.mark(
                        file for file in self.playbook.generated.values()
                        if file.generated_by == GENERATOR
                    )
            except PageTemplateError as exc:
                raise PluginError(
                    f"custflow: the playbook page template {exc}; fix the template in "
                    "'page_templates'"
                ) from None
        self.links = BuildLinks(self.playbook, self.playbook.layout, self.journey_links)
        return files

    def _pages(self, files: Files, config: MkDocsConfig) -> list[SourcePage]:
        pages = []
        for file in files.documentation_pages():
            if self.languages is not None and not self.languages.in_this_language(file):
                continue  # a stand-in for a missing translation: not this language's journeys
            shown = shown_path(file, config)
            try:
                text = decode(file.content_bytes)
            except SourceError as exc:
                # MkDocs itself would stop on this page with a traceback.
                problem = text_in(self.playbook.locale, "build.unreadable-page",
                                  problem=exc.said)
                raise PluginError(f"custflow: {shown}: {problem}") from None
            pages.append(SourcePage(file.src_uri, text, shown))
        return pages

    # Late: navigation plugins (literate-nav, awesome-pages, mkdocs-static-i18n
    # at -100) shape the nav first; the Playbook section is then appended to
    # whatever they built.
    @event_priority(-110)
    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        if not self.options.enabled:
            return None
        for page, page_title in self.playbook.own_pages():
            page.title = safe_title(page_title)
        if self.options.nav:
            title = self.options.nav_title
            languages = language_build(config)
            if languages is not None:
                title = languages.nav_title(title or words(self.playbook.locale)["playbook"])
            add_playbook_section(nav, self.playbook, title, self.playbook.locale,
                                 self.options.nav_limit)
        return nav

    # Lowest priority: other plugins may rewrite the Markdown first, and the line
    # offset must be measured against the text that is actually converted.
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.options.enabled or self.extension is None:
            return None
        source = page.file.content_string if page.file.abs_src_path else markdown
        locale, pipeline = self._page_language(page)
        self._page_anchors = []
        self._page = PageContext(
            mark_skipped=self._mark_skipped,
            raw_lines=markdown.split("\n") if "\t" in markdown else None,
            file=shown_path(page.file, config),
            line_offset=source_line_offset(source, markdown),
            pipeline=pipeline,
            locate=(self.reading.locator(page.file.src_uri) if self.reading is not None
                    and page.file.src_uri in self.reading.places else None),
            options=RenderOptions(
                locale=locale,
                today=self.pipeline.today if self.pipeline else None,
                measured=self.pipeline.measured if self.pipeline else None,
                teams=self.teams,
                page=page.file.url,
                links=self.links,
                memo=self._serving,  # `mkdocs serve` keeps the HTML of unchanged blocks
            ),
        )
        return None

    def _page_language(self, page: Page) -> tuple[str, Pipeline | None]:
        """The words a page's blocks are drawn in, and the pipeline that reads
        them when it is not the build's (a page in another language than its
        build, standing in for a missing translation)."""
        locale = self.playbook.locale
        if self.languages is None or self.pipeline is None:
            return locale, None
        page_locale = normalize_locale(self.languages.page_language(page.file))
        if page_locale == locale:
            return locale, None
        if page_locale not in self._page_pipelines:
            settings = dataclasses.replace(self.pipeline.settings, locale=page_locale)
            self._page_pipelines[page_locale] = Pipeline(settings)
        return page_locale, self._page_pipelines[page_locale]

    # Default priority: it only lets go of what it no longer needs.
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> None:
        """Every page is converted: unless `mkdocs serve` rebuilds with them
        later, the journeys, the playbook's model and the links are not needed
        while MkDocs writes the pages, so their memory goes back before it
        does (the pages' HTML and the search index are then the build's peak)."""
        if not self.options.enabled or self._serving:
            return
        self.reading = None
        self.links = None
        self._page = PageContext()
        self._page_pipelines = {}
        self.journey_links = JourneyLinks()
        self.playbook.forget_model()
        if self.cache is not None:
            self.cache.forget()

    # Default priority: only records which anchors the page holds.
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # Block anchors live in stashed HTML that MkDocs' anchor check cannot see.
        if self.options.enabled and page.present_anchor_ids is not None:
            page.present_anchor_ids.update(self._page_anchors)
        return None

    # Just before Material's search (default priority) reads the page.
    @event_priority(1)
    def _before_search(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Search reads the page without the parts it would skip."""
        if self.options.enabled and self._mark_skipped and page.content:
            self._whole = (page, page.content)
            page.content = without_skipped(page.content)
        return None

    # Just after Material's search: the page whole again for the theme.
    @event_priority(-1)
    def _after_search(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        whole, self._whole = self._whole, None
        if whole is not None and whole[0] is page:
            page.content = unmarked(whole[1])
        return None

    on_page_context = CombinedEvent(_before_search, _after_search)

    # Default priority: before Material's privacy plugin (-50) reads the page's
    # scripts, so it sees ours too.
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """``mermaid_js`` on the pages that have a diagram, wherever they are;
        no mark of a skipped part left (one another plugin's conversion made)."""
        if not self.options.enabled:
            return None
        output = unmarked(output)
        mermaid = self.mermaid
        if mermaid is None or mermaid.every_page:
            return output
        if not has_diagram(page.content or "") or "</body>" not in output:
            return output
        head, _, tail = output.rpartition("</body>")
        return f"{head}{mermaid.tag(page.url)}\n</body>{tail}"

    # Default priority: only saves the block cache and logs what it did.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.options.enabled:
            return
        self._finish_cache()
        # Errors fail the build (warnings only --strict). `mkdocs serve` keeps
        # serving: the page shows each broken block's errors in its place.
        if self._errors and not self._serving:
            raise PluginError(failure_summary(self._errors, self.playbook.locale))

    # Default priority: only saves the block cache.
    def on_build_error(self, *, error: Exception) -> None:
        """Results read before the error are still good: save them."""
        if self.options.enabled:
            self._finish_cache()

    def _finish_cache(self) -> None:
        cache = self.cache
        if cache is None:
            return
        cache.finish()
        for note in cache.notes:
            log.debug(f"block cache: {note}")
        log.debug(
            f"journey blocks: {cache.read} read, {cache.reused + cache.from_disk} reused"
            + (f" ({cache.from_disk} of them from {self.options.cache_dir})"
               if cache.disk_was_used else "")
        )

    # -- callbacks from the Markdown extension --------------------------------
    def _report(self, diagnostic: Diagnostic) -> None:
        text = diagnostic.reported
        if text not in self._reported:  # one block read twice must not warn twice
            self._reported.add(text)
            if diagnostic.is_error:
                self._errors.append(diagnostic)
            if text not in self._reported_before:
                if diagnostic.severity is Severity.INFO:
                    log.info(text)  # advice: fails nothing, not even --strict
                elif diagnostic.is_error:
                    log.error(text)  # shown even by `mkdocs build -q`, which the build fails
                else:
                    log.warning(text)

    def _report_playbook(self, diagnostic: Diagnostic) -> None:
        """What the playbook's files report (a file of the site in a playbook
        page's place, a link to no file), with the site's rules."""
        self._report_found(diagnostic)

    def _report_found(self, diagnostic: Diagnostic) -> None:
        """A finding the plugin itself makes, with the site's rules (those of
        the pipeline's reading have them already)."""
        found = self.pipeline.rules.apply([diagnostic]) if self.pipeline else [diagnostic]
        for finding in found:
            self._report(finding)

    def _record_journey(self, result: BlockResult) -> None:
        if result.journey_id is not None:
            self._page_anchors.append(anchor(result.journey_id))

    def _unread_journey(self, result: BlockResult) -> None:
        """A journey drawn on a page whose file (as the site reading read it,
        includes in place) does not hold it: it is missing from the playbook."""
        journey = result.journey
        if journey is None or not journey.in_playbook or not self.options.playbook:
            return
        self._report_found(Diagnostic(
            Severity.WARNING,
            text_in(self.playbook.locale, "build.not-in-playbook", journey=journey.id),
            journey.file, journey.line, rule="not-in-playbook",
        ))


__all__ = ["CustflowPlugin"]
