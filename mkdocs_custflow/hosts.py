"""Hosts that run the Markdown extension but not MkDocs plugins (Zensical).

Zensical converts each page with the site's Python-Markdown extensions and
hands them the page and its configuration through a preprocessor named
``rendering_context``; it ignores the MkDocs plugins it does not know, ours
too, without a word. From that context the extension alone names the page in
its messages, and says once when the host's configuration file lists the
custflow plugin, which does nothing there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown import Markdown

from mkdocs_custflow.diagnostics import shown_path

CONTEXT = "rendering_context"
CONFIG_FILES = ("zensical.toml", "mkdocs.yml", "mkdocs.yaml")


@dataclass(frozen=True)
class HostPage:
    """The page the host is converting, as messages name it."""

    file: str
    line_offset: int
    root: Path
    path: str = ""
    """The page's path in the docs folder (``guide/sales.md``)."""
    directory_urls: bool = True
    docs: Path = Path("docs")
    """The host's docs folder."""


def host_page(md: Markdown, text: str) -> HostPage | None:
    """The page being converted, when the host says which (``text`` is the
    Markdown it passed: the file's lines before it are its front matter)."""
    if CONTEXT not in md.preprocessors:
        return None
    context = md.preprocessors[CONTEXT]
    page, config = getattr(context, "page", None), getattr(context, "config", None)
    path = getattr(page, "path", None)
    if not path or not isinstance(config, dict):
        return None
    root = Path(str(config.get("root_dir") or "."))
    docs = Path(str(config.get("docs_dir") or "docs"))
    docs = docs if docs.is_absolute() else root / docs
    source = docs / str(path)
    offset = 0
    try:
        written = source.read_text("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        written = ""
    text, written = text.rstrip(), written.rstrip()
    if text and written.endswith(text):
        offset = written[: len(written) - len(text)].count("\n")
    return HostPage(shown_path(source, root), offset, root, str(path),
                    bool(config.get("use_directory_urls", True)), docs)


def ignored_plugin_note(root: Path) -> str | None:
    """What to say when the host's configuration lists the custflow plugin."""
    for name in CONFIG_FILES:
        path = root / name
        if path.is_file():
            if "custflow" not in _plugin_names(path):
                return None
            return (
                f"{name} lists the 'custflow' plugin, which this host does not run (it runs "
                "only the 'custflow' Markdown extension): the diagrams are drawn, but no "
                "playbook pages or playbook.json are made; write them with 'custflow "
                "playbook --out DIR' before the build"
            )
    return None


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml whatever its tags (``!ENV``, ``!!python/name``)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _plugin_names(path: Path) -> set[str]:
    try:
        text = path.read_text("utf-8")
        data: Any
        if path.suffix == ".toml":
            try:
                import tomllib
            except ImportError:  # Python 3.10
                return set()
            data = tomllib.loads(text)
            data = data.get("project", data)
        else:
            data = yaml.load(text, Loader=_AnyTagLoader)
    except Exception:  # a file the host reads its own way: nothing to say
        return set()
    plugins = data.get("plugins") if isinstance(data, dict) else None
    if isinstance(plugins, dict):
        return {str(name) for name in plugins}
    names: set[str] = set()
    for item in plugins if isinstance(plugins, list) else []:
        names.update([str(item)] if isinstance(item, str) else map(str, dict(item)))
    return names
