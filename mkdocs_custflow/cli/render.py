"""``custflow render``: the Mermaid source of each block of one page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs_custflow.cli.project import add_option_flags, command_site
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.pull_request.findings import text_line
from mkdocs_custflow.reading.sources import SourceError, read_text
from mkdocs_custflow.renderers.html import render_diagrams
from mkdocs_custflow.renderers.options import RenderOptions


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    render = sub.add_parser("render", help="print the Mermaid source of each block")
    render.add_argument("file", metavar="FILE", help="a Markdown file, or - for standard input")
    add_option_flags(render)
    render.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    pipeline = command_site(args).pipeline()
    if args.file == "-":
        text, name = sys.stdin.read(), "<stdin>"
    else:
        name = pipeline.settings.shown(args.file)
        try:
            text = read_text(Path(args.file))
        except SourceError as exc:
            said = text_in(pipeline.settings.locale, "build.unreadable-page", problem=exc.said)
            print(f"{name}: error: {said}", file=sys.stderr)
            return 1
    status = 0
    options = RenderOptions(locale=pipeline.settings.locale, measured=pipeline.measured)
    for _fence, result in pipeline.read_page(text, name):
        for diagnostic in result.diagnostics:
            print(text_line(diagnostic), file=sys.stderr)
        if result.journey is None:
            status = 1
            continue
        too_large = pipeline.too_large(result.journey)
        for view, source in render_diagrams(result.journey, options, too_large).items():
            print(f"%% {result.journey.id}: {view}")
            print(source)
    return status
