"""``custflow validate``: the build's findings, without building."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs_custflow.cli.project import add_option_flags, command_site, read_pages, whole_site
from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.pull_request import findings as findings_format
from mkdocs_custflow.pull_request.revisions import repository_prefix


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    validate = sub.add_parser("validate", help="check journey blocks in Markdown files/folders")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    validate.add_argument("--format", choices=findings_format.FORMATS, default="text",
                          help="text (file:line: severity: message [rule]), json, sarif "
                          "(SARIF 2.1.0) or github (workflow commands: annotations)")
    validate.add_argument("-o", "--output", help="file to write (default: standard output)")
    add_option_flags(validate)
    validate.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # For tools (SARIF, annotations), a catalog that cannot be used is reported
    # in their format too, so that the file to upload always exists.
    command = command_site(args)
    pipeline = command.pipeline(stop_on_catalog=args.format == "text")
    findings: list[Diagnostic] = []
    blocks = 0
    if pipeline.catalog_errors:
        findings = [*pipeline.rules.findings, *pipeline.catalog_findings]
    else:
        pages = read_pages(pipeline, args.paths, command, findings)
        reading = pipeline.read_site(pages, whole_site=whole_site(args.paths, command))
        findings.extend(reading.findings)
        blocks = len(reading.blocks)
    prefix = repository_prefix(Path(pipeline.settings.base))
    output = findings_format.render(findings, args.format, pipeline.rules, prefix)
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    infos = sum(f.severity is Severity.INFO for f in findings)
    locale = pipeline.settings.locale
    print(
        text_in(locale, "cli.summary", blocks=blocks, errors=errors, warnings=warnings)
        + (text_in(locale, "cli.notes", infos=infos) if infos else ""),
        file=sys.stderr,
    )
    return 1 if errors or (args.strict and warnings) else 0
