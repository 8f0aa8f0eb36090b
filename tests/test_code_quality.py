"""The code stays clean and typed (ruff over everything, mypy over the package)
and keeps its rooms: no import circles, no module too long to read, MkDocs
only under ``plugin/``."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mkdocs_custflow"
MAX_LINES = 450



def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def test_ruff_finds_nothing() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "mkdocs_custflow", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    """The settings are pyproject.toml's [tool.mypy], as a plain ``mypy`` uses them."""
    result = _run(sys.executable, "-m", "mypy")
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


def _module_name(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _import_graph(package_dir: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module's imports of the package's own modules: every ``import``
    anywhere in the file, so those under ``if TYPE_CHECKING:`` and inside
    functions count too. ``from package import name`` names the submodule
    when ``name`` is one, else the package."""
    files = {_module_name(path, package_dir): path for path in package_dir.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names if alias.name in files)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                for alias in node.names:
                    if f"{target}.{alias.name}" in files:
                        imported.add(f"{target}.{alias.name}")
                    elif target in files:
                        imported.add(target)
        imported.discard(name)
        graph[name] = imported
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return circles


def test_no_import_circles() -> None:
    """A module imports only what sits below it: no two modules import each
    other, directly or round a longer circle, even for types only."""
    assert _circles(_import_graph()) == []


FACES = {"plugin": "mkdocs_custflow.plugin", "extension": "mkdocs_custflow.extension",
         "cli": "mkdocs_custflow.cli"}
WIRING = {("plugin", "extension")}
"""The one crossing between faces: the plugin installs the extension into
MkDocs' Markdown (the extension is the plugin's Markdown step)."""


def _face(module: str) -> str | None:
    for face, prefix in FACES.items():
        if module == prefix or module.startswith(prefix + "."):
            return face
    return None


def test_no_face_imports_another() -> None:
    """The plugin, the extension and the command talk to the core, not to
    each other (but for the plugin wiring the extension in)."""
    crossings = set()
    for module, imported in _import_graph().items():
        face = _face(module)
        for other in imported:
            other_face = _face(other)
            if face and other_face and face != other_face and (face, other_face) not in WIRING:
                crossings.add(f"{module} imports {other}")
            if face is None and other_face is not None:
                crossings.add(f"the core module {module} imports the face {other}")
    assert crossings == set()


def test_the_circle_finder_finds_circles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert _circles(graph) == [["a", "b", "c"]]


def test_the_import_graph_sees_type_only_and_function_imports(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.sub import b\n"
    )
    (package / "sub" / "b.py").write_text("def f():\n    from ..a import x\n")
    (package / "c.py").write_text("import pkg.a\nfrom pkg import sub\n")
    graph = _import_graph(package)
    assert graph["pkg.a"] == {"pkg.sub.b"}
    assert graph["pkg.sub.b"] == {"pkg.a"}
    assert graph["pkg.c"] == {"pkg.a", "pkg.sub"}
    assert _circles(graph) == [["pkg.a", "pkg.sub.b"]]


def test_no_module_is_too_long() -> None:
    """Every module fits in one reading: at most MAX_LINES lines."""
    too_long = {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    too_long = {name: lines for name, lines in too_long.items() if lines > MAX_LINES}
    assert too_long == {}
