"""In-process cost of expanding journey blocks (read + render), as the plugin does it.

    python benchmarks/expansion.py scale CATALOG --blocks N [--repeats R]
    python benchmarks/expansion.py typical CATALOG [--samples S]

Both print one JSON object. run.py starts each in a fresh interpreter, so one
size's objects and garbage-collector state never weigh on another's.

``scale``: N distinct blocks from :func:`corpus.block_stream` (the corpus mix,
in a fixed cycle so any 10 consecutive blocks have the same mix) are read
and rendered by one :class:`~mkdocs_custflow.pipeline.Pipeline` set up like
the plugin's (site catalog, built-in templates, locale ``en``, a
:class:`~mkdocs_custflow.cache.BlockCache` in memory, a per-page
``cache_key`` so HTML is kept as in a build). The pipeline first reads 20
other blocks (templates parsed, Jinja strings compiled), so the per-block
figure is the steady cost a site pays, not first-use set-up. The garbage
collector stays on, as in a build. The cost is the process's CPU time per
block (``time.process_time``: steady on a shared machine), wall time beside
it; the time of full (generation 2) collections is reported too, from
``gc.callbacks``.

``typical``: the block reference's complete example (the first journey block
of the section "A complete example" of ``example-site/docs/guide/blocks.md``).
Its uncached expansion (a fresh pipeline and block cache per sample, created
outside the timing, so nothing is cached) is compared with
``yaml.load(text, Loader=yaml.CSafeLoader)`` of the same text. Both are timed
with the collector off (as ``timeit`` does). Also reported: the same with
distinct text per sample in one pipeline (a YAML comment line appended), the
cost of a cached read, and the parts (YAML read, model, render).
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

BLOCKS_PAGE = Path("example-site") / "docs" / "guide" / "blocks.md"
SECTION = "## A complete example"


def typical_block() -> tuple[str, str]:
    """The block reference's complete example (the first journey block of its
    section, shown inside a ````markdown example fence) and where it was read from."""
    from mkdocs_custflow.reading.fences import find_journey_fences

    page = HERE.parent / BLOCKS_PAGE
    text = page.read_text(encoding="utf-8")
    if SECTION not in text:
        raise SystemExit(f"{BLOCKS_PAGE.as_posix()}: no section '{SECTION}'")
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    for example in re.findall(r"````markdown\n(.*?)\n````", section, re.S):
        fences = find_journey_fences(example.split("\n"))
        if fences:
            return fences[0].body, BLOCKS_PAGE.as_posix()
    raise SystemExit(f"{BLOCKS_PAGE.as_posix()}: no journey block in '{SECTION}'")


def make_pipeline(catalog_path: Path):  # type: ignore[no-untyped-def]
    """A pipeline set up as the plugin's on_config sets it up (its settings,
    a block cache of its own, in memory only: no disk)."""
    from mkdocs_custflow.cache import BlockCache
    from mkdocs_custflow.pipeline import Pipeline, Settings

    settings = Settings(locale="en", catalog=str(catalog_path), base=str(catalog_path.parent))
    pipeline = Pipeline(settings, BlockCache())
    if pipeline.catalog_errors:
        raise SystemExit(f"catalog errors: {pipeline.catalog_errors}")
    return pipeline


def options(page: str | None):  # type: ignore[no-untyped-def]
    """The options of a page (``mkdocs serve`` keeps its blocks' HTML), or of
    a build that keeps none (None)."""
    from mkdocs_custflow.renderers.options import RenderOptions

    return RenderOptions(locale="en", page=page or "", memo=page is not None)


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
        pipeline = make_pipeline(catalog)
        for index, body in enumerate(warm):
            pipeline.render(pipeline.read_block(body, file="warm.md", line=index * 50 + 3))
        gc.collect()
        if not collect:
            gc.disable()
        clock = GcClock()
        gc.callbacks.append(clock)
        failed = 0
        cpu, wall = time.process_time(), time.perf_counter()
        for index, body in enumerate(blocks):
            page = index // 5
            result = pipeline.read_block(
                body, file=f"docs/page-{page}.md", line=(index % 5) * 60 + 5
            )
            pipeline.render(result, options(f"page-{page}/\n"))
            if result.journey is None:
                failed += 1
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        gc.callbacks.remove(clock)
        gc.enable()
        cpu_runs.append(cpu / count * 1e6)
        wall_runs.append(wall / count * 1e6)
        gc_full.append(clock.count[2])
        gc_full_us.append(clock.seconds[2] / count * 1e6)
        del pipeline
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
    from mkdocs_custflow.reading.located_yaml import YamlLimits, parse

    text, source = typical_block()
    # Warm-up: imports, regex compilation, first-call caches of the libraries.
    warm = make_pipeline(catalog)
    first = warm.read_block(text, file="docs/page.md", line=3)
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

        pipelines = [make_pipeline(catalog) for _ in range(samples)]
        fresh, fresh_read, fresh_render = [], [], []
        for pipeline in pipelines:
            start = time.perf_counter()
            result = pipeline.read_block(text, file="docs/page.md", line=3)
            middle = time.perf_counter()
            pipeline.render(result, options(None))
            end = time.perf_counter()
            fresh.append(end - start)
            fresh_read.append(middle - start)
            fresh_render.append(end - middle)

        one = make_pipeline(catalog)
        distinct = []
        for index in range(samples):
            body = f"{text}\n# sample {index}"
            start = time.perf_counter()
            one.render(one.read_block(body, file="docs/page.md", line=3), options(None))
            distinct.append(time.perf_counter() - start)

        cached = []
        for _ in range(samples):
            start = time.perf_counter()
            one.read_block(body, file="docs/page.md", line=3)
            cached.append(time.perf_counter() - start)

        located = []
        for _ in range(samples):
            start = time.perf_counter()
            parse(text, YamlLimits(), [], first_line=3)
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
        "located_yaml_parse_us": _median_us(located),
        "ratio": statistics.median(fresh) / statistics.median(csafe),
        "cache_read": one.cache.read, "cache_reused": one.cache.reused,
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
