"""The playbook's generated files and the URLs that point at them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mkdocs_custflow.cache import LastValue, files_fingerprint, folder_files
from mkdocs_custflow.collector import collector_paused
from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.messages import Text, say, text_in
from mkdocs_custflow.playbook.export import playbook_json_bytes
from mkdocs_custflow.playbook.layout import PlaybookLayout
from mkdocs_custflow.playbook.links import SiteUrls
from mkdocs_custflow.playbook.model import Playbook
from mkdocs_custflow.playbook.pages import PlaybookPages, record_key
from mkdocs_custflow.plugin.paths import shown_path

GENERATOR = "custflow"


class PlaybookFiles:
    """Adds the playbook pages and ``playbook.json`` to a build's files.

    ``generated`` maps each playbook path to the file at its address: ours,
    or a user's page or file already there (not only at the same source path:
    ``docs/playbook.md`` and ``playbook/index.md`` both make ``playbook/``),
    which is kept while the build reports an error naming both.
    """

    def __init__(self) -> None:
        self.layout = PlaybookLayout()
        self.locale = "en"
        self.page_templates: Path | None = None
        self.pages: PlaybookPages | None = None
        self.generated: dict[str, File] = {}
        self.signature = ""
        # `mkdocs serve` keeps the plugin: while no journey changed or moved
        # (playbook.json records lines), the pages and the JSON are made once.
        self._contents: LastValue[tuple[dict[str, str], bytes, list[tuple[str, str]]]] = (
            LastValue()
        )

    def configure(self, layout: PlaybookLayout, locale: str, page_templates: str | None) -> None:
        """This build's settings; what the last build generated is forgotten
        (`mkdocs serve` keeps this object, and a build may make no playbook)."""
        self.pages, self.generated, self.signature = None, {}, ""
        self.layout = layout
        self.locale = locale
        self.page_templates = Path(page_templates) if page_templates else None

    def forget_model(self) -> None:
        """Drop the playbook's model and the kept page texts (the files keep
        their own): a build that is not followed by another needs them no more."""
        self.pages = None
        self._contents = LastValue()

    def add_to(
        self,
        files: Files,
        config: MkDocsConfig,
        playbook: Playbook,
        report: Callable[[Diagnostic], None],
        *,
        in_own_section: bool = False,
        settings_key: str = "",
    ) -> None:
        """``in_own_section``: the pages get a nav section of their own, so
        MkDocs need not report them as missing from an explicit ``nav``.
        ``settings_key`` changes whenever the catalog, templates or options do."""
        self.generated = {}
        taken = {file.dest_uri: file for file in files if file.generated_by != GENERATOR}
        # The files first: the pages link by the URLs MkDocs gives them.
        urls = {file.src_uri: file.url for file in files}
        pages = PlaybookPages(playbook, self.layout, self.locale, self.page_templates)
        ours: dict[str, File] = {}
        for path, (kind, subject) in pages.paths().items():
            file = File.generated(config, path, content="")
            theirs = self._collides(file, taken, config, report,
                                    say("part.page-for", kind=kind, subject=subject or kind))
            if theirs is not None:
                self.generated[path] = theirs  # links to this page lead to theirs
                urls[path] = theirs.url
                continue
            file.generated_by = GENERATOR
            if in_own_section:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
            self.generated[path] = ours[path] = file
            urls[path] = file.url
        pages.urls = SiteUrls(urls)
        key = (
            settings_key, self.layout, self.locale,
            files_fingerprint([], folder_files([self.page_templates]), Path("/")),
            tuple((*record_key(r), r.journey.file, r.journey.line) for r in playbook.journeys),
            tuple(sorted(urls.items())),
        )
        with collector_paused():  # many objects, no garbage
            contents, export_json, broken = self._contents.get(
                # The JSON is kept as UTF-8 bytes, as written: a str of a site with CJK
                # text would take two or four bytes per character for the whole file.
                key, lambda: (pages.render_all(), playbook_json_bytes(playbook),
                              list(pages.urls.broken))
            )
        for path, file in ours.items():
            file.content_string = contents[path]
        for page, target in broken:
            report(Diagnostic(
                Severity.WARNING,
                text_in(self.locale, "build.broken-link", page=page, target=target),
                page, rule="broken-link",
            ))
        self.pages = pages
        self.signature = "\n".join(
            f"{path} {file.url}" for path, file in sorted(self.generated.items())
        )
        export = File.generated(
            config, f"{self.layout.directory}/playbook.json", content=export_json
        )
        if self._collides(export, taken, config, report, say("part.playbook-data")) is None:
            export.generated_by = GENERATOR
            files.append(export)

    def _collides(
        self,
        file: File,
        taken: dict[str, File],
        config: MkDocsConfig,
        report: Callable[[Diagnostic], None],
        what: Text,
    ) -> File | None:
        """The user's file that already makes ``file``'s address (reported), if any."""
        theirs = taken.get(file.dest_uri)
        if theirs is None:
            return None
        report(Diagnostic(
            Severity.ERROR,
            text_in(self.locale, "build.collision", uri=file.dest_uri, what=what,
                    source=file.src_uri),
            shown_path(theirs, config), rule="playbook-collision",
        ))
        return theirs

    def url(self, path: str, page: str) -> str | None:
        """URL of a playbook page relative to the page at URL ``page`` (None if
        there is none)."""
        file = self.generated.get(path)
        return get_relative_url(file.url, page) if file is not None else None

    def own_pages(self) -> list[tuple[Page, str]]:
        """Our generated pages with their short navigation titles."""
        if self.pages is None:
            return []
        found = []
        for path, (kind, subject) in self.pages.paths().items():
            file = self.generated.get(path)
            if file is not None and file.page is not None and file.generated_by == GENERATOR:
                found.append((file.page, self.pages.title(kind, subject)))
        return found
