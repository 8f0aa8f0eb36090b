"""Event handlers that wire the Markdown extension into an MkDocs build.

Every handler returns early when the plugin is disabled. Priorities are set
only where the order against other plugins matters, with the reason beside it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from mkdocs_custflow.blocks import BlockResult, JourneyExpander
from mkdocs_custflow.catalog_file import load_catalog
from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.extension import JourneyExtension, PageContext
from mkdocs_custflow.i18n import normalize_locale
from mkdocs_custflow.located_yaml import YamlLimits
from mkdocs_custflow.plugin.config import CustflowConfig
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.template_library import TemplateLibrary

log = get_plugin_logger("custflow")


def source_line_offset(source: str, markdown: str) -> int:
    """Lines of ``source`` before ``markdown`` (the front matter MkDocs strips)."""
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n")
    return 0


class CustflowPlugin(BasePlugin[CustflowConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.extension: JourneyExtension | None = None
        self.locale = "en"
        self._reported: set[str] = set()
        self._journey_homes: dict[str, str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        theme_language = config.theme.get("language") if config.theme else None
        self.locale = normalize_locale(self.config.locale or theme_language)
        expander = JourneyExpander(
            locale=self.locale,
            limits=YamlLimits(max_nodes=self.config.max_yaml_nodes),
            max_block_chars=self.config.max_block_chars,
            library=TemplateLibrary([Path(folder) for folder in self.config.templates]),
        )
        if self.config.catalog:
            shown = _relative_to_project(self.config.catalog, config)
            catalog, findings = load_catalog(Path(self.config.catalog), shown)
            errors = [str(f) for f in findings if f.is_error]
            if errors:
                raise PluginError(
                    "custflow: the catalog cannot be used:\n  " + "\n  ".join(errors)
                )
            for finding in findings:
                self._report(finding)
            expander.catalog = catalog
        extension = JourneyExtension(locale=self.locale)
        extension.expander = expander
        extension.on_diagnostic = self._report
        extension.on_journey = self._record_journey
        self.extension = extension
        config.markdown_extensions.append(extension)  # type: ignore[arg-type]
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        # `mkdocs serve` reuses the plugin: each build reports afresh.
        self._reported.clear()
        self._journey_homes.clear()

    # Lowest priority: other plugins may rewrite the Markdown first, and the line
    # offset must be measured against the text that is actually converted.
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: object
    ) -> str | None:
        if not self.config.enabled or self.extension is None:
            return None
        source = page.file.content_string if page.file.abs_src_path else markdown
        self.extension.page = PageContext(
            file=_relative_to_project(page.file.abs_src_path or page.file.src_uri, config),
            line_offset=source_line_offset(source, markdown),
            options=RenderOptions(locale=self.locale),
        )
        return None

    def _report(self, diagnostic: Diagnostic) -> None:
        text = str(diagnostic)
        if text not in self._reported:  # one block read twice must not warn twice
            self._reported.add(text)
            log.warning(text)

    def _record_journey(self, result: BlockResult) -> None:
        journey = result.journey
        if journey is None:
            return
        here = f"{journey.file}:{journey.line}"
        first = self._journey_homes.setdefault(journey.id, here)
        if first != here:
            log.warning(
                f"{here}: journey id '{journey.id}' is already used at {first}; "
                "give this block its own 'id'"
            )


def _relative_to_project(path: str, config: MkDocsConfig) -> str:
    """``docs/page.md`` style paths, relative to the folder of mkdocs.yml."""
    project = Path(config.config_file_path or ".").resolve().parent
    try:
        return Path(path).resolve().relative_to(project).as_posix()
    except ValueError:
        return Path(path).as_posix()
