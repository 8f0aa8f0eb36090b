"""Checks and derived settings for ``on_config``, kept out of the event handlers."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from mkdocs_custflow.diagnostics import did_you_mean
from mkdocs_custflow.extension import fence_taken_note
from mkdocs_custflow.safe_text import script_tag
from mkdocs_custflow.settings.options import NAMES, Options

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


def check_options(options: Mapping[str, object]) -> None:
    """Unknown options are errors with a suggestion, not easily missed warnings."""
    known = set(NAMES)
    for key in options:
        if key not in known:
            raise PluginError(
                f"custflow: unknown option '{key}'{did_you_mean(key, known)}; "
                f"options are {', '.join(sorted(known))}"
            )


def check_fence(fence: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", fence):
        raise PluginError(
            f"custflow: 'fence: {fence}' must be one word of letters, digits, '-' and '_', "
            "such as 'customer-journey'"
        )
    return fence


def superfences_conflict(config: MkDocsConfig, fence: str, locale: str = "en") -> str | None:
    """The note when the site's own superfences fence has our fence's name."""
    options = config.mdx_configs.get("pymdownx.superfences") or {}
    return fence_taken_note(options.get("custom_fences") or [], fence, locale)


def check_playbook_dir(directory: str) -> str:
    cleaned = directory.strip("/")
    if not cleaned or ".." in cleaned.split("/") or Path(cleaned).is_absolute():
        raise PluginError(
            f"custflow: 'playbook_dir: {directory}' must be a folder inside the site, "
            "such as 'playbook'"
        )
    return cleaned


@dataclass(frozen=True)
class MermaidScript:
    """Where pages load Mermaid from (``mermaid_js``)."""

    src: str
    """A site path (of the copied file) or a URL."""
    file: Path | None
    """The local file copied into the site, if any."""
    every_page: bool
    """On every page (Material's instant navigation swaps pages without
    loading their scripts), else only on the pages that have a diagram."""

    def tag(self, page_url: str) -> str:
        """The script tag for a page at ``page_url`` (any folder depth)."""
        src = self.src if self.file is None else get_relative_url(self.src, page_url)
        return script_tag(src)


def mermaid_script(options: Options, config: MkDocsConfig) -> MermaidScript | None:
    """The ``mermaid_js`` script; with instant navigation, added to every page here."""
    source = options.mermaid_js
    if not source:
        return None
    features = (config.theme.get("features") or []) if config.theme else []
    every_page = "navigation.instant" in features
    if "://" in source or source.startswith("//"):
        script = MermaidScript(source, None, every_page)
    else:
        path = Path(config.config_file_path or ".").parent / source
        if not path.is_file():
            raise PluginError(
                f"custflow: 'mermaid_js: {source}' is not a file; download Mermaid 11's "
                "dist/mermaid.min.js (npm package 'mermaid') to that path, or give a URL"
            )
        script = MermaidScript(MERMAID_SITE_PATH, path, every_page)
    if every_page and script.src not in config.extra_javascript:
        config.extra_javascript.append(script.src)  # type: ignore[arg-type]
    return script


def has_diagram(html: str) -> bool:
    """Whether a page's content has a Mermaid diagram (ours or the writer's own)."""
    return 'class="mermaid' in html


def has_search(config: MkDocsConfig) -> bool:
    """Whether a search plugin reads the pages (Material's, MkDocs' own, or
    another named ``search``): only then are a block's unsearched parts held
    out of the page while it reads them."""
    return any(name.split("/")[-1] == "search" for name in config.plugins)


def privacy_mermaid_note(config: MkDocsConfig) -> str | None:
    """Material's privacy plugin would download (and self-host) the Mermaid
    that Material's script names; with ``mermaid_js`` that copy is never
    loaded, and offline its download fails the build. Exclude it from what
    privacy fetches; say what to change when privacy's own include list
    takes it in anyway."""
    urls = theme_mermaid_urls(config)
    for name, plugin in config.plugins.items():
        options = getattr(plugin, "config", None)
        if options is None or name.split("/")[-1] != "privacy" or not hasattr(
            options, "assets_exclude"
        ):
            continue
        if not options.get("enabled", True) or not options.get("assets", True):
            continue
        for url in urls:
            path = url.split("://", 1)[-1]
            if path not in options.assets_exclude:
                options.assets_exclude.append(path)
            included = [p for p in options.get("assets_include") or [] if fnmatch(path, p)]
            if included:
                return (
                    f"the privacy plugin's 'assets_include: {included[0]}' takes in "
                    f"Material's own Mermaid ({url}), which 'mermaid_js' replaces; an "
                    "offline build cannot download it: remove that pattern or make it narrower"
                )
    return None


_THEME_MERMAID = re.compile(r"""["'](https?://[^"']+/mermaid(?:\.min)?\.js)["']""")


@functools.lru_cache(maxsize=8)
def _urls_in(bundle: Path) -> tuple[str, ...]:
    return tuple(sorted(set(_THEME_MERMAID.findall(bundle.read_text("utf-8", "replace")))))


def theme_mermaid_urls(config: MkDocsConfig) -> tuple[str, ...]:
    """The Mermaid URLs the theme's own scripts load (Material's bundle)."""
    found: set[str] = set()
    for folder in (config.theme.dirs if config.theme else []):
        for bundle in Path(folder, "assets", "javascripts").glob("bundle.*.min.js"):
            found.update(_urls_in(bundle))
    return tuple(sorted(found))


def missing_mermaid_note(options: Options, config: MkDocsConfig) -> str | None:
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
