"""Write the playbook's pages into a docs folder, for hosts that do not run
MkDocs plugins (Zensical, MkDocs 2, plain Python-Markdown): the pages the
plugin would generate, as Markdown files, and ``playbook.json``.

The folder is the playbook's own: a marker file says custflow wrote it and
lists the files it wrote, so writing again removes those that are no longer
made (no page of a removed stage lingers) and keeps any file a user added; a
folder of the user's, a user's file where a page would go and symbolic links
are never written into or through.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from mkdocs_custflow.playbook.export import playbook_json
from mkdocs_custflow.playbook.layout import PlaybookLayout
from mkdocs_custflow.playbook.links import SiteUrls
from mkdocs_custflow.playbook.model import Playbook
from mkdocs_custflow.playbook.pages import PlaybookPages

MARKER = ".custflow-playbook"
_MARKER_HEAD = ("Written by `custflow playbook`; it removes the files listed below when it "
                "writes again, and keeps any other.\n")


class OutputError(Exception):
    """The playbook cannot be written where asked (the message says why)."""


def write_playbook(
    playbook: Playbook,
    docs_dir: Path,
    site_files: Iterable[str],
    *,
    layout: PlaybookLayout | None = None,
    locale: str = "en",
    page_templates: Path | None = None,
    directory_urls: bool = True,
    between_files: bool = False,
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Write every playbook page under ``docs_dir / layout.directory``; return
    the files written and the links that found no page (``(page, target)``).
    ``site_files`` are the docs paths of the site's own files: the journeys'
    pages and whatever a stage's ``links`` name. ``between_files`` links the
    Markdown files to each other, for a host that resolves links in HTML
    (Zensical); else links are the URLs MkDocs gives the pages."""
    layout = layout or PlaybookLayout()
    folder = docs_dir / checked_directory(layout.directory)
    _refuse_links(docs_dir, folder)
    listed = _listed(folder)
    if listed is None and folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(
            f"{folder} exists and was not written by custflow; move it away, or set "
            "'playbook_dir' to a folder of the playbook's own"
        )
    prefix = layout.directory.rstrip("/") + "/"
    own_files = [path for path in site_files if not path.startswith(prefix)]
    pages = PlaybookPages(playbook, layout, locale, page_templates)
    pages.urls = SiteUrls.for_paths([*own_files, *pages.paths()], directory_urls,
                                    between_files=between_files)
    contents = {folder / PurePosixPath(path).relative_to(prefix): text
                for path, text in pages.render_all().items()}
    contents[folder / "playbook.json"] = playbook_json(playbook)
    names = {target.relative_to(folder).as_posix() for target in contents}
    if listed == _OLD_MARKER:  # an older version's folder: it lists nothing, keep the rest
        listed = {name for name in names if (folder / name).is_file()}
    ours = listed if isinstance(listed, set) else set()
    for found in sorted(folder.rglob("*")) if folder.is_dir() else []:
        name = found.relative_to(folder).as_posix()
        if found.is_symlink():
            raise OutputError(f"{found} is a symbolic link; custflow writes no file through "
                              "a link: remove it, then run custflow playbook again")
        if found.is_file() and name != MARKER and name not in ours and name in names:
            raise OutputError(
                f"{found} is a file of yours where the playbook writes a page; move it away, "
                "or set 'playbook_dir' to a folder of the playbook's own"
            )
    emptied: set[Path] = set()
    for name in sorted(ours - names):  # pages of removed stages; a user's file stays
        stale = folder / name
        if stale.is_file() and not stale.is_symlink():
            stale.unlink()
            emptied.update(p for p in stale.parents if folder in p.parents)
    for directory in sorted(emptied, key=lambda p: len(p.parts), reverse=True):
        if directory.is_dir() and not directory.is_symlink() and not any(directory.iterdir()):
            directory.rmdir()
    written = []
    for target, text in contents.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    (folder / MARKER).write_text(_MARKER_HEAD + "".join(f"{n}\n" for n in sorted(names)),
                                 encoding="utf-8")
    return written, list(pages.urls.broken)


def checked_directory(directory: str) -> str:
    """``playbook_dir`` as a folder inside the docs folder (``stages``, ``a/b``),
    or :class:`OutputError`: ``/etc``, ``..`` or ``.`` would write elsewhere."""
    cleaned = directory.rstrip("/")
    parts = cleaned.split("/")
    if (not cleaned or any(part in ("", ".", "..") for part in parts) or "\\" in cleaned
            or PurePosixPath(cleaned).is_absolute() or not cleaned.isprintable()):
        raise OutputError(
            f"'playbook_dir: {directory}' must be a folder inside the docs folder, such as "
            "'playbook'"
        )
    return cleaned


def _refuse_links(docs_dir: Path, folder: Path) -> None:
    """No folder on the way to the playbook's may be a symbolic link (even a
    dangling one) or a file: the files would land wherever it points."""
    step = folder
    while step != docs_dir and docs_dir in step.parents:
        if step.is_symlink():
            raise OutputError(f"{step} is a symbolic link; custflow writes the playbook only "
                              "into a folder of its own: remove the link, or set 'playbook_dir' "
                              "to another folder")
        if step.exists() and not step.is_dir():
            raise OutputError(f"{step} is a file, not a folder; move it away, or set "
                              "'playbook_dir' to a folder of the playbook's own")
        step = step.parent


_OLD_MARKER = "old"


def _listed(folder: Path) -> set[str] | str | None:
    """The files the last ``custflow playbook`` wrote into ``folder`` (from its
    marker); :data:`_OLD_MARKER` for a marker that lists none (an older
    version's); None when the folder is not the playbook's."""
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return None
    rows = marker.read_text("utf-8", "replace").splitlines()
    if rows and rows[0] + "\n" == _MARKER_HEAD:
        # The marker sits in the docs folder, where a pull request can edit it:
        # only plain names inside the folder, never '../../.bashrc'.
        return {row for row in rows[1:] if row and row.isprintable() and "\\" not in row
                and not row.startswith("/") and all(
                    part not in ("", ".", "..") for part in row.split("/"))}
    return _OLD_MARKER
