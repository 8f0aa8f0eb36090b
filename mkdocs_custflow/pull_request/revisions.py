"""A site's journeys at a git revision, read without touching the working tree.

``custflow diff`` compares two revisions. For each, this module copies out of
git (``git ls-tree`` and ``git cat-file``) only what the journeys are made
from: mkdocs.yml (and any file it ``INHERIT``s), the docs folder, the catalog
and the template folders, into a temporary folder, and reads them there with
the same options and pipeline as the build (:mod:`mkdocs_custflow.settings.project`
reads mkdocs.yml as data, not by MkDocs), templates expanded. The working tree
is read where it is. Nothing is checked out, and neither revision's hooks or
Python run.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.pipeline import Pipeline, SourcePage
from mkdocs_custflow.playbook.gather import build_playbook
from mkdocs_custflow.reading.sources import SourceError, read_text
from mkdocs_custflow.rules import stops
from mkdocs_custflow.settings.project import (
    MARKDOWN_SUFFIXES,
    ProjectError,
    project_files,
    read_config_file,
    read_project,
)
from mkdocs_custflow.settings.site import settings_for
from mkdocs_custflow.structure import Journey, Stage

WORKING_TREE = None
"""The ``head`` that means the files as they are now."""
DEFAULT_BRANCHES = ("origin/HEAD", "origin/main", "origin/master", "main", "master")
REVISION_FILES = "the revision's files"
"""How messages name what a revision's configuration must stay inside."""


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
            try:
                parent = read_config_file(dest / path)[0].get("INHERIT")
            except ProjectError as exc:
                raise RevisionError(f"{path} at {revision}: {exc}") from None
            if isinstance(parent, str):
                wanted.append(os.path.normpath(str(PurePosixPath(path).parent / parent)))
        if not (dest / config).is_file():
            raise RevisionError(f"{config} does not exist at {revision}")
        try:
            needed = project_files(dest / config, inside=dest, place=REVISION_FILES)
        except ProjectError as exc:
            raise RevisionError(f"{config} at {revision}: {exc}") from None
        docs = [Path(os.path.relpath(needed.docs_dir, dest)).as_posix()]
        data_files = [Path(os.path.relpath(f, dest)).as_posix() for f in needed.data]
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
    errors: list[Diagnostic] = field(default_factory=list)
    """Every error the build would report (the site's rules applied): the
    build and ``custflow validate`` fail on them, and so does the diff."""
    personal: frozenset[str] = frozenset()
    """The ids of the catalog's personal data items."""


def read_journeys(config_file: Path, within: Path | None = None) -> SiteJourneys:
    """Every journey of the site of ``config_file``, read as its build reads
    them: its own options (fence, rules, snippets, exclude_docs...), catalog
    filled in, templates expanded. ``within``: every path the configuration
    names must be inside it (a revision's copy, or the repository)."""
    try:
        project = read_project(config_file, inside=within, place=REVISION_FILES)
    except ProjectError as exc:
        raise RevisionError(f"{config_file.name}: {exc}") from None
    settings = settings_for(project.options, project.site, playbook=False)
    pipeline = Pipeline(settings)
    if pipeline.catalog_errors:
        return SiteJourneys([], pipeline.catalog_errors)
    pages = []
    problems: list[Diagnostic] = []
    for src, path in project.pages:
        shown = settings.shown(path)
        if within is not None and not _inside(within, path):
            continue  # a link out of the repository
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                problems.append(Diagnostic(
                    Severity.ERROR, f"{path.stat().st_size} bytes, over the limit of "
                    f"{MAX_FILE_BYTES}; it was not read", shown, 0, "unreadable-file"))
                continue
            text = read_text(path)
        except (SourceError, OSError):
            continue
        pages.append(SourcePage(src, text, shown))
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
    errors = [f for f in reading.findings if f.is_error]
    personal = frozenset(i for i, item in pipeline.catalog.data.items() if item.personal)
    return SiteJourneys(journeys, problems, stages, parents, errors, personal)
