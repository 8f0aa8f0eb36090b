"""Checks and derived settings for ``on_config``, kept out of the event handlers."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from mkdocs_custflow.diagnostics import did_you_mean
from mkdocs_custflow.plugin.config import CustflowConfig

MERMAID_SITE_PATH = "assets/javascripts/custflow/mermaid.min.js"
ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
SITE_ASSETS = {"assets/custflow/custflow.css": "custflow.css",
               "assets/custflow/custflow.js": "custflow.js"}


def add_assets(config: MkDocsConfig) -> None:
    """The package's own style and script on every page: diagrams readable at
    any width, team colours, tables. Nothing is asked of the site's CSS."""
    for site_path in SITE_ASSETS:
        target = config.extra_css if site_path.endswith(".css") else config.extra_javascript
        if site_path not in target:
            target.append(site_path)  # type: ignore[arg-type]


def check_options(options: CustflowConfig) -> None:
    """Unknown options are errors with a suggestion, not easily missed warnings."""
    known = {name for name, _option in CustflowConfig._schema}
    for key in options:
        if key not in known:
            raise PluginError(
                f"custflow: unknown option '{key}'{did_you_mean(key, known)}; "
                f"options are {', '.join(sorted(known))}"
            )


def check_playbook_dir(directory: str) -> str:
    cleaned = directory.strip("/")
    if not cleaned or ".." in cleaned.split("/") or Path(cleaned).is_absolute():
        raise PluginError(
            f"custflow: 'playbook_dir: {directory}' must be a folder inside the site, "
            "such as 'playbook'"
        )
    return cleaned


def local_mermaid(options: CustflowConfig, config: MkDocsConfig) -> Path | None:
    """Add the ``mermaid_js`` script to the pages; the file to copy, if local."""
    source = options.mermaid_js
    if not source:
        return None
    if "://" in source or source.startswith("//"):
        config.extra_javascript.append(source)
        return None
    path = Path(config.config_file_path or ".").parent / source
    if not path.is_file():
        raise PluginError(
            f"custflow: 'mermaid_js: {source}' is not a file; download Mermaid 11's "
            "dist/mermaid.min.js (npm package 'mermaid') to that path, or give a URL"
        )
    config.extra_javascript.append(MERMAID_SITE_PATH)
    return path


def missing_mermaid_note(options: CustflowConfig, config: MkDocsConfig) -> str | None:
    """What to change when nothing on the pages will load Mermaid."""
    theme = config.theme.name if config.theme else None
    loads_mermaid = any("mermaid" in str(script) for script in config.extra_javascript)
    if options.mermaid_js or theme == "material" or loads_mermaid:
        return None
    return (
        f"theme '{theme}' does not load Mermaid, so journey diagrams show as text; "
        "set the custflow option 'mermaid_js' (a local mermaid.min.js or a URL) or "
        "use theme 'material'"
    )
