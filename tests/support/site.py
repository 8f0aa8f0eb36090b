"""Build throw-away MkDocs sites with a real `mkdocs build`, as a user would.

Why a subprocess: it exercises the plugin through its installed entry point, with MkDocs'
own config loading and logging, and keeps plugin state from leaking between tests.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PLUGINS: tuple[str, ...] = ("custflow",)
BUILDS_ALLOWED = True
"""False while a test not marked ``slow`` runs (tests/conftest.py): it may not build."""
DEFAULTS: dict[str, Any] = {
    "site_name": "Test",
    # font: false, or Material asks Google Fonts for fonts (external requests are blocked).
    "theme": {"name": "material", "font": False},
    "plugins": list(DEFAULT_PLUGINS),
}


class PyName(str):
    """A `!!python/name:dotted.path` YAML value, e.g. superfences' fence_code_format."""


class _Dumper(yaml.SafeDumper):
    pass


def _represent_pyname(dumper: yaml.SafeDumper, value: PyName) -> yaml.Node:
    return dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value}", "")


_Dumper.add_representer(PyName, _represent_pyname)

# Material's documented way to turn ```mermaid fences into <pre class="mermaid"><code>.
MERMAID_SUPERFENCES: dict[str, Any] = {
    "pymdownx.superfences": {
        "custom_fences": [
            {
                "name": "mermaid",
                "class": "mermaid",
                "format": PyName("pymdownx.superfences.fence_code_format"),
            }
        ]
    }
}


@dataclass
class BuildResult:
    """Outcome of one `mkdocs build`: exit code, its log, and where things are."""

    returncode: int
    stdout: str
    stderr: str
    site_dir: Path
    config_file: Path
    docs_dir: Path
    command: list[str]

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def log(self) -> str:
        """MkDocs logs to stderr; both streams, for assertions on messages."""
        return self.stdout + self.stderr

    def html_pages(self) -> list[Path]:
        """All built pages except 404.html, sorted."""
        return sorted(p for p in self.site_dir.rglob("*.html") if p.name != "404.html")

    def check(self, *, errors: bool = False) -> BuildResult:
        """Raise AssertionError with the log unless the build succeeded; returns self.

        ``errors``: the site has journey errors on purpose; the build must then
        have written every page and failed only because of them (errors fail a
        build, after the pages are written with each error in its block's place).
        """
        if errors:
            if self.ok or ERRORS_FAIL not in self.log or "Traceback" in self.log:
                raise AssertionError(
                    f"expected the build to fail on journey errors only: {self.log}"
                )
            return self
        if not self.ok:
            raise AssertionError(
                f"mkdocs build failed ({self.returncode}): {' '.join(self.command)}\n{self.log}"
            )
        return self


ERRORS_FAIL = "the build fails on errors"


def merge_config(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Recursive merge: nested dicts merge, anything else in override replaces."""
    out = copy.deepcopy(dict(base))
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge_config(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def dump_config(config: Mapping[str, Any]) -> str:
    """YAML for mkdocs.yml; PyName values become `!!python/name:` tags."""
    return yaml.dump(dict(config), Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def write_site(
    root: Path,
    docs: Mapping[str, str | bytes],
    config: Mapping[str, Any] | str | None = None,
    *,
    plugins: Sequence[Any] | None = DEFAULT_PLUGINS,
) -> Path:
    """Write root/mkdocs.yml and root/docs/*; return the config file.

    config: a dict merged over DEFAULTS (plugins from `plugins` unless config sets them), or a
    YAML string written verbatim (no defaults).
    """
    root.mkdir(parents=True, exist_ok=True)
    docs_dir = root / "docs"
    docs_dir.mkdir(exist_ok=True)
    for rel, content in docs.items():
        target = docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    if isinstance(config, str):
        config_file.write_text(config, encoding="utf-8")
        return config_file
    merged = dict(DEFAULTS)
    if plugins is not None:
        merged["plugins"] = list(plugins)
    merged = merge_config(merged, config or {})
    merged.setdefault("docs_dir", "docs")
    config_file.write_text(dump_config(merged), encoding="utf-8")
    return config_file


def build_site(
    tmp_path: Path,
    docs: Mapping[str, str | bytes],
    config: Mapping[str, Any] | str | None = None,
    *,
    plugins: Sequence[Any] | None = DEFAULT_PLUGINS,
    strict: bool = False,
    timeout: float = 300,
    env: Mapping[str, str] | None = None,
    args: Sequence[str] = (),
) -> BuildResult:
    """Write a site into tmp_path (created if needed) and run `python -m mkdocs build`
    (plus ``args``, e.g. ``["-v"]`` for debug lines).

    Returns the result even when the build fails; call .check() to require success.
    """
    if not BUILDS_ALLOWED:
        raise AssertionError(
            "this test builds a site with `mkdocs build`: mark it @pytest.mark.slow "
            "(tests/conftest.py marks those that call build_site themselves)"
        )
    tmp_path = Path(tmp_path)
    config_file = write_site(tmp_path, docs, config, plugins=plugins)
    site_dir = tmp_path / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    command.extend(args)
    run_env = dict(os.environ)
    # Material >= 9.7 prints a banner about MkDocs 2.0 on every build; keep logs about us.
    run_env.setdefault("NO_MKDOCS_2_WARNING", "1")
    run_env.update(env or {})
    proc = subprocess.run(
        command,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=run_env,
        check=False,
    )
    return BuildResult(
        returncode=proc.returncode,
        stdout=proc.stdout,
        stderr=proc.stderr,
        site_dir=site_dir,
        config_file=config_file,
        docs_dir=tmp_path / "docs",
        command=command,
    )
