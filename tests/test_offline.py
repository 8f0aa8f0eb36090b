"""Sites on closed networks: with ``mermaid_js`` the pages render their
diagrams from the site itself, and never ask any other host for anything."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.browser import serve_directory
from support.env import mermaid_min_js
from support.offline import Offline

PAGE = """# Offline

```journey
title: Offline
actors:
  customer: {kind: customer}
  desk: {name: Help desk}
stages:
  - id: ask
    steps:
      - customer -> desk: Ask without internet
```
"""


def test_offline_site_renders_with_every_outside_request_blocked(
    tmp_path: Path, build_site, browser_session
) -> None:
    shutil.copy(mermaid_min_js(), tmp_path / "mermaid.min.js")
    config = {"plugins": [{"custflow": {"mermaid_js": "mermaid.min.js"}}]}
    result = build_site(tmp_path, {"index.md": PAGE}, config, plugins=None, strict=True).check()
    bundled = result.site_dir / "assets" / "javascripts" / "custflow" / "mermaid.min.js"
    assert bundled.read_bytes() == mermaid_min_js().read_bytes()

    page = browser_session.context.new_page()
    outside: list[str] = []
    local: list[str] = []

    def only_loopback(route) -> None:  # type: ignore[no-untyped-def]
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            local.append(urlsplit(route.request.url).path)
            route.continue_()  # straight to our server: no test-side Mermaid stand-in
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    page.route("**/*", only_loopback)
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    try:
        with serve_directory(result.site_dir) as base:
            page.goto(base.rstrip("/") + "/")
            page.wait_for_function(
                "() => [...document.querySelectorAll('div.mermaid')]"
                ".filter(d => d.shadowRoot && d.shadowRoot.querySelector('svg')).length === 2",
                timeout=20_000,
            )
            text = page.evaluate(
                "() => [...document.querySelectorAll('div.mermaid')]"
                ".map(d => d.shadowRoot.textContent).join(' ')"
            )
    finally:
        page.close()
    assert "Ask without internet" in text
    assert outside == [] and errors == []
    assert any(p.endswith("/assets/javascripts/custflow/mermaid.min.js") for p in local)


def test_missing_offline_file_says_how_to_get_it(tmp_path: Path, build_site) -> None:
    config = {"plugins": [{"custflow": {"mermaid_js": "vendor/mermaid.min.js"}}]}
    result = build_site(tmp_path, {"index.md": PAGE}, config, plugins=None)
    assert not result.ok
    assert "'mermaid_js: vendor/mermaid.min.js' is not a file" in result.log
    assert "npm package 'mermaid'" in result.log


def test_unknown_option_is_an_error_with_a_suggestion(tmp_path: Path, build_site) -> None:
    config = {"plugins": [{"custflow": {"catalgo": "catalog.yml"}}]}
    result = build_site(tmp_path, {"index.md": PAGE}, config, plugins=None)
    assert not result.ok
    assert "custflow: unknown option 'catalgo' (did you mean 'catalog'?)" in result.log


def test_template_folder_that_does_not_exist(tmp_path: Path, build_site) -> None:
    config = {"plugins": [{"custflow": {"templates": ["my-templates"]}}]}
    result = build_site(tmp_path, {"index.md": PAGE}, config, plugins=None)
    assert not result.ok
    assert "my-templates" in result.log and "templates" in result.log


def test_theme_without_mermaid_gets_a_note_that_says_what_to_do(tmp_path: Path, build_site):
    result = build_site(tmp_path, {"index.md": PAGE}, {"theme": {"name": "mkdocs"}})
    assert result.ok
    assert "theme 'mkdocs' does not load Mermaid" in result.log
    assert "'mermaid_js'" in result.log


ROOT = Path(__file__).resolve().parent.parent
OFFLINE_PAGES = [
    "huadong/journeys/installation/",
    "huadong/journeys/after-sales-repair/",
    "guide/views/",
    "gallery/first-purchase/",
]


def test_example_site_renders_offline(tmp_path: Path, browser_session) -> None:
    """The example site with ``mermaid_js``: every diagram drawn, nothing asked
    of any other host, no page error, no dialog."""
    import os
    import subprocess
    import sys

    config = ROOT / f".offline-test-{os.getpid()}.yml"  # beside mkdocs.yml: same relative paths
    config.write_text(
        "INHERIT: mkdocs.yml\nplugins:\n  custflow:\n    catalog: example-site/catalog.yml\n"
        "    templates: [example-site/templates]\n"
        "    measures: [example-site/data/flow.csv, example-site/data/kpis.csv]\n"
        f"    mermaid_js: {mermaid_min_js()}\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d",
             str(site)],
            capture_output=True, text=True, cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    finally:
        config.unlink()
    assert result.returncode == 0, result.stderr
    outside: list[str] = []
    errors: list[str] = []
    dialogs: list[str] = []
    with serve_directory(site) as base:
        for path in OFFLINE_PAGES:
            page = browser_session.context.new_page()

            def only_loopback(route) -> None:  # type: ignore[no-untyped-def]
                if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort("blockedbyclient")

            page.route("**/*", only_loopback)
            page.on("pageerror", lambda err: errors.append(str(err)))
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            try:
                page.goto(base.rstrip("/") + "/" + path)
                expected = (site / path / "index.html").read_text("utf-8").count(
                    '<pre class="mermaid'
                )
                assert expected > 0, path
                page.wait_for_function(
                    "n => [...document.querySelectorAll('div.mermaid')].filter("
                    "d => d.shadowRoot && d.shadowRoot.querySelector('svg')).length === n",
                    arg=expected, timeout=20_000,
                )
            finally:
                page.close()
    assert outside == [] and errors == [] and dialogs == []


PRIVACY_DOCS = {
    "index.md": PAGE,
    "a/b/deep.md": PAGE.replace("title: Offline", "id: deep\ntitle: Deep"),
    "a/plain.md": "# No diagram here\n",
}


def _mermaid_scripts(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]*mermaid[^"]*)"', html)


@pytest.mark.parametrize("site_url", [None, "https://docs.example.com/handbook/"])
def test_privacy_plugin_offline_strict_build_needs_nothing_more(
    tmp_path: Path, build_site, site_url: str | None
) -> None:
    """Material's privacy plugin would download Material's own Mermaid (and,
    without site_url, point pages at a broken path): with ``mermaid_js`` it is
    left alone, the build asks no other host for anything, and each page with
    a diagram loads the site's copy from wherever the page is."""
    shutil.copy(mermaid_min_js(), tmp_path / "mermaid.min.js")
    config: dict = {"plugins": ["privacy", {"custflow": {"mermaid_js": "mermaid.min.js"}}]}
    if site_url:
        config["site_url"] = site_url
    offline = Offline(tmp_path / "offline")
    result = build_site(tmp_path, PRIVACY_DOCS, config, plugins=None, strict=True,
                        env=offline.env).check()
    assert offline.attempts() == []
    assert "Downloading external file" not in result.log
    assert "Couldn't retrieve" not in result.log
    site = result.site_dir
    assert not (site / "assets" / "external").exists()
    assert _mermaid_scripts((site / "index.html").read_text("utf-8")) == [
        "assets/javascripts/custflow/mermaid.min.js"]
    assert _mermaid_scripts((site / "a/b/deep/index.html").read_text("utf-8")) == [
        "../../../assets/javascripts/custflow/mermaid.min.js"]
    assert _mermaid_scripts((site / "a/plain/index.html").read_text("utf-8")) == []
    assert "unpkg.com" not in "".join(p.read_text("utf-8") for p in site.rglob("*.html"))


def _only_loopback(local: list[str], outside: list[str]):  # type: ignore[no-untyped-def]
    """A route handler: requests to this machine go through (their paths noted
    in ``local``), any other is refused and noted in ``outside``."""

    def route_handler(route) -> None:  # type: ignore[no-untyped-def]
        url = urlsplit(route.request.url)
        if url.hostname in ("127.0.0.1", "localhost"):
            local.append(url.path)
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    return route_handler


def test_privacy_site_draws_every_diagram_from_the_site_at_any_depth(
    tmp_path: Path, build_site, browser_session
) -> None:
    shutil.copy(mermaid_min_js(), tmp_path / "mermaid.min.js")
    config = {"plugins": ["privacy", {"custflow": {"mermaid_js": "mermaid.min.js"}}]}
    offline = Offline(tmp_path / "offline")
    result = build_site(tmp_path, PRIVACY_DOCS, config, plugins=None, strict=True,
                        env=offline.env).check()
    outside: list[str] = []
    errors: list[str] = []
    loaded: dict[str, list[str]] = {}
    with serve_directory(result.site_dir) as base:
        for path, diagrams in (("", 2), ("a/b/deep/", 2), ("a/plain/", 0)):
            page = browser_session.context.new_page()
            page.route("**/*", _only_loopback(loaded.setdefault(path, []), outside))
            page.on("pageerror", lambda err: errors.append(str(err)))
            try:
                page.goto(base.rstrip("/") + "/" + path)
                page.wait_for_function(
                    "n => [...document.querySelectorAll('div.mermaid')].filter("
                    "d => d.shadowRoot && d.shadowRoot.querySelector('svg')).length === n",
                    arg=diagrams, timeout=20_000,
                )
            finally:
                page.close()
    assert outside == [] and errors == []
    mermaid = "/assets/javascripts/custflow/mermaid.min.js"
    assert mermaid in loaded[""] and mermaid in loaded["a/b/deep/"]
    assert not any(p.endswith("mermaid.min.js") for p in loaded["a/plain/"])


def test_privacy_include_list_that_takes_material_mermaid_is_named(
    tmp_path: Path, build_site
) -> None:
    shutil.copy(mermaid_min_js(), tmp_path / "mermaid.min.js")
    config = {"plugins": [{"privacy": {"assets_include": ["unpkg.com/*"]}},
                          {"custflow": {"mermaid_js": "mermaid.min.js"}}]}
    offline = Offline(tmp_path / "offline")
    result = build_site(tmp_path, {"index.md": PAGE}, config, plugins=None, env=offline.env)
    assert "the privacy plugin's 'assets_include: unpkg.com/*' takes in Material's own " \
           "Mermaid (https://unpkg.com/mermaid@11/dist/mermaid.min.js)" in result.log


def test_instant_navigation_loads_mermaid_on_every_page(tmp_path: Path, build_site) -> None:
    """Material's instant navigation swaps pages in without running their
    scripts: Mermaid must already be there when a page with a diagram comes."""
    shutil.copy(mermaid_min_js(), tmp_path / "mermaid.min.js")
    config = {"theme": {"name": "material", "font": False, "features": ["navigation.instant"]},
              "plugins": [{"custflow": {"mermaid_js": "mermaid.min.js"}}]}
    result = build_site(tmp_path, PRIVACY_DOCS, config, plugins=None, strict=True).check()
    site = result.site_dir
    assert _mermaid_scripts((site / "a/plain/index.html").read_text("utf-8")) == [
        "../../assets/javascripts/custflow/mermaid.min.js"]
    assert _mermaid_scripts((site / "index.html").read_text("utf-8")) == [
        "assets/javascripts/custflow/mermaid.min.js"]
