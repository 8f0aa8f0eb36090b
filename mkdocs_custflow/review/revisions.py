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

import dataclasses
import os
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.pipeline import Pipeline, Settings, SourcePage
from mkdocs_custflow.playbook.gather import build_playbook
from mkdocs_custflow.reading.sources import SourceError, read_text
from mkdocs_custflow.rules import stops
from mkdocs_custflow.structure import Journey, Stage

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


def _load(path: Path, seen: tuple[Path, ...] = (),
          within: Path | None = None) -> tuple[dict[str, object], list[Path]]:
    """The config at ``path`` merged over the one it ``INHERIT``s (MkDocs'
    rule: mappings merge, other values replace), and the files read."""
    _confined(path, within, "INHERIT", seen[-1] if seen else path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RevisionError(f"{path.name} cannot be read: {exc}") from None
    data = data if isinstance(data, dict) else {}
    files = [path]
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str) and path not in seen:
        base, more = _load((path.parent / parent).resolve(), (*seen, path), within)
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


def _confined(path: Path, within: Path | None, key: str, config_file: Path) -> None:
    """Refuse a path a revision's config names outside the revision's files:
    ``docs_dir: /`` must not make ``custflow diff`` read the runner's disk."""
    if within is None:
        return
    try:
        path.resolve().relative_to(within.resolve())
    except ValueError:
        raise RevisionError(
            f"{config_file.name}: '{key}' names {path}, outside the revision's files; "
            f"custflow diff reads only files of the repository: make '{key}' a path "
            "inside it") from None


def read_site_config(config_file: Path, within: Path | None = None) -> SiteConfig:
    """The settings a build of ``config_file`` gives the plugin, read as data.
    Paths in the plugin options are relative to the file that names them.
    ``within``: every file named must be inside that folder (a revision's
    files, or the repository), else :class:`RevisionError`."""
    config_file = config_file.resolve()
    data, files = _load(config_file, within=within)
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
    _confined(docs, within, "docs_dir", config_file)
    named_paths = [("catalog", settings.catalog), *(("templates", t) for t in settings.templates)]
    for key, named in named_paths:
        if named:
            _confined(Path(named), within, key, config_file)
    files += [docs, *([Path(settings.catalog)] if settings.catalog else []),
              *(Path(t) for t in settings.templates)]
    return SiteConfig(config_file, docs, settings, tuple(files))


# -- a revision's files ------------------------------------------------------------------
MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest file exported from a revision: a bigger one is refused with a finding
instead of being read into memory (the blocks inside a page are then held to
the build's own limits, ``max_block_chars`` and the YAML limits)."""
_DOCS_SUFFIXES = MARKDOWN_SUFFIXES
_DATA_SUFFIXES = (".yml", ".yaml", ".json", ".jinja", ".j2", ".md", ".markdown", ".txt")


@contextmanager
def checked_out(root: Path, revision: str | None, config: str,
                refused: list[Diagnostic] | None = None) -> Iterator[Path]:
    """The config file of ``config`` (relative to ``root``) at ``revision``,
    with what its journeys are made from beside it, in a temporary folder
    (``revision`` None: the working tree, where it is). Tree entries that are
    not plain relative paths, or too large, are not written: they are added
    to ``refused``."""
    if revision is WORKING_TREE:
        yield root / config
        return
    sha = commit(root, revision)
    refused = refused if refused is not None else []
    with tempfile.TemporaryDirectory(prefix="custflow-diff-") as temp:
        dest = Path(temp).resolve()
        # The config first (and what it inherits), then what it names.
        wanted = [config]
        while wanted:
            path = wanted.pop()
            if not _inside(dest, dest / path) or not _export(root, sha, [path], dest, refused):
                break
            data = yaml.load((dest / path).read_text("utf-8", "replace"), Loader=_ConfigLoader)
            parent = data.get("INHERIT") if isinstance(data, dict) else None
            if isinstance(parent, str):
                wanted.append(os.path.normpath(str(PurePosixPath(path).parent / parent)))
        if not (dest / config).is_file():
            raise RevisionError(f"{config} does not exist at {revision}")
        site = read_site_config(dest / config, within=dest)
        docs = [Path(os.path.relpath(site.docs_dir, dest)).as_posix()]
        data_files = [Path(os.path.relpath(f, dest)).as_posix() for f in site.files[1:]
                      if Path(f) != site.docs_dir and Path(f) not in site.files[:1]]
        _export(root, sha, docs, dest, refused, _DOCS_SUFFIXES)
        _export(root, sha, data_files, dest, refused, _DATA_SUFFIXES)
        yield dest / config


def _inside(folder: Path, path: Path) -> bool:
    """Whether ``path`` (made absolute, ``..`` and links resolved) is in ``folder``."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _plain_name(name: str) -> bool:
    """A relative path of ordinary parts: no absolute path, ``..``, ``.``, empty
    part, backslash or control character (a tree made by hand may hold any)."""
    parts = name.split("/")
    return (bool(name) and not name.startswith("/")
            and all(part not in ("", ".", "..") for part in parts)
            and not any(ch == "\\" or ord(ch) < 32 or ord(ch) == 127 for ch in name))


def _export(root: Path, sha: str, paths: list[str], dest: Path,
            refused: list[Diagnostic] | None = None,
            suffixes: tuple[str, ...] | None = None) -> int:
    """Write the regular files at or under ``paths`` of commit ``sha`` into
    ``dest`` (only those ending in ``suffixes``, when given); how many there
    were. A tree may hold names no checkout would write (``/etc/x``, ``..``,
    made with ``git mktree`` or ``hash-object --literally``): those, links and
    files over :data:`MAX_FILE_BYTES` are refused, each with a finding."""
    paths = [p for p in paths if p == "." or _plain_name(p)]
    if not paths:
        return 0
    refused = refused if refused is not None else []
    listing = git(root, "ls-tree", "-r", "-z", "-l", "--full-tree", sha, "--", *paths)
    dest = dest.resolve()
    blobs: list[tuple[bytes, str, Path]] = []
    for entry in filter(None, listing.split(b"\0")):
        meta, _, raw = entry.partition(b"\t")
        mode, kind, object_id, size = meta.split()
        name = raw.decode("utf-8", "backslashreplace")
        if kind != b"blob":
            continue
        if suffixes and not name.endswith(suffixes) and name not in paths:
            continue  # a file named outright (the catalog) is read whatever its suffix
        shown = name.encode("unicode_escape").decode("ascii")
        target = dest / name
        problem = None
        if mode not in (b"100644", b"100755", b"100664"):
            problem = "is not a regular file (a symbolic link or other special entry)"
        elif not _plain_name(name) or not _inside(dest, target):
            problem = ("is not a plain relative path inside the site; a checkout would not "
                       "write it")
        elif size.isdigit() and int(size) > MAX_FILE_BYTES:
            problem = f"is {int(size)} bytes, over the limit of {MAX_FILE_BYTES}"
        if problem:
            refused.append(Diagnostic(
                Severity.ERROR, f"'{shown}' at commit {sha[:12]} {problem}; it was not read",
                shown, 0, "unreadable-file"))
            continue
        blobs.append((object_id, name, target))
    if not blobs:
        return 0
    written = 0
    with subprocess.Popen(["git", "-C", str(root), "cat-file", "--batch"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE) as reader:
        assert reader.stdin is not None and reader.stdout is not None
        for object_id, name, target in blobs:  # one at a time: never all in memory
            reader.stdin.write(object_id + b"\n")
            reader.stdin.flush()
            header = reader.stdout.readline().split()
            length = int(header[2]) if len(header) == 3 and header[2].isdigit() else -1
            if length < 0:
                continue
            body = reader.stdout.read(length + 1)[:length]
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                if not _inside(dest, target.parent):
                    raise OSError("outside the folder")
                target.write_bytes(body)
            except OSError as exc:
                refused.append(Diagnostic(
                    Severity.ERROR, f"'{name}' at commit {sha[:12]} cannot be written "
                    f"({exc.strerror or exc}); it was not read", name, 0, "unreadable-file"))
                continue
            written += 1
        reader.stdin.close()
    return written


# -- journeys -------------------------------------------------------------------------------
@dataclass
class SiteJourneys:
    """The journeys one version of a site has, and the blocks that could not
    be read (their journeys are missing from the comparison)."""

    journeys: list[Journey]
    unreadable: list[Diagnostic]
    stages: dict[str, tuple[str, Stage]] = field(default_factory=dict)
    """Each stage's playbook page: the place that decides it, and what it says."""
    parents: dict[str, list[tuple[str, str, str, int]]] = field(default_factory=dict)
    """Journey id -> the stages that draw it in detail (journey, stage, file, line)."""


def read_journeys(config_file: Path, within: Path | None = None) -> SiteJourneys:
    """Every journey of the site of ``config_file``, read as the build reads
    them (catalog filled in, templates expanded); ``within`` as for
    :func:`read_site_config`."""
    site = read_site_config(config_file, within)
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
            if within is not None and not _inside(within, path):
                continue  # a link out of the repository
            try:
                if path.stat().st_size > MAX_FILE_BYTES:
                    problems.append(Diagnostic(
                        Severity.ERROR, f"{path.stat().st_size} bytes, over the limit of "
                        f"{MAX_FILE_BYTES}; it was not read", shown, 0, "unreadable-file"))
                    continue
                text = read_text(path)
            except SourceError:
                continue
            pages.append(SourcePage(path.relative_to(site.docs_dir).as_posix(), text, shown))
    reading = pipeline.read_site(pages, whole_site=False)
    journeys = [r.journey for _, _, r in reading.blocks if r.journey is not None]
    for _page, _fence, result in reading.blocks:
        if result.journey is None:  # not compared: say why
            problems += [f for f in result.diagnostics if stops(f)][:1]
    # What the playbook pages say of shared stages, and who claims each journey:
    # a page can change both without changing its own journey alone.
    playbook, _conflicts = build_playbook(reading.records, pipeline.catalog)
    per_use = {"steps", "next", "pains", "opportunities"}
    stages = {
        stage_id: (shared.defined_at or "", Stage(**{
            f.name: ([] if f.name in per_use else getattr(shared, f.name))
            for f in dataclasses.fields(Stage)}))
        for stage_id, shared in playbook.stages.items()
    }
    parents = {child: [(j.id, s.id, j.file, s.line_of("detail")) for j, s in claims]
               for child, claims in reading.parents.items()}
    return SiteJourneys(journeys, problems, stages, parents)
