"""Find broken internal links in a built site, including Mermaid `click ... href` targets.

Why not trust MkDocs' own validation: it checks Markdown links before rendering, not what ends
up in the HTML (links written by a plugin, the theme, or inside Mermaid text, which MkDocs
never rewrites). This checker reads the built HTML the way a browser follows it:

- every `href`/`src` of every HTML page, plus every `click <id> [href] "<url>"` in the text of
  a `<pre class="mermaid">` (the HTML parser unescapes the text first, as Mermaid sees it);
- each URL is resolved against the page's own URL. A page `a/b/index.html` is served at
  `a/b/` and `a/b.html` (use_directory_urls: false) at `a/b.html`; both resolve relative links
  from their folder, so the file's path is the page's URL for resolution in either layout;
- a target must exist as a file; a folder (`x/`, or a path that is a folder) needs its
  `index.html`; a `#fragment` needs an element with that `id` (or `<a name>`) in the target
  page, the page itself for `#x` alone; a path may not climb above the site's root
  (browsers clamp it there silently, which hides the mistake until the site is served from
  a sub-folder).

External links (http(s) to a host, protocol-relative `//host`), `mailto:`, `tel:` and
`data:` are not followed; any other scheme (`javascript:`...) is reported.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that make a browser load or go somewhere.
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "source": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "embed": ("src",),
    "track": ("src",),
    "form": ("action",),
}
IGNORED_SCHEMES = {"http", "https", "mailto", "tel", "data"}

# `click S1 href "url"` or `click S1 "url"`, optionally followed by a tooltip and a target.
MERMAID_CLICK = re.compile(r'^\s*click\s+(?P<node>\S+)\s+(?:href\s+)?"(?P<url>[^"]*)"', re.M)


@dataclass(frozen=True)
class Link:
    """One URL found in a page: where, what kind (`href`, `src`, `mermaid click S1`)."""

    page: str  # site-relative path of the HTML file, e.g. "a/b/index.html"
    kind: str
    url: str


@dataclass
class PageLinks:
    links: list[Link]
    ids: set[str]


class _PageParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[Link] = []
        self.ids: set[str] = set()
        self._mermaid_depth = 0  # >0 while inside <pre class="mermaid">
        self._pre_depth = 0
        self._mermaid_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            url = values.get(attribute)
            if url is not None:
                self.links.append(Link(self.page, f"<{tag} {attribute}>", url))
        if tag == "pre":
            self._pre_depth += 1
            if self._mermaid_depth or "mermaid" in (values.get("class") or "").split():
                self._mermaid_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "pre":  # <pre/> is not a thing, but keep the depth honest
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag != "pre" or not self._pre_depth:
            return
        self._pre_depth -= 1
        if self._mermaid_depth:
            self._mermaid_depth -= 1
            if not self._mermaid_depth:
                self._flush_mermaid()

    def handle_data(self, data: str) -> None:
        if self._mermaid_depth:
            self._mermaid_text.append(data)

    def _flush_mermaid(self) -> None:
        text = "".join(self._mermaid_text)
        self._mermaid_text = []
        for match in MERMAID_CLICK.finditer(text):
            self.links.append(Link(self.page, f"mermaid click {match['node']}", match["url"]))

    def close(self) -> None:
        super().close()
        if self._mermaid_depth:  # an unclosed <pre class="mermaid"> still counts
            self._flush_mermaid()


def parse_page(html_text: str, page: str) -> PageLinks:
    """Links and element ids of one HTML document (``page`` is its site-relative path)."""
    parser = _PageParser(page)
    parser.feed(html_text)
    parser.close()
    return PageLinks(parser.links, parser.ids)


def mermaid_click_targets(html_text: str) -> list[tuple[str, str]]:
    """(node id, url) of every Mermaid click link in a page, in order."""
    return [
        (link.kind.removeprefix("mermaid click "), link.url)
        for link in parse_page(html_text, "page.html").links
        if link.kind.startswith("mermaid click ")
    ]


def _resolve(page: str, path: str) -> tuple[str, bool]:
    """Site-relative target of ``path`` seen from ``page``; (target, climbed above root).

    The target ends with "/" when the URL names a folder.
    """
    if path.startswith("/"):
        parts: list[str] = []
        relative = path.lstrip("/")
    else:
        parts = [p for p in posixpath.dirname(page).split("/") if p]
        relative = path
    climbed = False
    segments = relative.split("/")
    for segment in segments:
        if segment in ("", "."):
            continue
        if segment == "..":
            if parts:
                parts.pop()
            else:
                climbed = True
            continue
        parts.append(segment)
    folder = not relative or segments[-1] in ("", ".", "..")
    target = "/".join(parts)
    if folder:
        target = f"{target}/" if target else "/"
    return target, climbed


class LinkChecker:
    """Reads every HTML page of ``site_dir`` once; :meth:`problems` lists what is broken."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = Path(site_dir)
        self.pages: dict[str, PageLinks] = {}
        for file in sorted(self.site_dir.rglob("*.html")):
            rel = file.relative_to(self.site_dir).as_posix()
            self.pages[rel] = parse_page(file.read_text(encoding="utf-8"), rel)

    @property
    def links(self) -> list[Link]:
        return [link for page in self.pages.values() for link in page.links]

    def _ids(self, page: str) -> set[str] | None:
        if page in self.pages:
            return self.pages[page].ids
        file = self.site_dir / page
        if file.suffix.lower() in (".html", ".htm") and file.is_file():
            self.pages[page] = parse_page(file.read_text(encoding="utf-8"), page)
            return self.pages[page].ids
        return None

    def check_link(self, link: Link) -> str | None:
        """A readable problem, or None when the link works."""
        where = f"{link.page}: {link.kind} {link.url!r}"
        url = link.url.strip()
        parts = urlsplit(url)
        if parts.scheme:
            if parts.scheme.lower() in IGNORED_SCHEMES:
                return None
            return f"{where}: '{parts.scheme}:' links are not followed by a browser here"
        if parts.netloc:  # //host/path: another site
            return None
        path = unquote(parts.path)
        fragment = unquote(parts.fragment)
        if not path:  # "", "#x", "?q": this very page
            target = link.page
        else:
            resolved, climbed = _resolve(link.page, path)
            if climbed:
                return f"{where}: climbs above the site's root"
            if resolved.endswith("/"):
                folder = resolved.strip("/")
                target = f"{folder}/index.html" if folder else "index.html"
                if not (self.site_dir / target).is_file():
                    return f"{where}: folder '{resolved}' has no index.html"
            else:
                file = self.site_dir / resolved
                if file.is_dir():
                    target = f"{resolved}/index.html"
                    if not (self.site_dir / target).is_file():
                        return f"{where}: folder '{resolved}/' has no index.html"
                elif file.is_file():
                    target = resolved
                else:
                    return f"{where}: '{resolved}' does not exist"
        if fragment:
            ids = self._ids(target)
            if ids is not None and fragment not in ids:
                return f"{where}: '{target}' has no element with id={fragment!r}"
        return None

    def problems(self, links: Iterable[Link] | None = None) -> list[str]:
        """Every broken link (default: of every page), one readable line each."""
        found = []
        for link in self.links if links is None else links:
            problem = self.check_link(link)
            if problem is not None:
                found.append(problem)
        return found


def check_links(site_dir: Path) -> list[str]:
    """Broken internal links, fragments and Mermaid click targets of a built site."""
    return LinkChecker(site_dir).problems()
