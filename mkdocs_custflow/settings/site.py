"""The pipeline's settings, made in one place from the options and the site.

Every face (the plugin, the extension used alone, the ``custflow`` command
and ``custflow diff`` at a git revision) calls :func:`settings_for` with the
options it read and what the site says beside them, so no face can forget or
default an option its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs_custflow.diagnostics import shown_path
from mkdocs_custflow.measured.sources import MeasureOptions
from mkdocs_custflow.pipeline import Settings
from mkdocs_custflow.rules import RuleOptions
from mkdocs_custflow.settings.options import Options


@dataclass(frozen=True)
class SiteFacts:
    """What a site's configuration says beside the custflow options."""

    folder: Path
    """The folder of the config file: relative paths start there, and
    messages name files relative to it."""
    config_file: Path | None = None
    config_text: str = ""
    """The config file's text, to name the line of each rule in ``rules:``."""
    theme_language: str | None = None
    build_language: str | None = None
    """The language of the build being made (mkdocs-static-i18n builds once
    per language): it decides the words over every other setting."""
    snippets: str | None = None
    """pymdownx.snippets' options (JSON) when the site uses that extension."""


def settings_for(options: Options, site: SiteFacts, *, playbook: bool | None = None) -> Settings:
    """The pipeline settings of these options on this site. ``playbook``
    replaces the option where a command needs the playbook made or not."""
    folder = site.folder

    def absolute(path: str) -> str:
        return str((folder / path).resolve())

    if site.config_file is not None:
        rules_file = shown_path(site.config_file, folder)
        rules = RuleOptions.read(options.rules, rules_file, site.config_text)
    else:
        rules = RuleOptions.read(options.rules, "custflow options")
    return Settings(
        locale=site.build_language or options.locale or site.theme_language or "en",
        catalog=absolute(options.catalog) if options.catalog else None,
        templates=tuple(absolute(t) for t in options.templates),
        max_block_chars=options.max_block_chars,
        max_yaml_nodes=options.max_yaml_nodes,
        max_expanded_chars=options.max_expanded_chars,
        max_playbook_pages=options.max_playbook_pages,
        playbook=options.playbook if playbook is None else playbook,
        fence=options.fence,
        snippets=site.snippets,
        rules=rules,
        measures=MeasureOptions(options.measures, options.stale_after),
        base=str(folder),
    )
