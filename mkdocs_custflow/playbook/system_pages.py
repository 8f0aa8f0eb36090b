"""The playbook's pages about systems and data: the architecture page (every
system by layer, every exchange and the data it carries, drawn and listed), a
page per system, a page per data item and the personal-data table (data x
stages x roles). Made only for a site that describes its systems
(:func:`~.systems_model.describes_systems`).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import unescape
from typing import TYPE_CHECKING

from markupsafe import Markup

from mkdocs_custflow.i18n import counted, words
from mkdocs_custflow.playbook.links import PageLinks, link, relative_url, shown
from mkdocs_custflow.playbook.model import JourneyRecord, Playbook
from mkdocs_custflow.playbook.systems_model import SystemsIndex
from mkdocs_custflow.renderers.architecture import diagram_figure, render_architecture
from mkdocs_custflow.structure.systems import DATA_USES

if TYPE_CHECKING:
    from mkdocs_custflow.playbook.layout import PlaybookLayout
    from mkdocs_custflow.playbook.links import SiteUrls

SYSTEM_KINDS = ("architecture", "personal-data", "system", "data")


def system_pages(playbook: Playbook, layout: PlaybookLayout) -> dict[str, tuple[str, str]]:
    """Docs path -> (kind, subject) of the pages about systems and data."""
    index = playbook.systems
    if index is None or not (index.systems or index.data):
        return {}
    pages = {layout.architecture(): ("architecture", "")}
    if index.data:
        pages[layout.personal_data()] = ("personal-data", "")
    for system_id in index.systems:
        pages[layout.system(system_id)] = ("system", system_id)
    for data_id in index.data:
        pages[layout.data(data_id)] = ("data", data_id)
    return pages


def system_title(playbook: Playbook, locale: str, kind: str, subject: str) -> str:
    text = words(locale)
    index = playbook.systems or SystemsIndex()
    if kind == "system":
        return index.systems[subject].actor.name
    if kind == "data":
        return index.data[subject].item.name
    return text["architecture"] if kind == "architecture" else text["personal_data"]


class SystemLinks:
    """Links of one page to the system and data pages, and the words of uses."""

    def __init__(self, playbook: Playbook, layout: PlaybookLayout, locale: str, urls: SiteUrls,
                 path: str) -> None:
        self.playbook, self.layout, self.locale, self.urls = playbook, layout, locale, urls
        self.path = path
        self.index = playbook.systems or SystemsIndex()
        self.text = words(locale)
        self.page_links = PageLinks(playbook, layout, path, urls, locale)

    def system(self, system_id: str) -> Markup:
        found = self.index.systems.get(system_id)
        if found is None:
            return Markup(shown(system_id))
        return self.page_links.to(found.actor.name, self.layout.system(system_id))

    def systems(self, ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.system(i) for i in ids)

    def data(self, data_id: str) -> Markup:
        found = self.index.data.get(data_id)
        if found is None:
            return Markup(shown(data_id))
        return self.page_links.to(found.item.name, self.layout.data(data_id))

    def datas(self, ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.data(i) for i in ids)

    def uses(self, uses: Iterable[str]) -> str:
        """The uses in words, in the order data moves (collect first), steps last."""
        given = set(uses)
        return " · ".join(self.text[f"use_{u}"] for u in (*DATA_USES, "step") if u in given)

    def roles(self, role_ids: Iterable[str], data_id: str | None = None) -> Markup:
        """Role links; with ``data_id``, a role that may not see it is marked."""
        item = self.index.data[data_id].item if data_id in self.index.data else None
        shown_roles = []
        for role_id in role_ids:
            text = self.page_links.actor(role_id)
            if item is not None and item.personal and not item.may_see(role_id):
                text += Markup(f' <strong class="custflow-not-allowed">'
                               f'({shown(self.text["not_allowed"])})</strong>')
            shown_roles.append(text)
        return Markup(", ").join(shown_roles)

    def journeys(self, records: list[JourneyRecord], most: int = 3) -> Markup:
        """The journeys of a row: linked when a few, else how many."""
        if len(records) <= most:
            return Markup(", ").join(self.page_links.journey(r) for r in records)
        return Markup(shown(counted(self.locale, "journeys", len(records))))

    def url(self, url: str) -> Markup:
        return self.page_links.url(url)

    def diagram_url(self, target: str) -> str | None:
        """A page's URL from this page, as a diagram writes it (not a file link)."""
        urls = self.urls.urls
        if target not in urls or self.path not in urls:
            self.urls.broken.append((self.path, target))
            return None
        return unescape(relative_url(urls[target], urls[self.path]))

    def architecture_chart(self) -> Markup:
        index = self.index
        layers = [(layer, [s.actor for s in systems]) for layer, systems in index.layers()]
        items = {d: entry.item for d, entry in index.data.items()}
        source = render_architecture(
            layers, index.integrations(), items, self.locale,
            lambda system_id: self.diagram_url(self.layout.system(system_id)),
        )
        return Markup(diagram_figure(source)) if source else Markup("")


def system_context(
    links: SystemLinks, kind: str, subject: str
) -> dict[str, object]:
    """What the page templates of systems and data (and role pages) use."""
    index = links.index
    context: dict[str, object] = {"systems": index, "sys_links": links,
                                  "link_to": link}
    if kind == "system":
        context["system"] = index.systems[subject]
    elif kind == "data":
        context["entry"] = index.data[subject]
    return context
