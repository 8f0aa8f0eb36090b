"""``custflow codeowners``: CODEOWNERS lines from the catalog's handles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs_custflow.cli.project import add_option_flags, command_site, docs_paths, read_pages
from mkdocs_custflow.diagnostics import Diagnostic, one_line
from mkdocs_custflow.pull_request import codeowners
from mkdocs_custflow.pull_request.findings import text_line
from mkdocs_custflow.pull_request.revisions import repository_prefix


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    owners = sub.add_parser(
        "codeowners", help="CODEOWNERS lines: the team accountable for a stage (its catalog "
        "'handle') reviews the pages that hold it",
    )
    owners.add_argument("paths", nargs="*", metavar="PATH",
                        help="the docs folder (default: the one of mkdocs.yml)")
    owners.add_argument("-o", "--output", metavar="CODEOWNERS",
                        help="update the custflow section of this file (made if missing), "
                        "keeping its other lines")
    owners.add_argument("--check", action="store_true",
                        help="with --output: change nothing, exit 1 if the file is not up "
                        "to date")
    add_option_flags(owners)
    owners.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    command = command_site(args)
    pipeline = command.pipeline(playbook=False)
    paths = docs_paths(args.paths, command, "custflow codeowners docs/")
    findings: list[Diagnostic] = []
    reading = pipeline.read_site(read_pages(pipeline, paths, command, findings))
    for finding in [*findings, *reading.findings]:
        if finding.is_error:
            print(text_line(finding), file=sys.stderr)
    found = codeowners.owners(reading, repository_prefix(Path(pipeline.settings.base)))
    for role, pages in sorted(found.without_handle.items()):
        print(f"custflow: role '{role}' owns stages on {', '.join(pages)} but has no 'handle' "
              "in the catalog; those stages add no code owner", file=sys.stderr)
    for page in found.unwritable:
        print(f"custflow: {one_line(page)}: a line break in the page's name cannot be written in "
              "CODEOWNERS; rename the page (its stages add no code owner)", file=sys.stderr)
    if not args.output:
        sys.stdout.write(codeowners.section(found.lines))
        return 0
    target = Path(args.output)
    text = target.read_text(encoding="utf-8") if target.is_file() else ""
    try:
        new = codeowners.updated(text, found.lines, args.output)
    except codeowners.SectionError as exc:
        print(f"custflow: {exc}", file=sys.stderr)
        return 1
    if args.check:
        if new != text:
            print(f"custflow: {args.output} is not up to date; run custflow codeowners "
                  f"--output {args.output}", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(new, encoding="utf-8")
    return 0
