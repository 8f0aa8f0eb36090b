"""Performance benchmark of mkdocs-custflow (issue 6).

    python benchmarks/run.py                  # full run: 300 pages x 5 blocks, 3 rounds
    python benchmarks/run.py --quick          # smoke run: 40 pages, 1 round, fewer repeats
    python benchmarks/run.py --out benchmarks/results.md --profile

Generates a deterministic corpus (benchmarks/corpus.py) under
benchmarks/.corpus/, then measures, each in fresh interpreters:

* builds, alternating, of A (the corpus with the plugin, ``playbook: false``)
  with its block cache from the previous build and with none, B (each block
  replaced by what the plugin emits for it, hand-written: Mermaid fences and
  Markdown tables), B (diagrams only) and A+playbook (the plugin with its
  generated playbook): wall time from outside the process, peak memory
  (ru_maxrss) and CPU time reported by benchmarks/runner.py; medians over
  the rounds;
* per-block expansion (read + render) at 100, 1,000 and 10,000 blocks
  (benchmarks/expansion.py scale);
* the block reference's complete example (example-site/docs/guide/blocks.md)
  against ``yaml.load(text, Loader=yaml.CSafeLoader)`` (benchmarks/expansion.py typical);
* a ``mkdocs serve`` rebuild after one page is edited (benchmarks/serve_rebuild.py);
* with ``--profile`` (after the measurements, in separate runs): cProfile of
  build A and of the serve rebuild, summarised by benchmarks/profile_build.py
  (profiles kept in the corpus folder as build-a.prof, serve-rebuild.prof).

Prints a Markdown report (and writes it to ``--out``); each target line says
PASS or FAIL. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
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

VARIANTS = {  # name: config file in the corpus
    "A": "mkdocs-a.yml",
    "A, no cache": "mkdocs-a.yml",
    "B": "mkdocs-b.yml",
    "B (diagrams only)": "mkdocs-b-diagrams.yml",
    "A+playbook": "mkdocs-a-playbook.yml",
}
COLD = {"A, no cache": ".cache/a"}  # block cache folder emptied before each such build
TARGETS = {
    "wall": 1.05,
    "memory": 1.2,
    "linear": 1.2,
    "yaml": 2.0,
    "serve_share": 0.05,
}


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
def one_build(root: Path, config: str, clear: str | None = None) -> dict[str, float]:
    if clear:
        shutil.rmtree(root / clear, ignore_errors=True)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result = Path(handle.name)
    try:
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
    return {"wall_s": wall, "maxrss_mib": data["maxrss_kib"] / 1024, "cpu_s": data["cpu_s"]}


def run_builds(root: Path, rounds: int, playbook_rounds: int, warmup: bool) -> dict:
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in VARIANTS}
    # Bytecode, the OS's disk cache and the block caches (A builds once before
    # it is measured, as a CI job that keeps .cache/ has); not counted.
    for name in ("A", "B", *(("A+playbook",) if playbook_rounds else ())):
        if warmup or name != "B":
            log(f"warm-up build {name}")
            one_build(root, VARIANTS[name])
    for index in range(rounds):
        order = ["A, no cache", "A", "B", "B (diagrams only)"]
        if index % 2:
            order.reverse()  # "A" still follows "A, no cache": it uses what that wrote
            order[2:] = ["A, no cache", "A"]
        if index < playbook_rounds:
            order.append("A+playbook")
        for name in order:
            measured = one_build(root, VARIANTS[name], COLD.get(name))
            runs[name].append(measured)
            log(f"round {index + 1}/{rounds} {name}: {measured['wall_s']:.2f} s, "
                f"{measured['maxrss_mib']:.0f} MiB")
    medians = {}
    for name, measured in runs.items():
        if measured:
            medians[name] = {
                key: statistics.median(m[key] for m in measured)
                for key in ("wall_s", "maxrss_mib", "cpu_s")
            }
            medians[name]["runs"] = [round(m["wall_s"], 2) for m in measured]
    return medians


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


def run_serve(root: Path, page: str, profile: Path | None) -> dict:
    log(f"serve rebuild after editing {page}" + (" (profiled)" if profile else ""))
    args = [str(HERE / "serve_rebuild.py"), str(root / VARIANTS["A+playbook"]), page]
    if profile:
        args += ["--profile", str(profile)]
    return python_json(*args)


def run_profile(root: Path, out: Path) -> str:
    log("profiling build A")
    completed = subprocess.run(
        [sys.executable, str(HERE / "profile_build.py"), "build", str(root / VARIANTS["A"]),
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


def report(data: dict) -> str:
    m, c, b = data["machine"], data["corpus"], data["builds"]
    out = [
        "# mkdocs-custflow benchmark",
        "",
        f"`python benchmarks/run.py {' '.join(data['argv'])}`".replace(" `", "`"),
        "",
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
        "",
        "## Corpus",
        "",
        f"{c['pages']} pages x {c['blocks_per_page']} journey blocks = {c['blocks']} blocks "
        f"(seed {c['seed']}); block size median {c['block_chars_median']} characters "
        f"({c['block_chars_min']}-{c['block_chars_max']}); 6 in 10 blocks are inline "
        "journeys, 4 in 10 `use:` library templates; one page in three is Chinese. "
        f"Markdown: A {c['markdown_chars_a'] / 1e6:.2f} M characters, B "
        f"{c['markdown_chars_b'] / 1e6:.2f} M characters ({c['mermaid_fences_b']} "
        f"Mermaid fences, {c.get('markdown_tables_b', '?')} Markdown tables). "
        f"Generated into `{data['corpus_dir']}`.",
        "",
        f"## Builds ({data['rounds']} round{'s' if data['rounds'] != 1 else ''}, "
        "alternating; medians)",
        "",
        "Each build is `mkdocs build -q` in a fresh interpreter (benchmarks/runner.py), "
        "wall time measured from outside, peak memory = the process's ru_maxrss.",
        "",
        "| site | wall s (median) | runs | peak RSS MiB | CPU s | wall / B | memory / B |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    base = b["B"]
    for name in VARIANTS:
        if name not in b:
            continue
        row = b[name]
        runs = ", ".join(f"{r:.2f}" for r in row["runs"])
        out.append(
            f"| {name} | {row['wall_s']:.2f} | {runs} | "
            f"{row['maxrss_mib']:.0f} | {row['cpu_s']:.2f} | "
            f"{row['wall_s'] / base['wall_s']:.2f} | "
            f"{row['maxrss_mib'] / base['maxrss_mib']:.2f} |"
        )
    out += [
        "",
        "A = the corpus with `custflow` (`playbook: false`, the headline), its block cache "
        "(`.cache/`) kept from the previous build, as a CI job that keeps `.cache/` between "
        "runs has it, and as `mkdocs build` has it on a writer's machine; A, no cache = the "
        "same with the cache folder deleted first (a first build, or CI that keeps nothing); "
        "B = the same pages with each block replaced by what the plugin emits for it, as a "
        "writer would hand-write it: its title and description, a ```` ```mermaid ```` fence "
        "per diagram (superfences + Material's mermaid fence, no plugin) and, for the "
        f"{c.get('markdown_tables_b', '?')} stage/RACI tables the blocks ask for, Markdown "
        "tables with the same cells; B (diagrams only) = B without those tables; A+playbook = "
        "A with the generated playbook pages (counted separately, with its own kept cache).",
        "",
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
    s = data["serve"]
    rebuild, initial = s["rebuild"], s["initial"]
    journey_edit = s.get("rebuild_journey")
    out += [
        "## `mkdocs serve` rebuild after editing one page (A+playbook corpus, in-process)",
        "",
        f"Edited `{s['edited_page']}` ({s['blocks_on_page']} blocks): first a paragraph "
        "inserted under its title, so every block on it moves but no journey changes "
        "(\"rebuild\"); then also the title of one journey on it, so the playbook pages must "
        "be made again (\"rebuild, journey edited\"). Same plugin instance across builds: "
        f"{s['same_plugin_instance']}. The initial build finds its blocks in the block cache "
        "the warm-up build wrote, as `mkdocs serve` does after a `mkdocs build`.",
        "",
        "| build | wall s | custflow code s | share | generated playbook pages s (MkDocs) | "
        "blocks read (log) | reused (log) | rendered |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [("initial", initial), ("rebuild", rebuild)]
    if journey_edit:
        rows.append(("rebuild, journey edited", journey_edit))
    for label, row in rows:
        out.append(
            f"| {label} | {row['wall_s']:.2f} | {row['custflow_s']:.2f} | "
            f"{row['custflow_share']:.1%} | {row['generated_pages_s']:.2f} | {row['log_read']} | "
            f"{row['log_reused']} | {row['rendered']} |"
        )
    for label, row in rows[1:]:
        out += ["", f"custflow time in the {label} by entry point:", ""]
        out += [f"- `{name}`: {secs:.3f} s" for name, secs in row["by_handler_s"].items()
                if secs >= 0.0005]
    out.append("")

    # targets
    a, bb = b["A"], b["B"]
    wall_ratio = a["wall_s"] / bb["wall_s"]
    mem_ratio = a["maxrss_mib"] / bb["maxrss_mib"]
    linear = scaling[max(scaling)]["cpu_us_per_block"] / first
    k = s["blocks_on_page"]
    reread_ok = rebuild["log_read"] == rebuild["cache_read"] == rebuild["rendered"] == k
    headline = c["pages"] == 300 and c["blocks_per_page"] == 5
    out += ["## Targets", ""]
    if not headline:
        out += ["*Smoke run: the corpus is not 300 x 5, so the build ratios are indicative "
                "only.*", ""]
    out += [
        "| target | measured | verdict |",
        "|---|---|---|",
        f"| A / B wall time <= {TARGETS['wall']} ({c['pages']} x {c['blocks_per_page']}, "
        f"`playbook: false`, block cache kept) | {a['wall_s']:.2f} s / {bb['wall_s']:.2f} s "
        f"= {wall_ratio:.2f} | "
        f"{verdict(wall_ratio <= TARGETS['wall'])} |",
        f"| A / B peak memory <= {TARGETS['memory']} | {a['maxrss_mib']:.0f} / "
        f"{bb['maxrss_mib']:.0f} MiB = {mem_ratio:.2f} | "
        f"{verdict(mem_ratio <= TARGETS['memory'])} |",
        f"| per-block expansion at {max(scaling):,} blocks <= {TARGETS['linear']} x at "
        f"{min(scaling):,} | {scaling[max(scaling)]['cpu_us_per_block']:.0f} / {first:.0f} µs = "
        f"{linear:.2f} | {verdict(linear <= TARGETS['linear'])} |",
        f"| typical block expansion (uncached) <= {TARGETS['yaml']} x CSafeLoader load | "
        f"{t['expand_uncached_us']:.0f} / {t['csafeloader_us']:.0f} µs = {t['ratio']:.2f} | "
        f"{verdict(t['ratio'] <= TARGETS['yaml'])} |",
        f"| serve: only the edited page's blocks re-read and re-rendered | read "
        f"{rebuild['log_read']}, reused {rebuild['log_reused']}, rendered {rebuild['rendered']} "
        f"(page has {k}) | {verdict(reread_ok)} |",
        f"| serve: plugin share of the rebuild < {TARGETS['serve_share']:.0%} | "
        f"{rebuild['custflow_s']:.2f} / {rebuild['wall_s']:.2f} s = "
        f"{rebuild['custflow_share']:.1%} | "
        f"{verdict(rebuild['custflow_share'] < TARGETS['serve_share'])} |",
        "",
    ]
    info = [("A, no cache", "A with no block cache / B"),
            ("B (diagrams only)", None), ("A+playbook", "A+playbook / B")]
    notes = []
    for name, label in info:
        if name not in b:
            continue
        if label is None:
            row = b[name]
            notes.append(f"A / B (diagrams only) wall {a['wall_s'] / row['wall_s']:.2f}, "
                         f"memory {a['maxrss_mib'] / row['maxrss_mib']:.2f}")
        else:
            row = b[name]
            notes.append(f"{label} wall {row['wall_s'] / bb['wall_s']:.2f}, "
                         f"memory {row['maxrss_mib'] / bb['maxrss_mib']:.2f}")
    if journey_edit:
        notes.append(f"serve rebuild with a journey edited: plugin share "
                     f"{journey_edit['custflow_share']:.1%}, blocks read "
                     f"{journey_edit['log_read']}")
    out += ["", "Information (no target): " + "; ".join(notes) + ".", ""]
    if data.get("profiles"):
        out += ["## Profiles (cProfile)", ""]
        for title, text in data["profiles"].items():
            out += [f"### {title}", "", text.strip(), ""]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 40 pages, 1 round, fewer repeats")
    parser.add_argument("--rounds", type=int, help="build rounds (default 3, quick 1)")
    parser.add_argument("--playbook-rounds", type=int,
                        help="rounds that also build A+playbook (default: all)")
    parser.add_argument("--pages", type=int, help="pages (default 300, quick 40)")
    parser.add_argument("--blocks", type=int, default=5, help="journey blocks per page")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--corpus-dir", type=Path, help="default benchmarks/.corpus/<size>")
    parser.add_argument("--profile", action="store_true",
                        help="also cProfile build A and the serve rebuild")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    parser.add_argument("--json", type=Path, help="write the raw measurements here")
    args = parser.parse_args()

    pages = args.pages or (40 if args.quick else 300)
    rounds = args.rounds or (1 if args.quick else 3)
    playbook_rounds = rounds if args.playbook_rounds is None else args.playbook_rounds
    root = args.corpus_dir or HERE / ".corpus" / f"p{pages}-b{args.blocks}-s{args.seed}"
    started = time.perf_counter()
    data: dict = {"argv": sys.argv[1:], "machine": machine(), "rounds": rounds}
    data["code"] = code_under_test()

    log(f"generating the corpus: {pages} pages x {args.blocks} blocks into {root}")
    data["corpus"] = corpus.generate(root, pages, args.blocks, args.seed)
    try:
        data["corpus_dir"] = str(root.relative_to(Path.cwd()))
    except ValueError:
        data["corpus_dir"] = str(root)

    data["builds"] = run_builds(root, rounds, playbook_rounds, warmup=not args.quick)
    sizes = [100, 1000, 10000]
    repeats = {100: 5, 1000: 2, 10000: 1} if args.quick else {100: 21, 1000: 5, 10000: 2}
    data["scaling"] = run_scaling(root, sizes, repeats, args.seed)
    data["typical"] = run_typical(root, 100 if args.quick else 400)
    middle = pages // 2
    page = f"section-{middle // 30:02d}/page-{middle:04d}.md"
    profiles = {}
    data["serve"] = run_serve(root, page, None)
    if args.profile:  # separate runs: cProfile would slow the measured ones down
        profiles["build A (playbook: false)"] = run_profile(root, root / "build-a.prof")
        serve_prof = root / "serve-rebuild.prof"
        run_serve(root, page, serve_prof)
        profiles["serve rebuild (A+playbook, one page edited)"] = profile_report(serve_prof)
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
