"""Take the README's and the guide's screenshots again, as a reader sees the site.

    python example-site/screenshots.py

Builds the example site (English and Chinese), opens a journey page in
Debian's chromium (the tests' browser set-up: `bash tests/run.sh` installs
it, Mermaid and a CJK font) at 1280 and 390 px, light and dark, and writes
``example-site/docs/assets/screenshots/{en,zh}-{light,dark}-{1280,390}.png``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.browser import DONE_JS, BrowserSession, count_mermaid_pres, serve_directory  # noqa: E402

OUT = ROOT / "example-site" / "docs" / "assets" / "screenshots"
PAGES = {"en": "huadong/journeys/after-sales-repair/index.html",
         "zh": "zh/journeys/after-sales-repair/index.html"}


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for config, target in ((ROOT / "mkdocs.yml", site),
                           (ROOT / "example-site" / "zh" / "mkdocs.yml", site / "zh")):
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                        "-d", str(target)], check=True, cwd=ROOT, env=env)


def shoot(browser: BrowserSession, base: str, site: Path, rel: str, width: int, dark: bool,
          out: Path) -> None:
    page, records = browser.new_page()
    try:
        page.set_viewport_size({"width": width, "height": 900 if width > 500 else 844})
        page.goto(base + rel, wait_until="load")
        expected = count_mermaid_pres((site / rel).read_text(encoding="utf-8"))
        page.wait_for_function(DONE_JS, arg=expected, timeout=20_000, polling=50)
        scheme = "slate" if dark else "default"
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.evaluate("document.querySelector('.custflow-journey').scrollIntoView()")
        page.wait_for_timeout(300)
        page.screenshot(path=str(out))
        assert not records["page_errors"], records["page_errors"]
    finally:
        page.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        with BrowserSession() as browser, serve_directory(site) as base:
            for language, rel in PAGES.items():
                for dark in (False, True):
                    for width in (1280, 390):
                        name = f"{language}-{'dark' if dark else 'light'}-{width}.png"
                        shoot(browser, base, site, rel, width, dark, OUT / name)
                        print(OUT / name)


if __name__ == "__main__":
    main()
