"""Write the playbook's pages into a docs folder, for hosts that do not run
MkDocs plugins (Zensical, MkDocs 2, plain Python-Markdown): the pages the
plugin would generate, as Markdown files, and ``playbook.json``.

The folder is the playbook's own: a marker file says custflow wrote it, so
writing again replaces it whole (no page of a removed stage lingers), and a
folder of the user's is never written into.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from mkdocs_custflow.playbook.export import playbook_json
from mkdocs_custflow.playbook.layout import PlaybookLayout
from mkdocs_custflow.playbook.links import SiteUrls
from mkdocs_custflow.playbook.model import Playbook
from mkdocs_custflow.playbook.pages import PlaybookPages

MARKER = ".custflow-playbook"


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
    folder = docs_dir / layout.directory
    ours = (folder / MARKER).is_file()
    if folder.exists() and not ours and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(
            f"{folder} exists and was not written by custflow; move it away, or set "
            "'playbook_dir' to a folder of the playbook's own"
        )
    prefix = layout.directory.rstrip("/") + "/"
    own_files = [path for path in site_files if not path.startswith(prefix)]
    pages = PlaybookPages(playbook, layout, locale, page_templates)
    pages.urls = SiteUrls.for_paths([*own_files, *pages.paths()], directory_urls,
                                    between_files=between_files)
    contents = pages.render_all()
    if folder.exists():
        shutil.rmtree(folder)
    written = []
    for path, text in contents.items():
        target = docs_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    data = folder / "playbook.json"
    data.write_text(playbook_json(playbook), encoding="utf-8")
    (folder / MARKER).write_text(
        "Written by `custflow playbook`; the command replaces this folder whole.\n",
        encoding="utf-8",
    )
    return [*written, data], list(pages.urls.broken)
