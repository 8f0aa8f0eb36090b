"""Where the test tools live, and one clear failure when they are missing.

Why: Node's Mermaid, jsdom and Debian's chromium are installed by `bash tests/run.sh`, not by
pip. A test that cannot find them must FAIL with that instruction, never skip silently.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

RUN_HINT = "run `bash tests/run.sh` (it installs chromium, mermaid@11 and jsdom)"


class MissingToolError(RuntimeError):
    """A tool the tests need is not installed; the message says how to get it."""


def cache_dir() -> Path:
    """Root of the test cache that tests/run.sh fills (CUSTFLOW_TEST_CACHE)."""
    env = os.environ.get("CUSTFLOW_TEST_CACHE")
    if env:
        return Path(env)
    return Path.home() / ".cache" / "mkdocs-custflow-test"


def node_dir() -> Path:
    """The npm prefix holding node_modules/mermaid and node_modules/jsdom."""
    return cache_dir() / "node"


def mermaid_dir() -> Path:
    return node_dir() / "node_modules" / "mermaid"


def mermaid_min_js() -> Path:
    """The browser bundle that replaces Material's CDN copy of Mermaid."""
    return mermaid_dir() / "dist" / "mermaid.min.js"


def chromium_path() -> Path:
    return Path(os.environ.get("CUSTFLOW_CHROMIUM", "/usr/bin/chromium"))


def node_executable() -> str:
    """Path of `node`, or MissingToolError."""
    node = shutil.which("node")
    if not node:
        raise MissingToolError(f"`node` is not on PATH; install Node.js 20+, then {RUN_HINT}")
    return node


def require_node_mermaid() -> None:
    """Raise MissingToolError unless node, Mermaid 11 and jsdom are in the cache."""
    node_executable()
    core = mermaid_dir() / "dist" / "mermaid.core.mjs"
    jsdom = node_dir() / "node_modules" / "jsdom" / "package.json"
    for needed in (core, jsdom):
        if not needed.is_file():
            raise MissingToolError(f"{needed} is missing; {RUN_HINT}")


def require_browser() -> None:
    """Raise MissingToolError unless chromium, Playwright and mermaid.min.js are present."""
    if not chromium_path().is_file():
        raise MissingToolError(f"{chromium_path()} is missing; {RUN_HINT}")
    if not mermaid_min_js().is_file():
        raise MissingToolError(f"{mermaid_min_js()} is missing; {RUN_HINT}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        raise MissingToolError(f"Python playwright is not installed ({exc}); {RUN_HINT}") from exc
