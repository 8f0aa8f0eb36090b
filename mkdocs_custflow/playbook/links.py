"""Links from a generated playbook page to the site's other pages.

The playbook pages write their links as HTML with final URLs, not as
Markdown links for MkDocs to resolve: a large playbook prints hundreds of
thousands of them, and Markdown's inline patterns and MkDocs' link rewriting
were most of its build time. Every target is looked up here, in the site's
own list of pages and URLs; a link whose page does not exist is recorded
(and reported by the build like MkDocs' own link check) and printed as text.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterable, Mapping
from html import escape
from urllib.parse import quote

from markupsafe import Markup

from mkdocs_custflow.i18n import words
from mkdocs_custflow.playbook.layout import PlaybookLayout
from mkdocs_custflow.playbook.model import JourneyRecord, Playbook
from mkdocs_custflow.safe_text import is_safe_url
from mkdocs_custflow.structure import Journey
from mkdocs_custflow.structure.journey import END_TARGET as END

# Characters Markdown would read as markup, written as character references:
# the text then reads the same in a Markdown paragraph and in raw HTML.
# ('-', '.' and '+' only mean something at the start of a line, where these
# pages never print a value.)
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#!|~<>&\"']")


@functools.lru_cache(maxsize=65536)  # playbook pages repeat the same names many times
def page_text(value: str) -> str:
    """Plain text on a generated page, on one line: every character that HTML
    or Markdown could read as markup is a character reference."""
    one_line = " ".join(value.split())
    return _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m[0])};", one_line)


def shown(value: object) -> str:
    """A value printed on a page (None prints nothing)."""
    return "" if value is None else page_text(str(value))


PAGE_SUFFIXES = (".md", ".markdown")


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives the file at docs path ``path``: a page ``a/b.md`` is
    ``a/b/`` with directory URLs, else ``a/b.html`` (``index.md`` and
    ``README.md`` are their folder's page); any other file keeps its path."""
    folder, name = posixpath.split(path)
    stem, suffix = posixpath.splitext(name)
    if suffix not in PAGE_SUFFIXES:
        return quote(path, safe="/-_.~")
    if stem in ("index", "README"):
        url = f"{folder}/" if folder else ""
    elif directory_urls:
        url = f"{folder}/{stem}/" if folder else f"{stem}/"
    else:
        url = f"{folder}/{stem}.html" if folder else f"{stem}.html"
    return quote(url, safe="/-_.~")


@functools.lru_cache(maxsize=65536)
def relative_url(url: str, from_url: str) -> str:
    """``url`` as seen from the page at ``from_url`` (both site-relative, as
    MkDocs writes them: ``''`` is the home page, a folder URL ends in ``/``)."""
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    relative = posixpath.relpath("/" + url, "/" + from_dir)
    if url.endswith("/") or not url:
        relative = "./" if relative == "." else relative + "/"
    return relative


class SiteUrls:
    """The site's files by docs path (``guide/sales.md``, ``forms/a.pdf``) and
    their URLs.

    The plugin fills it from MkDocs' own files, so links follow whatever
    ``use_directory_urls`` and other plugins decided; ``custflow playbook``
    fills it with :func:`page_url`.
    """

    def __init__(self, urls: Mapping[str, str], *, between_files: bool = False) -> None:
        """``between_files``: link the Markdown files to each other
        (``../roles/sales.md``) instead of writing URLs, for a host that resolves
        links in HTML as it does Markdown links (Zensical)."""
        self.urls = dict(urls)
        self.between_files = between_files
        self.broken: list[tuple[str, str]] = []
        """(page, target) of every link that found no page."""

    @classmethod
    def for_paths(
        cls, paths: Iterable[str], directory_urls: bool = True, *, between_files: bool = False
    ) -> SiteUrls:
        return cls({path: page_url(path, directory_urls) for path in paths},
                   between_files=between_files)

    def href(self, from_path: str, to_path: str, anchor: str | None = None) -> str | None:
        """The link from one page to another, escaped for an attribute; None
        (and recorded) when the target is not a page of the site."""
        target = self.urls.get(to_path)
        here = self.urls.get(from_path)
        if target is None or here is None:
            self.broken.append((from_path, to_path + (f"#{anchor}" if anchor else "")))
            return None
        if self.between_files:
            link = quote(relative_url(to_path, from_path), safe="/-_.~")
        else:
            link = relative_url(target, here)
        if anchor:
            link += "#" + quote(anchor, safe="-_.~")
        return escape(link)

    def diagram_href(self, from_path: str, to_path: str, anchor: str | None = None) -> str | None:
        """The link for a diagram's ``click``: always from one page's URL to the
        other's (no host rewrites the links inside a diagram); None when the
        target is not a page of the site."""
        target, here = self.urls.get(to_path), self.urls.get(from_path)
        if target is None or here is None:
            return None
        link = relative_url(target, here)
        return link + "#" + quote(anchor, safe="-_.~") if anchor else link

    def docs_link(self, from_path: str, url: str) -> str | None:
        """A ``links[].url`` of a stage: web and mail links as written (when
        safe), a docs-relative path (``guide/x.md#part``) made a site link."""
        if not is_safe_url(url):
            return None
        if "://" in url or url.lower().startswith("mailto:") or url.startswith("/"):
            return escape(url)
        path, _, anchor = url.partition("#")
        return self.href(from_path, path, anchor or None)


def link(text: object, href: str | None) -> Markup:
    """``text`` as a link (or as plain text when there is no target)."""
    if href is None:
        return Markup(shown(text))
    return Markup(f'<a href="{href}">{shown(text)}</a>')


class PageLinks:
    """The links of one generated page to the others and to the journeys.

    Plain Python rather than Jinja macros: a large playbook prints many of
    them, and a macro call costs ten times a method call. The macros in
    ``_macros.md.j2`` call these, for templates that import them.
    """

    def __init__(
        self, playbook: Playbook, layout: PlaybookLayout, page: str, urls: SiteUrls,
        locale: str = "en",
    ) -> None:
        self.playbook = playbook
        self.layout = layout
        self.page = page
        self.urls = urls
        self.text = words(locale)

    def to(self, text: object, target: str, anchor: str | None = None) -> Markup:
        """A link to any page of the site by its docs path."""
        return link(text, self.urls.href(self.page, target, anchor))

    def actor(self, actor_id: str | None, journey: Journey | None = None) -> Markup:
        """A role links to its page; a journey's own actor shows its name."""
        if not actor_id:
            return Markup("")
        role = self.playbook.roles.get(actor_id)
        if role is not None:
            return self.to(role.actor.name, self.layout.role(actor_id))
        if journey is not None and actor_id in journey.actors:
            return Markup(shown(journey.actors[actor_id].name))
        return Markup(shown(self.playbook.actor_names().get(actor_id, actor_id)))

    def actors(self, actor_ids: Iterable[str]) -> Markup:
        return Markup(escape(self.text["comma"])).join(
            self.actor(actor_id) for actor_id in actor_ids)

    def stage(self, stage_id: str | None) -> Markup:
        """A stage's name linked to its page; ``end`` (a branch's or ``next``'s
        target when the journey is over) is the language's word for it."""
        stage = self.playbook.stages.get(stage_id) if stage_id is not None else None
        if stage is None or stage_id is None:
            return Markup(shown(self.text["end"] if stage_id == END else stage_id))
        return self.to(stage.name, self.layout.stage(stage_id))

    def touchpoint(self, touchpoint_id: str | None) -> Markup:
        entry = self.playbook.touchpoints.get(touchpoint_id) if touchpoint_id else None
        if entry is None or touchpoint_id is None:
            return Markup(shown(touchpoint_id))
        return self.to(entry.touchpoint.name, self.layout.touchpoint(touchpoint_id))

    def journey(self, record: JourneyRecord) -> Markup:
        return self.to(record.journey.title, record.page, record.anchor)

    def source_page(self, page: str) -> Markup:
        """A page that holds journeys, named by its path."""
        return self.to(page, page)

    def url(self, url: str) -> Markup:
        """A stage's ``links[].url`` as an ``href`` value (``#`` when refused)."""
        return Markup(self.urls.docs_link(self.page, url) or "#")
