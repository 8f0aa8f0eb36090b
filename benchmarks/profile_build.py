"""cProfile a build and summarise where custflow's time goes.

    python benchmarks/profile_build.py build CONFIG OUT.prof   # profile `mkdocs build`
    python benchmarks/profile_build.py report OUT.prof [--top N]

``report`` prints the build's total, the time spent in custflow code (the
cumulative time of custflow functions counted only on calls from outside
the package, so nested calls are not counted twice; calls from jinja2 and
markupsafe and from built-ins count as nested, since only custflow's own
code calls back into custflow through them), the custflow functions
by cumulative time, and the functions of any package by own time.
Timings under cProfile run about 2x slower than without it; compare shares,
not seconds, with the unprofiled figures.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import pstats
from pathlib import Path

PACKAGE = "mkdocs_custflow"


def _ours(filename: str) -> bool:
    return f"/{PACKAGE}/" in filename.replace("\\", "/")


def _glue(filename: str) -> bool:
    """Frames between two custflow frames that are still custflow's work: its
    Jinja page templates run through jinja2 and markupsafe, and built-ins
    (``str.join`` of a template's output) that call back into Python."""
    path = filename.replace("\\", "/")
    return path == "~" or "/jinja2/" in path or "/markupsafe/" in path


def _short(key: tuple[str, int, str]) -> str:
    filename, line, name = key
    path = filename.replace("\\", "/")
    for marker in (f"/{PACKAGE}/", "/site-packages/", "/lib/python"):
        if marker in path:
            path = path.split(marker, 1)[1]
            if marker == f"/{PACKAGE}/":
                path = f"{PACKAGE}/{path}"
            break
    return f"{path}:{line}({name})"


def summary(profile: Path, top: int = 25) -> str:
    stats = pstats.Stats(str(profile))
    table = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    entered = 0.0
    for key, (_cc, _nc, _tt, _ct, callers) in table.items():
        if not _ours(key[0]):
            continue
        for caller, caller_stats in callers.items():
            if not _ours(caller[0]) and not _glue(caller[0]):
                entered += caller_stats[3]
    ours = sorted(
        ((ct, tt, nc, key) for key, (_cc, nc, tt, ct, _c) in table.items() if _ours(key[0])),
        reverse=True,
    )
    own = sorted(((tt, ct, nc, key) for key, (_cc, nc, tt, ct, _c) in table.items()), reverse=True)
    lines = [
        f"profile: {profile.name}: {total:.2f} s under cProfile; custflow code "
        f"{entered:.2f} s ({entered / total:.1%}) counted on entry from outside the package",
        "",
        f"custflow functions by cumulative time (top {top}):",
        "",
        "| cumulative s | share | own s | calls | function |",
        "|---:|---:|---:|---:|---|",
    ]
    for ct, tt, nc, key in ours[:top]:
        lines.append(f"| {ct:.2f} | {ct / total:.1%} | {tt:.2f} | {nc} | `{_short(key)}` |")
    lines += [
        "",
        f"all functions by own time (top {top}):",
        "",
        "| own s | share | cumulative s | calls | function |",
        "|---:|---:|---:|---:|---|",
    ]
    for tt, ct, nc, key in own[:top]:
        lines.append(f"| {tt:.2f} | {tt / total:.1%} | {ct:.2f} | {nc} | `{_short(key)}` |")
    return "\n".join(lines)


def profile_build(config: Path, out: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").propagate = False
    loaded = load_config(config_file=str(config))
    loaded.plugins.on_startup(command="build", dirty=False)
    profiler = cProfile.Profile()
    profiler.enable()
    build(loaded)
    profiler.disable()
    profiler.dump_stats(str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    run = sub.add_parser("build")
    run.add_argument("config", type=Path)
    run.add_argument("out", type=Path)
    run.add_argument("--top", type=int, default=25)
    report = sub.add_parser("report")
    report.add_argument("profile", type=Path)
    report.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if args.what == "build":
        profile_build(args.config, args.out)
        print(summary(args.out, args.top))
    else:
        print(summary(args.profile, args.top))


if __name__ == "__main__":
    main()
