"""Read the custflow options of an mkdocs.yml without building, for the CLI."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from mkdocs_custflow.blocks import DEFAULT_MAX_BLOCK_CHARS
from mkdocs_custflow.located_yaml import YamlLimits


@dataclass
class ProjectOptions:
    """The options the CLI shares with the build, with the plugin's defaults."""

    catalog: str | None = None
    locale: str | None = None
    max_block_chars: int = DEFAULT_MAX_BLOCK_CHARS
    max_yaml_nodes: int = YamlLimits.max_nodes
    templates: list[str] = field(default_factory=list)


def read_project_options(config_file: Path) -> ProjectOptions:
    """The plugin's options as MkDocs would validate them (paths made absolute)."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # no build chatter in CLI output
    try:
        config = load_config(config_file=str(config_file))
    except ConfigurationError as exc:
        raise SystemExit(f"{config_file}: {exc}") from None
    plugin = config.plugins.get("custflow")
    if plugin is None:
        return ProjectOptions(locale=config.theme.get("language"))
    options = plugin.config  # type: ignore[attr-defined]
    return ProjectOptions(
        catalog=options.catalog,
        locale=options.locale or config.theme.get("language"),
        max_block_chars=options.max_block_chars,
        max_yaml_nodes=options.max_yaml_nodes,
        templates=list(options.templates),
    )
