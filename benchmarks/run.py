"""Performance benchmark of mkdocs-custflow (issues 6 and 13).

    python benchmarks/run.py                  # full run: 300 pages x 5 blocks, 3 rounds
    python benchmarks/run.py --quick          # smoke run: 40 pages, 1 round, fewer repeats
    python benchmarks/run.py --out benchmarks/results.md --profile

Generates a deterministic corpus (benchmarks/corpus.py) under
benchmarks/.corpus/, then measures, each in fresh interpreters:

* builds, alternating between rounds, of A (the corpus with the plugin in its
  default configuration: playbook on) as a first build (block cache emptied)
  and warm (the cache that build wrote), B2 (issue 26's comparison, the
  headline: the same pages with each block's diagrams as ```mermaid fences
  and the playbook pages as `custflow playbook --links files` writes them,
  no plugin), B (each block replaced by everything the plugin emits for it,
  tables and text version too, and the playbook pages), and as secondary rows A with
  ``playbook: false``, B without the playbook pages and B (diagrams only):
  wall time from outside the process, peak memory (ru_maxrss) and CPU time
  reported by benchmarks/runner.py; medians over the rounds;
* a ``mkdocs serve`` rebuild after one page is edited, for A and for B2
  (benchmarks/serve_rebuild.py);
* the whole build at two sizes with the same pages (default 200 pages x 5
  and x 50 blocks: 1,000 and 10,000 blocks), A (first build, warm) and B2,
  one build each;
* the largest generated playbook pages of A's build (HTML file, and the
  content inside ``<article>``);
* per-block expansion (read + render) at 100, 1,000 and 10,000 blocks
  (benchmarks/expansion.py scale);
* the block reference's complete example (example-site/docs/guide/blocks.md)
  against ``yaml.load(text, Loader=yaml.CSafeLoader)`` (benchmarks/expansion.py typical);
* with ``--profile`` (after the measurements, in separate runs): cProfile of
  A's first and warm builds, B2's build and A's serve rebuild, summarised by
  benchmarks/profile_build.py (profiles kept in the corpus folder).

Prints a Markdown report (and writes it to ``--out``); each target line says
PASS or FAIL. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

# name: (config file in the corpus, block cache folder emptied before each such build)
VARIANTS: dict[str, tuple[str, str | None]] = {
    "A, first build": ("mkdocs-a.yml", ".cache/a"),
    "A, warm": ("mkdocs-a.yml", None),
    "B": ("mkdocs-b.yml", None),
    "A, playbook: false": ("mkdocs-a-np.yml", None),
    "B without the playbook pages": ("mkdocs-b-np.yml", None),
    "B (diagrams only)": ("mkdocs-b-diagrams.yml", None),
    "B2": ("mkdocs-b2.yml", None),
}
BASE = "B2"  # issue 26: what users compare with, the same pages and diagrams by hand
# A first build only starts the block cache's store and writes no result; the
# build after it fills the store. "A, warm" is measured after one such filling
# build (not timed): a writer's third build, CI that kept `.cache/` twice.
FILLED_FIRST = {"A, warm"}
# Built together, in this order ("A, warm" reads the cache "A, first build" wrote);
# odd rounds take the units in reverse order.
UNITS = (("A, first build", "A, warm"), ("B2",), ("B",), ("A, playbook: false",),
         ("B without the playbook pages",), ("B (diagrams only)",))
HEADLINE_UNITS = (("A, first build", "A, warm"), ("B2",))  # --headline-only
# (numerator, denominator, what the ratio says)
PAIRS = (
    ("A, first build", "B2", "issue 26's headline: first build / the same pages, diagrams "
     "and playbook pages by hand"),
    ("A, warm", "B2", "warm / the same pages, diagrams and playbook pages by hand"),
    ("A, first build", "B", "the default configuration, first build / the same site by hand"),
    ("A, warm", "B", "the default configuration, warm / the same site by hand"),
    ("A, playbook: false", "B without the playbook pages",
     "without the playbook, on both sides (issue 6's headline)"),
    ("A, playbook: false", "B (diagrams only)", "A, playbook: false / Mermaid fences only"),
    ("B", "B without the playbook pages", "what the playbook pages cost MkDocs itself"),
    ("A, warm", "A, playbook: false", "what the playbook costs a build with the plugin"),
)
TARGETS = {
    "first": 1.10,
    "warm": 1.05,
    "memory": 1.3,
    "serve": 1.15,
    "whole_linear": 1.2,
    "page_bytes": 200_000,
    "linear": 1.2,
    "yaml": 2.0,
    "serve_share": 0.05,
}
HEADLINE = (300, 5)  # the corpus the build ratios are defined on


def env() -> dict[str, str]:
    environment = dict(os.environ)
    environment["NO_MKDOCS_2_WARNING"] = "1"
    environment.setdefault("PYTHONHASHSEED", "0")
    return environment


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def code_under_test() -> str:
    """Which mkdocs_custflow the benchmark imports, and at what commit."""
    import mkdocs_custflow

    package = Path(mkdocs_custflow.__file__).resolve().parent
    repo = HERE.parent
    commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "?"
    if package.parent != repo:
        return f"imported from `{package}` (repository HEAD: {commit})"
    dirty = subprocess.run(
        ["git", "-C", str(repo), "status", "--porcelain", "--", "mkdocs_custflow"],
        capture_output=True, text=True,
    ).stdout.strip()
    return f"working tree at {commit}" + (" with uncommitted changes" if dirty else "")


def machine() -> dict[str, object]:
    import yaml

    return {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
        "pymdown-extensions": version("pymdown-extensions"),
        "markdown": version("markdown"),
        "pyyaml": f"{yaml.__version__} (libyaml: {yaml.__with_libyaml__})",
        "mkdocs-custflow": version("mkdocs-custflow"),
        "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


# --------------------------------------------------------------------------- builds
def load1() -> float:
    return os.getloadavg()[0]


def one_build(root: Path, config: str, clear: str | None = None) -> dict[str, float]:
    if clear:
        shutil.rmtree(root / clear, ignore_errors=True)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result = Path(handle.name)
    try:
        load = load1()
        start = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, str(HERE / "runner.py"), str(root / config), str(result)],
            cwd=root, env=env(), capture_output=True, text=True,
        )
        wall = time.perf_counter() - start
        if completed.returncode != 0:
            raise SystemExit(f"build of {config} failed:\n{completed.stdout}{completed.stderr}")
        data = json.loads(result.read_text(encoding="utf-8"))
    finally:
        result.unlink(missing_ok=True)
    return {"wall_s": wall, "maxrss_mib": data["maxrss_kib"] / 1024, "cpu_s": data["cpu_s"],
            "load1": load}


def medians(runs: dict[str, list[dict[str, float]]]) -> dict:
    out = {}
    for name, measured in runs.items():
        if measured:
            out[name] = {
                key: statistics.median(m[key] for m in measured)
                for key in ("wall_s", "maxrss_mib", "cpu_s")
            }
            out[name]["runs"] = [round(m["wall_s"], 2) for m in measured]
            out[name]["cpu_runs"] = [round(m["cpu_s"], 2) for m in measured]
            out[name]["load1"] = [round(m["load1"], 2) for m in measured]
    return out


def run_builds(root: Path, rounds: int, warmup: bool, headline_only: bool = False) -> dict:
    units = HEADLINE_UNITS if headline_only else UNITS
    built = {name for unit in units for name in unit}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in VARIANTS if name in built}
    # Bytecode, the OS's disk cache and the block caches (the A sites build
    # once before they are measured); not counted.
    for name in ("A, warm", "A, playbook: false", "B2", "B", "B without the playbook pages",
                 "B (diagrams only)"):
        if name in built and (warmup or name.startswith("A")):
            log(f"warm-up build {name}")
            one_build(root, VARIANTS[name][0])
    for index in range(rounds):
        order = units[::-1] if index % 2 else units
        for name in (name for unit in order for name in unit):
            config, clear = VARIANTS[name]
            if name in FILLED_FIRST:
                one_build(root, config)  # fills the store the first build started
            measured = one_build(root, config, clear)
            runs[name].append(measured)
            log(f"round {index + 1}/{rounds} {name}: {measured['wall_s']:.2f} s wall, "
                f"{measured['cpu_s']:.2f} s CPU, {measured['maxrss_mib']:.0f} MiB "
                f"(load {measured['load1']:.2f})")
    return medians(runs)


# --------------------------------------------------------------------------- whole-build scaling
def run_size_scaling(base: Path, pages: int, blocks: list[int], seed: int) -> dict:
    """A (first build, then warm) and B, one build each, at each number of
    blocks per page; the pages stay the same. No warm-up build: the code is
    compiled and the corpus just written (in the OS's disk cache) by then,
    and a build of the 10,000-block site costs a minute or more."""
    results: dict = {}
    for per_page in blocks:
        root = base / f"p{pages}-b{per_page}-s{seed}"
        log(f"scaling corpus: {pages} pages x {per_page} blocks into {root}")
        started = time.perf_counter()
        summary = corpus.generate(root, pages, per_page, seed, sites=("A", BASE))
        generated = time.perf_counter() - started
        row: dict = {"corpus": summary, "corpus_s": generated, "root": str(root)}
        for name in ("A, first build", "A, warm", BASE):
            config, clear = VARIANTS[name]
            if name in FILLED_FIRST:
                one_build(root, config)  # fills the store the first build started
            row[name] = one_build(root, config, clear)
            log(f"{pages} x {per_page} {name}: {row[name]['wall_s']:.2f} s wall, "
                f"{row[name]['cpu_s']:.2f} s CPU")
        row["largest_pages"] = largest_pages(root / "site-a" / "playbook")
        results[pages * per_page] = row
    return results


# --------------------------------------------------------------------------- page sizes
ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)


def largest_pages(site_playbook: Path, top: int = 5) -> list[dict]:
    """The largest HTML files of the built playbook: file size and the size of
    the content inside ``<article>`` (Material's page content)."""
    found = []
    for path in site_playbook.rglob("*.html"):
        data = path.read_bytes()
        match = ARTICLE.search(data.decode("utf-8"))
        found.append({
            "path": path.relative_to(site_playbook.parent).as_posix(),
            "bytes": len(data),
            "article_bytes": len(match[1].encode("utf-8")) if match else None,
        })
    found.sort(key=lambda row: -row["bytes"])
    return [{**row, "pages": len(found)} for row in found[:top]]


# --------------------------------------------------------------------------- in-process
def python_json(*args: str, cwd: Path | None = None) -> dict:
    completed = subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env(), capture_output=True, text=True
    )
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{completed.stdout}{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def run_scaling(root: Path, sizes: list[int], repeats: dict[int, int], seed: int) -> dict:
    results = {}
    for size in sizes:
        log(f"expansion of {size} blocks ({repeats[size]} repeats)")
        results[size] = python_json(
            str(HERE / "expansion.py"), "scale", str(root / "catalog.yml"),
            "--blocks", str(size), "--repeats", str(repeats[size]), "--seed", str(seed),
        )
    return results


def run_typical(root: Path, samples: int) -> dict:
    log("typical block vs CSafeLoader")
    return python_json(str(HERE / "expansion.py"), "typical", str(root / "catalog.yml"),
                       "--samples", str(samples))


def run_serve(root: Path, config: str, page: str, rebuilds: int,
              profile: Path | None) -> dict:
    log(f"serve rebuild of {config} after editing {page}" + (" (profiled)" if profile else ""))
    args = [str(HERE / "serve_rebuild.py"), str(root / config), page,
            "--rebuilds", str(rebuilds)]
    if profile:
        args += ["--profile", str(profile)]
    result = python_json(*args)
    rows = result["rebuilds"]
    result["rebuild"] = {
        **rows[0],
        "wall_s": statistics.median(r["wall_s"] for r in rows),
        "cpu_s": statistics.median(r["cpu_s"] for r in rows),
        "custflow_s": statistics.median(r["custflow_s"] for r in rows),
        "generated_pages_s": statistics.median(r["generated_pages_s"] for r in rows),
        "runs": [round(r["wall_s"], 2) for r in rows],
        "cpu_runs": [round(r["cpu_s"], 2) for r in rows],
    }
    rebuild = result["rebuild"]
    rebuild["custflow_share"] = rebuild["custflow_s"] / rebuild["wall_s"]
    return result


def run_profile(root: Path, config: str, out: Path, clear: str | None = None) -> str:
    log(f"profiling the build of {config}" + (" (cache emptied)" if clear else ""))
    if clear:
        shutil.rmtree(root / clear, ignore_errors=True)
    completed = subprocess.run(
        [sys.executable, str(HERE / "profile_build.py"), "build", str(root / config),
         str(out), "--top", "20"],
        cwd=root, env=env(), capture_output=True, text=True,
    )
    if completed.returncode != 0:
        raise SystemExit(f"profiling failed:\n{completed.stderr}")
    return completed.stdout


def profile_report(prof: Path) -> str:
    completed = subprocess.run(
        [sys.executable, str(HERE / "profile_build.py"), "report", str(prof), "--top", "20"],
        env=env(), capture_output=True, text=True,
    )
    return completed.stdout if completed.returncode == 0 else completed.stderr


# --------------------------------------------------------------------------- report
def verdict(ok: bool) -> str:
    return "**PASS**" if ok else "**FAIL**"


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def kb(n: float | None) -> str:
    return "?" if n is None else f"{n / 1000:,.1f}"


def report(data: dict) -> str:
    m, c, b = data["machine"], data["corpus"], data["builds"]
    headline = (c["pages"], c["blocks_per_page"]) == HEADLINE
    out = [
        "# mkdocs-custflow benchmark",
        "",
        f"`python benchmarks/run.py {' '.join(data['argv'])}`".replace(" `", "`"),
        "",
    ]
    if not headline:
        out += [f"*Smoke run: the corpus is not {HEADLINE[0]} x {HEADLINE[1]}, so the ratios "
                "are indicative only.*", ""]
    loads = [x for row in b.values() for x in row["load1"]]
    out += [
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        f"| date | {m['date']} |",
        f"| cores (os.cpu_count) | {m['cores']} |",
        f"| Python | {m['python']} ({m['implementation']}) on {m['platform']} |",
        f"| MkDocs / Material | {m['mkdocs']} / {m['material']} |",
        f"| pymdown-extensions / Markdown | {m['pymdown-extensions']} / {m['markdown']} |",
        f"| PyYAML | {m['pyyaml']} |",
        f"| mkdocs-custflow | {m['mkdocs-custflow']}, {data['code']} |",
        f"| load average before / after | {m['load_before']} / {data['load_after']} |",
        f"| 1-minute load at the start of the measured builds | min {min(loads):.2f}, median "
        f"{statistics.median(loads):.2f}, max {max(loads):.2f} |",
        "",
        f"The machine has {m['cores']} cores; a load above that means other work shared "
        "them, which lengthens wall times but hardly CPU times. **The CPU-time ratios are "
        "the steadier figures**; the targets are defined on wall time and judged on it.",
        "",
        "## Corpus",
        "",
        f"{c['pages']} pages x {c['blocks_per_page']} journey blocks = {c['blocks']} blocks "
        f"(seed {c['seed']}); block size median {c['block_chars_median']} characters "
        f"({c['block_chars_min']}-{c['block_chars_max']}); 6 in 10 blocks are inline "
        "journeys, 4 in 10 `use:` library templates; one page in three is Chinese. "
        f"Generated into `{data['corpus_dir']}`.",
        "",
        "| site | docs | Markdown characters |",
        "|---|---|---:|",
        f"| A (both configurations) | `docs-a` | {c['markdown_chars_a']:,} |",
    ]
    if "markdown_chars_b" in c:
        kinds = ", ".join(f"{n} {k}" for k, n in c["playbook_kinds"].items())
        out += [
            f"| B: pages | `docs-b` | {c['markdown_chars_b']:,} |",
            f"| B: playbook pages ({c['playbook_pages']}: overview, RACI, {kinds}) | "
            f"`docs-b/playbook` | {c['playbook_markdown_chars']:,} |",
        ]
    if "markdown_chars_b_np" in c:
        out.append(f"| B without the playbook pages | `docs-b-np` | "
                   f"{c['markdown_chars_b_np']:,} |")
    if "markdown_chars_bd" in c:
        out.append(f"| B (diagrams only) | `docs-bd` | {c['markdown_chars_bd']:,} |")
    if "markdown_chars_b2" in c:
        out.append(f"| B2: pages, with the playbook pages | `docs-b2` | "
                   f"{c['markdown_chars_b2']:,} + {c['playbook_markdown_chars_b2']:,} |")
    hidden = c.get("b_not_in_nav") or []
    out += [
        "",
        f"B's pages hold {c.get('mermaid_fences_b', '?')} Mermaid fences and "
        f"{c.get('markdown_tables_b', '?')} Markdown tables. `custflow playbook docs-a --out "
        f"docs-b -f mkdocs-a.yml` wrote B's playbook pages in {c.get('playbook_command_s', '?')} s "
        f"(and `playbook.json`, {c.get('playbook_json_bytes', 0) / 1e6:.1f} MB, which both "
        "sites copy). A's navigation lists a kind of playbook page only when it has at most "
        f"{corpus.NAV_LIMIT} pages (`nav_limit`); B's `mkdocs.yml` leaves the same kinds out "
        "with `not_in_nav: " + (", ".join(f"{h}" for h in hidden) or "(none)") + "`, so "
        "every page of both sites carries the same navigation.",
        "",
        "## The default configuration against the same site written by hand",
        "",
        f"{data['rounds']} round{'s' if data['rounds'] != 1 else ''}, alternating (odd rounds "
        "in reverse order); medians. Each build is `mkdocs build -q` in a fresh interpreter "
        "(benchmarks/runner.py): wall time measured from outside (interpreter start-up and "
        "imports included), CPU time (user + system) and peak memory (ru_maxrss) of the "
        "process.",
        "",
        f"| site | wall s | runs | CPU s | peak RSS MiB | wall / {BASE} | CPU / {BASE} | "
        f"memory / {BASE} |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    base = b[BASE]
    for name in VARIANTS:
        if name not in b:
            continue
        row = b[name]
        runs = ", ".join(f"{r:.2f}" for r in row["runs"])
        out.append(
            f"| {name} | {row['wall_s']:.2f} | {runs} | {row['cpu_s']:.2f} | "
            f"{row['maxrss_mib']:.0f} | {ratio(row['wall_s'], base['wall_s']):.2f} | "
            f"{ratio(row['cpu_s'], base['cpu_s']):.2f} | "
            f"{ratio(row['maxrss_mib'], base['maxrss_mib']):.2f} |"
        )
    out += [
        "",
        "- **A, first build** and **A, warm**: the corpus with `custflow` in its default "
        "configuration (only `catalog` and `cache_dir` set: the playbook is on, `nav_limit` "
        "30). First build: the block cache folder emptied before the build (a first "
        "`mkdocs build`, or CI that keeps nothing: it only starts the cache's store); warm: "
        "the store filled by one more build, not timed (a writer's later `mkdocs build`, CI "
        "that keeps `.cache/`).",
        "- **B2** (issue 26's comparison, the headline): the same pages by hand, without the "
        "plugin: each block's diagrams as ```` ```mermaid ```` fences (their `click` links to "
        "the playbook kept), and the playbook pages written once by `custflow playbook docs "
        "--out docs --links files`. It has no stage, RACI or satisfaction tables and no text "
        "version: what A carries beyond B2 is that content, which Material's search indexes.",
        "- **B**: the same site written by hand, without the plugin. Each block is replaced "
        "by what the plugin emits for it in this configuration: its title and description, "
        "a ```` ```mermaid ```` fence per diagram (superfences + Material's mermaid fence) "
        "with the `click` links to the stage pages, the stage and RACI tables the block asks "
        "for as Markdown tables with the same cells and links, and the text version of the "
        "diagrams. And the playbook pages, as `custflow playbook` writes them for hosts "
        "without plugins. B includes the playbook pages because the comparison is the same "
        "site with and without the plugin: A's readers get those pages, so a site written "
        "by hand that offers the same has to have them; without them B would be a smaller "
        "site, and the ratio would charge the plugin for pages, not for its work.",
        "- Secondary rows: **A, playbook: false** (the plugin without its generated pages), "
        "**B without the playbook pages** (B's pages, links to the playbook left out, "
        "exactly what A, playbook: false emits) and **B (diagrams only)** (only the Mermaid "
        "fences, no tables or text version).",
        "",
        "| ratio | what it says | wall | CPU | memory |",
        "|---|---|---:|---:|---:|",
    ]
    for top, bottom, label in PAIRS:
        if top in b and bottom in b:
            x, y = b[top], b[bottom]
            out.append(
                f"| {top} / {bottom} | {label} | {ratio(x['wall_s'], y['wall_s']):.2f} | "
                f"{ratio(x['cpu_s'], y['cpu_s']):.2f} | "
                f"{ratio(x['maxrss_mib'], y['maxrss_mib']):.2f} |"
            )
    out.append("")

    # serve
    sa, sb = data["serve"]["A"], data["serve"]["B"]
    ra, rb = sa["rebuild"], sb["rebuild"]
    journey_edit = sa.get("rebuild_journey")
    out += [
        "## `mkdocs serve` rebuild after editing one page (in-process)",
        "",
        f"Edited `{sa['edited_page']}` ({sa['blocks_on_page']} blocks in A): a paragraph "
        "inserted under its title, so every block on it moves but no journey changes, "
        f"{len(sa['rebuilds'])} time{'s' if len(sa['rebuilds']) != 1 else ''} (one more "
        "paragraph each time), each followed by a rebuild as `mkdocs serve` makes it "
        "(benchmarks/serve_rebuild.py); medians. A: the default configuration, the same "
        f"plugin instance across builds ({sa.get('same_plugin_instance')}); its initial build "
        "finds its blocks in the block cache the builds above wrote, as `mkdocs serve` does "
        f"after a `mkdocs build`. B: the same page edited the same way in `docs-{BASE.lower()}`"
        " (B2, the same pages and diagrams by hand); MkDocs "
        "rebuilds the whole site. For A, a last rebuild also changes the title of one "
        "journey on the page, so the playbook pages are made again (\"journey edited\").",
        "",
        "| site, build | wall s | runs | CPU s | custflow code s | share | playbook pages "
        "s (MkDocs) | blocks read (log) | reused (log) | rendered |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [("A, initial", sa["initial"]), ("A, rebuild", ra)]
    if journey_edit:
        rows.append(("A, rebuild, journey edited", journey_edit))
    rows += [(f"{BASE}, initial", sb["initial"]), (f"{BASE}, rebuild", rb)]
    for label, row in rows:
        runs = ", ".join(f"{r:.2f}" for r in row.get("runs", [row["wall_s"]]))
        custflow = label.startswith("A")
        out.append(
            f"| {label} | {row['wall_s']:.2f} | {runs} | {row['cpu_s']:.2f} | "
            + (f"{row['custflow_s']:.2f} | {row['custflow_share']:.1%} | " if custflow
               else "- | - | ")
            + f"{row['generated_pages_s']:.2f} | "
            + (f"{row['log_read']} | {row['log_reused']} | {row['rendered']} |" if custflow
               else "- | - | - |")
        )
    serve_ratio = ratio(ra["wall_s"], rb["wall_s"])
    serve_cpu = ratio(ra["cpu_s"], rb["cpu_s"])
    out += ["", f"A's rebuild / {BASE}'s rebuild: wall {serve_ratio:.2f}, CPU {serve_cpu:.2f}.", ""]
    for label, row in (("A's rebuild", ra), ("A's rebuild with a journey edited", journey_edit)):
        if row:
            out += [f"custflow time in {label} by entry point:", ""]
            out += [f"- `{name}`: {secs:.3f} s" for name, secs in row["by_handler_s"].items()
                    if secs >= 0.0005]
            out.append("")

    # whole-build scaling
    sc = data["size_scaling"]
    small, large = min(sc), max(sc)
    pages_scaled = sc[small]["corpus"]["pages"]
    out += [
        "## The whole build at 1,000 and 10,000 blocks" if (small, large) == (1000, 10000)
        else f"## The whole build at {small:,} and {large:,} blocks",
        "",
        f"{pages_scaled} pages at both sizes: {sc[small]['corpus']['blocks_per_page']} and "
        f"{sc[large]['corpus']['blocks_per_page']} blocks per page (same seed, same page "
        "mix). The number of pages is kept because Material renders the whole navigation "
        "into every page, a cost that grows with the square of the number of pages with or "
        "without the plugin: scaling the pages would measure MkDocs and the theme, not the "
        "blocks. One build of each (first build, then warm on the cache it wrote, then B), "
        "to keep the run short: single samples, noisier than the medians above.",
        "",
        "| blocks | site | wall s | CPU s | peak RSS MiB | wall ms / block | CPU ms / block "
        f"| wall / {BASE} | CPU / {BASE} | memory / {BASE} | (A - {BASE}) CPU ms / block |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sorted(sc):
        row = sc[size]
        for name in ("A, first build", "A, warm", BASE):
            r, rb2 = row[name], row[BASE]
            extra = (f"{1000 * (r['cpu_s'] - rb2['cpu_s']) / size:.2f}" if name != BASE
                     else "")
            out.append(
                f"| {size:,} | {name} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | "
                f"{r['maxrss_mib']:.0f} | {1000 * r['wall_s'] / size:.2f} | "
                f"{1000 * r['cpu_s'] / size:.2f} | {ratio(r['wall_s'], rb2['wall_s']):.2f} "
                f"| {ratio(r['cpu_s'], rb2['cpu_s']):.2f} | "
                f"{ratio(r['maxrss_mib'], rb2['maxrss_mib']):.2f} | {extra} |"
            )
    per_block = {}
    out += ["", f"Cost per block at {large:,} / at {small:,}:", "",
            "| site | wall | CPU |", "|---|---:|---:|"]
    for name in ("A, first build", "A, warm", BASE):
        w = ratio(sc[large][name]["wall_s"] / large, sc[small][name]["wall_s"] / small)
        cp = ratio(sc[large][name]["cpu_s"] / large, sc[small][name]["cpu_s"] / small)
        per_block[name] = (w, cp)
        out.append(f"| {name} | {w:.2f} | {cp:.2f} |")
    out += [
        "",
        "Each build also pays costs that do not grow with the blocks (interpreter "
        "start-up, imports, the theme, the navigation of the same pages), so a ratio below "
        "1 is expected; B's row shows how MkDocs itself scales on the same pages. The last "
        "column of the table above is what A costs per block beyond B (negative: A is the "
        "cheaper build).",
        "",
    ]

    # page sizes
    pages = data["largest_pages"]
    out += [
        f"## The largest generated pages ({c['blocks']:,} journeys)",
        "",
        f"After A's builds: the largest of the {pages[0]['pages'] if pages else 0} HTML "
        "files under `site-a/playbook/`. File = the built HTML file (theme, navigation and "
        "all); article = the page's content, inside `<article>`; the rest is the theme "
        "and the site's navigation, which Material writes into every page (the same on B's "
        "pages). KB = 1,000 bytes.",
        "",
        "| page | file KB | article KB | outside the article KB |",
        "|---|---:|---:|---:|",
    ]
    out += [f"| `{p['path']}` | {kb(p['bytes'])} | {kb(p['article_bytes'])} | "
            f"{kb(p['bytes'] - (p['article_bytes'] or 0))} |" for p in pages]
    big = sc[large].get("largest_pages") or []
    if big:
        out += ["", f"The same at {large:,} blocks ({pages_scaled} pages): "
                + "; ".join(f"`{p['path']}` {kb(p['bytes'])} KB (article "
                            f"{kb(p['article_bytes'])} KB)" for p in big[:3]) + "."]
    out.append("")

    # expansion and typical (issue 6)
    out += [
        "## Expansion per block (in-process, read + render, distinct blocks)",
        "",
        "| blocks | µs/block CPU | µs/block wall | ratio to 100 (CPU) | full GC runs | "
        "full GC µs/block |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    scaling = data["scaling"]
    first = scaling[min(scaling)]["cpu_us_per_block"]
    for size in sorted(scaling):
        row = scaling[size]
        out.append(
            f"| {size:,} | {row['cpu_us_per_block']:.0f} | {row['wall_us_per_block']:.0f} | "
            f"{row['cpu_us_per_block'] / first:.2f} | {row['gc_full_collections']:.0f} | "
            f"{row['gc_full_us_per_block']:.0f} |"
        )
    t = data["typical"]
    out += [
        "",
        "## Typical block (the block reference's complete example) vs PyYAML's C loader",
        "",
        f"{t['chars']} characters, {t['lines']} lines, from `{t['source']}`; medians of "
        f"{t['samples']} samples, garbage collector off.",
        "",
        "| measure | µs |",
        "|---|---:|",
        f"| `yaml.load(text, Loader=yaml.CSafeLoader)` | {t['csafeloader_us']:.0f} |",
        f"| (of which `yaml.compose` with CSafeLoader) | {t['csafeloader_compose_us']:.0f} |",
        f"| expansion, uncached (fresh Pipeline and BlockCache: read + render) | "
        f"{t['expand_uncached_us']:.0f} |",
        f"| - read (YAML, model, catalog, checks) | {t['read_uncached_us']:.0f} |",
        f"| - of which `located_yaml.parse` | {t['located_yaml_parse_us']:.0f} |",
        f"| - render (HTML + Mermaid) | {t['render_us']:.0f} |",
        f"| expansion, one pipeline, distinct text per sample | "
        f"{t['expand_distinct_text_us']:.0f} |",
        f"| read, cached (same text and place again) | {t['read_cached_us']:.2f} |",
        "",
        "The block cache keeps each block by (text, file, line): the cached read is a dict "
        "look-up, so only the uncached figures are compared with the loader.",
        "",
    ]

    # targets
    af, aw, bb = b["A, first build"], b["A, warm"], b[BASE]
    first_ratio = ratio(af["wall_s"], bb["wall_s"])
    warm_ratio = ratio(aw["wall_s"], bb["wall_s"])
    mem_first = ratio(af["maxrss_mib"], bb["maxrss_mib"])
    mem_warm = ratio(aw["maxrss_mib"], bb["maxrss_mib"])
    linear = scaling[max(scaling)]["cpu_us_per_block"] / first
    largest = pages[0] if pages else {"path": "?", "bytes": 0, "article_bytes": 0}
    k = sa["blocks_on_page"]
    reread_ok = all(r["log_read"] == r["cache_read"] == r["rendered"] == k
                    for r in sa["rebuilds"])
    size_note = f" ({c['pages']} x {c['blocks_per_page']})"
    out += ["## Targets", ""]
    if not headline:
        out += [f"*Smoke run: the corpus is not {HEADLINE[0]} x {HEADLINE[1]}, so the build "
                "ratios are indicative only.*", ""]
    out += [
        "| target | measured (wall; CPU beside it) | verdict |",
        "|---|---|---|",
        f"| whole build, first build (no block cache): A / {BASE} wall <= "
        f"{TARGETS['first']}{size_note} | {af['wall_s']:.2f} s / {bb['wall_s']:.2f} s "
        f"= {first_ratio:.2f}; CPU {ratio(af['cpu_s'], bb['cpu_s']):.2f} | "
        f"{verdict(first_ratio <= TARGETS['first'])} |",
        f"| whole build, warm (block cache kept): A / {BASE} wall <= {TARGETS['warm']} | "
        f"{aw['wall_s']:.2f} s / {bb['wall_s']:.2f} s = {warm_ratio:.2f}; CPU "
        f"{ratio(aw['cpu_s'], bb['cpu_s']):.2f} | {verdict(warm_ratio <= TARGETS['warm'])} |",
        f"| peak memory A / {BASE} <= {TARGETS['memory']}, first build | {af['maxrss_mib']:.0f} / "
        f"{bb['maxrss_mib']:.0f} MiB = {mem_first:.2f} | "
        f"{verdict(mem_first <= TARGETS['memory'])} |",
        f"| peak memory A / {BASE} <= {TARGETS['memory']}, warm | {aw['maxrss_mib']:.0f} / "
        f"{bb['maxrss_mib']:.0f} MiB = {mem_warm:.2f} | "
        f"{verdict(mem_warm <= TARGETS['memory'])} |",
        f"| `mkdocs serve` rebuild after editing one page: A <= {TARGETS['serve']} x {BASE} | "
        f"{ra['wall_s']:.2f} s / {rb['wall_s']:.2f} s = {serve_ratio:.2f}; CPU "
        f"{serve_cpu:.2f} | {verdict(serve_ratio <= TARGETS['serve'])} |",
    ]
    for name in ("A, first build", "A, warm"):
        w, cp = per_block[name]
        out.append(
            f"| whole build per block at {large:,} blocks <= {TARGETS['whole_linear']} x at "
            f"{small:,} ({name}, {pages_scaled} pages) | "
            f"{1000 * sc[large][name]['wall_s'] / large:.2f} / "
            f"{1000 * sc[small][name]['wall_s'] / small:.2f} ms = {w:.2f}; CPU {cp:.2f} | "
            f"{verdict(w <= TARGETS['whole_linear'])} |"
        )
    out += [
        f"| no generated page over {TARGETS['page_bytes'] // 1000} KB of HTML "
        f"({c['blocks']:,} journeys) | largest `{largest['path']}`: file "
        f"{kb(largest['bytes'])} KB, article {kb(largest['article_bytes'])} KB | "
        f"{verdict(largest['bytes'] <= TARGETS['page_bytes'])} |",
        f"| per-block expansion at {max(scaling):,} blocks <= {TARGETS['linear']} x at "
        f"{min(scaling):,} (issue 6) | {scaling[max(scaling)]['cpu_us_per_block']:.0f} / "
        f"{first:.0f} µs = {linear:.2f} | {verdict(linear <= TARGETS['linear'])} |",
        f"| typical block expansion (uncached) <= {TARGETS['yaml']} x CSafeLoader load "
        f"(issue 6) | {t['expand_uncached_us']:.0f} / {t['csafeloader_us']:.0f} µs = "
        f"{t['ratio']:.2f} | {verdict(t['ratio'] <= TARGETS['yaml'])} |",
        f"| serve: only the edited page's blocks re-read and re-rendered (issue 6) | read "
        f"{ra['log_read']}, reused {ra['log_reused']}, rendered {ra['rendered']} (page has "
        f"{k}) | {verdict(reread_ok)} |",
        f"| serve: plugin share of A's rebuild < {TARGETS['serve_share']:.0%} (issue 6) | "
        f"{ra['custflow_s']:.2f} / {ra['wall_s']:.2f} s = {ra['custflow_share']:.1%} | "
        f"{verdict(ra['custflow_share'] < TARGETS['serve_share'])} |",
        "",
    ]
    if data.get("profiles"):
        out += ["## Profiles (cProfile)", ""]
        for title, text in data["profiles"].items():
            out += [f"### {title}", "", text.strip(), ""]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 40 pages, 1 round, small scaling pair, fewer repeats")
    parser.add_argument("--rounds", type=int, help="build rounds (default 3, quick 1)")
    parser.add_argument("--pages", type=int, help="pages (default 300, quick 40)")
    parser.add_argument("--blocks", type=int, default=5, help="journey blocks per page")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--scale-pages", type=int,
                        help="pages of the whole-build scaling pair (default 200, quick 20)")
    parser.add_argument("--scale-blocks", default=None,
                        help="blocks per page of the scaling pair (default 5,50; quick 2,20)")
    parser.add_argument("--serve-rebuilds", type=int,
                        help="serve rebuilds per site (default 3, quick 1)")
    parser.add_argument("--corpus-dir", type=Path, help="default benchmarks/.corpus/<size>")
    parser.add_argument("--profile", action="store_true",
                        help="also cProfile A's builds, B's build and A's serve rebuild")
    parser.add_argument("--headline-only", action="store_true",
                        help="build only A (first build, warm) and B2: issue 26's comparison")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    parser.add_argument("--json", type=Path, help="write the raw measurements here")
    args = parser.parse_args()

    pages = args.pages or (40 if args.quick else 300)
    rounds = args.rounds or (1 if args.quick else 3)
    scale_pages = args.scale_pages or (20 if args.quick else 200)
    scale_blocks = [int(x) for x in (args.scale_blocks or ("2,20" if args.quick else "5,50"))
                    .split(",")]
    serve_rebuilds = args.serve_rebuilds or (1 if args.quick else 3)
    root = args.corpus_dir or HERE / ".corpus" / f"p{pages}-b{args.blocks}-s{args.seed}"
    started = time.perf_counter()
    data: dict = {"argv": sys.argv[1:], "machine": machine(), "rounds": rounds}
    data["code"] = code_under_test()

    log(f"generating the corpus: {pages} pages x {args.blocks} blocks into {root}")
    data["corpus"] = corpus.generate(
        root, pages, args.blocks, args.seed,
        sites=("A", BASE) if args.headline_only else tuple(corpus.SITES))
    try:
        data["corpus_dir"] = str(root.relative_to(Path.cwd()))
    except ValueError:
        data["corpus_dir"] = str(root)

    data["builds"] = run_builds(root, rounds, warmup=not args.quick,
                                headline_only=args.headline_only)
    data["largest_pages"] = largest_pages(root / "site-a" / "playbook")
    middle = pages // 2
    page = f"section-{middle // 30:02d}/page-{middle:04d}.md"
    data["serve"] = {
        "A": run_serve(root, VARIANTS["A, warm"][0], page, serve_rebuilds, None),
        "B": run_serve(root, VARIANTS[BASE][0], page, serve_rebuilds, None),
    }
    data["size_scaling"] = run_size_scaling(root.parent / "scaling", scale_pages, scale_blocks,
                                            args.seed)
    sizes = [100, 1000, 10000]
    repeats = {100: 5, 1000: 2, 10000: 1} if args.quick else {100: 21, 1000: 5, 10000: 2}
    data["scaling"] = run_scaling(root, sizes, repeats, args.seed)
    data["typical"] = run_typical(root, 100 if args.quick else 400)
    profiles = {}
    if args.profile:  # separate runs: cProfile would slow the measured ones down
        profiles["build A, first build (default configuration)"] = run_profile(
            root, VARIANTS["A, first build"][0], root / "build-a-first.prof",
            VARIANTS["A, first build"][1])
        profiles["build A, warm"] = run_profile(root, VARIANTS["A, warm"][0],
                                                root / "build-a-warm.prof")
        profiles[f"build {BASE}"] = run_profile(root, VARIANTS[BASE][0],
                                                root / "build-b2.prof")
        serve_prof = root / "serve-rebuild.prof"
        run_serve(root, VARIANTS["A, warm"][0], page, 1, serve_prof)
        profiles["serve rebuild (A, one page edited)"] = profile_report(serve_prof)
    data["profiles"] = profiles
    data["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    data["elapsed_s"] = time.perf_counter() - started
    text = report(data) + f"\nTotal benchmark time: {data['elapsed_s']:.0f} s.\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        log(f"report written to {args.out}")
    if args.json:
        args.json.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
