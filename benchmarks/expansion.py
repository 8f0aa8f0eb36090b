"""In-process cost of expanding journey blocks (read + render), as the plugin does it.

    python benchmarks/expansion.py scale CATALOG --blocks N [--repeats R]
    python benchmarks/expansion.py typical CATALOG [--samples S]

Both print one JSON object. run.py starts each in a fresh interpreter, so one
size's objects and garbage-collector state never weigh on another's.

``scale``: N distinct blocks from :func:`corpus.block_stream` (the corpus mix,
in a fixed cycle so any 10 consecutive blocks have the same mix) are read
and rendered by one expander configured like the plugin's (site catalog,
built-in templates, locale ``en``, a per-page ``cache_key`` so HTML is kept as
in a build). The expander first reads 20 other blocks (templates parsed,
Jinja strings compiled), so the per-block figure is the steady cost a site
pays, not first-use set-up. The garbage collector stays on, as in a build.
The cost is the process's CPU time per block (``time.process_time``: steady
on a shared machine), wall time beside it; the time of full (generation 2)
collections is reported too, from ``gc.callbacks``.

``typical``: the spec's first example block. Its uncached expansion (a fresh
expander per sample, created outside the timing, so nothing is cached) is
compared with ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the same text.
Both are timed with the collector off (as ``timeit`` does). Also reported:
the same with distinct text per sample in one expander (a YAML comment line
appended), the cost of a cached read, and the parts (YAML read, model,
render).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import re
import statistics
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import block_stream  # noqa: E402

SPEC = HERE.parents[1] / "shared" / "spec" / "journey-blocks.md"


def typical_block() -> tuple[str, str]:
    """The spec's first example block and where it was read from."""
    from mkdocs_custflow.fences import find_journey_fences

    if SPEC.is_file():
        text = SPEC.read_text(encoding="utf-8")
        examples = re.findall(r"````markdown\n(.*?)\n````", text, re.S)
        if examples:
            fences = find_journey_fences(examples[0].split("\n"))
            if fences:
                return fences[0].body, str(SPEC)
    copy = (HERE / "typical_block.yaml").read_text(encoding="utf-8")
    lines = copy.split("\n")
    while lines and lines[0].startswith("# "):
        lines.pop(0)
    return "\n".join(lines).rstrip("\n"), "benchmarks/typical_block.yaml"


def make_expander(catalog_path: Path):  # type: ignore[no-untyped-def]
    """An expander set up as the plugin's on_config sets it up."""
    from mkdocs_custflow.blocks import JourneyExpander
    from mkdocs_custflow.catalog_file import load_catalog
    from mkdocs_custflow.located_yaml import YamlLimits
    from mkdocs_custflow.template_library import TemplateLibrary

    expander = JourneyExpander(locale="en", limits=YamlLimits(), library=TemplateLibrary([]))
    catalog, findings = load_catalog(catalog_path)
    if any(f.is_error for f in findings):
        raise SystemExit(f"catalog errors: {findings}")
    expander.catalog = catalog
    return expander


def options(cache_key: str | None):  # type: ignore[no-untyped-def]
    from mkdocs_custflow.renderers.options import RenderOptions

    return RenderOptions(locale="en", cache_key=cache_key)


class GcClock:
    """Time the garbage collector spends, per generation (gc.callbacks)."""

    def __init__(self) -> None:
        self.count = [0, 0, 0]
        self.seconds = [0.0, 0.0, 0.0]
        self._start = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            generation = info["generation"]
            self.count[generation] += 1
            self.seconds[generation] += time.perf_counter() - self._start


def scale(catalog: Path, count: int, repeats: int, seed: int, collect: bool = True) -> dict:
    blocks = list(itertools.islice(block_stream(seed), count))
    warm = list(itertools.islice(block_stream(seed + 1000), 20))
    chars = sum(len(b) for b in blocks)
    cpu_runs, wall_runs, gc_full, gc_full_us = [], [], [], []
    failed = 0
    for _ in range(repeats):
        expander = make_expander(catalog)
        for index, body in enumerate(warm):
            expander.render(expander.read(body, file="warm.md", line=index * 50 + 3))
        gc.collect()
        if not collect:
            gc.disable()
        clock = GcClock()
        gc.callbacks.append(clock)
        cpu, wall = time.process_time(), time.perf_counter()
        for index, body in enumerate(blocks):
            page = index // 5
            result = expander.read(body, file=f"docs/page-{page}.md", line=(index % 5) * 60 + 5)
            expander.render(result, options(f"page-{page}/\n"))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        gc.callbacks.remove(clock)
        gc.enable()
        failed = sum(1 for r in expander.cache.values() if r.journey is None)
        cpu_runs.append(cpu / count * 1e6)
        wall_runs.append(wall / count * 1e6)
        gc_full.append(clock.count[2])
        gc_full_us.append(clock.seconds[2] / count * 1e6)
        del expander
        gc.collect()
    return {
        "blocks": count, "repeats": repeats,
        "cpu_us_per_block": statistics.median(cpu_runs),
        "wall_us_per_block": statistics.median(wall_runs),
        "cpu_runs": cpu_runs, "wall_runs": wall_runs, "gc": collect,
        "gc_full_collections": statistics.median(gc_full),
        "gc_full_us_per_block": statistics.median(gc_full_us),
        "mean_block_chars": chars / count, "failed_blocks": failed,
    }


def _median_us(samples: list[float]) -> float:
    return statistics.median(samples) * 1e6


def typical(catalog: Path, samples: int) -> dict:
    from mkdocs_custflow.located_yaml import YamlLimits, load

    text, source = typical_block()
    # Warm-up: imports, regex compilation, first-call caches of the libraries.
    warm = make_expander(catalog)
    first = warm.read(text, file="docs/page.md", line=3)
    if first.journey is None:
        problems = "; ".join(map(str, first.diagnostics))
        raise SystemExit(f"the typical block does not read: {problems}")
    warm.render(first, options(None))
    yaml.load(text, Loader=yaml.CSafeLoader)

    gc.collect()
    gc.disable()
    try:
        csafe = []
        for _ in range(samples):
            start = time.perf_counter()
            yaml.load(text, Loader=yaml.CSafeLoader)
            csafe.append(time.perf_counter() - start)

        expanders = [make_expander(catalog) for _ in range(samples)]
        fresh, fresh_read, fresh_render = [], [], []
        for expander in expanders:
            start = time.perf_counter()
            result = expander.read(text, file="docs/page.md", line=3)
            middle = time.perf_counter()
            expander.render(result, options(None))
            end = time.perf_counter()
            fresh.append(end - start)
            fresh_read.append(middle - start)
            fresh_render.append(end - middle)

        one = make_expander(catalog)
        distinct = []
        for index in range(samples):
            body = f"{text}\n# sample {index}"
            start = time.perf_counter()
            one.render(one.read(body, file="docs/page.md", line=3), options(None))
            distinct.append(time.perf_counter() - start)

        cached = []
        for _ in range(samples):
            start = time.perf_counter()
            one.read(body, file="docs/page.md", line=3)
            cached.append(time.perf_counter() - start)

        located = []
        for _ in range(samples):
            start = time.perf_counter()
            load(text, YamlLimits(), [], first_line=3)
            located.append(time.perf_counter() - start)

        compose = []
        for _ in range(samples):
            start = time.perf_counter()
            yaml.compose(text, Loader=yaml.CSafeLoader)
            compose.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return {
        "source": source,
        "chars": len(text),
        "lines": text.count("\n") + 1,
        "samples": samples,
        "csafeloader_us": _median_us(csafe),
        "csafeloader_compose_us": _median_us(compose),
        "expand_uncached_us": _median_us(fresh),
        "read_uncached_us": _median_us(fresh_read),
        "render_us": _median_us(fresh_render),
        "expand_distinct_text_us": _median_us(distinct),
        "read_cached_us": _median_us(cached),
        "located_yaml_load_us": _median_us(located),
        "ratio": statistics.median(fresh) / statistics.median(csafe),
        "cache_hits": one.hits, "cache_misses": one.misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("scale", "typical"))
    parser.add_argument("catalog", type=Path)
    parser.add_argument("--blocks", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--no-gc", action="store_true", help="scale: collector off (diagnosis)")
    args = parser.parse_args()
    if args.what == "scale":
        print(json.dumps(scale(args.catalog, args.blocks, args.repeats, args.seed, not args.no_gc)))
    else:
        print(json.dumps(typical(args.catalog, args.samples)))


if __name__ == "__main__":
    main()
