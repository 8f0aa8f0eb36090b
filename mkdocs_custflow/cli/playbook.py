"""``custflow playbook``: the playbook pages written into a docs folder, for
hosts that do not run MkDocs plugins (Zensical)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mkdocs_custflow.cli.project import add_option_flags, command_site, docs_paths, read_pages
from mkdocs_custflow.diagnostics import Diagnostic, Severity, one_line
from mkdocs_custflow.pipeline import SourcePage
from mkdocs_custflow.playbook.layout import PlaybookLayout
from mkdocs_custflow.playbook.output import OutputError, checked_directory, write_playbook
from mkdocs_custflow.pull_request.findings import text_line


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    playbook = sub.add_parser(
        "playbook", help="write the playbook pages as Markdown into the docs folder, for hosts "
        "that do not run MkDocs plugins (Zensical, MkDocs 2)"
    )
    playbook.add_argument("paths", nargs="*", metavar="PATH",
                          help="the docs folder to read (default: docs_dir of mkdocs.yml)")
    playbook.add_argument("--out", required=True, metavar="DIR",
                          help="the docs folder to write the playbook folder into")
    playbook.add_argument("--directory-urls", action=argparse.BooleanOptionalAction,
                          help="link pages as folder/ rather than folder.html (default: "
                          "use_directory_urls of mkdocs.yml, else yes)")
    playbook.add_argument("--links", choices=("urls", "files"),
                          help="urls: the pages' URLs, for MkDocs (which leaves links in HTML "
                          "as they are); files: paths between the Markdown files, for Zensical "
                          "(which resolves them). Default: files when a zensical.toml is "
                          "beside the config, else urls")
    playbook.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    add_option_flags(playbook)
    playbook.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.playbook_dir is not None:
        try:
            checked_directory(args.playbook_dir)
        except OutputError as exc:
            raise SystemExit(f"custflow: --playbook-dir: {exc}") from None
    command = command_site(args)
    pipeline = command.pipeline(playbook=True)
    paths = docs_paths(args.paths, command, "custflow playbook docs --out docs")
    findings: list[Diagnostic] = []
    pages = read_pages(pipeline, paths, command, findings)
    reading = pipeline.read_site(pages)
    findings.extend(reading.findings)
    for finding in findings:
        print(text_line(finding), file=sys.stderr)
    if reading.playbook is None:
        return 1
    options = command.options
    try:
        layout = PlaybookLayout(checked_directory(options.playbook_dir))
    except OutputError as exc:
        raise SystemExit(f"custflow: {exc}") from None
    directory_urls = (
        args.directory_urls if args.directory_urls is not None
        else (command.project.directory_urls if command.project else True)
    )
    between_files = _links_between_files(args)
    try:
        written, broken = write_playbook(
            reading.playbook, Path(args.out), _site_files(paths, pages), layout=layout,
            locale=pipeline.settings.locale,
            page_templates=Path(options.page_templates) if options.page_templates else None,
            directory_urls=directory_urls, between_files=between_files,
        )
    except OutputError as exc:
        raise SystemExit(f"custflow: {exc}") from None
    for page, target in broken:
        print(f"{one_line(page)}: warning: links to '{one_line(target)}', which is not a page "
              "or file of this site", file=sys.stderr)
    style = "links between the Markdown files" if between_files else "links as site URLs"
    print(f"custflow: wrote {len(written)} files into {Path(args.out) / layout.directory} "
          f"({style})", file=sys.stderr)
    shown = [f for f in findings if f.severity is not Severity.INFO]  # infos fail nothing
    problems = any(f.is_error for f in findings) or (args.strict and (shown or broken))
    return 1 if problems else 0


def _links_between_files(args: argparse.Namespace) -> bool:
    """``--links``, else files when the project is a Zensical one (which resolves
    links in HTML from the Markdown file, as it does Markdown links)."""
    if args.links:
        return bool(args.links == "files")
    folder = Path(args.config_file).parent if args.config_file else Path.cwd()
    return (folder / "zensical.toml").is_file()


def _site_files(paths: Sequence[str], pages: Sequence[SourcePage]) -> list[str]:
    """Every file a link may name: the pages read, and all files of the folders."""
    found = [page.path for page in pages]
    for name in paths:
        root = Path(name)
        if root.is_dir():
            found += [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    return found
