"""The code stays clean and typed: ruff over everything, mypy over the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def test_ruff_finds_nothing() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "mkdocs_custflow", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = _run(sys.executable, "-m", "mypy", "mkdocs_custflow", "--ignore-missing-imports")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_core_does_not_import_mkdocs() -> None:
    """Only ``mkdocs_custflow/plugin/`` may import MkDocs: the rest is the core."""
    offenders = []
    for path in (ROOT / "mkdocs_custflow").rglob("*.py"):
        if "plugin" in path.relative_to(ROOT / "mkdocs_custflow").parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if stripped.startswith(("import mkdocs", "from mkdocs ", "from mkdocs.")) and not (
                stripped.startswith("from mkdocs_custflow")
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {stripped}")
    assert offenders == []
