"""A real ``mkdocs serve`` on loopback: edits to pages, the catalog and a
template folder show up in the served site; a block broken while editing shows
its error and the next save recovers; findings are not repeated per rebuild."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PAGE = """# Home

```journey
id: sign-up
title: Sign-up
stages:
  - id: contact
    owner: sales
    steps:
      - customer -> sales: Ask for a demo
```
"""
BROKEN = PAGE.replace("owner: sales", "owner: salse").replace(
    "actors:", "actors:"
).replace("stages:", "actors:\n  sales: {name: Sales rep}\n  customer: {kind: customer}\nstages:")
TEMPLATE = """name: intake
journey:
  title: Intake
  stages:
    - id: intake
      name: {name}
      owner: desk
"""
CATALOG = "actors:\n  sales: {name: Sales rep}\n  customer: {kind: customer}\n  desk: {}\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(check: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    docs = tmp_path / "docs"
    (docs).mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "intake.en.yaml").write_text(
        TEMPLATE.format(name="First intake"), encoding="utf-8"
    )
    (tmp_path / "catalog.yml").write_text(CATALOG, encoding="utf-8")
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    (docs / "intake.md").write_text("# Intake\n\n```journey\nuse: intake\n```\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Serve\ntheme: {name: material, font: false}\n"
        "plugins:\n  - custflow:\n      catalog: catalog.yml\n      templates: [templates]\n",
        encoding="utf-8",
    )
    port = _free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a",
             f"127.0.0.1:{port}", "-f", str(tmp_path / "mkdocs.yml")],
            stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(lambda: "Ask for a demo" in _get(base + "/"), "the first build")
        yield tmp_path, base, log_path
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_follows_edits_and_recovers(served: tuple[Path, str, Path]) -> None:
    root, base, log_path = served
    index = root / "docs" / "index.md"

    index.write_text(BROKEN, encoding="utf-8")
    _wait_for(lambda: "custflow-error" in _get(base + "/"), "the error to show")
    assert "did you mean" in _get(base + "/")

    # An unrelated edit rebuilds the site; the same finding is not printed again.
    (root / "docs" / "other.md").write_text("# Other\n", encoding="utf-8")
    _wait_for(lambda: "Other" in _get(base + "/other/"), "the unrelated rebuild")
    assert log_path.read_text().count("did you mean 'sales'") == 1

    index.write_text(PAGE.replace("Ask for a demo", "Ask for a trial"), encoding="utf-8")
    _wait_for(lambda: "Ask for a trial" in _get(base + "/"), "the page to recover")
    assert "custflow-error" not in _get(base + "/")
    # The playbook follows the changed journey (its pages are not reused).
    assert "Ask for a trial" in _get(base + "/playbook/stages/contact/")

    # Prose moved the block but changed no journey: the reused playbook still
    # links to it, and the page itself has the new paragraph.
    index.write_text(
        PAGE.replace("# Home\n", "# Home\n\nA new intro.\n").replace(
            "Ask for a demo", "Ask for a trial"
        ),
        encoding="utf-8",
    )
    _wait_for(lambda: "A new intro." in _get(base + "/"), "the prose edit")
    stage_page = _get(base + "/playbook/stages/contact/")
    assert "Ask for a trial" in stage_page and "#journey-sign-up" in stage_page

    # The catalog is watched: a new name reaches the diagram and the role page.
    (root / "catalog.yml").write_text(CATALOG.replace("Sales rep", "Account lead"), "utf-8")
    _wait_for(lambda: "Account lead" in _get(base + "/"), "the catalog change")
    assert "Account lead" in _get(base + "/playbook/roles/sales/")

    # So is the template folder.
    (root / "templates" / "intake.en.yaml").write_text(
        TEMPLATE.format(name="Second intake"), encoding="utf-8"
    )
    _wait_for(lambda: "Second intake" in _get(base + "/intake/"), "the template change")
    assert "Second intake" in _get(base + "/playbook/stages/intake/")

    # No state leaks: a journey removed from the site leaves the playbook.
    (root / "docs" / "intake.md").unlink()
    _wait_for(
        lambda: "Second intake" not in _get(base + "/playbook/"), "the playbook to forget"
    )
