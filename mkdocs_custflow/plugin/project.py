"""The pipeline settings of the plugin's options on the site MkDocs loaded."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from mkdocs_custflow.pipeline import Settings
from mkdocs_custflow.plugin.languages import language_build
from mkdocs_custflow.reading.includes import snippets_options
from mkdocs_custflow.settings.options import Options
from mkdocs_custflow.settings.site import SiteFacts, settings_for


def site_facts(config: MkDocsConfig) -> SiteFacts:
    """What the loaded configuration says beside the custflow options. With
    mkdocs-static-i18n, the language of the build being made decides the
    words (each language's build has its own settings)."""
    config_file = Path(config.config_file_path).resolve() if config.config_file_path else None
    folder = config_file.parent if config_file else Path.cwd()
    try:
        text = config_file.read_text(encoding="utf-8-sig") if config_file else ""
    except (OSError, UnicodeDecodeError):
        text = ""
    theme_language = config.theme.get("language") if config.theme else None
    languages = language_build(config)
    return SiteFacts(
        folder=folder, config_file=config_file, config_text=text,
        theme_language=theme_language,
        build_language=languages.language if languages else None,
        snippets=snippets_options(config.markdown_extensions, config.mdx_configs),
    )


def settings_from(options: Options, config: MkDocsConfig) -> Settings:
    """The pipeline settings of the plugin's options on this site."""
    return settings_for(options, site_facts(config))
