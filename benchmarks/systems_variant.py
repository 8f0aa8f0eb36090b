"""Systems and data on every journey (issue 24): the default build of the
corpus with them, against the same corpus without, at most 1.10x.

    python benchmarks/systems_variant.py [--pages 300] [--blocks 5] [--rounds 3]

Writes site A of the corpus (``corpus.py``), then a copy of it whose catalog
gives the four systems a layer, an owner and integrations and adds four data
items (two personal), and whose every journey uses data: each stage an inline
block writes collects, reads or updates an item in a system, a ``use:`` block
tunes a stage of its template to do the same, and blocks that list
their ``views`` add the ``systems`` view. The playbook gains its
architecture, system, data and personal-data pages. Both are built first
(block cache emptied before each build), in a fresh interpreter each
(``runner.py``), rounds alternating their order; the report gives the median
wall and CPU times and the ratio, PASS or FAIL against 1.10.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import EN_TEMPLATES, ZH_TEMPLATES, generate  # noqa: E402

TARGET = 1.10
SYSTEMS_CATALOG = """\
  store: {name: Online store, kind: system, layer: Channels, owner: marketing,
          integrates: [{with: crm, data: [contact, order], how: API}]}
  crm: {name: CRM, kind: system, layer: Customer data, owner: sales,
        integrates: [{with: erp, data: [order], how: API}, {with: portal, data: [ticket]}]}
  erp: {name: ERP, kind: system, layer: Orders, owner: ops}
  portal: {name: Customer portal, kind: system, layer: Service, owner: service}
  kam: {name: Key-account manager, kind: role, team: Sales}
  logistics: {name: Logistics, kind: role, team: Operations}
"""
ALL_ROLES = ("[marketing, sales, presales, legal, ops, engineer, success, service, finance, kam, "
             "logistics]")
DATA_CATALOG = f"""\
data:
  contact: {{name: Contact details, personal: true, owner: sales, retention: 3y,
            access: {ALL_ROLES}, held_in: [crm, store]}}
  profile: {{name: Member profile, personal: true, owner: marketing, retention: 2y,
            access: {ALL_ROLES}, held_in: [store]}}
  order: {{name: Order, owner: ops, held_in: [erp, crm]}}
  ticket: {{name: Service ticket, owner: service, held_in: [portal, crm]}}
"""
USES = [("contact", "collect", "crm"), ("order", "collect", "erp"), ("contact", "read", "crm"),
        ("profile", "collect", "store"), ("ticket", "collect", "portal"),
        ("order", "update", "erp"), ("profile", "read", "store"), ("ticket", "read", "portal")]
FIRST_STAGE = {name: stages[0] for name, stages in {**EN_TEMPLATES, **ZH_TEMPLATES}.items()}
STAGE_LINE = re.compile(r"^  - id: \S+$")


def data_line(n: int) -> str:
    item, use, system = USES[n % len(USES)]
    return f"    data: [{{data: {item}, use: {use}, in: {system}}}]"


def with_data(body: list[str]) -> list[str]:
    """One journey block's lines, each stage using data (a ``use:`` block
    tunes the first stage of its template when it tunes none)."""
    out: list[str] = []
    stages = 0
    for line in body:
        if line.startswith("views: [") and "systems" not in line:
            line = line[:-1] + ", systems]"
        out.append(line)
        if STAGE_LINE.match(line):
            out.append(data_line(stages))
            stages += 1
    used = next((line[5:].strip() for line in body if line.startswith("use: ")), None)
    if used and not stages:
        out += ["stages:", f"  - id: {FIRST_STAGE[used]}", data_line(0)]
    return out


def add_data(text: str) -> str:
    """Every journey fence of a page, with data uses."""
    lines, out, body, indent = text.split("\n"), [], None, ""
    for line in lines:
        if body is None:
            out.append(line)
            if line.strip() == "```journey":
                body, indent = [], line[: len(line) - len(line.lstrip())]
        elif line.strip() == "```":
            out += [indent + b if b else b for b in with_data(body)] + [line]
            body = None
        else:
            body.append(line[len(indent):])
    return "\n".join(out)


def make_variant(root: Path) -> None:
    catalog = (root / "catalog.yml").read_text("utf-8")
    catalog = re.sub(r"(?m)^  (store|crm|erp|portal): \{name: [^}]*, kind: system\}\n", "",
                     catalog)
    catalog = catalog.replace("touchpoints:\n", SYSTEMS_CATALOG + "touchpoints:\n", 1)
    (root / "catalog-s.yml").write_text(catalog + DATA_CATALOG, "utf-8")
    for page in (root / "docs-a").rglob("*.md"):
        target = root / "docs-s" / page.relative_to(root / "docs-a")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(add_data(page.read_text("utf-8")), "utf-8")
    config = (root / "mkdocs-a.yml").read_text("utf-8")
    for old, new in (("docs-a", "docs-s"), ("site-a", "site-s"), (".cache/a", ".cache/s"),
                     ("catalog: catalog.yml", "catalog: catalog-s.yml"), ("(A)", "(A, systems)")):
        config = config.replace(old, new)
    (root / "mkdocs-s.yml").write_text(config, "utf-8")


def build(root: Path, config: str, cache: str) -> tuple[float, float]:
    shutil.rmtree(root / cache, ignore_errors=True)
    result = root / "result.json"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / "runner.py"), str(root / config),
                           str(result)], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    wall = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{config}: build failed\n{done.stderr[-2000:]}")
    return wall, json.loads(result.read_text("utf-8"))["cpu_s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--blocks", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--root", type=Path, default=HERE / ".corpus" / "systems")
    args = parser.parse_args()
    generate(args.root, args.pages, args.blocks, sites=("A",))
    make_variant(args.root)
    units = [("without", "mkdocs-a.yml", ".cache/a"), ("with", "mkdocs-s.yml", ".cache/s")]
    for _, config, cache in units:  # warm-up: bytecode, the disk cache
        build(args.root, config, cache)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in units}
    for round_ in range(args.rounds):
        for name, config, cache in units if round_ % 2 == 0 else units[::-1]:
            times[name].append(build(args.root, config, cache))
    wall = {name: statistics.median(t[0] for t in found) for name, found in times.items()}
    cpu = {name: statistics.median(t[1] for t in found) for name, found in times.items()}
    ratio = wall["with"] / wall["without"]
    pages = len(list((args.root / "site-s" / "playbook").rglob("index.html")))
    print(f"corpus: {args.pages} pages x {args.blocks} blocks, {args.rounds} rounds, first builds")
    print(f"without systems and data: {wall['without']:.2f} s wall, {cpu['without']:.2f} s CPU")
    print(f"with systems and data:    {wall['with']:.2f} s wall, {cpu['with']:.2f} s CPU "
          f"({pages} playbook pages)")
    print(f"ratio (wall): {ratio:.3f}, CPU {cpu['with'] / cpu['without']:.3f}; target <= "
          f"{TARGET}: {'PASS' if ratio <= TARGET else 'FAIL'}")


if __name__ == "__main__":
    main()
