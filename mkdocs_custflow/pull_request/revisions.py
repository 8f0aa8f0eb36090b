"""A site's journeys at a git revision, read without touching the working tree.

``custflow diff`` compares two revisions. For each, this module copies out of
git (``git ls-tree`` and ``git cat-file``) only what the journeys are made
from: mkdocs.yml (and any file it ``INHERIT``s), the docs folder, the catalog
and the template folders, into a temporary folder, and reads them there with
the same pipeline as the build, templates expanded. The working tree is read
where it is. Nothing is checked out, and neither revision's hooks or Python
run: mkdocs.yml is read as data (:func:`read_site_config`), not by MkDocs.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.pipeline import Pipeline, Settings, SourcePage
from mkdocs_custflow.reading.sources import SourceError, read_text
from mkdocs_custflow.rules import stops
from mkdocs_custflow.structure import Journey

WORKING_TREE = None
"""The ``head`` that means the files as they are now."""
DEFAULT_BRANCHES = ("origin/HEAD", "origin/main", "origin/master", "main", "master")
MARKDOWN_SUFFIXES = (".md", ".markdown")


class RevisionError(Exception):
    """Git cannot give what was asked (not a repository, an unknown revision)."""


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True,
                              check=False)
    except OSError as exc:
        raise RevisionError(f"git cannot be run ({exc}); install git") from None
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(f"git {args[0]}: {problem[-1] if problem else 'failed'}")
    return done.stdout


def repository_root(path: Path) -> Path | None:
    """The top folder of the git work tree holding ``path``, if any."""
    try:
        top = git(path, "rev-parse", "--show-toplevel").decode().strip()
    except RevisionError:
        return None
    return Path(top) if top else None


def repository_prefix(base: Path) -> str:
    """Where ``base`` (the folder of mkdocs.yml) is inside its repository, as
    a relative path (``""`` at the top, or outside any repository): SARIF and
    GitHub name files relative to the repository."""
    root = repository_root(base) if base.is_dir() else None
    if root is None:
        return ""
    relative = os.path.relpath(base.resolve(), root.resolve())
    return "" if relative == "." else PurePosixPath(Path(relative).as_posix()).as_posix()


def commit(root: Path, revision: str) -> str:
    """The commit a revision names (a branch, tag, sha, ``HEAD~2``...)."""
    try:
        found = git(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                    f"{revision}^{{commit}}")
    except RevisionError:
        raise RevisionError(f"'{revision}' is not a commit of this repository") from None
    return found.decode().strip()


def default_base(root: Path) -> str:
    """The merge base of HEAD and the default branch (``origin/HEAD``, else
    ``origin/main``, ``origin/master``, ``main``, ``master``)."""
    for branch in DEFAULT_BRANCHES:
        try:
            commit(root, branch)
        except RevisionError:
            continue
        return git(root, "merge-base", "HEAD", branch).decode().strip()
    raise RevisionError(
        f"no default branch to compare with ({', '.join(DEFAULT_BRANCHES)}); name the base "
        "revision: custflow diff BASE"
    )


# -- mkdocs.yml as data ---------------------------------------------------------------
class _ConfigLoader(yaml.SafeLoader):
    """YAML with any tag (``!ENV``, ``!!python/name:...``) read as plain data:
    no code of the config runs."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_ConfigLoader.add_multi_constructor("", _untagged)
_ConfigLoader.add_multi_constructor("!", _untagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


@dataclass(frozen=True)
class SiteConfig:
    """What the journeys of a site are read from: its settings (paths absolute)
    and its docs folder."""

    config_file: Path
    docs_dir: Path
    settings: Settings
    files: tuple[Path, ...] = field(default=())
    """Every file and folder the journeys depend on: the config (and the files
    it inherits), the docs folder, the catalog, the template folders."""


def _load(path: Path, seen: tuple[Path, ...] = ()) -> tuple[dict[str, object], list[Path]]:
    """The config at ``path`` merged over the one it ``INHERIT``s (MkDocs'
    rule: mappings merge, other values replace), and the files read."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RevisionError(f"{path.name} cannot be read: {exc}") from None
    data = data if isinstance(data, dict) else {}
    files = [path]
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str) and path not in seen:
        base, more = _load((path.parent / parent).resolve(), (*seen, path))
        data = _merge(base, data)
        files += more
    return data, files


def _merge(base: dict[str, object], over: Mapping[str, object]) -> dict[str, object]:
    merged = dict(base)
    for key, value in over.items():
        old = merged.get(key)
        merged[key] = (_merge(old, value) if isinstance(old, dict) and isinstance(value, dict)
                       else value)
    return merged


def _plugin_options(plugins: object) -> dict[str, object]:
    if isinstance(plugins, dict):
        options = plugins.get("custflow")
        return options if isinstance(options, dict) else {}
    for item in plugins if isinstance(plugins, list) else []:
        if item == "custflow":
            return {}
        if isinstance(item, dict) and "custflow" in item:
            options = item["custflow"]
            return options if isinstance(options, dict) else {}
    return {}


def read_site_config(config_file: Path) -> SiteConfig:
    """The settings a build of ``config_file`` gives the plugin, read as data.
    Paths in the plugin options are relative to the file that names them."""
    config_file = config_file.resolve()
    data, files = _load(config_file)
    folder = config_file.parent
    options = _plugin_options(data.get("plugins"))
    theme = data.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    catalog = options.get("catalog")
    templates = options.get("templates")
    templates = templates if isinstance(templates, list) else []
    defaults = Settings()

    def number(name: str) -> int:
        value = options.get(name, getattr(defaults, name))
        return value if isinstance(value, int) else int(getattr(defaults, name))

    settings = Settings(
        locale=str(options.get("locale") or language or "en"),
        catalog=str(folder / catalog) if isinstance(catalog, str) else None,
        templates=tuple(str(folder / t) for t in templates if isinstance(t, str)),
        max_block_chars=number("max_block_chars"),
        max_yaml_nodes=number("max_yaml_nodes"),
        max_expanded_chars=number("max_expanded_chars"),
        max_playbook_pages=number("max_playbook_pages"),
        playbook=False,  # the journeys are compared, not the playbook
        base=str(folder),
    )
    docs = folder / str(data.get("docs_dir") or "docs")
    files += [docs, *([Path(settings.catalog)] if settings.catalog else []),
              *(Path(t) for t in settings.templates)]
    return SiteConfig(config_file, docs, settings, tuple(files))


# -- a revision's files ------------------------------------------------------------------
@contextmanager
def checked_out(root: Path, revision: str | None, config: str) -> Iterator[Path]:
    """The config file of ``config`` (relative to ``root``) at ``revision``,
    with what its journeys are made from beside it, in a temporary folder
    (``revision`` None: the working tree, where it is)."""
    if revision is WORKING_TREE:
        yield root / config
        return
    sha = commit(root, revision)
    with tempfile.TemporaryDirectory(prefix="custflow-diff-") as temp:
        dest = Path(temp)
        # The config first (and what it inherits), then what it names.
        wanted = [config]
        while wanted:
            path = wanted.pop()
            if not _export(root, sha, [path], dest):
                break
            data = yaml.load((dest / path).read_text("utf-8", "replace"), Loader=_ConfigLoader)
            parent = data.get("INHERIT") if isinstance(data, dict) else None
            if isinstance(parent, str):
                wanted.append(os.path.normpath(str(PurePosixPath(path).parent / parent)))
        if not (dest / config).is_file():
            raise RevisionError(f"{config} does not exist at {revision}")
        site = read_site_config(dest / config)
        inside = []
        for needed in site.files:
            relative = os.path.relpath(needed, dest.resolve())
            if not relative.startswith(".."):
                inside.append(Path(relative).as_posix())
        _export(root, sha, inside, dest)
        yield dest / config


def _export(root: Path, sha: str, paths: list[str], dest: Path) -> int:
    """Write the files at or under ``paths`` of commit ``sha`` into ``dest``;
    how many there were."""
    if not paths:
        return 0
    listing = git(root, "ls-tree", "-r", "-z", "--full-tree", sha, "--", *paths)
    blobs: list[tuple[bytes, str]] = []
    for entry in filter(None, listing.split(b"\0")):
        meta, _, path = entry.partition(b"\t")
        mode, kind, object_id = meta.split()
        if kind == b"blob" and mode != b"120000":  # not symbolic links
            blobs.append((object_id, path.decode("utf-8", "surrogateescape")))
    if not blobs:
        return 0
    contents = git(root, "cat-file", "--batch", stdin=b"".join(o + b"\n" for o, _ in blobs))
    offset = 0
    for _object_id, name in blobs:
        header_end = contents.index(b"\n", offset)
        size = int(contents[offset:header_end].split()[2])
        body = contents[header_end + 1:header_end + 1 + size]
        offset = header_end + 1 + size + 1
        target = dest / name
        if ".." in PurePosixPath(name).parts:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    return len(blobs)


# -- journeys -------------------------------------------------------------------------------
@dataclass
class SiteJourneys:
    """The journeys one version of a site has, and the blocks that could not
    be read (their journeys are missing from the comparison)."""

    journeys: list[Journey]
    unreadable: list[Diagnostic]


def read_journeys(config_file: Path) -> SiteJourneys:
    """Every journey of the site of ``config_file``, read as the build reads
    them (catalog filled in, templates expanded)."""
    site = read_site_config(config_file)
    pipeline = Pipeline(site.settings)
    if pipeline.catalog_errors:
        return SiteJourneys([], pipeline.catalog_errors)
    pages = []
    problems: list[Diagnostic] = []
    if site.docs_dir.is_dir():
        for path in sorted(site.docs_dir.rglob("*")):
            if path.suffix not in MARKDOWN_SUFFIXES or not path.is_file():
                continue
            shown = site.settings.shown(path)
            try:
                text = read_text(path)
            except SourceError:
                continue
            pages.append(SourcePage(path.relative_to(site.docs_dir).as_posix(), text, shown))
    reading = pipeline.read_site(pages, whole_site=False)
    journeys = [r.journey for _, _, r in reading.blocks if r.journey is not None]
    for _page, _fence, result in reading.blocks:
        if result.journey is None:  # not compared: say why
            problems += [f for f in result.diagnostics if stops(f)][:1]
    return SiteJourneys(journeys, problems)
