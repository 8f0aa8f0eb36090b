"""Shared fixtures: Mermaid parser (Node), one chromium per session, real `mkdocs build`.

Missing tools make the fixtures FAIL (never skip) with the command that installs them, so a
green run always means the diagrams were really checked.
"""

from __future__ import annotations

import inspect
import os
import re
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

import support.site
from support.browser import BrowserSession
from support.env import MissingToolError
from support.mermaid_node import MermaidParser
from support.site import BuildResult
from support.site import build_site as _build_site

# The fuzz tests draw the same examples on every run by default, so a red CI
# run always means a change broke something; CUSTFLOW_HYPOTHESIS=explore draws
# new ones each run (and `.hypothesis/` remembers any failure it finds).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("CUSTFLOW_HYPOTHESIS", "repeatable"))


# The build date that journey reviews fall due against (spec section 12): the
# example site's reviews are dated, so every build the tests make (in this process
# and in the `mkdocs build` subprocesses, which inherit it) happens on one fixed day,
# and a review of the example site never falls due just because time passed. Tests
# of the date itself set or remove it with monkeypatch.
TEST_BUILD_DATE = "2026-12-01"
os.environ["SOURCE_DATE_EPOCH"] = str(int(
    datetime.fromisoformat(TEST_BUILD_DATE).replace(tzinfo=timezone.utc).timestamp()))

# -- markers: `browser` and `slow` (registered in pyproject.toml) -------------------------
# The fast loop is `python -m pytest -m "not browser and not slow"`. A test is marked
# here from what it uses, so a new test needs no marker of its own when it uses these:
# `browser` when the browser_session fixture is among its fixtures (the Mermaid parser
# is Node, not a browser); `slow` when it or one of its fixtures builds a site with
# `mkdocs build` (build_site, the shared playbook and example sites). Tests that build
# through a helper of their own say `slow` themselves (a module's `pytestmark`).
_BUILDS = re.compile(r"\bbuild_site\(|\bbuild_main_site\(|\"mkdocs\", \"(?:build|serve)\"")


def _builds(function: object) -> bool:
    try:
        return bool(_BUILDS.search(inspect.getsource(function)))  # type: ignore[arg-type]
    except (OSError, TypeError):
        return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser_session" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("slow"):
            continue
        info = getattr(item, "_fixtureinfo", None)
        fixtures = [
            definitions[-1].func
            for definitions in (info.name2fixturedefs.values() if info else ())
            if definitions
        ]
        if any(_builds(function) for function in [getattr(item, "function", None), *fixtures]):
            item.add_marker(pytest.mark.slow)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Builds in a test not marked slow fail, so the fast loop stays fast."""
    support.site.BUILDS_ALLOWED = item.get_closest_marker("slow") is not None


T = TypeVar("T")


def _started(tool: Callable[[], T]) -> T:
    """The tool, or FAIL (never skip) with the command that installs it."""
    problem = ""
    try:
        return tool()
    except MissingToolError as exc:
        problem = str(exc)
    pytest.fail(problem, pytrace=False)  # outside `except`: the report is just the instruction


@pytest.fixture(scope="session")
def mermaid_parser() -> Iterator[MermaidParser]:
    """Mermaid 11's parser in one Node process shared by the whole session."""
    parser = _started(MermaidParser)
    yield parser
    parser.close()


@pytest.fixture(scope="session")
def browser_session() -> Iterator[BrowserSession]:
    """One headless Debian chromium (Playwright) shared by the whole session."""
    session = _started(BrowserSession)
    yield session
    session.close()


@pytest.fixture
def build_site() -> Callable[..., BuildResult]:
    """The helper build_site(tmp_path, docs, config=None, *, plugins=["custflow"], strict=False).

    Writes mkdocs.yml (config merged over Material with font: false) and docs, runs a real
    `python -m mkdocs build`, returns BuildResult(returncode, stdout, stderr, site_dir, ...).
    """
    return _build_site


# -- the playbook site (support.playbook_sites), read by several test_playbook_* modules -----
# Session-scoped so that each layout is built once, however many modules read it.


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The main playbook site with directory URLs (MkDocs' default)."""
    from support.playbook_sites import build_main_site

    return build_main_site(tmp_path_factory.mktemp("playbook-site"))


@pytest.fixture(scope="session")
def flat_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The main playbook site with ``use_directory_urls: false`` (pages are ``a/b.html``)."""
    from support.playbook_sites import build_main_site

    return build_main_site(tmp_path_factory.mktemp("playbook-flat"), use_directory_urls=False)


# -- the example site: the guide and the Huadong playbook, in English and Chinese ---------


@pytest.fixture(scope="session")
def example_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English site in site/ and the Chinese one in site/zh, as deployed (the language
    selector of each page fetches the other site's sitemap), each built --strict."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    site = tmp_path_factory.mktemp("example") / "site"
    for config, target in ((root / "mkdocs.yml", site),
                           (root / "example-site" / "zh" / "mkdocs.yml", site / "zh")):
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
             "-d", str(target)],
            capture_output=True, text=True, cwd=root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
    return site
