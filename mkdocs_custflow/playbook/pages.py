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
from html import escape
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from mkdocs_custflow.i18n import words
from mkdocs_custflow.playbook.model import JourneyRecord, Playbook
from mkdocs_custflow.renderers.tables import raci_letters
from mkdocs_custflow.safe_text import description_html, is_safe_url, md_escape
from mkdocs_custflow.structure import Journey

PAGE_TEMPLATES_DIR = Path(__file__).parent / "page_templates"


class PageTemplateError(Exception):
    """A playbook page template cannot be used: which file, which line, why."""

    def __init__(self, message: str, file: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.file, self.line = message, file, line

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def _template_place(exc: BaseException, name: str) -> tuple[str, int | None]:
    """The template file and line an error was raised from, as far as known."""
    tb = exc.__traceback__
    file, line = name, None
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith(".j2"):
            file, line = code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return file, line


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
    return value if isinstance(value, Markup) else Markup(_shown(value))


def _shown(value: object) -> str:
    """A value printed on a page: escaped for Markdown and HTML, None as nothing."""
    return "" if value is None else md_escape(str(value))


@functools.lru_cache(maxsize=8)
def page_environment(override_dir: Path | None = None) -> jinja2.Environment:
    """Templates from ``override_dir`` first, then the built-in ones. One
    environment per folder, so templates compile once (and again only when
    their file changes, which Jinja checks)."""
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
    env.filters["markdown"] = markdown_filter
    env.filters["group_by"] = group_by
    env.filters["html"] = lambda text: Markup(escape(str(text)))  # inside raw HTML
    env.filters["raci"] = lambda letters: Markup(raci_letters(letters))
    return env


def markdown_filter(text: str | None) -> Markup:
    """A description on a generated page: HTML made by the plugin's own fixed
    Markdown, in a block no extension of the site reads as Markdown."""
    if not text:
        return Markup("")
    return Markup(f'<div class="custflow-description">{description_html(text)}</div>')


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
    a relative path (read from the docs folder) made relative to the page.
    A URL that breaks the rule of :mod:`mkdocs_custflow.safe_text` (a page
    template of your own may print any) becomes ``#``."""
    if not is_safe_url(url):
        return Markup("#")
    if "://" in url or url.lower().startswith("mailto:") or url.startswith("/"):
        return Markup(url.replace(">", "%3E").replace("<", "%3C"))
    path, _, anchor = url.partition("#")
    return relative_link(from_page, path, anchor or None)


def record_key(record: JourneyRecord) -> tuple[str, str, str]:
    """A journey as far as pages show it: its block text decides its content."""
    return (record.page, record.anchor, record.block_text)


class PageLinks:
    """Markdown links from one generated page to the others, each name escaped.

    Plain Python rather than Jinja macros: a large playbook prints hundreds of
    thousands of them, and a macro call costs ten times a method call. The
    macros in ``_macros.md.j2`` call these, for templates that import them.
    """

    def __init__(self, playbook: Playbook, layout: PlaybookLayout, page: str) -> None:
        self.playbook = playbook
        self.layout = layout
        self.page = page

    def _to(self, text: object, target: str, anchor: str | None = None) -> Markup:
        return Markup(f"[{_shown(text)}]({relative_link(self.page, target, anchor)})")

    def actor(self, actor_id: str | None, journey: Journey | None = None) -> Markup:
        """A role links to its page; a journey's own actor shows its name."""
        if not actor_id:
            return Markup("")
        role = self.playbook.roles.get(actor_id)
        if role is not None:
            return self._to(role.actor.name, self.layout.role(actor_id))
        if journey is not None and actor_id in journey.actors:
            return Markup(_shown(journey.actors[actor_id].name))
        return Markup(_shown(actor_id))

    def actors(self, actor_ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.actor(actor_id) for actor_id in actor_ids)

    def stage(self, stage_id: str | None) -> Markup:
        stage = self.playbook.stages.get(stage_id) if stage_id is not None else None
        if stage is None or stage_id is None:
            return Markup(_shown(stage_id))
        return self._to(stage.name, self.layout.stage(stage_id))

    def touchpoint(self, touchpoint_id: str | None) -> Markup:
        entry = self.playbook.touchpoints.get(touchpoint_id) if touchpoint_id else None
        if entry is None or touchpoint_id is None:
            return Markup(_shown(touchpoint_id))
        return self._to(entry.touchpoint.name, self.layout.touchpoint(touchpoint_id))

    def journey(self, record: JourneyRecord) -> Markup:
        return self._to(record.journey.title, record.page, record.anchor)


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
        self.override_dir = override_dir
        self.env = page_environment(override_dir)

    @functools.cached_property
    def _paths(self) -> dict[str, tuple[str, str]]:
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

    def paths(self) -> dict[str, tuple[str, str]]:
        """Docs path -> (page kind, subject id) of every page to generate (worked
        out once: files, navigation and rendering all ask; do not change it)."""
        return self._paths

    def render(self, path: str, kind: str, subject: str) -> str:
        link: Callable[..., Markup] = lambda to, anchor=None: relative_link(path, to, anchor)  # noqa: E731
        playbook = self.playbook
        context = {
            "playbook": playbook,
            "layout": self.layout,
            "links": PageLinks(playbook, self.layout, path),
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
        name = f"{kind}.md.j2"
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise PageTemplateError(exc.message or str(exc), exc.filename or name,
                                    exc.lineno) from None
        except (jinja2.TemplateError, UnicodeDecodeError) as exc:
            raise PageTemplateError(str(exc), *_template_place(exc, name)) from None

    def render_all(self) -> dict[str, str]:
        """Every page's Markdown."""
        return {path: self.render(path, kind, subject)
                for path, (kind, subject) in self.paths().items()}

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
