"""Real-browser checks: Debian's chromium, driven by Playwright, renders diagrams as users see.

Why: the parser (support.mermaid_node) says a text is valid Mermaid; only a browser proves that
Material's JS finds the diagram, that Mermaid 11 lays it out, and that the page stays free of
errors. Everything is local: Material's CDN copy of Mermaid is served from the npm cache, any
other non-loopback request is aborted and recorded, so a test can assert none was needed.
"""

from __future__ import annotations

import http.server
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .env import chromium_path, mermaid_min_js, require_browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
ERROR_SVG_TEXT = "Syntax error in text"

# Material attaches each diagram's SVG to a CLOSED shadow root; open them all so tests can look.
OPEN_SHADOW_ROOTS = """
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, Object.assign({}, init, { mode: 'open' }));
  };
})();
"""

# Appended to the local mermaid.min.js: counts mermaid.render() calls and their failures, so a
# page with a broken diagram is known to be finished without waiting for the timeout.
RENDER_PROBE = """
;(() => {
  const m = globalThis.mermaid;
  const st = (globalThis.__custflow = globalThis.__custflow || {
    started: 0, ok: 0, failed: 0, errors: [] });
  if (!m || m.__custflowProbe) return;
  const render = m.render;
  m.render = function (...args) {
    st.started++;
    return Promise.resolve(render.apply(this, args)).then(
      (out) => { st.ok++; return out; },
      (err) => { st.failed++; st.errors.push(String((err && err.message) || err)); throw err; });
  };
  m.__custflowProbe = true;
})();
"""

# Text of an SVG as a reader sees it: text nodes outside <style>, joined by single spaces.
SVG_TEXT_JS = """
function __custflowSvgText(svg) {
  const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement && n.parentElement.closest('style, script')) continue;
    const t = n.nodeValue.replace(/\\s+/g, ' ').trim();
    if (t) parts.push(t);
  }
  return parts.join(' ');
}
"""

RENDER_JS = (
    "async ({text, id}) => {"
    + SVG_TEXT_JS
    + """
  let out;
  try {
    const { svg } = await mermaid.render(id, text);
    const holder = document.createElement('div');
    holder.innerHTML = svg;
    const el = holder.querySelector('svg');
    out = { ok: true, error: null, svg_text: el ? __custflowSvgText(el) : '', svg_html: svg };
  } catch (err) {
    out = { ok: false, error: String((err && err.message) || err), svg_text: '', svg_html: '' };
  }
  // On failure Mermaid leaves its error SVG in <body> (div#d<id>); keep the page clean.
  document.querySelectorAll(`#d${id}, #${id}`).forEach((el) => el.remove());
  return out;
}"""
)

PAGE_STATE_JS = (
    "() => {"
    + SVG_TEXT_JS
    + """
  const hosts = [...document.querySelectorAll('div.mermaid')];
  const svgs = [];
  for (const h of hosts) {
    const svg = h.shadowRoot && h.shadowRoot.querySelector('svg');
    if (svg) svgs.push(svg);
  }
  const roots = [document, ...[...document.querySelectorAll('*')]
    .filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
  let errorSvg = false;
  for (const r of roots) {
    for (const s of r.querySelectorAll('svg')) {
      if (s.getAttribute('aria-roledescription') === 'error'
          || (s.textContent || '').includes('__ERROR_SVG_TEXT__')) errorSvg = true;
    }
  }
  const probe = window.__custflow || null;
  return {
    pending_pre: document.querySelectorAll('pre.mermaid').length,
    rendered: svgs.length,
    svg_texts: svgs.map(__custflowSvgText),
    svg_htmls: svgs.map((s) => s.outerHTML),
    error_svg: errorSvg,
    mermaid_loaded: typeof window.mermaid !== 'undefined',
    render_started: probe ? probe.started : 0,
    render_ok: probe ? probe.ok : 0,
    render_failed: probe ? probe.failed : 0,
    render_errors: probe ? probe.errors.slice() : [],
  };
}"""
).replace("__ERROR_SVG_TEXT__", ERROR_SVG_TEXT)

# Done when every diagram is rendered, or when Mermaid has answered (ok or not) for all of them.
DONE_JS = """
(expected) => {
  const hosts = [...document.querySelectorAll('div.mermaid')];
  const rendered = hosts.filter((h) => h.shadowRoot && h.shadowRoot.querySelector('svg')).length;
  if (rendered >= expected && document.querySelectorAll('pre.mermaid').length === 0) return true;
  const p = window.__custflow;
  return Boolean(p && p.ok + p.failed >= expected && p.started >= expected);
}
"""


# How a reader sees each diagram of a page: a label's on-screen size is its font
# size times the scale its SVG is drawn at (drawn width / viewBox width). Also:
# whether the page scrolls sideways, the accessible title and description, and
# the lowest contrast of a flowchart label on its node's fill over the page.
MEASURE_JS = """
() => {
  const rgba = (text) => {
    const m = (text || '').match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
  const lum = (c) => {
    const [r, g, b] = c.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  let pageBg = rgba(getComputedStyle(document.body).backgroundColor) || [255, 255, 255, 1];
  if (pageBg[3] === 0) pageBg = [255, 255, 255, 1];
  const diagrams = [];
  for (const host of document.querySelectorAll('div.mermaid')) {
    const svg = host.shadowRoot && host.shadowRoot.querySelector('svg');
    if (!svg) continue;
    const box = svg.viewBox && svg.viewBox.baseVal;
    const drawn = svg.getBoundingClientRect().width;
    const scale = box && box.width ? drawn / box.width : 1;
    const sizes = [];
    const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('style, title, desc') || !n.nodeValue.trim()) continue;
      sizes.push(parseFloat(getComputedStyle(el).fontSize) * scale);
    }
    sizes.sort((a, b) => a - b);
    let lowest = null;
    for (const node of svg.querySelectorAll('g.node')) {
      const shape = node.querySelector('rect, path, polygon, circle');
      const label = node.querySelector('.nodeLabel, foreignObject div, text');
      if (!shape || !label) continue;
      const fill = rgba(getComputedStyle(shape).fill);
      const text = rgba(getComputedStyle(label).color || getComputedStyle(label).fill);
      if (!fill || !text) continue;
      const ground = over(fill, pageBg);
      const ratio = contrast(over(text, ground), ground);
      lowest = lowest === null ? ratio : Math.min(lowest, ratio);
    }
    const title = svg.querySelector(':scope > title');
    const desc = svg.querySelector(':scope > desc');
    diagrams.push({
      kind: svg.getAttribute('aria-roledescription') || '',
      view_box_width: box ? box.width : 0, drawn_width: drawn, scale,
      median_label: sizes.length ? sizes[Math.floor(sizes.length / 2)] : 0,
      labels: sizes.length,
      title: title ? title.textContent.trim() : '',
      description: desc ? desc.textContent.trim() : '',
      lowest_contrast: lowest,
    });
  }
  const root = document.documentElement;
  return { diagrams, page_scrolls: root.scrollWidth > root.clientWidth + 1 };
}
"""
SHOW_ALL_TABS_CSS = ".tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }"


@dataclass
class RenderResult:
    """One standalone mermaid.render(): ok, Mermaid's error, the SVG's text and markup."""

    ok: bool
    error: str | None
    svg_text: str
    svg_html: str
    # Browser errors while rendering this diagram, e.g. 'attribute cy: Expected length, "NaN"'
    # from a journey score Mermaid accepted but cannot draw. ok stays Mermaid's own verdict.
    console_errors: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Rendered and the browser complained about nothing."""
        return self.ok and not self.console_errors


@dataclass
class PageReport:
    """What a reader's browser made of one built page."""

    url: str
    path: str
    expected: int  # <pre class="mermaid"> in the HTML file
    rendered: int  # div.mermaid whose shadow root holds an <svg>
    svg_texts: list[str] = field(default_factory=list)
    svg_htmls: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)  # minus our blocked loads
    dialogs: list[dict[str, str]] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    error_svg: bool = False  # Mermaid's "Syntax error in text" SVG anywhere on the page
    render_errors: list[str] = field(default_factory=list)  # from mermaid.render() rejections
    timed_out: bool = False
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        """All diagrams rendered, nothing went wrong, and no network beyond loopback needed."""
        return (
            self.rendered == self.expected
            and not self.blocked_requests
            and not self.page_errors
            and not self.console_errors
            and not self.dialogs
            and not self.error_svg
            and not self.render_errors
        )

    def summary(self) -> str:
        """One readable block for assertion messages."""
        lines = [
            f"{self.path}: rendered {self.rendered}/{self.expected}"
            + (" (timed out)" if self.timed_out else "")
        ]
        for label, items in (
            ("page errors", self.page_errors),
            ("console errors", self.console_errors),
            ("render errors", self.render_errors),
            ("dialogs", self.dialogs),
            ("blocked requests", self.blocked_requests),
        ):
            if items:
                lines.append(f"  {label}: {items!r}")
        if self.error_svg:
            lines.append("  Mermaid error SVG present")
        return "\n".join(lines)


class _MermaidPreCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            classes = (dict(attrs).get("class") or "").split()
            if "mermaid" in classes:
                self.count += 1


def count_mermaid_pres(html_text: str) -> int:
    """Number of <pre class="mermaid"> in an HTML document (what Material will render)."""
    counter = _MermaidPreCounter()
    counter.feed(html_text)
    counter.close()
    return counter.count


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve `root` over HTTP on 127.0.0.1:<ephemeral port>; yields the base URL ('.../')."""
    handler = partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


class BrowserSession:
    """One headless chromium for many checks (launch ~1 s); close() when done.

    Each page gets: Mermaid's CDN URL served locally, non-loopback requests aborted and
    recorded, shadow roots forced open, page/console errors and dialogs recorded.
    """

    def __init__(self, *, headless: bool = True) -> None:
        require_browser()
        from playwright.sync_api import sync_playwright

        self._mermaid_js = mermaid_min_js().read_text(encoding="utf-8") + RENDER_PROBE
        self._user_data = tempfile.TemporaryDirectory(prefix="custflow-chromium-")
        self._pw = sync_playwright().start()
        try:
            self.context = self._pw.chromium.launch_persistent_context(
                self._user_data.name,
                executable_path=str(chromium_path()),
                headless=headless,
                args=CHROMIUM_ARGS,
                viewport={"width": 1280, "height": 900},
            )
        except Exception:
            self._pw.stop()
            self._user_data.cleanup()
            raise
        # Requests no page claims (workers, prefetch) are blocked too, and recorded here.
        self.blocked_requests: list[str] = []
        self.context.route("**/*", partial(self._route, self.blocked_requests))
        self.context.add_init_script(OPEN_SHADOW_ROOTS)
        self._render_page: Any = None
        self._render_count = 0

    # -- plumbing ---------------------------------------------------------------------------

    def _route(self, blocked: list[str], route: Any) -> None:
        url = route.request.url
        path = urlsplit(url).path
        if path.endswith("mermaid.min.js"):
            route.fulfill(
                status=200,
                content_type="application/javascript; charset=utf-8",
                body=self._mermaid_js,
                headers={"Access-Control-Allow-Origin": "*"},
            )
        elif _is_local(url):
            route.fallback()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    def new_page(self) -> tuple[Any, dict[str, list[Any]]]:
        """A page with the routing and recorders installed; returns (page, records)."""
        records: dict[str, list[Any]] = {
            "page_errors": [],
            "console_errors": [],
            "dialogs": [],
            "blocked_requests": [],
        }
        page = self.context.new_page()
        page.route("**/*", partial(self._route, records["blocked_requests"]))
        page.on("pageerror", lambda err: records["page_errors"].append(str(err)))

        def on_console(msg: Any) -> None:
            # Loads we aborted on purpose are already in blocked_requests; don't count twice.
            if msg.type == "error" and "ERR_BLOCKED_BY_CLIENT" not in msg.text:
                records["console_errors"].append(msg.text)

        page.on("console", on_console)

        def on_dialog(dialog: Any) -> None:
            records["dialogs"].append({"type": dialog.type, "message": dialog.message})
            with suppress(Exception):
                dialog.dismiss()

        page.on("dialog", on_dialog)
        return page, records

    # -- standalone rendering ---------------------------------------------------------------

    def _get_render_page(self) -> tuple[Any, dict[str, list[Any]]]:
        if self._render_page is None or self._render_page[0].is_closed():
            page, records = self.new_page()
            page.set_content("<!DOCTYPE html><html><head></head><body></body></html>")
            page.add_script_tag(content=self._mermaid_js)
            # Material's settings that matter here; its themeCSS only changes colours.
            page.evaluate("mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' })")
            self._render_page = (page, records)
        return self._render_page

    def render_diagrams(self, texts: Sequence[str]) -> list[RenderResult]:
        """Render each text with Mermaid 11 like Material does, all on one loaded page.

        One evaluate() per diagram (~1 ms overhead) so console errors can be attributed.
        """
        page, records = self._get_render_page()
        results: list[RenderResult] = []
        for text in texts:
            self._render_count += 1
            records["console_errors"].clear()
            raw = page.evaluate(RENDER_JS, {"text": text, "id": f"custflow_{self._render_count}"})
            results.append(RenderResult(**raw, console_errors=list(records["console_errors"])))
        return results

    # -- built sites ------------------------------------------------------------------------

    def check_site(
        self, site_dir: Path, paths: Sequence[str] | None = None, timeout: float = 15.0
    ) -> list[PageReport]:
        """Open pages of a built site over loopback HTTP and report what rendered.

        paths: site-relative HTML files ("index.html", "a/index.html"); default every
        **/*.html except 404.html.
        """
        site_dir = Path(site_dir)
        if paths is None:
            paths = sorted(
                p.relative_to(site_dir).as_posix()
                for p in site_dir.rglob("*.html")
                if p.name != "404.html"
            )
        reports = []
        with serve_directory(site_dir) as base:
            for rel in paths:
                reports.append(self.check_page(base, rel, site_dir / rel, timeout=timeout))
        return reports

    def check_page(self, base: str, rel: str, file: Path, timeout: float = 15.0) -> PageReport:
        """Load one served page, wait for Material's diagrams, collect the report."""
        expected = count_mermaid_pres(file.read_text(encoding="utf-8"))
        url = base + rel
        page, records = self.new_page()
        started = time.monotonic()
        timed_out = False
        try:
            page.goto(url, wait_until="load", timeout=timeout * 1000)
            if expected:
                try:
                    page.wait_for_function(
                        DONE_JS, arg=expected, timeout=timeout * 1000, polling=50
                    )
                except Exception as exc:  # playwright TimeoutError
                    if "Timeout" not in type(exc).__name__:
                        raise
                    timed_out = True
            # Let rejected renders surface as pageerrors and late console errors arrive.
            page.wait_for_timeout(150)
            state = page.evaluate(PAGE_STATE_JS)
        finally:
            with suppress(Exception):
                page.close()
        return PageReport(
            url=url,
            path=rel,
            expected=expected,
            rendered=state["rendered"],
            svg_texts=state["svg_texts"],
            svg_htmls=state["svg_htmls"],
            page_errors=records["page_errors"],
            console_errors=records["console_errors"],
            dialogs=records["dialogs"],
            blocked_requests=records["blocked_requests"],
            error_svg=state["error_svg"],
            render_errors=state["render_errors"],
            timed_out=timed_out,
            elapsed=time.monotonic() - started,
        )

    def measure_page(
        self, base: str, rel: str, file: Path, *, width: int, dark: bool = False
    ) -> dict[str, Any]:
        """Load one served page at ``width`` px (light or dark palette), every
        content tab shown, and measure its diagrams (see MEASURE_JS); also the
        page report's errors."""
        expected = count_mermaid_pres(file.read_text(encoding="utf-8"))
        page, records = self.new_page()
        try:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(base + rel, wait_until="load")
            if expected:
                page.wait_for_function(DONE_JS, arg=expected, timeout=20_000, polling=50)
            page.add_style_tag(content=SHOW_ALL_TABS_CSS)
            if dark:
                page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
            page.wait_for_timeout(100)
            measured = page.evaluate(MEASURE_JS)
        finally:
            with suppress(Exception):
                page.close()
        measured["expected"] = expected
        measured["page_errors"] = records["page_errors"]
        return measured

    def close(self) -> None:
        """Close chromium and Playwright, remove the temporary profile."""
        with suppress(Exception):
            self.context.close()
        with suppress(Exception):
            self._pw.stop()
        self._user_data.cleanup()

    def __enter__(self) -> BrowserSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def render_diagrams(texts: Sequence[str]) -> list[RenderResult]:
    """One-off convenience: launch a browser, render, close. Prefer the session fixture."""
    with BrowserSession() as session:
        return session.render_diagrams(texts)


def check_site(site_dir: Path, paths: Sequence[str] | None = None) -> list[PageReport]:
    """One-off convenience: launch a browser, check the site, close."""
    with BrowserSession() as session:
        return session.check_site(site_dir, paths)
