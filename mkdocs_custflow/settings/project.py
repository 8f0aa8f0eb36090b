"""A project's ``mkdocs.yml`` read as data: its options, settings and pages.

The ``custflow`` command and ``custflow diff`` (at any git revision) read the
site this way, without MkDocs: no hook, plugin or ``!!python`` tag of the
configuration runs, yet the options, the Markdown extensions that matter
(pymdownx.snippets), the docs folder and which pages the build reads
(``exclude_docs``, ``draft_docs``, MkDocs' own exclusions) are those of the
build. Reading ``inside`` a folder (a git revision's files in a temporary
folder, or the repository) refuses any path the configuration names outside it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pathspec
import yaml

from mkdocs_custflow.pipeline import Settings
from mkdocs_custflow.reading.includes import SNIPPETS, snippets_options
from mkdocs_custflow.settings.options import OptionError, Options, outside, read_options
from mkdocs_custflow.settings.site import SiteFacts, settings_for

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""The files MkDocs builds as pages."""
ALWAYS_EXCLUDED = ("/templates/", ".*")
"""What MkDocs leaves out of every site, whatever ``exclude_docs`` says."""
PLUGIN = "custflow"


class ProjectError(Exception):
    """The configuration cannot be read, or names what it may not."""


PROJECT_FILES = "the project's files"


@dataclass(frozen=True)
class NeededFiles:
    """What a site's journeys are read from, as its configuration names it."""

    docs_dir: Path
    data: tuple[Path, ...]
    """Every other file and folder: the configs it inherits, the catalog, the
    template folders, the page templates and pymdownx.snippets' folders."""


@dataclass(frozen=True)
class Project:
    """A site as its configuration describes it."""

    config_file: Path
    options: Options
    site: SiteFacts
    docs_dir: Path
    pages: tuple[tuple[str, Path], ...]
    """``(path in the docs folder, file)`` of each page the build reads."""
    directory_urls: bool = True
    listed: bool = True
    """Whether mkdocs.yml lists the custflow plugin (else: its defaults)."""
    files: tuple[Path, ...] = field(default=())
    """What the journeys are made from: the config files, the docs folder,
    the catalog, the template folders and the snippets folders."""

    @property
    def enabled(self) -> bool:
        return self.listed and self.options.enabled

    @property
    def settings(self) -> Settings:
        """The pipeline settings the build of this site uses."""
        return settings_for(self.options, self.site)


# -- YAML as data ----------------------------------------------------------------------
class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's tags read as data: ``!ENV`` gives the variable's value (as
    MkDocs does), ``!relative`` the config's folder, any other tag
    (``!!python/name:...``) its plain value; no code runs."""

    folder = "."


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable
    set, else the default (a YAML value), else None."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        names, default = items[:-1] if len(items) > 1 else items, (
            items[-1] if len(items) > 1 else None)
    else:
        return None
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:
            return yaml.safe_load(value) if value else value
    return default


def _relative(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    return str(getattr(loader, "folder", "."))


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_constructor("!relative", _relative)
_ConfigLoader.add_multi_constructor("!", _plain)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


def read_config_file(path: Path) -> tuple[dict[str, Any], str]:
    """One config file as data (its ``INHERIT`` not followed), and its text."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        loader = _ConfigLoader(text)
        loader.folder = str(path.parent)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectError(f"{path.name} cannot be read: {exc}") from None
    except yaml.YAMLError as exc:
        raise ProjectError(f"{path.name} is not valid YAML: {exc}") from None
    return (data if isinstance(data, dict) else {}), text


def config_data(path: Path, inside: Path | None = None, seen: tuple[Path, ...] = (),
                place: str = PROJECT_FILES) -> tuple[dict[str, Any], list[Path], str]:
    """The config at ``path`` merged over the one it ``INHERIT``s (MkDocs'
    rule: mappings merge, other values replace), the files read, and the
    text of ``path`` itself."""
    data, text = read_config_file(path)
    files = [path]
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str) and path not in seen:
        parent_path = _confined(path.parent, parent, inside, "INHERIT", place)
        base, more, _ = config_data(parent_path, inside, (*seen, path), place)
        data = _merge(base, data)
        files += more
    return data, files, text


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        old = merged.get(key)
        merged[key] = (_merge(old, value) if isinstance(old, dict) and isinstance(value, dict)
                       else value)
    return merged


def _confined(folder: Path, value: str, inside: Path | None, key: str,
              place: str = PROJECT_FILES) -> Path:
    path = (folder / value).resolve()
    if inside is not None and not path.is_relative_to(inside.resolve()):
        raise ProjectError(outside(key, value, place))
    return path


def _named(items: object, name: str) -> tuple[bool, dict[str, Any]]:
    """Whether a ``plugins`` or ``markdown_extensions`` list (or mapping)
    names ``name``, and its options."""
    if isinstance(items, dict):
        if name in items:
            options = items[name]
            return True, options if isinstance(options, dict) else {}
        return False, {}
    for item in items if isinstance(items, list) else []:
        if item == name:
            return True, {}
        if isinstance(item, dict) and name in item:
            options = item[name]
            return True, options if isinstance(options, dict) else {}
    return False, {}


def _snippets(data: Mapping[str, Any], folder: Path, inside: Path | None,
              place: str = PROJECT_FILES) -> tuple[str | None, list[Path]]:
    """pymdownx.snippets' options as JSON, as the plugin passes them, and the
    folders includes are read from. Snippets reads ``base_path`` from the
    folder the build runs in; a confined project (a git revision's files) is
    built from its own folder, so there they are made absolute against it."""
    used, options = _named(data.get("markdown_extensions"), SNIPPETS)
    if not used:
        return None, []
    bases = options.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else list(bases or [])
    start = folder if inside is not None else Path.cwd()
    folders = [_confined(start, str(base), inside, "base_path", place) for base in bases]
    if inside is not None:
        options = {**options, "base_path": [str(path) for path in folders]}
    return snippets_options([SNIPPETS], {SNIPPETS: options}), folders


def _spec(patterns: object) -> pathspec.GitIgnoreSpec | None:
    if isinstance(patterns, list):
        patterns = "\n".join(str(p) for p in patterns)
    if not isinstance(patterns, str) or not patterns.strip():
        return None
    return pathspec.GitIgnoreSpec.from_lines(patterns.splitlines())


def built_pages(docs: Path, data: Mapping[str, Any]) -> tuple[tuple[str, Path], ...]:
    """The pages ``mkdocs build`` reads from ``docs``: Markdown files less
    MkDocs' own exclusions, ``exclude_docs`` and ``draft_docs``, and a
    README.md beside an index.md."""
    excluded = pathspec.GitIgnoreSpec.from_lines(ALWAYS_EXCLUDED)
    extra = _spec(data.get("exclude_docs"))
    drafts = _spec(data.get("draft_docs"))
    pages: list[tuple[str, Path]] = []
    if not docs.is_dir():
        return ()
    for folder, dirs, names in os.walk(docs, followlinks=False):
        dirs.sort()
        relative = Path(folder).relative_to(docs)
        found = set(names)
        for name in sorted(names):
            if not name.endswith(MARKDOWN_SUFFIXES):
                continue
            src = PurePosixPath(relative.as_posix(), name).as_posix().removeprefix("./")
            if excluded.match_file(src) or (extra and extra.match_file(src)) or (
                    drafts and drafts.match_file(src)):
                continue
            if name.lower() == "readme.md" and "index.md" in found:
                continue
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                pages.append((src, path))
    return tuple(pages)


def project_files(config_file: Path, *, inside: Path | None = None,
                  place: str = PROJECT_FILES) -> NeededFiles:
    """What a site's journeys are read from (and the other paths its options
    name, which must exist to read them), as its configuration names them,
    whether or not they exist yet: what ``custflow diff`` copies out of a git
    revision before reading it."""
    config_file = config_file.resolve()
    folder = config_file.parent
    data, files, _text = config_data(config_file, inside, place=place)
    _listed, raw = _named(data.get("plugins"), PLUGIN)
    try:
        options = read_options(raw, where=config_file.name)
    except OptionError as exc:
        raise ProjectError(str(exc)) from None
    named = [("catalog", options.catalog)] if options.catalog else []
    named += [("templates", t) for t in options.templates]
    named += [("page_templates", options.page_templates)] if options.page_templates else []
    named += [("measures", source.path) for source in options.measures]
    paths = [_confined(folder, value, inside, key, place) for key, value in named]
    _json, snippet_folders = _snippets(data, folder, inside, place)
    docs = _confined(folder, str(data.get("docs_dir") or "docs"), inside, "docs_dir", place)
    return NeededFiles(docs, (*files[1:], *paths, *snippet_folders))


def read_project(config_file: Path, *, inside: Path | None = None,
                 place: str = PROJECT_FILES) -> Project:
    """The site of ``config_file``, read as its build would read it.
    ``inside``: every path the configuration names must stay inside that
    folder (``place`` names it in messages): a git revision's files, or the
    repository, never the rest of the machine."""
    config_file = config_file.resolve()
    folder = config_file.parent
    data, files, text = config_data(config_file, inside, place=place)
    listed, raw = _named(data.get("plugins"), PLUGIN)
    where = config_file.name
    try:
        options = read_options(raw, folder=folder, where=where, inside=inside, place=place)
    except OptionError as exc:
        raise ProjectError(str(exc)) from None
    theme = data.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    snippets, snippet_folders = _snippets(data, folder, inside, place)
    site = SiteFacts(folder=folder, config_file=config_file, config_text=text,
                     theme_language=str(language) if language else None, snippets=snippets)
    docs_value = data.get("docs_dir") or "docs"
    docs = _confined(folder, str(docs_value), inside, "docs_dir", place)
    pages = built_pages(docs, data)
    needed = [*files, docs, *snippet_folders]
    needed += [Path(options.catalog)] if options.catalog else []
    needed += [Path(t) for t in options.templates]
    needed += [Path(source.path) for source in options.measures]
    directory_urls = data.get("use_directory_urls", True)
    return Project(config_file, options, site, docs, pages,
                   directory_urls=directory_urls is not False, listed=listed,
                   files=tuple(needed))
