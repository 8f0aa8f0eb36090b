"""What measured data (the option ``measures``, issue 23) costs.

    python benchmarks/measured.py reading [--rows N]
    python benchmarks/measured.py build [--pages P] [--rounds R]
    python benchmarks/measured.py scale [--sizes J:R ...]
    python benchmarks/measured.py all

``reading``: one flow file of N rows (UTF-8, the contract's columns) read by
:func:`~mkdocs_custflow.measured.data.load_measures` (decoding, CSV, dates,
counts: every row into a flow row), against Python's ``csv`` module reading
the same bytes (decode and ``csv.reader``, rows as lists of text). Best of
5, CPU time.

``build``: the benchmark corpus's site A (``corpus.generate``) with 24
monthly periods of flow rows and KPI rows for every journey of it, built
with ``measures:`` and without (the same site, the same block cache state:
each build starts with no cache), alternating, medians of R rounds.

``scale``: the measured data of J synthetic journeys (five stages each, an
exit at each) and R rows in all, read, every journey's flow computed and
every check run, in a fresh interpreter per size (time and peak memory,
``ru_maxrss``): linear if the per-row cost stays flat.

Prints one JSON object per part.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from mkdocs_custflow.checks.measured import check_measured  # noqa: E402
from mkdocs_custflow.measured.data import load_measures  # noqa: E402
from mkdocs_custflow.measured.sources import MeasureSource  # noqa: E402
from mkdocs_custflow.structure import Journey, Kpi, Stage  # noqa: E402

STAGES = ("visit", "consult", "quote", "contract", "deliver")
MONTHS = [f"{2025 + (m // 12)}-{m % 12 + 1:02d}" for m in range(24)]


def flow_text(journeys: list[str], months: list[str], stages: tuple[str, ...] = STAGES) -> str:
    """Flow rows: for every journey and month, entries and each stage's way
    on and exit (a funnel losing a third at each stage)."""
    out = ["date,journey,from,to,count"]
    for journey in journeys:
        for month in months:
            n = 10_000
            out.append(f"{month},{journey},,{stages[0]},{n}")
            for here, there in itertools.pairwise(stages):
                on = n * 2 // 3
                out.append(f"{month},{journey},{here},{there},{on}")
                out.append(f"{month},{journey},{here},lost,{n - on}")
                n = on
    return "\n".join(out) + "\n"


def best(run, repeats: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def reading(rows: int) -> dict[str, object]:
    journeys = [f"journey-{i}" for i in range(max(rows // (24 * 9), 1))]
    text = flow_text(journeys, MONTHS)
    folder = Path(tempfile.mkdtemp())
    path = folder / "flow.csv"
    path.write_text(text, encoding="utf-8")
    source = MeasureSource(str(path))

    def ours() -> None:
        data = load_measures([source], lambda p: "flow.csv")
        assert not data.findings

    def plain_csv() -> None:
        list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))

    ours_s, csv_s = best(ours), best(plain_csv)
    shutil.rmtree(folder)
    return {"part": "reading", "rows": text.count("\n") - 1, "measures_s": round(ours_s, 3),
            "csv_module_s": round(csv_s, 3), "ratio": round(ours_s / csv_s, 2)}


def synthetic(count: int) -> list[Journey]:
    journeys = []
    for i in range(count):
        stages = [Stage(s, s.title()) for s in STAGES]
        stages[2].kpis = [Kpi("Quote accepted", ">= 60%", id="quote-accepted")]
        journeys.append(Journey(f"journey-{i}", f"Journey {i}", stages, {}))
    return journeys


def scale_one(journeys: int, rows: int) -> dict[str, object]:
    months = max(rows // (journeys * 9), 1)
    names = [f"journey-{i}" for i in range(journeys)]
    text = flow_text(names, [f"{2000 + m // 12}-{m % 12 + 1:02d}" for m in range(months)])
    folder = Path(tempfile.mkdtemp())
    path = folder / "flow.csv"
    path.write_text(text, encoding="utf-8")
    model = synthetic(journeys)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()
    data = load_measures([MeasureSource(str(path))], lambda p: "flow.csv")
    findings = check_measured(data, model, date(2030, 1, 1))
    for journey in model:
        data.flow_of(journey)
    seconds = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    shutil.rmtree(folder)
    count = len(data.flows)
    return {"journeys": journeys, "rows": count, "seconds": round(seconds, 2),
            "us_per_row": round(seconds / count * 1e6, 2),
            "peak_mb": round(peak / 1024, 1), "added_mb": round((peak - before) / 1024, 1),
            "findings": len(findings)}


def scale(sizes: list[str]) -> dict[str, object]:
    results = []
    for size in sizes:
        journeys, rows = (int(v) for v in size.split(":"))
        done = subprocess.run([sys.executable, __file__, "scale-one", str(journeys), str(rows)],
                              capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout))
    return {"part": "scale", "sizes": results}


def _value_near(kpi: Kpi, seed: int) -> str:
    """A value in the unit of the KPI's target, around it (met or missed)."""
    from mkdocs_custflow.structure.measures import read_target

    goal = read_target(kpi.target, kpi.unit) if kpi.target else None
    if goal is None:
        return f"{50 + seed % 40}%"
    unit = goal.quantity.unit
    number = f"{goal.quantity.value * (0.9 + seed % 20 / 100):.2f}"
    return number + ("%" if unit == "%" else "s" if unit == "s" else f" {unit}" if unit else "")


def measured_corpus(root: Path, pages: int) -> dict[str, int]:
    """Site A of the benchmark corpus, and ``mkdocs-m.yml``: the same with 24
    monthly periods of flow and KPI rows for every journey."""
    from corpus import generate

    from mkdocs_custflow.pipeline import Pipeline, Settings, SourcePage

    generate(root, pages=pages, sites=["A"])
    docs = root / "docs-a"
    pipeline = Pipeline(Settings(catalog=str(root / "catalog.yml"), base=str(root)))
    pages_read = [SourcePage(str(p.relative_to(docs)), p.read_text("utf-8"), str(p))
                  for p in sorted(docs.rglob("*.md"))]
    reading_ = pipeline.read_site(pages_read)
    journeys = list(reading_.homes.values())
    flow_rows, kpi_rows = ["date,journey,from,to,count"], ["date,kpi,value,journey,stage"]
    for home in journeys:
        journey = home.journey
        ids = [s.id for s in journey.stages]
        for month in MONTHS:
            n = 1000
            flow_rows.append(f"{month},{journey.id},,{ids[0]},{n}")
            for here, there in itertools.pairwise(ids):
                on = n * 3 // 4
                flow_rows.append(f"{month},{journey.id},{here},{there},{on}")
                flow_rows.append(f"{month},{journey.id},{here},lost,{n - on}")
                n = on
            written = set()
            for stage in journey.stages:
                for kpi in stage.kpis:
                    if (stage.id, kpi.key) not in written:  # a stage used twice: once
                        written.add((stage.id, kpi.key))
                        value = _value_near(kpi, len(kpi_rows))
                        kpi_rows.append(f'{month},{kpi.key},"{value}",{journey.id},{stage.id}')
    (root / "flow.csv").write_text("\n".join(flow_rows) + "\n", "utf-8")
    (root / "kpis.csv").write_text("\n".join(kpi_rows) + "\n", "utf-8")
    config = (root / "mkdocs-a.yml").read_text("utf-8")
    measured = config.replace("      cache_dir: .cache/a\n", "      cache_dir: .cache/a\n"
                              "      measures: [flow.csv, kpis.csv]\n      stale_after: 100y\n")
    (root / "mkdocs-m.yml").write_text(measured, "utf-8")
    return {"journeys": len(journeys), "flow_rows": len(flow_rows) - 1,
            "kpi_rows": len(kpi_rows) - 1}


def build(pages: int, rounds: int) -> dict[str, object]:
    root = Path(tempfile.mkdtemp()) / "corpus"
    made = measured_corpus(root, pages)
    times: dict[str, list[float]] = {"without": [], "with": []}
    cpu: dict[str, list[float]] = {"without": [], "with": []}
    loads: list[float] = []
    result = root / "result.json"
    for _ in range(rounds):
        for name, config_file in (("without", "mkdocs-a.yml"), ("with", "mkdocs-m.yml")):
            shutil.rmtree(root / ".cache", ignore_errors=True)
            loads.append(os.getloadavg()[0])
            start = time.perf_counter()
            subprocess.run([sys.executable, str(HERE / "runner.py"), config_file, str(result)],
                           cwd=root, check=True, capture_output=True)
            times[name].append(time.perf_counter() - start)
            cpu[name].append(json.loads(result.read_text("utf-8"))["cpu_s"])
    without, with_ = statistics.median(times["without"]), statistics.median(times["with"])
    cpu_without, cpu_with = statistics.median(cpu["without"]), statistics.median(cpu["with"])
    shutil.rmtree(root.parent)
    return {"part": "build", "pages": pages, **made,
            "without_s": round(without, 2), "with_s": round(with_, 2),
            "ratio": round(with_ / without, 3),
            "cpu_without_s": round(cpu_without, 2), "cpu_with_s": round(cpu_with, 2),
            "cpu_ratio": round(cpu_with / cpu_without, 3), "rounds": rounds,
            "load_1min": [round(v, 2) for v in loads]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="part", required=True)
    sub.add_parser("reading").add_argument("--rows", type=int, default=200_000)
    built = sub.add_parser("build")
    built.add_argument("--pages", type=int, default=100)
    built.add_argument("--rounds", type=int, default=3)
    scaled = sub.add_parser("scale")
    scaled.add_argument("--sizes", nargs="+",
                        default=["100:100000", "1000:100000", "10000:100000", "10000:1000000"])
    one = sub.add_parser("scale-one")
    one.add_argument("journeys", type=int)
    one.add_argument("rows", type=int)
    sub.add_parser("all")
    args = parser.parse_args()
    if args.part == "reading":
        print(json.dumps(reading(args.rows)))
    elif args.part == "build":
        print(json.dumps(build(args.pages, args.rounds)))
    elif args.part == "scale":
        print(json.dumps(scale(args.sizes)))
    elif args.part == "scale-one":
        print(json.dumps(scale_one(args.journeys, args.rows)))
    else:
        print(json.dumps(reading(200_000)))
        print(json.dumps(scale(["100:100000", "1000:100000", "10000:100000",
                                "10000:1000000"])))
        print(json.dumps(build(100, 3)))


if __name__ == "__main__":
    main()
