"""A ``mkdocs serve`` rebuild after one page is edited, measured in-process.

    python benchmarks/serve_rebuild.py CONFIG PAGE [--profile FILE] [--profile-journey FILE]

Mimics ``mkdocs/commands/serve.py`` (MkDocs 1.6): the config is loaded once
and ``config.plugins.on_startup(command="serve", dirty=False)`` is called;
``site_url`` becomes the serve URL; the first build runs on that config; the
plugins' ``on_serve`` gets a stand-in server; then PAGE (a docs-relative path)
is edited (a paragraph inserted under its title, so every block on it moves)
and the site is rebuilt the way serve's ``builder()`` does: a freshly loaded
config, the same plugin instance (MkDocs keeps plugins that define
``on_startup`` in its plugin cache), ``build(config, serve_url=..., dirty=False)``.
The page is restored afterwards.

A third build follows with one journey on that page changed as well (its
title), so the playbook pages are made again: reported as information.

Measured per build: wall time; time spent in custflow code, by wrapping
every ``on_*`` event handler the plugin class defines and the ``run`` method
of every Markdown processor in ``mkdocs_custflow.extension`` (outermost call
only, so nested calls are not counted twice); blocks read and reused (the
plugin's debug line ``journey blocks: N read, M reused``, and the block
cache's ``read``/``reused``/``from_disk``); blocks rendered (calls of
``render_journey_html`` by the pipeline); and, as information, the time MkDocs
spends converting and rendering the generated playbook pages. Prints one JSON
object.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import inspect
import json
import logging
import re
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

DEBUG_LINE = re.compile(r"journey blocks: (\d+) read, (\d+) reused")


class Meter:
    """Wall time spent in wrapped custflow entry points (outermost calls only)."""

    def __init__(self) -> None:
        self.depth = 0
        self.total = 0.0
        self.by_name: dict[str, float] = {}
        self.renders = 0
        self.generated_pages = 0.0

    def reset(self) -> None:
        self.total = 0.0
        self.by_name = {}
        self.renders = 0
        self.generated_pages = 0.0

    def wrap(self, owner: type, name: str) -> None:
        original = owner.__dict__[name]
        meter = self

        @functools.wraps(original)
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            if meter.depth:
                return original(*args, **kwargs)
            meter.depth += 1
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent = time.perf_counter() - start
                meter.depth -= 1
                meter.total += spent
                label = f"{owner.__name__}.{name}"
                meter.by_name[label] = meter.by_name.get(label, 0.0) + spent

        setattr(owner, name, timed)


def instrument(meter: Meter) -> list[str]:
    """Wrap the plugin's event handlers and the extension's processors."""
    import mkdocs.commands.build as build_module
    from markdown.util import Processor
    from mkdocs.plugins import BasePlugin

    import mkdocs_custflow.extension as extension_module
    import mkdocs_custflow.pipeline as pipeline_module
    from mkdocs_custflow.plugin import CustflowPlugin

    wrapped = []
    for cls in CustflowPlugin.__mro__:
        if cls is BasePlugin or not issubclass(cls, BasePlugin):
            continue
        for name, value in list(vars(cls).items()):
            if name.startswith("on_") and callable(value):
                meter.wrap(cls, name)
                wrapped.append(f"{cls.__name__}.{name}")
    for _name, cls in inspect.getmembers(extension_module, inspect.isclass):
        ours = issubclass(cls, Processor) and cls.__module__ == extension_module.__name__
        if ours and "run" in vars(cls):
            meter.wrap(cls, "run")
            wrapped.append(f"{cls.__name__}.run")

    render = pipeline_module.render_journey_html  # the name Pipeline.render calls

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        meter.renders += 1
        return render(*args, **kwargs)

    pipeline_module.render_journey_html = counted

    for step in ("_populate_page", "_build_page"):
        original = getattr(build_module, step)

        def timed_page(page, *args, _original=original, **kwargs):  # type: ignore[no-untyped-def]
            if getattr(page.file, "generated_by", None) != "custflow":
                return _original(page, *args, **kwargs)
            start = time.perf_counter()
            try:
                return _original(page, *args, **kwargs)
            finally:
                meter.generated_pages += time.perf_counter() - start

        setattr(build_module, step, timed_page)
    return wrapped


class Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.warnings = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if DEBUG_LINE.search(message):
            self.lines.append(message)
        if record.levelno >= logging.WARNING:
            self.warnings += 1


class StandInServer:
    """What the plugins' ``on_serve`` may call on the live-reload server."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str, *args: object, **kwargs: object) -> None:
        self.watched.append(str(path))

    def unwatch(self, path: str) -> None:
        pass


def edit(text: str) -> str:
    """Insert a paragraph under the page title: every block below moves down."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            lines[index + 1 : index + 1] = ["", "An edited paragraph, saved in the editor.", ""]
            return "\n".join(lines)
    return "An edited paragraph.\n\n" + text


def edit_journey(text: str) -> str:
    """Change the title of the page's first inline journey: one block's
    journey changes, so the playbook pages must be made again."""
    lines = text.split("\n")
    inside = False
    for index, line in enumerate(lines):
        if line.strip().startswith("```journey"):
            inside = True
        elif inside and line.strip().startswith("```"):
            inside = False
        elif inside and line.lstrip().startswith("title: "):
            lines[index] = line + " (edited)"
            return "\n".join(lines)
    raise SystemExit("no journey with a title on the page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("page", help="docs-relative path of the page to edit")
    parser.add_argument("--profile", type=Path, help="cProfile the rebuild into this file")
    parser.add_argument("--profile-journey", type=Path,
                        help="cProfile the rebuild with a journey edited into this file")
    args = parser.parse_args()

    meter = Meter()
    wrapped = instrument(meter)
    captured = Captured()
    plugin_logger = logging.getLogger("mkdocs.plugins.custflow")
    plugin_logger.setLevel(logging.DEBUG)
    plugin_logger.addHandler(captured)
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.addHandler(captured)
    mkdocs_logger.propagate = False  # no output; warnings are counted

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import _serve_url

    site_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def get_config():  # type: ignore[no-untyped-def]
        return load_config(config_file=str(args.config), site_dir=site_dir)

    results: dict[str, object] = {"wrapped": wrapped}
    try:
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=False)
        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path
        config.site_url = serve_url = _serve_url(host, port, mount_path)
        plugin = config.plugins["custflow"]

        def measured_build(config, label: str, profile: Path | None = None) -> None:  # type: ignore[no-untyped-def]
            meter.reset()
            lines_before = len(captured.lines)
            warnings_before = captured.warnings
            profiler = cProfile.Profile() if profile else None
            start = time.perf_counter()
            if profiler:
                profiler.enable()
            build(config, serve_url=serve_url, dirty=False)
            if profiler:
                profiler.disable()
                profiler.dump_stats(str(profile))
            wall = time.perf_counter() - start
            line = captured.lines[lines_before] if len(captured.lines) > lines_before else ""
            match = DEBUG_LINE.search(line)
            cache = plugin.cache
            results[label] = {
                "wall_s": wall,
                "custflow_s": meter.total,
                "custflow_share": meter.total / wall,
                "by_handler_s": dict(sorted(meter.by_name.items(), key=lambda kv: -kv[1])),
                "generated_pages_s": meter.generated_pages,
                "log_read": int(match[1]) if match else None,
                "log_reused": int(match[2]) if match else None,
                "cache_read": cache.read if cache else None,
                "cache_reused": cache.reused if cache else None,
                "cache_from_disk": cache.from_disk if cache else None,
                "rendered": meter.renders,
                "warnings": captured.warnings - warnings_before,
            }

        measured_build(config, "initial")
        config.plugins.on_serve(StandInServer(), config=config, builder=None)

        page = Path(config.docs_dir) / args.page
        original = page.read_text(encoding="utf-8")
        blocks_on_page = len(re.findall(r"^ *```journey *$", original, re.M))
        try:
            page.write_text(edit(original), encoding="utf-8")
            rebuilt = get_config()
            rebuilt.site_url = serve_url
            results["same_plugin_instance"] = rebuilt.plugins["custflow"] is plugin
            measured_build(rebuilt, "rebuild", args.profile)
            page.write_text(edit_journey(edit(original)), encoding="utf-8")
            rebuilt = get_config()
            rebuilt.site_url = serve_url
            measured_build(rebuilt, "rebuild_journey", args.profile_journey)
        finally:
            page.write_text(original, encoding="utf-8")
        results["edited_page"] = args.page
        results["blocks_on_page"] = blocks_on_page
        config.plugins.on_shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
