"""Settings from a project's mkdocs.yml, as the plugin would take them: for
the ``custflow`` command, which reports what the build would."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import get_files

from mkdocs_custflow.diagnostics import shown_path
from mkdocs_custflow.pipeline import Settings
from mkdocs_custflow.plugin.config import CustflowConfig
from mkdocs_custflow.plugin.languages import language_build
from mkdocs_custflow.reading.includes import snippets_options
from mkdocs_custflow.rules import RuleOptions


@dataclass(frozen=True)
class Project:
    """A project's settings, and where its docs folder is."""

    settings: Settings
    docs_dir: str
    enabled: bool = True
    pages: tuple[tuple[str, str], ...] = ()
    """``(path in docs, file)`` of each page the build reads: MkDocs' own list,
    so ``exclude_docs`` and the Markdown suffixes are those of the build."""
    playbook_dir: str = "playbook"
    page_templates: str | None = None
    directory_urls: bool = True


def settings_from(options: CustflowConfig, config: MkDocsConfig) -> Settings:
    """The pipeline settings of the plugin's options (the one place they map).
    With mkdocs-static-i18n, the language of the build being made decides the
    words (each language's build has its own settings)."""
    theme_language = config.theme.get("language") if config.theme else None
    languages = language_build(config)
    base = Path(config.config_file_path or ".").resolve().parent
    return Settings(
        locale=languages.language if languages else (options.locale or theme_language or "en"),
        catalog=options.catalog,
        templates=tuple(options.templates),
        max_block_chars=options.max_block_chars,
        max_yaml_nodes=options.max_yaml_nodes,
        max_expanded_chars=options.max_expanded_chars,
        max_playbook_pages=options.max_playbook_pages,
        playbook=options.playbook,
        fence=options.fence,
        snippets=snippets_options(config.markdown_extensions, config.mdx_configs),
        rules=rule_options(options.rules, config.config_file_path, base),
        base=str(base),
    )


def rule_options(value: object, config_file: str | None, base: Path) -> RuleOptions:
    """The ``rules:`` option, with the lines of mkdocs.yml it was written on."""
    if not value or not config_file:
        return RuleOptions.read(value, "mkdocs.yml")
    path = Path(config_file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    return RuleOptions.read(value, shown_path(path, base), text)


def read_project(config_file: Path) -> Project:
    """The settings the build would use for this mkdocs.yml (paths absolute)."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # no build chatter in CLI output
    try:
        config = load_config(config_file=str(config_file))
    except ConfigurationError as exc:
        raise SystemExit(f"{config_file}: {exc}") from None
    pages = tuple(
        (file.src_uri, file.abs_src_path)
        for file in get_files(config).documentation_pages()
        if file.abs_src_path
    )
    plugin = config.plugins.get("custflow")
    if plugin is None:
        theme_language = config.theme.get("language") if config.theme else None
        base = str(config_file.resolve().parent)
        settings = Settings(locale=theme_language or "en", base=base)
        return Project(settings, config.docs_dir, False, pages,
                       directory_urls=config.use_directory_urls)
    options = plugin.config  # type: ignore[attr-defined]
    return Project(
        settings_from(options, config), config.docs_dir, bool(options.enabled), pages,
        playbook_dir=options.playbook_dir, page_templates=options.page_templates,
        directory_urls=config.use_directory_urls,
    )
