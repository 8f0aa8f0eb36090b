"""The Python-Markdown extension: the blocks work wherever Markdown runs.

MkDocs' plugin only wires this extension in; Zensical and plain
Python-Markdown load it directly (``markdown_extensions: [custflow]``).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.hosts import HostPage, host_page, ignored_plugin_note
from mkdocs_custflow.measured.sources import MeasureOptionError, read_sources
from mkdocs_custflow.measured_alone import (
    data_findings_alone,
    journey_data_alone,
    measured_alone_note,
)
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.pipeline import BlockResult, Pipeline, Settings
from mkdocs_custflow.playbook.layout import PlaybookLayout
from mkdocs_custflow.playbook.links import page_url, relative_url
from mkdocs_custflow.reading.fences import Fence, find_journey_fences
from mkdocs_custflow.reading.includes import Locate
from mkdocs_custflow.renderers.options import RenderOptions, SiteLinks
from mkdocs_custflow.search_skip import marked
from mkdocs_custflow.settings.options import OPTIONS, Host, OptionError, read_options
from mkdocs_custflow.settings.site import SiteFacts, settings_for

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
    pipeline: Pipeline | None = None
    """The page's own pipeline when it differs from the extension's (a page
    in another language than its build, on a multi-language site)."""
    locate: Locate | None = None
    """Where each block of the page was found when the site was read (the
    file and line it is written at); it answers None for a block the site
    reading never saw (put on the page by another plugin)."""
    raw_lines: list[str] | None = None
    """The Markdown's lines as written, before Python-Markdown turned tabs into
    spaces, when it has a tab: a YAML error a tab causes is said as the tab's."""
    mark_skipped: bool = False
    """Whether to mark the parts search skips (:mod:`mkdocs_custflow.search_skip`):
    the plugin keeps them out of Material's search parser."""


def _log_diagnostic(diagnostic: Diagnostic) -> None:
    if diagnostic.severity is Severity.INFO:
        log.info(diagnostic.reported)  # advice: fails nothing
    elif diagnostic.is_error:
        log.error(diagnostic.reported)
    else:
        log.warning(diagnostic.reported)


class JourneyPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: JourneyExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        ext = self.extension
        fences = find_journey_fences(lines, ext.pipeline.settings.fence)
        if ext.standalone:
            ext.check_fence_is_ours(self.md)
            ext.attach_host(self.md, lines if fences else None)
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

    The MkDocs plugin passes its collaborators: the ``pipeline`` that reads
    and renders blocks, ``on_diagnostic`` for findings, ``on_journey`` for
    each journey read, and ``page`` (a callable giving the page being
    converted), and ``on_unread`` for a block its page's ``locate`` does not
    know. Used alone (``markdown_extensions: [custflow]``), the
    extension builds its pipeline from the options below, with the plugin's
    defaults, and logs findings.
    """

    def __init__(
        self,
        pipeline: Pipeline | None = None,
        *,
        on_diagnostic: Callable[[Diagnostic], None] | None = None,
        on_journey: Callable[[BlockResult], None] | None = None,
        on_unread: Callable[[BlockResult], None] | None = None,
        page: Callable[[], PageContext] | None = None,
        **kwargs: object,
    ) -> None:
        # Python-Markdown reads a None default as a yes/no option: "" stands for none.
        self.config = {
            spec.name: ["" if spec.default is None else spec.default, spec.doc]
            for spec in OPTIONS if Host.EXTENSION in spec.hosts
        }
        super().__init__(**kwargs)
        self.on_diagnostic = on_diagnostic or _log_diagnostic
        self.on_journey = on_journey
        self.on_unread = on_unread
        self._page = page or PageContext
        self.standalone = pipeline is None
        if pipeline is None:
            settings = self._settings()
            pipeline, new = _standalone_pipeline(settings, settings.fingerprint())
            if new or on_diagnostic is not None:  # catalog findings once, not per page
                for finding in [*pipeline.rules.findings, *pipeline.catalog_findings,
                                *data_findings_alone(pipeline)]:
                    self.on_diagnostic(finding)
                if pipeline.measured is not None:
                    log.info(f"custflow: {measured_alone_note(settings.locale)}")
        self.pipeline = pipeline

    def _settings(self) -> Settings:
        """The pipeline settings of the options, as every face makes them:
        paths as given (relative to the folder the host runs in)."""
        values = dict(self.getConfigs())
        if isinstance(values.get("templates"), str):
            values["templates"] = [values["templates"]]
        values = {name: None if value == "" else value for name, value in values.items()}
        measures = values.pop("measures", None)
        try:
            options = read_options(values, host=Host.EXTENSION, where="custflow options")
            # Data files stay inside the project: here, the folder the host runs in.
            options = dataclasses.replace(options, measures=read_sources(
                measures, Path.cwd(), "custflow options"))
        except (OptionError, MeasureOptionError) as exc:
            raise ValueError(str(exc)) from None
        return settings_for(options, SiteFacts(folder=Path.cwd()))

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(
            JourneyPreprocessor(md, self), "custflow_journey", PREPROCESSOR_PRIORITY
        )

    def check_fence_is_ours(self, md: Markdown) -> None:
        """Used alone, say once when a superfences fence of the same name
        would never run (with the plugin, the plugin says it)."""
        fence = self.pipeline.settings.fence
        if fence in _FENCES_CHECKED:
            return
        _FENCES_CHECKED.add(fence)
        custom = []
        for extension in md.registeredExtensions:
            if type(extension).__module__ == "pymdownx.superfences":
                custom = list(extension.getConfig("custom_fences") or [])
        note = fence_taken_note(custom, fence, self.pipeline.settings.locale)
        if note:
            log.warning(f"custflow: {note}")

    def attach_host(self, md: Markdown, lines: list[str] | None) -> None:
        """Used alone in a host that says which page it converts (Zensical):
        name that page in messages; say once if the host's configuration
        lists the plugin, which such a host never runs."""
        host = host_page(md, "\n".join(lines or []))
        if host is None:
            return
        if host.root not in _HOSTS_NOTED:
            _HOSTS_NOTED.add(host.root)
            note = ignored_plugin_note(host.root)
            if note:
                log.warning(f"custflow: {note}")
        if lines is not None:
            context = PageContext(file=host.file, line_offset=host.line_offset,
                                  options=self._playbook_links(host))
            self._page = lambda: context

    def _playbook_links(self, host: HostPage) -> RenderOptions | None:
        """Links from the page's diagrams and tables to the pages `custflow
        playbook` writes into ``playbook_dir`` (every stage, touchpoint and role
        of the site gets one). The host resolves links in HTML from the Markdown
        file, as it does Markdown links; a diagram's links it leaves alone, so
        those are URLs from the page's own URL. Only where that folder
        exists: a site that never wrote the pages gets no links to nothing."""
        folder = str(self.getConfig("playbook_dir") or "").strip("/")
        if not folder or not host.path or not (host.docs / folder).is_dir():
            return None
        return RenderOptions(locale=self.pipeline.settings.locale, page=host.path,
                             links=WrittenPlaybookLinks(PlaybookLayout(folder),
                                                        host.directory_urls))

    def expand_fence(self, fence: Fence) -> str:
        page = self._page()
        pipeline = page.pipeline or self.pipeline
        place = page.locate(fence) if page.locate is not None else None
        file, offset = place or (page.file, page.line_offset)
        result = pipeline.read_fence(fence, file, offset, page.raw_lines)
        for diagnostic in result.diagnostics:
            self.on_diagnostic(diagnostic)
        if self.standalone and result.journey is not None:
            for diagnostic in journey_data_alone(pipeline, result.journey):
                self.on_diagnostic(diagnostic)
        if self.on_journey is not None and result.ok:
            self.on_journey(result)
        if place is None and page.locate is not None and self.on_unread is not None:
            self.on_unread(result)
        if not page.mark_skipped:
            return pipeline.render(result, page.options)
        return "\n".join(
            marked(html) if html and not indexed else html
            for html, indexed in pipeline.render_parts(result, page.options)
        )


class WrittenPlaybookLinks(SiteLinks):
    """Links to the pages ``custflow playbook`` wrote, for a host that
    resolves links in HTML from the Markdown file (``page``: its path in the
    docs folder) and leaves a diagram's links alone (those go from the page's
    own URL). Equal by the folder and the URL style."""

    def __init__(self, layout: PlaybookLayout, directory_urls: bool) -> None:
        self.layout, self.directory_urls = layout, directory_urls
        self.signature = f"{layout.directory}\n{directory_urls}"
        self._in_diagrams: dict[tuple[str, str], str] = {}

    def _link(self, path: str, page: str) -> str:
        target = page_url(path, self.directory_urls)
        link = relative_url(target, page)
        self._in_diagrams[(page, link)] = relative_url(
            target, page_url(page, self.directory_urls))
        return link

    def stage(self, stage_id: str, page: str) -> str | None:
        return self._link(self.layout.stage(stage_id), page)

    def actor(self, actor_id: str, page: str) -> str | None:
        return self._link(self.layout.role(actor_id), page)

    def touchpoint(self, touchpoint_id: str, page: str) -> str | None:
        return self._link(self.layout.touchpoint(touchpoint_id), page)

    def system(self, system_id: str, page: str) -> str | None:
        return self._link(self.layout.system(system_id), page)

    def data(self, data_id: str, page: str) -> str | None:
        return self._link(self.layout.data(data_id), page)

    def in_diagram(self, url: str, page: str) -> str:
        return self._in_diagrams.get((page, url), url)

    # Other journeys' blocks: only the plugin knows where they are (none here).


_PIPELINES: dict[tuple[Settings, str], Pipeline] = {}
_FENCES_CHECKED: set[str] = set()
_HOSTS_NOTED: set[Path] = set()


def fence_taken_note(
    custom_fences: Iterable[object], fence: str, locale: str = "en"
) -> str | None:
    """What to change when one of pymdownx.superfences' ``custom_fences`` has
    the journey blocks' fence name: ours runs first, so theirs never would."""
    names = [f.get("name") for f in custom_fences if isinstance(f, dict)]
    if fence not in names:
        return None
    return text_in(locale, "build.fence-taken", fence=fence)


def _standalone_pipeline(settings: Settings, fingerprint: str) -> tuple[Pipeline, bool]:
    """The pipeline for these settings and files, and whether it is new. A host
    such as MkDocs makes an extension per page: the catalog and templates are
    read once, and again only when their files change (the fingerprint)."""
    key = (settings, fingerprint)
    if key in _PIPELINES:
        return _PIPELINES[key], False
    if len(_PIPELINES) >= 8:
        _PIPELINES.clear()
    _PIPELINES[key] = Pipeline(settings)
    return _PIPELINES[key], True


def makeExtension(**kwargs: object) -> JourneyExtension:
    """The extension used alone: its pipeline built from these options."""
    return JourneyExtension(None, **kwargs)  # type: ignore[arg-type]
