"""Render the playbook's pages from overridable Jinja templates.

A page is Markdown headings (so the theme builds its table of contents)
around blocks of HTML: tables and lists of links that Markdown would only
slow down. Links are final URLs, looked up in the site's own page list by
:class:`~mkdocs_custflow.playbook.links.SiteUrls`, which records any that
would break. Every value a template prints is escaped for HTML and Markdown
unless marked safe, so no stage name can turn into markup or a link.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from mkdocs_custflow.i18n import counted, words
from mkdocs_custflow.playbook.dashboard import make_dashboard
from mkdocs_custflow.playbook.layout import PlaybookLayout
from mkdocs_custflow.playbook.links import PageLinks, SiteUrls, shown
from mkdocs_custflow.playbook.measured_pages import measured_context
from mkdocs_custflow.playbook.model import JourneyRecord, Playbook, by_page
from mkdocs_custflow.playbook.pictures import overview_picture, pain_picture
from mkdocs_custflow.playbook.system_pages import (
    SYSTEM_KINDS,
    SystemLinks,
    system_context,
    system_pages,
    system_title,
)
from mkdocs_custflow.renderers.tables import raci_letters
from mkdocs_custflow.safe_text import description_html
from mkdocs_custflow.structure.review_cycle import build_date

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


def _finalize(value: object) -> object:
    return value if isinstance(value, Markup) else Markup(shown(value))


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
    env.filters["by_page"] = by_page
    env.filters["html"] = lambda text: Markup(shown(text))  # kept for older templates
    env.filters["raci"] = lambda letters: Markup(raci_letters(letters))
    env.globals["overview_picture"] = overview_picture
    env.globals["pain_picture"] = pain_picture
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


def record_key(record: JourneyRecord) -> tuple[str, str, str]:
    """A journey as far as pages show it: its block text decides its content."""
    return (record.page, record.anchor, record.block_text)


@dataclass(frozen=True)
class ListLimits:
    """How much a page lists before it summarises, so that no page grows with
    journeys times stages: a stage page shows each journey's steps up to
    ``detail`` journeys and a row per journey up to ``list``; a role page
    lists its steps up to ``steps``. Past ``list``, journeys are counted by
    the page that holds them."""

    detail: int = 12
    list: int = 200
    steps: int = 60


class PlaybookPages:
    def __init__(
        self,
        playbook: Playbook,
        layout: PlaybookLayout | None = None,
        locale: str = "en",
        override_dir: Path | None = None,
        urls: SiteUrls | None = None,
        limits: ListLimits | None = None,
    ) -> None:
        """``urls``: the site's pages and their URLs (default: the journeys'
        pages and these, with MkDocs' directory URLs)."""
        self.playbook = playbook
        self.layout = layout or PlaybookLayout()
        self.locale = locale
        self.override_dir = override_dir
        self.env = page_environment(override_dir)
        self.limits = limits or ListLimits()
        self._urls = urls

    @property
    def urls(self) -> SiteUrls:
        """The site's files and URLs the pages link by; set it (``SiteUrls``)
        once the site's files are known."""
        if self._urls is None:
            self._urls = SiteUrls.for_paths(
                [*self.paths(), *(record.page for record in self.playbook.journeys)]
            )
        return self._urls

    @urls.setter
    def urls(self, value: SiteUrls) -> None:
        self._urls = value

    @functools.cached_property
    def _paths(self) -> dict[str, tuple[str, str]]:
        layout = self.layout
        pages = {layout.overview(): ("overview", ""), layout.raci(): ("raci", "")}
        if self.playbook.pains() or self.playbook.opportunities():
            pages[layout.improvements()] = ("improvements", "")
        if self.playbook.measured:
            pages[layout.dashboard()] = ("dashboard", "")
        for stage_id in self.playbook.stages:  # catalog order, then journey order
            pages[layout.stage(stage_id)] = ("stage", stage_id)
        touchpoints = self.playbook.touchpoints
        for tp_id in sorted(touchpoints, key=lambda t: (touchpoints[t].touchpoint.name, t)):
            pages[layout.touchpoint(tp_id)] = ("touchpoint", tp_id)
        for role_id in self.playbook.stage_roles():
            pages[layout.role(role_id)] = ("role", role_id)
        pages.update(system_pages(self.playbook, layout))
        return pages

    def paths(self) -> dict[str, tuple[str, str]]:
        """Docs path -> (page kind, subject id) of every page to generate (worked
        out once: files, navigation and rendering all ask; do not change it)."""
        return self._paths

    def render(self, path: str, kind: str, subject: str) -> str:
        playbook = self.playbook
        links = PageLinks(playbook, self.layout, path, self.urls)
        context = {
            "playbook": playbook,
            "layout": self.layout,
            "links": links,
            "words": words(self.locale),
            # A label's separator (": ", or "：" in Chinese), kept as written.
            "colon": escape(words(self.locale)["colon"]),
            "count": functools.partial(counted, self.locale),
            "limits": self.limits,
            "today": build_date(),
            "page_path": path,
            # URLs (for templates that write their own links):
            "link": lambda to, anchor=None: Markup(self.urls.href(path, to, anchor) or "#"),
            "link_url": links.url,
            **measured_context(playbook, self.locale),
        }
        if kind == "stage":
            context["stage"] = playbook.stages[subject]
        elif kind == "touchpoint":
            context["entry"] = playbook.touchpoints[subject]
        elif kind == "role":
            context["role"] = playbook.roles[subject]
            context["role_id"] = subject
        elif kind == "dashboard" and playbook.measured:
            context["dashboard"] = make_dashboard(playbook, playbook.measured, build_date())
        links_here = SystemLinks(playbook, self.layout, self.locale, self.urls, path)
        context.update(system_context(links_here, kind, subject))
        name = f"{kind}.md.j2"
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise PageTemplateError(exc.message or str(exc), exc.filename or name,
                                    exc.lineno) from None
        except (jinja2.TemplateError, UnicodeDecodeError) as exc:
            raise PageTemplateError(str(exc), *_template_place(exc, name)) from None

    def render_all(self) -> dict[str, str]:
        """Every page's Markdown; links that found no page are in ``urls.broken``."""
        return {path: self.render(path, kind, subject)
                for path, (kind, subject) in self.paths().items()}

    def title(self, kind: str, subject: str) -> str:
        """Navigation title of a page (plain text)."""
        text = words(self.locale)
        if kind == "overview":
            return text["overview"]
        if kind == "raci":
            return text["raci"]
        if kind == "improvements":
            return text["improvements"]
        if kind == "dashboard":
            return text["dashboard"]
        if kind == "stage":
            return self.playbook.stages[subject].name
        if kind == "touchpoint":
            return self.playbook.touchpoints[subject].touchpoint.name
        if kind in SYSTEM_KINDS:
            return system_title(self.playbook, self.locale, kind, subject)
        return self.playbook.roles[subject].actor.name
