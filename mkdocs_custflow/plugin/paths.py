"""How the plugin names files and lines in its messages."""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from mkdocs_custflow.diagnostics import shown_path as core_shown_path


def source_line_offset(source: str, markdown: str) -> int:
    """Lines of ``source`` before ``markdown`` (the front matter MkDocs strips)."""
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n")
    return 0


def relative_to_project(path: str, config: MkDocsConfig) -> str:
    """``docs/page.md`` style paths, relative to the folder of mkdocs.yml."""
    return _relative(path, config.config_file_path or ".")


@functools.lru_cache(maxsize=16384)
def _relative(path: str, config_file: str) -> str:
    # Asked for every page on every build; resolving paths means system calls.
    return core_shown_path(path, Path(config_file).resolve().parent)


def shown_path(file: File, config: MkDocsConfig) -> str:
    """A page as messages name it; generated pages by their docs path."""
    if file.abs_src_path:
        return relative_to_project(file.abs_src_path, config)
    return posixpath.join(Path(config.docs_dir).name, file.src_uri)
