"""Render the playbook's pages as Markdown, from overridable Jinja templates.

The pages are Markdown so MkDocs treats them like any page: it checks and
rewrites their links (for either ``use_directory_urls``), indexes them for
search and lists them in the sitemap. Every value a template prints is
escaped for Markdown and HTML unless marked safe, so no stage name can turn
into markup or a link.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from mkdocs_custflow.i18n import words
from mkdocs_custflow.markdown_text import md_description, md_escape
from mkdocs_custflow.structure.playbook import Playbook

PAGE_TEMPLATES_DIR = Path(__file__).parent / "pages"
PAGE_KINDS = ("overview", "stage", "touchpoint", "role", "raci")


@dataclass(frozen=True)
class PlaybookLayout:
    """Where each generated page lives, relative to the docs folder."""

    directory: str = "playbook"

    def overview(self) -> str:
        return f"{self.directory}/index.md"

    def raci(self) -> str:
        return f"{self.directory}/raci.md"

    def stage(self, stage_id: str) -> str:
        return f"{self.directory}/stages/{stage_id}.md"

    def touchpoint(self, touchpoint_id: str) -> str:
        return f"{self.directory}/touchpoints/{touchpoint_id}.md"

    def role(self, role_id: str) -> str:
        return f"{self.directory}/roles/{role_id}.md"


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return Markup(md_escape(str(value)))


def page_environment(override_dir: Path | None = None) -> jinja2.Environment:
    """Templates from ``override_dir`` first, then the built-in ones."""
    folders = [str(override_dir)] if override_dir else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(PAGE_TEMPLATES_DIR)]),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = lambda text: Markup(md_description(text or ""))
    env.filters["group_by"] = group_by
    return env


def group_by(
    items: Iterable[object], attribute: str, default: str
) -> list[tuple[str, list[object]]]:
    """Items grouped by a dotted attribute, in first-seen order; empty values
    go under ``default`` (last)."""
    groups: dict[str, list[object]] = {}
    missing: list[object] = []
    for item in items:
        value: object = item
        for name in attribute.split("."):
            value = getattr(value, name, None)
        if value:
            groups.setdefault(str(value), []).append(item)
        else:
            missing.append(item)
    result = list(groups.items())
    if missing:
        result.append((default, missing))
    return result


@functools.lru_cache(maxsize=65536)
def relative_link(from_page: str, to_page: str, anchor: str | None = None) -> Markup:
    """A Markdown link target from one docs-relative page to another."""
    path = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    target = quote(path, safe="/-_.~")
    if anchor:
        target += "#" + quote(anchor, safe="-_.~")
    return Markup(target)


def docs_link(from_page: str, url: str) -> Markup:
    """A ``links[].url`` on a generated page: web and mail links as they are,
    a relative path (read from the docs folder) made relative to the page."""
    if "://" in url or url.lower().startswith("mailto:") or url.startswith("/"):
        return Markup(url.replace(">", "%3E").replace("<", "%3C").replace(" ", "%20"))
    path, _, anchor = url.partition("#")
    return relative_link(from_page, path, anchor or None)


class PlaybookPages:
    def __init__(
        self,
        playbook: Playbook,
        layout: PlaybookLayout | None = None,
        locale: str = "en",
        override_dir: Path | None = None,
    ) -> None:
        self.playbook = playbook
        self.layout = layout or PlaybookLayout()
        self.locale = locale
        self.env = page_environment(override_dir)

    def paths(self) -> dict[str, tuple[str, str]]:
        """Docs path -> (page kind, subject id) of every page to generate."""
        layout = self.layout
        pages = {layout.overview(): ("overview", ""), layout.raci(): ("raci", "")}
        for stage_id in self.playbook.stages:  # catalog order, then journey order
            pages[layout.stage(stage_id)] = ("stage", stage_id)
        touchpoints = self.playbook.touchpoints
        for tp_id in sorted(touchpoints, key=lambda t: (touchpoints[t].touchpoint.name, t)):
            pages[layout.touchpoint(tp_id)] = ("touchpoint", tp_id)
        for role_id in self.playbook.stage_roles():
            pages[layout.role(role_id)] = ("role", role_id)
        return pages

    def render(self, path: str, kind: str, subject: str) -> str:
        link: Callable[..., Markup] = lambda to, anchor=None: relative_link(path, to, anchor)  # noqa: E731
        playbook = self.playbook
        context = {
            "playbook": playbook,
            "layout": self.layout,
            "words": words(self.locale),
            "link": link,
            "link_url": lambda url: docs_link(path, url),
            "page_path": path,
        }
        if kind == "stage":
            context["stage"] = playbook.stages[subject]
        elif kind == "touchpoint":
            context["entry"] = playbook.touchpoints[subject]
        elif kind == "role":
            context["role"] = playbook.roles[subject]
            context["role_id"] = subject
        return self.env.get_template(f"{kind}.md.j2").render(context)

    def render_all(self) -> dict[str, str]:
        return {path: self.render(path, kind, subject) for path, (kind, subject) in
                self.paths().items()}

    def title(self, kind: str, subject: str) -> str:
        """Navigation title of a page (plain text)."""
        text = words(self.locale)
        if kind == "overview":
            return text["overview"]
        if kind == "raci":
            return text["raci"]
        if kind == "stage":
            return self.playbook.stages[subject].name
        if kind == "touchpoint":
            return self.playbook.touchpoints[subject].touchpoint.name
        return self.playbook.roles[subject].actor.name
