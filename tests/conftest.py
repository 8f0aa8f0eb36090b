"""Shared fixtures: Mermaid parser (Node), one chromium per session, real `mkdocs build`.

Missing tools make the fixtures FAIL (never skip) with the command that installs them, so a
green run always means the diagrams were really checked.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

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
