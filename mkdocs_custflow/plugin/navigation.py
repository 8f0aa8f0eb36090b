"""The Playbook section of the site navigation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from mkdocs_custflow.i18n import words
from mkdocs_custflow.plugin.playbook_files import PlaybookFiles


def safe_title(name: str) -> str:
    """A page title no theme can turn into markup.

    Material prints nav titles as raw HTML and runs ``<title>`` through
    ``striptags``, which decodes entities: escaping cannot survive both, so
    angle brackets become look-alikes and entity-like ``&`` a full-width one.
    """
    text = name.replace("<", "\u2039").replace(">", "\u203a")
    return re.sub(r"&(?=#?\w+;)", "\uff06", text)


def add_playbook_section(
    nav: Navigation, playbook: PlaybookFiles, title: str | None, locale: str, limit: int = 30
) -> None:
    """Move our pages (wherever an implicit nav put them) into one section at the
    end; a kind of page with more than ``limit`` pages is left to the overview."""
    if playbook.pages is None:
        return
    ours = {file.src_uri for file in playbook.generated.values() if file.page is not None}
    nav.items = _without(nav.items, ours)
    nav.pages = [page for page in nav.pages if page.file.src_uri not in ours]
    text = words(locale)
    paths = playbook.pages.paths()
    layout = playbook.layout

    def page(path: str) -> Page | None:
        file = playbook.generated.get(path)
        return file.page if file is not None else None

    def group(group_title: str, kind: str) -> Section | None:
        found = [p for p in (page(path) for path, (k, _s) in paths.items() if k == kind) if p]
        if not found or len(found) > limit:
            return None
        return Section(group_title, found)  # type: ignore[arg-type]

    children = [
        page(layout.overview()),
        page(layout.dashboard()),
        page(layout.raci()),
        page(layout.improvements()),
        group(text["stages"], "stage"),
        group(text["touchpoints"], "touchpoint"),
        group(text["roles"], "role"),
        page(layout.architecture()),
        page(layout.personal_data()),
        group(text["systems"], "system"),
        group(text["data_items"], "data"),
    ]
    section = Section(title or text["playbook"], [c for c in children if c])
    nav.items.append(section)
    _link_parents(section, None)
    nav.pages.extend(_pages_in(section))
    for previous, current in zip([None, *nav.pages[:-1]], nav.pages, strict=True):
        current.previous_page = previous
        if previous is not None:
            previous.next_page = current
    if nav.pages:
        nav.pages[-1].next_page = None


def _without(items: list, src_uris: set[str]) -> list:  # type: ignore[type-arg]
    """Navigation items minus our pages (and sections left empty by that)."""
    kept = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in src_uris:
            continue
        if isinstance(item, Section):
            item.children = _without(item.children, src_uris)
            if not item.children:
                continue
        kept.append(item)
    return kept


def _link_parents(section: Section, parent: Section | None) -> None:
    section.parent = parent
    for child in section.children:
        if isinstance(child, Section):
            _link_parents(child, section)
        else:
            child.parent = section


def _pages_in(section: Section) -> Iterator[Page]:
    for child in section.children:
        if isinstance(child, Section):
            yield from _pages_in(child)
        elif isinstance(child, Page):
            yield child
