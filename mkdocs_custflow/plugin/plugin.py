"""Event handlers that wire the core into an MkDocs build.

Every handler returns early when the plugin is disabled. Priorities are set
only where the order against other plugins matters, with the reason beside it.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from contextlib import suppress
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mkdocs_custflow.blocks import BlockResult, JourneyExpander
from mkdocs_custflow.catalog_file import load_catalog
from mkdocs_custflow.diagnostics import Diagnostic, did_you_mean
from mkdocs_custflow.extension import JourneyExtension, PageContext
from mkdocs_custflow.i18n import normalize_locale, words
from mkdocs_custflow.located_yaml import YamlLimits
from mkdocs_custflow.playbook import build_playbook, gather_journeys
from mkdocs_custflow.playbook_export import playbook_json
from mkdocs_custflow.playbook_pages import PlaybookLayout, PlaybookPages
from mkdocs_custflow.plugin.config import CustflowConfig
from mkdocs_custflow.renderers.html import anchor
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.template_library import TemplateLibrary

log = get_plugin_logger("custflow")
MERMAID_SITE_PATH = "assets/javascripts/custflow/mermaid.min.js"


def source_line_offset(source: str, markdown: str) -> int:
    """Lines of ``source`` before ``markdown`` (the front matter MkDocs strips)."""
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n")
    return 0


class CustflowPlugin(BasePlugin[CustflowConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.extension: JourneyExtension | None = None
        self.expander: JourneyExpander | None = None
        self.locale = "en"
        self.layout = PlaybookLayout()
        self.pages: PlaybookPages | None = None
        self.generated: dict[str, File] = {}  # docs path -> file, ours or the user's
        self.files: Files | None = None
        self.mermaid_file: Path | None = None
        self._reported: set[str] = set()
        self._reported_before: set[str] = set()
        self._serving = False
        self._journey_homes: dict[str, str] = {}
        self._page_anchors: list[str] = []
        # Survives `mkdocs serve` rebuilds (the plugin persists, see on_startup).
        self._block_cache: dict = {}  # type: ignore[type-arg]
        self._cache_fingerprint = ""
        self._links_signature = ""

    # -- configuration
    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this plugin between `mkdocs serve` rebuilds,
        and with it the cache of blocks whose text did not change."""
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self._check_options()
        theme_language = config.theme.get("language") if config.theme else None
        self.locale = normalize_locale(self.config.locale or theme_language)
        directory = self.config.playbook_dir.strip("/")
        if not directory or ".." in directory.split("/") or Path(directory).is_absolute():
            raise PluginError(
                f"custflow: 'playbook_dir: {self.config.playbook_dir}' must be a folder "
                "inside the site, such as 'playbook'"
            )
        self.layout = PlaybookLayout(directory)
        expander = JourneyExpander(
            locale=self.locale,
            limits=YamlLimits(max_nodes=self.config.max_yaml_nodes),
            max_block_chars=self.config.max_block_chars,
            library=TemplateLibrary([Path(folder) for folder in self.config.templates]),
        )
        fingerprint = self._fingerprint()
        if fingerprint != self._cache_fingerprint:  # catalog, templates or options changed
            self._block_cache = {}
            self._cache_fingerprint = fingerprint
        expander.cache = self._block_cache
        if self.config.catalog:
            shown = _relative_to_project(self.config.catalog, config)
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
        self._configure_mermaid(config)
        return config

    def _fingerprint(self) -> str:
        """Everything a block's result depends on besides its own text."""
        digest = hashlib.sha256(repr(sorted(self.config.items())).encode())
        digest.update(self.locale.encode())
        sources = [self.config.catalog] if self.config.catalog else []
        for folder in self.config.templates:
            sources.extend(sorted(str(p) for p in Path(folder).glob("*.y*ml")))
        for source in sources:
            digest.update(source.encode())
            with suppress(OSError):
                digest.update(Path(source).read_bytes())
        return digest.hexdigest()

    def _check_options(self) -> None:
        """Unknown options are errors with a suggestion, not easily missed warnings."""
        known = {name for name, _option in CustflowConfig._schema}
        for key in self.config:
            if key not in known:
                raise PluginError(
                    f"custflow: unknown option '{key}'{did_you_mean(key, known)}; "
                    f"options are {', '.join(sorted(known))}"
                )

    def _configure_mermaid(self, config: MkDocsConfig) -> None:
        source = self.config.mermaid_js
        self.mermaid_file = None
        if source:
            if "://" in source or source.startswith("//"):
                config.extra_javascript.append(source)
            else:
                path = Path(config.config_file_path or ".").parent / source
                if not path.is_file():
                    raise PluginError(
                        f"custflow: 'mermaid_js: {source}' is not a file; download Mermaid 11's "
                        "dist/mermaid.min.js (npm package 'mermaid') to that path, or give a URL"
                    )
                self.mermaid_file = path
                config.extra_javascript.append(MERMAID_SITE_PATH)
            return
        theme = config.theme.name if config.theme else None
        loads_mermaid = any("mermaid" in str(script) for script in config.extra_javascript)
        if theme != "material" and not loads_mermaid:
            log.warning(
                f"theme '{theme}' does not load Mermaid, so journey diagrams show as text; "
                "set the custflow option 'mermaid_js' (a local mermaid.min.js or a URL) or "
                "use theme 'material'"
            )

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        """Rebuild when the catalog or a template changes, not only the docs."""
        if not self.config.enabled:
            return server
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

    # -- the playbook ----------------------------------------------------------
    # Late: plugins that add Markdown pages (gen-files, hooks) run first, so the
    # journeys on their pages are gathered too.
    @event_priority(-50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.expander is None:
            return None
        self.files = files
        self.generated = {}
        if self.mermaid_file is not None:
            files.append(
                File.generated(config, MERMAID_SITE_PATH, abs_src_path=str(self.mermaid_file))
            )
        if not self.config.playbook:
            self._links_signature = ""
            return files
        records = gather_journeys(
            self.expander,
            (
                (file.src_uri, file.content_string, _shown_path(file, config))
                for file in files.documentation_pages()
            ),
        )
        playbook, findings = build_playbook(records, self.expander.catalog)
        for finding in findings:
            self._report(finding)
        pages = PlaybookPages(
            playbook,
            self.layout,
            self.locale,
            Path(self.config.page_templates) if self.config.page_templates else None,
        )
        self.pages = pages
        for path, (kind, subject) in pages.paths().items():
            existing = files.get_file_from_path(path)
            if existing is not None and existing.generated_by != "custflow":
                log.warning(
                    f"{_shown_path(existing, config)} is where the playbook page for "
                    f"{kind} '{subject or kind}' would go; your page is kept. Rename it or "
                    "set 'playbook_dir' to move the playbook"
                )
                self.generated[path] = existing
                continue
            file = File.generated(config, path, content=pages.render(path, kind, subject))
            file.generated_by = "custflow"
            files.append(file)
            self.generated[path] = file
        self._links_signature = hashlib.sha256(
            "\n".join(f"{path} {file.url}" for path, file in sorted(self.generated.items()))
            .encode()
        ).hexdigest()
        export = File.generated(
            config, f"{self.layout.directory}/playbook.json", content=playbook_json(playbook)
        )
        export.generated_by = "custflow"
        files.append(export)
        return files

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        if not self.config.enabled or self.pages is None:
            return None
        for path, (kind, subject) in self.pages.paths().items():
            file = self.generated.get(path)
            if file is not None and file.page is not None and file.generated_by == "custflow":
                file.page.title = safe_title(self.pages.title(kind, subject))
        if not self.config.nav:
            return None
        ours = {file.src_uri for file in self.generated.values() if file.page is not None}
        nav.items = _without(nav.items, ours)
        nav.pages = [page for page in nav.pages if page.file.src_uri not in ours]
        text = words(self.locale)

        def page(path: str) -> Page | None:
            file = self.generated.get(path)
            if file is None or file.page is None:
                return None
            return file.page

        def group(title: str, kind: str) -> Section | None:
            children = [page(p) for p, (k, _s) in self.pages.paths().items() if k == kind]
            found = [child for child in children if child is not None]
            return Section(title, found) if found else None  # type: ignore[arg-type]

        children = [
            page(self.layout.overview()),
            page(self.layout.raci()),
            group(text["stages"], "stage"),
            group(text["touchpoints"], "touchpoint"),
            group(text["roles"], "role"),
        ]
        section = Section(self.config.nav_title or text["playbook"], [c for c in children if c])
        nav.items.append(section)
        _link_parents(section, None)
        added = list(_pages_in(section))
        nav.pages.extend(added)
        for previous, current in zip([None, *nav.pages[:-1]], nav.pages, strict=True):
            current.previous_page = previous
            if previous is not None:
                previous.next_page = current
        if nav.pages:
            nav.pages[-1].next_page = None
        return nav

    # -- pages -----------------------------------------------------------------
    # Lowest priority: other plugins may rewrite the Markdown first, and the line
    # offset must be measured against the text that is actually converted.
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.extension is None:
            return None
        source = page.file.content_string if page.file.abs_src_path else markdown
        self._page_anchors = []
        self.extension.page = PageContext(
            file=_shown_path(page.file, config),
            line_offset=source_line_offset(source, markdown),
            options=RenderOptions(
                locale=self.locale,
                stage_url=lambda sid: self._url(self.layout.stage(sid), page),
                actor_url=lambda aid: self._url(self.layout.role(aid), page),
                touchpoint_url=lambda tid: self._url(self.layout.touchpoint(tid), page),
                cache_key=f"{page.file.url}\n{self._links_signature}",
            ),
        )
        return None

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # Block anchors live in stashed HTML that MkDocs' anchor check cannot see.
        if self.config.enabled and page.present_anchor_ids is not None:
            page.present_anchor_ids.update(self._page_anchors)
        return None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.expander is not None:
            log.debug(
                f"journey blocks: {self.expander.misses} read, "
                f"{self.expander.hits} reused from the cache"
            )

    def _url(self, path: str, page: Page) -> str | None:
        """URL of a playbook page relative to ``page`` (None if there is none)."""
        file = self.generated.get(path)
        if file is None:
            return None
        return get_relative_url(file.url, page.file.url)

    def _report(self, diagnostic: Diagnostic) -> None:
        text = str(diagnostic)
        if text not in self._reported:  # one block read twice must not warn twice
            self._reported.add(text)
            if text not in self._reported_before:
                log.warning(text)

    def _record_journey(self, result: BlockResult) -> None:
        journey = result.journey
        if journey is None:
            return
        self._page_anchors.append(anchor(journey.id))
        here = f"{journey.file}:{journey.line}"
        first = self._journey_homes.setdefault(journey.id, here)
        if first != here:
            log.warning(
                f"{here}: journey id '{journey.id}' is already used at {first}; "
                "give this block its own 'id'"
            )


def safe_title(name: str) -> str:
    """A page title no theme can turn into markup.

    Material prints nav titles as raw HTML and runs ``<title>`` through
    ``striptags``, which decodes entities: escaping cannot survive both, so
    angle brackets become look-alikes and entity-like ``&`` a full-width one.
    """
    text = name.replace("<", "\u2039").replace(">", "\u203a")
    return re.sub(r"&(?=#?\w+;)", "\uff06", text)


def _without(items: list, src_uris: set[str]) -> list:  # type: ignore[type-arg]
    """Navigation items minus our pages (and sections left empty by that)."""
    kept = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in src_uris:
            continue
        if isinstance(item, Section):
            item.children = _without(item.children, src_uris)
            if not item.children:
                continue
        kept.append(item)
    return kept


def _link_parents(section: Section, parent: Section | None) -> None:
    section.parent = parent
    for child in section.children:
        if isinstance(child, Section):
            _link_parents(child, section)
        else:
            child.parent = section


def _pages_in(section: Section):  # type: ignore[no-untyped-def]
    for child in section.children:
        if isinstance(child, Section):
            yield from _pages_in(child)
        elif isinstance(child, Page):
            yield child


def _shown_path(file: File, config: MkDocsConfig) -> str:
    return _relative_to_project(file.abs_src_path, config) if file.abs_src_path else (
        posixpath.join(Path(config.docs_dir).name, file.src_uri)
    )


def _relative_to_project(path: str, config: MkDocsConfig) -> str:
    """``docs/page.md`` style paths, relative to the folder of mkdocs.yml."""
    project = Path(config.config_file_path or ".").resolve().parent
    try:
        return Path(path).resolve().relative_to(project).as_posix()
    except ValueError:
        return Path(path).as_posix()
