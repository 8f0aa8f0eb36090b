"""One rule for writer text on its way into HTML: URLs, Markdown, descriptions.

Block text, catalog text and template ``with:`` values are untrusted: they
may come from anyone who can open a pull request. Whatever the source, text
reaches a page only through this module (or, inside diagrams, through
``renderers.escaping``):

- a URL is allowed only without white space, control characters and
  backslashes, and with ``http``, ``https`` or ``mailto`` or no scheme at
  all (a relative link, not ``//host``); it is then written escaped;
- plain text (names, steps, time limits) is escaped for Markdown and HTML;
- a description is Markdown converted here, by a Python-Markdown with no
  extensions and raw HTML escaped, never by the site's own extensions
  (``attr_list`` would turn ``{ onclick=... }`` into an attribute, snippets
  would include files).
"""

from __future__ import annotations

import functools
import re
from html import escape, unescape
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from mkdocs_custflow.messages import Text, say

_ALLOWED_SCHEME = re.compile(r"^(https?|mailto):", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
# Python-Markdown's backslash-escapable characters, plus '|' (tables).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def url_problem(url: str) -> Text | None:
    """Why ``url`` may not be linked, or None when it may. The rule holds for
    the URL as written and as a browser reads it once HTML character
    references are decoded (``&#106;avascript:`` is ``javascript:``)."""
    problem = _problem(url)
    decoded = unescape(url)
    return problem or (_problem(decoded) if decoded != url else None)


def _problem(url: str) -> Text | None:
    if not url:
        return say("url.empty")
    if any(ch.isspace() or ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in url):
        return say("url.space")
    if "\\" in url:
        return say("url.backslash")
    if _ALLOWED_SCHEME.match(url):
        return None
    if _SCHEME.match(url):
        return say("url.scheme", scheme=_SCHEME.match(url)[0])  # type: ignore[index]
    if url.startswith("//"):
        return say("url.no-scheme")
    return None


def is_safe_url(url: str) -> bool:
    return url_problem(url) is None


def script_tag(src: str) -> str:
    """A ``<script>`` loading ``src`` (a site path or the site's configured
    URL), the attribute escaped."""
    return f'<script src="{escape(src, quote=True)}"></script>'


@functools.lru_cache(maxsize=65536)  # playbook pages repeat the same names many times
def md_escape(text: str) -> str:
    """Plain text that Markdown shows exactly, on one line (safe in table cells)."""
    one_line = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", escape(one_line, quote=False))


class _LinkGuard(Treeprocessor):
    """Links and images whose URL breaks the rule lose it."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not is_safe_url(value):
                    del element.attrib[attribute]


class _DescriptionMarkdown(markdown.Markdown):
    """Python-Markdown with no extensions, raw HTML escaped, links guarded."""

    def __init__(self) -> None:
        super().__init__(extensions=[])
        self.preprocessors.deregister("html_block")
        self.inlinePatterns.deregister("html")
        self.inlinePatterns.deregister("entity")
        self.treeprocessors.register(_LinkGuard(self), "custflow_links", 0)


_converter = _DescriptionMarkdown()


@functools.lru_cache(maxsize=4096)
def description_html(text: str) -> str:
    """A writer's Markdown description as HTML, on one line, so that no
    extension of the site that reads the page afterwards sees it as Markdown."""
    html = _converter.reset().convert(str(text)).replace("{", "&#123;")
    return html.replace("\r", "").replace("\n", "&#10;" if "<pre" in html else " ")
