"""The playbook's generated files and the URLs that point at them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mkdocs_custflow.blocks import JourneyExpander
from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.playbook import build_playbook, gather_journeys
from mkdocs_custflow.playbook_export import JsonMemo, playbook_json
from mkdocs_custflow.playbook_pages import PageMemo, PlaybookLayout, PlaybookPages, record_key
from mkdocs_custflow.plugin.paths import shown_path
from mkdocs_custflow.structure.playbook import JourneyRecord

GENERATOR = "custflow"


class PlaybookFiles:
    """Gathers the site's journeys and adds the playbook pages to ``files``.

    ``generated`` maps each playbook path to the file there: ours, or a user
    page that already stood at that path (it wins, with a warning).
    """

    def __init__(self) -> None:
        self.configure(PlaybookLayout(), "en", None)  # on_config sets each build's
        self.pages: PlaybookPages | None = None
        self.generated: dict[str, File] = {}
        self.signature = ""
        # `mkdocs serve` keeps the plugin, and with it what the last build made:
        # journeys per unchanged page, the pages' Markdown while no journey
        # changed (a block that only moved changes none), else each page whose
        # inputs did not change, and each journey's JSON.
        self._settings_key: str | None = None
        self._gathered: dict[str, tuple[str, list[JourneyRecord]]] = {}
        self._rendered: tuple[tuple[object, ...], dict[str, str]] | None = None
        self._page_memo: PageMemo = {}
        self._json_memo: JsonMemo = {}

    def configure(self, layout: PlaybookLayout, locale: str, page_templates: str | None) -> None:
        """Settings of this build; what earlier builds made is dropped by
        :meth:`add_to` when its ``settings_key`` differs."""
        self.layout = layout
        self.locale = locale
        self.page_templates = Path(page_templates) if page_templates else None

    def add_to(
        self,
        files: Files,
        config: MkDocsConfig,
        expander: JourneyExpander,
        report: Callable[[Diagnostic], None],
        warn: Callable[[str], None],
        *,
        in_own_section: bool = False,
        settings_key: str = "",
    ) -> None:
        """``in_own_section``: the pages get a nav section of their own, so
        MkDocs need not report them as missing from an explicit ``nav``.
        ``settings_key`` changes whenever the catalog, templates or options do."""
        if settings_key != self._settings_key:
            self._settings_key, self._gathered, self._rendered = settings_key, {}, None
            self._page_memo = {}
        records = self._gather(files, config, expander)
        playbook, findings = build_playbook(records, expander.catalog)
        for finding in findings:
            report(finding)
        pages = PlaybookPages(playbook, self.layout, self.locale, self.page_templates)
        content_key = tuple(map(record_key, records))
        if self._rendered is not None and self._rendered[0] == content_key:
            contents = self._rendered[1]
        else:
            contents = pages.render_all(self._page_memo)
            self._rendered = (content_key, contents)
        export_json = playbook_json(playbook, self._json_memo)
        self.pages = pages
        self.generated = {}
        for path, (kind, subject) in pages.paths().items():
            existing = files.get_file_from_path(path)
            if existing is not None and existing.generated_by != GENERATOR:
                warn(
                    f"{shown_path(existing, config)} is where the playbook page for "
                    f"{kind} '{subject or kind}' would go; your page is kept. Rename it or "
                    "set 'playbook_dir' to move the playbook"
                )
                self.generated[path] = existing
                continue
            file = File.generated(config, path, content=contents[path])
            file.generated_by = GENERATOR
            if in_own_section:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
            self.generated[path] = file
        self.signature = hashlib.sha256(
            "\n".join(f"{path} {file.url}" for path, file in sorted(self.generated.items()))
            .encode()
        ).hexdigest()
        export = File.generated(
            config, f"{self.layout.directory}/playbook.json", content=export_json
        )
        export.generated_by = GENERATOR
        files.append(export)

    def _gather(
        self, files: Files, config: MkDocsConfig, expander: JourneyExpander
    ) -> list[JourneyRecord]:
        """The site's journeys; a page whose text is as last time is not read."""
        gathered = {}
        records: list[JourneyRecord] = []
        for file in files.documentation_pages():
            text = file.content_string
            known = self._gathered.get(file.src_uri)
            if known is not None and known[0] == text:
                page_records = known[1]
            else:
                page_records = gather_journeys(
                    expander, [(file.src_uri, text, shown_path(file, config))]
                )
            gathered[file.src_uri] = (text, page_records)
            records.extend(page_records)
        self._gathered = gathered
        return records

    def url(self, path: str, page: Page) -> str | None:
        """URL of a playbook page relative to ``page`` (None if there is none)."""
        file = self.generated.get(path)
        return get_relative_url(file.url, page.file.url) if file is not None else None

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
