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
import re
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.pipeline import Pipeline, SourcePage
from mkdocs_custflow.reading.sources import SourceError, read_text
from mkdocs_custflow.rules import stops
from mkdocs_custflow.settings.project import ProjectError, project_files, read_project
from mkdocs_custflow.settings.site import settings_for
from mkdocs_custflow.structure import Journey

WORKING_TREE = None
"""The ``head`` that means the files as they are now."""
DEFAULT_BRANCHES = ("origin/HEAD", "origin/main", "origin/master", "main", "master")


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
            data = yaml.safe_load(_untagged((dest / path).read_text("utf-8", "replace")))
            parent = data.get("INHERIT") if isinstance(data, dict) else None
            if isinstance(parent, str):
                wanted.append(os.path.normpath(str(PurePosixPath(path).parent / parent)))
        if not (dest / config).is_file():
            raise RevisionError(f"{config} does not exist at {revision}")
        try:
            needed = project_files(dest / config, confined=True)
        except ProjectError as exc:
            raise RevisionError(f"{config} at {revision}: {exc}") from None
        inside = []
        for needed_path in needed:
            relative = os.path.relpath(needed_path, dest.resolve())
            if not relative.startswith(".."):
                inside.append(Path(relative).as_posix())
        _export(root, sha, inside, dest)
        yield dest / config


def _untagged(text: str) -> str:
    """mkdocs.yml's text with its tags dropped, to find its ``INHERIT``."""
    return re.sub(r"!!?[\w/.:-]+", "", text)


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
    errors: list[Diagnostic] = field(default_factory=list)
    """Every error the build would report (the site's rules applied): the
    build and ``custflow validate`` fail on them, and so does the diff."""


def read_journeys(config_file: Path, *, confined: bool = True) -> SiteJourneys:
    """Every journey of the site of ``config_file``, read as the build reads
    them (its options, pages, catalog and templates; the playbook aside).
    ``confined``: a revision's copy, whose paths may not leave its folder."""
    try:
        project = read_project(config_file, confined=confined)
    except ProjectError as exc:
        raise RevisionError(f"{config_file.name}: {exc}") from None
    settings = settings_for(project.options, project.site, playbook=False)
    pipeline = Pipeline(settings)
    if pipeline.catalog_errors:
        return SiteJourneys([], pipeline.catalog_errors)
    pages = []
    problems: list[Diagnostic] = []
    for src, path in project.pages:
        try:
            text = read_text(path)
        except SourceError:
            continue
        pages.append(SourcePage(src, text, settings.shown(path)))
    reading = pipeline.read_site(pages, whole_site=False)
    journeys = [r.journey for _, _, r in reading.blocks if r.journey is not None]
    for _page, _fence, result in reading.blocks:
        if result.journey is None:  # not compared: say why
            problems += [f for f in result.diagnostics if stops(f)][:1]
    errors = [f for f in reading.findings if f.is_error]
    return SiteJourneys(journeys, problems, errors)
