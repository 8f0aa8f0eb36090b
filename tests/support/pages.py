"""Read built MkDocs pages as a reader sees them: blocks of text with their links, tables,
headings and Material's primary navigation.

Why: the playbook tests assert on what a reader of the built site sees and can click, not on
the exact markup Material writes around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from support.site import BuildResult


@dataclass
class Element:
    """One block of a page with its text and links, so tests compare what a reader sees."""

    tag: str
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href)
    cells: list[Element] = field(default_factory=list)  # for <tr>: its th/td
    table: int = -1  # for <tr>: which table of the page (0, 1, ...)


class BlockParser(HTMLParser):
    """Turns a page's content into Elements in order, so no test has to parse HTML itself."""

    BLOCKS = ("h1", "h2", "h3", "p", "li", "td", "th", "tr")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[tuple[Element, list[str]]] = []
        self.link: tuple[str, list[str]] | None = None
        self.tables = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables += 1
        if tag in self.BLOCKS:
            element = Element(tag, table=self.tables - 1 if tag == "tr" else -1)
            if tag in ("td", "th") and self.open and self.open[-1][0].tag == "tr":
                self.open[-1][0].cells.append(element)
            self.elements.append(element)
            self.open.append((element, []))
        elif tag == "a":
            self.link = (dict(attrs).get("href") or "", [])
        elif tag == "br" and self.open:
            self.open[-1][1].append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.link is not None:
            href, parts = self.link
            text = " ".join("".join(parts).split())
            for element, _ in self.open:
                element.links.append((text, href))
            self.link = None
        elif self.open and self.open[-1][0].tag == tag:
            element, parts = self.open.pop()
            element.text = "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n"))
            if self.open:  # the text of a nested block also belongs to its parent
                self.open[-1][1].append(" " + "".join(parts) + " ")

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][1].append(data)
        if self.link is not None:
            self.link[1].append(data)


def article(html: str) -> str:
    """The page's own content without Material's header, nav and footer, whose links vary."""
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert match, "no <article> in the page"
    return match.group(1)


def blocks(html: str) -> list[Element]:
    """Every block of a page's content in order: what the other readers here filter."""
    parser = BlockParser()
    parser.feed(article(html))
    parser.close()
    return parser.elements


def read(result: BuildResult, url: str) -> str:
    """HTML of the page at ``url`` (site-relative, directory URLs); fails if it wasn't built."""
    path = result.site_dir / url / "index.html" if not url.endswith(".html") else (
        result.site_dir / url
    )
    assert path.is_file(), f"{path.relative_to(result.site_dir)} was not built"
    return path.read_text(encoding="utf-8")


def rows(html: str) -> dict[str, Element]:
    """Table rows of a page by the text of their first cell, to look rows up by their label."""
    return {e.cells[0].text: e for e in blocks(html) if e.tag == "tr" and e.cells}


def tables(html: str) -> list[list[Element]]:
    """Rows of each table of a page, header row first, for pages with several tables."""
    found: dict[int, list[Element]] = {}
    for element in blocks(html):
        if element.tag == "tr":
            found.setdefault(element.table, []).append(element)
    return list(found.values())


def headings(html: str, tag: str) -> list[str]:
    """Texts of the page's headings of one level (``h1``, ``h2``, ``h3``): its outline."""
    return [e.text for e in blocks(html) if e.tag == tag]


def items(html: str) -> list[Element]:
    """The page's list items, where generated pages list stages, journeys and steps."""
    return [e for e in blocks(html) if e.tag == "li"]


def cell_links(row: Element, column: int) -> list[tuple[str, str]]:
    """The (text, href) links in one cell of a table row: whom or what the row points to."""
    return row.cells[column].links


class NavParser(HTMLParser):
    """Material's primary navigation as (depth, title, href or None), in order, sans TOCs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[tuple[int, str, str | None]] = []
        self.nav_depth = 0  # <nav> elements open inside the primary nav
        self.skip_from = 0  # nav depth of a table of contents being skipped
        self.li_depth = 0
        self.capture: tuple[str | None, list[str]] | None = None
        self.done_li: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "nav":
            if self.nav_depth or "md-nav--primary" in classes:
                self.nav_depth += 1
                if "md-nav--secondary" in classes and not self.skip_from:
                    self.skip_from = self.nav_depth
            return
        if not self.nav_depth or self.skip_from:
            return
        if tag == "li" and "md-nav__item" in classes:
            self.li_depth += 1
            self.done_li.append(False)
        elif (
            tag in ("a", "label") and "md-nav__link" in classes
            and self.done_li and not self.done_li[-1]
        ):
            self.capture = (values.get("href") if tag == "a" else None, [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.nav_depth:
            if self.skip_from == self.nav_depth:
                self.skip_from = 0
            self.nav_depth -= 1
            return
        if not self.nav_depth or self.skip_from:
            return
        if tag in ("a", "label") and self.capture is not None:
            href, parts = self.capture
            self.entries.append((self.li_depth, " ".join("".join(parts).split()), href))
            self.done_li[-1] = True
            self.capture = None
        elif tag == "li" and self.done_li:
            self.li_depth -= 1
            self.done_li.pop()

    def handle_data(self, data: str) -> None:
        if self.capture is not None:
            self.capture[1].append(data)


def nav(html: str) -> list[tuple[int, str, str | None]]:
    """A page's primary navigation entries, to check where the playbook section lands."""
    parser = NavParser()
    parser.feed(html)
    parser.close()
    return parser.entries


def section(entries: list[tuple[int, str, str | None]], title: str) -> list[tuple[int, str]]:
    """The entries under the top-level section ``title`` (depth relative to it), as a whole."""
    start = next(i for i, (d, t, _h) in enumerate(entries) if d == 1 and t == title)
    out = []
    for depth, text, _href in entries[start + 1 :]:
        if depth == 1:
            break
        out.append((depth - 1, text))
    return out


def top_level(entries: list[tuple[int, str, str | None]]) -> list[str]:
    """Titles of the top-level nav entries, to check the order of the site's sections."""
    return [text for depth, text, _href in entries if depth == 1]


def line_of(text: str, needle: str, start: int = 0) -> int:
    """1-based line of the first line with ``needle`` from line ``start``: where logs point."""
    for number, line in enumerate(text.splitlines(), 1):
        if number >= start and needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


def label_groups(html: str) -> dict[str, list[str]]:
    """'**label**: a, b' blocks (paragraph or list item) by label: the overview's groups."""
    found = {}
    for element in blocks(html):
        if element.tag in ("p", "li"):
            match = re.fullmatch(r"([^:\n]+): (.*)", element.text)
            if match and element.links:
                found[match[1]] = [text for text, _ in element.links]
    return found
