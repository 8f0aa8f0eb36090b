"""Event handlers that wire the core into an MkDocs build; nothing else.

Every handler returns early when the plugin is disabled. The work itself
lives in the core (reading, rendering, the playbook) and in the helpers beside
this module (``setup``, ``playbook_files``, ``navigation``, ``paths``).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mkdocs_custflow.block_store import STORE_FILE, BlockStore
from mkdocs_custflow.blocks import BlockResult, JourneyExpander
from mkdocs_custflow.catalog_file import load_catalog
from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.extension import JourneyExtension, PageContext
from mkdocs_custflow.i18n import normalize_locale
from mkdocs_custflow.located_yaml import YamlLimits
from mkdocs_custflow.playbook_pages import PlaybookLayout
from mkdocs_custflow.plugin.config import CustflowConfig
from mkdocs_custflow.plugin.navigation import add_playbook_section, safe_title
from mkdocs_custflow.plugin.paths import relative_to_project, shown_path, source_line_offset
from mkdocs_custflow.plugin.playbook_files import GENERATOR, PlaybookFiles
from mkdocs_custflow.plugin.setup import (
    MERMAID_SITE_PATH,
    cache_fingerprint,
    check_options,
    check_playbook_dir,
    local_mermaid,
    missing_mermaid_note,
)
from mkdocs_custflow.renderers.html import anchor
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.template_library import TemplateLibrary

log = get_plugin_logger("custflow")


class CustflowPlugin(BasePlugin[CustflowConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.extension: JourneyExtension | None = None
        self.expander: JourneyExpander | None = None
        self.locale = "en"
        self.playbook = PlaybookFiles()
        self.mermaid_file: Path | None = None
        self._serving = False
        self._reported: set[str] = set()
        self._reported_before: set[str] = set()
        self._journey_homes: dict[str, str] = {}
        self._page_anchors: list[str] = []
        # Survives `mkdocs serve` rebuilds (the plugin persists, see on_startup).
        self._block_cache: dict = {}  # type: ignore[type-arg]
        self._cache_fingerprint = ""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this plugin between `mkdocs serve` rebuilds,
        and with it the cache of blocks whose text did not change."""
        self._serving = command == "serve"

    # Default priority: it only adds our Markdown extension and a script, which
    # no other plugin's configuration depends on.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        check_options(self.config)
        theme_language = config.theme.get("language") if config.theme else None
        self.locale = normalize_locale(self.config.locale or theme_language)
        layout = PlaybookLayout(check_playbook_dir(self.config.playbook_dir))
        # The same object across `mkdocs serve` rebuilds, for what it keeps.
        self.playbook.configure(layout, self.locale, self.config.page_templates)
        expander = JourneyExpander(
            locale=self.locale,
            limits=YamlLimits(max_nodes=self.config.max_yaml_nodes),
            max_block_chars=self.config.max_block_chars,
            library=TemplateLibrary([Path(folder) for folder in self.config.templates]),
        )
        project = Path(config.config_file_path or ".").resolve().parent
        fingerprint = cache_fingerprint(self.config, self.locale, project)
        if fingerprint != self._cache_fingerprint:  # catalog, templates or options changed
            self._block_cache = {}
            self._cache_fingerprint = fingerprint
        expander.cache = self._block_cache
        if self.config.cache:
            expander.store = BlockStore(project / self.config.cache_dir / STORE_FILE, fingerprint)
        # Blocks are read twice when the playbook gathers them, and again on each
        # `mkdocs serve` rebuild; otherwise once, and keeping them costs memory.
        expander.keep_results = self._serving or self.config.playbook
        if self.config.catalog:
            shown = relative_to_project(self.config.catalog, config)
            catalog, findings = load_catalog(Path(self.config.catalog), shown)
            errors = [str(f) for f in findings if f.is_error]
            if errors:
                raise PluginError("custflow: the catalog cannot be used:\n  " + "\n  ".join(errors))
            for finding in findings:
                self._report(finding)
            expander.catalog = catalog
        self.expander = expander
        extension = JourneyExtension(locale=self.locale)
        extension.expander = expander
        extension.on_diagnostic = self._report
        extension.on_journey = self._record_journey
        self.extension = extension
        config.markdown_extensions.append(extension)  # type: ignore[arg-type]
        self.mermaid_file = local_mermaid(self.config, config)
        note = missing_mermaid_note(self.config, config)
        if note:
            log.warning(note)
        return config

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        """Rebuild when the catalog or a template changes, not only the docs."""
        if self.config.enabled:
            for path in (self.config.catalog, *self.config.templates, self.config.page_templates):
                if path:
                    server.watch(path)
        return server

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        # `mkdocs serve` keeps the plugin: a finding already shown by the last
        # rebuild is not shown again; a new or returning one is.
        self._reported_before = self._reported if self._serving else set()
        self._reported = set()
        self._journey_homes.clear()

    # Late: plugins that add Markdown pages (gen-files, hooks) run first, so the
    # journeys on their pages are gathered too.
    @event_priority(-50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.expander is None:
            return None
        if self.mermaid_file is not None:
            files.append(
                File.generated(config, MERMAID_SITE_PATH, abs_src_path=str(self.mermaid_file))
            )
        if self.config.playbook:
            self.playbook.add_to(
                files, config, self.expander, self._report, log.warning,
                in_own_section=self.config.nav, settings_key=self._cache_fingerprint,
            )
        return files

    # Late: navigation plugins (literate-nav, awesome-pages) shape the nav
    # first; the Playbook section is then appended to whatever they built.
    @event_priority(-50)
    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        if not self.config.enabled:
            return None
        for page, title in self.playbook.own_pages():
            page.title = safe_title(title)
        if self.config.nav:
            add_playbook_section(nav, self.playbook, self.config.nav_title, self.locale)
        return nav

    # Lowest priority: other plugins may rewrite the Markdown first, and the line
    # offset must be measured against the text that is actually converted.
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.extension is None:
            return None
        source = page.file.content_string if page.file.abs_src_path else markdown
        layout, urls = self.playbook.layout, self.playbook
        self._page_anchors = []
        self.extension.page = PageContext(
            file=shown_path(page.file, config),
            line_offset=source_line_offset(source, markdown),
            options=RenderOptions(
                locale=self.locale,
                stage_url=lambda sid: urls.url(layout.stage(sid), page),
                actor_url=lambda aid: urls.url(layout.role(aid), page),
                touchpoint_url=lambda tid: urls.url(layout.touchpoint(tid), page),
                # Kept when the page is rendered again: by `mkdocs serve`, or by the
                # next build through the block cache on disk.
                cache_key=(
                    f"{page.file.url}\n{self.playbook.signature}"
                    if self._serving or self.config.cache
                    else None
                ),
            ),
        )
        return None

    # Default priority: only records which anchors the page holds.
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # Block anchors live in stashed HTML that MkDocs' anchor check cannot see.
        if self.config.enabled and page.present_anchor_ids is not None:
            page.present_anchor_ids.update(self._page_anchors)
        return None

    # Default priority: only saves the block cache and logs what it saved.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.expander is not None:
            store = self.expander.store
            found = store.found if store is not None else 0
            log.debug(
                f"journey blocks: {self.expander.misses} read, "
                f"{self.expander.hits + found} reused from the cache"
                + (f" ({found} of them from {self.config.cache_dir})" if store else "")
            )
            self._close_store()

    # Default priority: only saves the block cache.
    def on_build_error(self, *, error: Exception) -> None:
        """Results read before the error are still good: save them."""
        if self.config.enabled:
            self._close_store()

    def _close_store(self) -> None:
        if self.expander is not None and self.expander.store is not None:
            self.expander.store.close()

    # -- callbacks from the Markdown extension --------------------------------
    def _report(self, diagnostic: Diagnostic) -> None:
        text = str(diagnostic)
        if text not in self._reported:  # one block read twice must not warn twice
            self._reported.add(text)
            if text not in self._reported_before:
                log.warning(text)

    def _record_journey(self, result: BlockResult) -> None:
        if result.journey_id is None:
            return
        self._page_anchors.append(anchor(result.journey_id))
        here = result.journey_at
        first = self._journey_homes.setdefault(result.journey_id, here)
        if first != here:
            log.warning(
                f"{here}: journey id '{result.journey_id}' is already used at {first}; "
                "give this block its own 'id'"
            )


__all__ = ["GENERATOR", "CustflowPlugin"]
