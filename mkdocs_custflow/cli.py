"""``custflow``: check and render journey blocks without building the site.

``custflow validate docs/`` prints the same ``file:line: message`` findings
as the build and exits 1 on any error (also on warnings with ``--strict``),
so it fits a pre-commit hook or a CI step.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from mkdocs_custflow.blocks import (
    DEFAULT_MAX_BLOCK_CHARS,
    BlockResult,
    JourneyExpander,
    read_markdown,
)
from mkdocs_custflow.catalog_file import load_catalog
from mkdocs_custflow.diagnostics import Diagnostic, shown_path
from mkdocs_custflow.i18n import normalize_locale
from mkdocs_custflow.located_yaml import YamlLimits
from mkdocs_custflow.playbook import build_playbook, gather_journeys
from mkdocs_custflow.playbook_export import playbook_json, raci_csv
from mkdocs_custflow.renderers.html import render_diagrams
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.template_library import TemplateError, TemplateLibrary, to_yaml

MARKDOWN_SUFFIXES = (".md", ".markdown")


def markdown_files(paths: Sequence[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.suffix in MARKDOWN_SUFFIXES and p.is_file()
            )
        else:
            yield path


def read_blocks(expander: JourneyExpander, text: str, file: str) -> Iterator[BlockResult]:
    """Every journey block of one Markdown text, read as the build reads it."""
    for _fence, result in read_markdown(expander, text, file):
        yield result


def _format(diagnostic: Diagnostic) -> str:
    location, message = str(diagnostic).split(": ", 1) if diagnostic.line else (
        diagnostic.file, diagnostic.message
    )
    return f"{location}: {diagnostic.severity.value}: {message}"


def _expander(args: argparse.Namespace) -> JourneyExpander:
    catalog_path = args.catalog
    locale = args.locale
    folders = list(args.templates or [])
    max_nodes, max_chars = YamlLimits.max_nodes, DEFAULT_MAX_BLOCK_CHARS  # the plugin's defaults
    config_file = Path(args.config_file) if args.config_file else Path("mkdocs.yml")
    if (args.config_file or not catalog_path) and config_file.is_file():
        from mkdocs_custflow.plugin.project import read_project_options  # imports MkDocs

        project = read_project_options(config_file)
        catalog_path = catalog_path or project.catalog
        locale = locale or project.locale
        max_nodes, max_chars = project.max_yaml_nodes, project.max_block_chars
        folders = folders or project.templates
    elif args.config_file:
        raise SystemExit(f"custflow: no such config file: {args.config_file}")
    for folder in folders:
        if not Path(folder).is_dir():
            raise SystemExit(f"custflow: template folder not found: {folder}")
    expander = JourneyExpander(
        locale=normalize_locale(locale),
        limits=YamlLimits(max_nodes=max_nodes),
        max_block_chars=max_chars,
        library=TemplateLibrary([Path(f) for f in folders]),
    )
    if catalog_path:
        catalog, findings = load_catalog(Path(catalog_path), shown_path(catalog_path, Path.cwd()))
        for finding in findings:
            print(_format(finding), file=sys.stderr)
        if any(f.is_error for f in findings):
            raise SystemExit(1)
        expander.catalog = catalog
    return expander


def cmd_validate(args: argparse.Namespace) -> int:
    expander = _expander(args)
    errors = warnings = blocks = 0
    for path in markdown_files(args.paths):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            print(f"{path}: error: cannot read: {exc.strerror or exc}", file=sys.stderr)
            errors += 1
            continue
        for result in read_blocks(expander, text, path.as_posix()):
            blocks += 1
            for diagnostic in result.diagnostics:
                print(_format(diagnostic))
                errors += diagnostic.is_error
                warnings += not diagnostic.is_error
    print(
        f"custflow: {blocks} journey block(s), {errors} error(s), {warnings} warning(s)",
        file=sys.stderr,
    )
    return 1 if errors or (args.strict and warnings) else 0


def cmd_render(args: argparse.Namespace) -> int:
    expander = _expander(args)
    if args.file == "-":
        text, name = sys.stdin.read(), "<stdin>"
    else:
        text, name = Path(args.file).read_text(encoding="utf-8-sig"), args.file
    status = 0
    options = RenderOptions(locale=expander.locale)
    for result in read_blocks(expander, text, name):
        for diagnostic in result.diagnostics:
            print(_format(diagnostic), file=sys.stderr)
        if result.journey is None:
            status = 1
            continue
        for view, source in render_diagrams(result.journey, options).items():
            print(f"%% {result.journey.id}: {view}")
            print(source)
    return status


def cmd_templates_list(args: argparse.Namespace) -> int:
    expander = _expander(args)
    library = expander.library
    rows = []
    for name in library.names():
        try:
            template = library.find(name, expander.locale)
        except TemplateError as exc:
            rows.append((name, "-", f"(broken: {exc.located()})"))
            continue
        rows.append((name, ",".join(template.locales) or template.locale, template.title))
    width = max((len(r[0]) for r in rows), default=0)
    for name, locales, title in rows:
        print(f"{name:<{width}}  {locales:<6} {title}")
    return 0


def cmd_templates_show(args: argparse.Namespace) -> int:
    expander = _expander(args)
    values = {}
    for item in args.values:
        key, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"custflow: --with takes KEY=VALUE, not {item!r}")
        values[key] = value
    try:
        journey, template = expander.library.expand(args.name, values, expander.locale)
    except TemplateError as exc:
        print(f"custflow: error: {exc.located()}", file=sys.stderr)
        return 1
    print(f"# {template.name} ({template.locale}): {template.title}")
    for param in template.params.values():
        print(f"#   {param.name} = {param.default!r}: {param.description}")
    print(to_yaml(journey), end="")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    expander = _expander(args)
    pages = []
    for root in args.paths:
        base = Path(root)
        for path in markdown_files([root]):
            page = path.relative_to(base).as_posix() if base.is_dir() else path.name
            pages.append((page, path.read_text(encoding="utf-8-sig"), path.as_posix()))
    errors = 0

    def print_findings(result: BlockResult) -> None:
        nonlocal errors
        for diagnostic in result.diagnostics:
            print(_format(diagnostic), file=sys.stderr)
            errors += diagnostic.is_error

    records = gather_journeys(expander, pages, print_findings)
    playbook, findings = build_playbook(records, expander.catalog)
    for finding in findings:
        print(_format(finding), file=sys.stderr)
    output = playbook_json(playbook) if args.format == "json" else raci_csv(playbook)
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return 1 if errors else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="custflow", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("-f", "--config-file", help="mkdocs.yml to take the plugin options from "
                       "(default: ./mkdocs.yml when present)")
        p.add_argument("--catalog", help="catalog YAML file (overrides mkdocs.yml)")
        p.add_argument("--locale", help="en or zh (overrides mkdocs.yml)")
        p.add_argument("--templates", action="append", metavar="DIR",
                       help="a folder of your own templates (repeatable; overrides mkdocs.yml)")

    validate = sub.add_parser("validate", help="check journey blocks in Markdown files/folders")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    common(validate)
    validate.set_defaults(func=cmd_validate)

    render = sub.add_parser("render", help="print the Mermaid source of each block")
    render.add_argument("file", metavar="FILE", help="a Markdown file, or - for standard input")
    common(render)
    render.set_defaults(func=cmd_render)

    export = sub.add_parser(
        "export", help="write the playbook as JSON, or its RACI matrix as CSV, without building"
    )
    export.add_argument("paths", nargs="+", metavar="PATH", help="the docs folder (or files)")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    common(export)
    export.set_defaults(func=cmd_export)

    templates = sub.add_parser("templates", help="the journey template library")
    templates_sub = templates.add_subparsers(dest="templates_command", required=True)
    listing = templates_sub.add_parser("list", help="name, locales and title of each template")
    common(listing)
    listing.set_defaults(func=cmd_templates_list)
    show = templates_sub.add_parser("show", help="print a template's expanded journey as YAML")
    show.add_argument("name")
    show.add_argument("--with", dest="values", action="append", default=[], metavar="KEY=VALUE",
                      help="a parameter value (repeatable)")
    common(show)
    show.set_defaults(func=cmd_templates_show)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
