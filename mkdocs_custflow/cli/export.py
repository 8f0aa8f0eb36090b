"""``custflow export``: the playbook as JSON, or its RACI matrix as CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs_custflow.cli.project import add_option_flags, command_site, read_pages
from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.playbook.export import playbook_json, raci_csv
from mkdocs_custflow.pull_request.findings import text_line


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = sub.add_parser(
        "export", help="write the playbook as JSON, or its RACI matrix as CSV, without building"
    )
    export.add_argument("paths", nargs="+", metavar="PATH", help="the docs folder (or files)")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    add_option_flags(export)
    export.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    command = command_site(args)
    pipeline = command.pipeline(playbook=True)
    findings: list[Diagnostic] = []
    reading = pipeline.read_site(read_pages(pipeline, args.paths, command, findings))
    findings.extend(reading.findings)
    for finding in findings:
        print(text_line(finding), file=sys.stderr)
    if reading.playbook is None:
        return 1
    output = (playbook_json(reading.playbook) if args.format == "json"
              else raci_csv(reading.playbook))
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return 1 if any(f.is_error for f in findings) else 0
