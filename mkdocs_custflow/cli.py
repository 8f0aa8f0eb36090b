"""``custflow``: check and render journey blocks without building the site.

``custflow validate docs/`` prints the same ``file:line: message`` findings
as the build and exits 1 on any error (also on warnings with ``--strict``),
so it fits a pre-commit hook or a CI step.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs_custflow.compare import compare_parents, compare_shared_stages, compare_sites
from mkdocs_custflow.diagnostics import Diagnostic, Severity, one_line
from mkdocs_custflow.pipeline import BuildDateError, Pipeline, Settings, SourcePage
from mkdocs_custflow.playbook.export import playbook_json, raci_csv
from mkdocs_custflow.reading.sources import SourceError, read_text
from mkdocs_custflow.renderers.html import render_diagrams
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.review import changes as diff_report
from mkdocs_custflow.review import codeowners, revisions
from mkdocs_custflow.review import findings as findings_format
from mkdocs_custflow.review.changes import Comparison
from mkdocs_custflow.review.revisions import repository_prefix
from mkdocs_custflow.templates import TemplateError
from mkdocs_custflow.templates.yaml_out import to_yaml

if TYPE_CHECKING:
    from mkdocs_custflow.plugin.project import Project

MARKDOWN_SUFFIXES = (".md", ".markdown")


def markdown_files(paths: Sequence[str]) -> Iterator[tuple[Path, Path]]:
    """``(file, the folder it was found in)`` for each Markdown file named or
    found in a named folder."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.suffix in MARKDOWN_SUFFIXES and found.is_file():
                    yield found, path
        else:
            yield path, path.parent


def _format(diagnostic: Diagnostic) -> str:
    return findings_format.text_line(diagnostic)


BuildPages = dict[Path, list[tuple[str, Path]]]
"""The site's docs folder -> the pages MkDocs builds from it (path in docs, file)."""


def _settings(args: argparse.Namespace) -> tuple[Settings, BuildPages]:
    """The build's settings (from mkdocs.yml when there is one), then the
    command line's: each flag replaces only its own setting. Also the pages the
    build reads, so a command given the docs folder reads the same ones."""
    build_pages: BuildPages = {}
    config_file = Path(args.config_file) if args.config_file else Path("mkdocs.yml")
    if args.config_file and not config_file.is_file():
        raise SystemExit(f"custflow: no such config file: {args.config_file}")
    if config_file.is_file():
        from mkdocs_custflow.plugin.project import read_project  # imports MkDocs

        project = read_project(config_file)
        settings = project.settings
        build_pages[Path(project.docs_dir).resolve()] = [
            (src, Path(path)) for src, path in project.pages
        ]
    else:
        settings = Settings(base=str(Path.cwd()))
    changes: dict[str, object] = {}
    if args.catalog:
        changes["catalog"] = str(Path(args.catalog).resolve())
    if args.locale:
        changes["locale"] = args.locale
    if args.templates:
        changes["templates"] = tuple(str(Path(t).resolve()) for t in args.templates)
    for folder in changes.get("templates", settings.templates):  # type: ignore[attr-defined]
        if not Path(folder).is_dir():
            raise SystemExit(f"custflow: template folder not found: {settings.shown(folder)}")
    return dataclasses.replace(settings, **changes), build_pages  # type: ignore[arg-type]


def _pipeline(
    args: argparse.Namespace, *, stop_on_catalog: bool = True, **changes: object
) -> tuple[Pipeline, BuildPages]:
    """The pipeline of the command's settings. A catalog that cannot be used
    stops the command, as it stops the build (``stop_on_catalog``)."""
    settings, build_pages = _settings(args)
    settings = dataclasses.replace(settings, **changes)  # type: ignore[arg-type]
    pipeline = Pipeline(settings)
    if pipeline.catalog_errors and stop_on_catalog:
        for finding in pipeline.catalog_findings:
            print(_format(finding), file=sys.stderr)
        raise SystemExit(1)
    return pipeline, build_pages


def _pages(
    pipeline: Pipeline,
    paths: Sequence[str],
    build_pages: BuildPages,
    problems: list[Diagnostic],
) -> list[SourcePage]:
    """The Markdown files as the build sees them: each named by its path in its
    folder, and in messages relative to the project. The site's docs folder
    gives the pages MkDocs builds from it (``exclude_docs`` and all)."""
    pages = []
    found: list[tuple[str, Path]] = []
    for name in paths:
        built = build_pages.get(Path(name).resolve())
        if built is not None:
            found.extend(built)
        else:
            found.extend((p.relative_to(root).as_posix(), p) for p, root in markdown_files([name]))
    for src, path in found:
        shown = pipeline.settings.shown(path)
        try:
            text = read_text(path)
        except SourceError as exc:
            problems.append(Diagnostic(Severity.ERROR, f"this page {exc}", shown, 0,
                                       "unreadable-file"))
            continue
        pages.append(SourcePage(src, text, shown))
    return pages


def _whole_site(paths: Sequence[str], build_pages: BuildPages) -> bool:
    """Whether the paths are the site's docs folder: then what no journey uses
    is unused, not merely absent from the files given."""
    return bool(build_pages) and all(Path(p).resolve() in build_pages for p in paths)


def cmd_validate(args: argparse.Namespace) -> int:
    # For tools (SARIF, annotations), a catalog that cannot be used is reported
    # in their format too, so that the file to upload always exists.
    pipeline, build_pages = _pipeline(args, stop_on_catalog=args.format == "text")
    findings: list[Diagnostic] = []
    blocks = 0
    if pipeline.catalog_errors:
        findings = [*pipeline.rules.findings, *pipeline.catalog_findings]
    else:
        pages = _pages(pipeline, args.paths, build_pages, findings)
        reading = pipeline.read_site(pages, whole_site=_whole_site(args.paths, build_pages))
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
    print(
        f"custflow: {blocks} journey block(s), {errors} error(s), "
        f"{warnings} warning(s)" + (f", {infos} note(s)" if infos else ""),
        file=sys.stderr,
    )
    return 1 if errors or (args.strict and warnings) else 0


def cmd_render(args: argparse.Namespace) -> int:
    pipeline, _ = _pipeline(args)
    if args.file == "-":
        text, name = sys.stdin.read(), "<stdin>"
    else:
        name = pipeline.settings.shown(args.file)
        try:
            text = read_text(Path(args.file))
        except SourceError as exc:
            print(f"{name}: error: this page {exc}", file=sys.stderr)
            return 1
    status = 0
    options = RenderOptions(locale=pipeline.settings.locale)
    for _fence, result in pipeline.read_page(text, name):
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
    pipeline, _ = _pipeline(args)
    library = pipeline.library
    rows = []
    for name in library.names():
        try:
            template = library.find(name, pipeline.settings.locale)
        except TemplateError as exc:
            rows.append((name, "-", f"(broken: {exc.located()})"))
            continue
        rows.append((name, ",".join(template.locales) or template.locale, template.title))
    width = max((len(r[0]) for r in rows), default=0)
    for name, locales, title in rows:
        print(f"{name:<{width}}  {locales:<6} {title}")
    return 0


def cmd_templates_show(args: argparse.Namespace) -> int:
    pipeline, _ = _pipeline(args)
    values = {}
    for item in args.values:
        key, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"custflow: --with takes KEY=VALUE, not {item!r}")
        values[key] = value
    try:
        journey, template = pipeline.library.expand(args.name, values, pipeline.settings.locale)
    except TemplateError as exc:
        print(f"custflow: error: {exc.located()}", file=sys.stderr)
        return 1
    print(f"# {template.name} ({template.locale}): {template.title}")
    for param in template.params.values():
        print(f"#   {param.name} = {param.default!r}: {param.description}")
    print(to_yaml(journey), end="")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    pipeline, build_pages = _pipeline(args, playbook=True)
    findings: list[Diagnostic] = []
    reading = pipeline.read_site(_pages(pipeline, args.paths, build_pages, findings))
    findings.extend(reading.findings)
    for finding in findings:
        print(_format(finding), file=sys.stderr)
    if reading.playbook is None:
        return 1
    output = playbook_json(reading.playbook) if args.format == "json" else raci_csv(
        reading.playbook
    )
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return 1 if any(f.is_error for f in findings) else 0


def cmd_playbook(args: argparse.Namespace) -> int:
    """Write the playbook pages into the docs folder, as the plugin would make them."""
    from mkdocs_custflow.playbook.output import OutputError, checked_directory, write_playbook
    from mkdocs_custflow.playbook.pages import PlaybookLayout

    if args.playbook_dir is not None:
        try:
            checked_directory(args.playbook_dir)
        except OutputError as exc:
            raise SystemExit(f"custflow: --playbook-dir: {exc}") from None
    pipeline, build_pages = _pipeline(args, playbook=True)
    project = _project(args)
    paths = args.paths or ([project.docs_dir] if project else [])
    if not paths:
        raise SystemExit("custflow: name the docs folder (no mkdocs.yml here to read it from)")
    findings: list[Diagnostic] = []
    pages = _pages(pipeline, paths, build_pages, findings)
    reading = pipeline.read_site(pages)
    findings.extend(reading.findings)
    for finding in findings:
        print(_format(finding), file=sys.stderr)
    if reading.playbook is None:
        return 1
    try:
        layout = PlaybookLayout(checked_directory(
            args.playbook_dir or (project.playbook_dir if project else "playbook")))
    except OutputError as exc:
        raise SystemExit(f"custflow: {exc}") from None
    templates = args.page_templates or (project.page_templates if project else None)
    directory_urls = (
        args.directory_urls if args.directory_urls is not None
        else (project.directory_urls if project else True)
    )
    between_files = _links_between_files(args)
    try:
        written, broken = write_playbook(
            reading.playbook, Path(args.out), _site_files(paths, pages), layout=layout,
            locale=pipeline.settings.locale,
            page_templates=Path(templates) if templates else None,
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


def _project(args: argparse.Namespace) -> Project | None:
    config_file = Path(args.config_file) if args.config_file else Path("mkdocs.yml")
    if not config_file.is_file():
        return None
    from mkdocs_custflow.plugin.project import read_project  # imports MkDocs

    return read_project(config_file)


def cmd_diff(args: argparse.Namespace) -> int:
    config = Path(args.config_file or "mkdocs.yml").resolve()
    root = revisions.repository_root(config.parent)
    if root is None:
        raise SystemExit(f"custflow: {config.parent} is not in a git repository")
    if not config.is_file():
        raise SystemExit(f"custflow: no such config file: {args.config_file or 'mkdocs.yml'}")
    relative = config.relative_to(root.resolve()).as_posix()
    try:
        base = args.base or revisions.default_base(root)
        sides = []
        refused: list[Diagnostic] = []  # tree entries no checkout would write
        for revision in (base, args.head):
            with revisions.checked_out(root, revision, relative, refused) as config_file:
                # Read only the revision's own files (the repository, for the working tree).
                within = (root if revision is revisions.WORKING_TREE
                          else config_file.parents[len(Path(relative).parts) - 1])
                sides.append(revisions.read_journeys(config_file, within.resolve()))
    except revisions.RevisionError as exc:
        raise SystemExit(f"custflow: {exc}") from None
    before, after = sides
    changes = compare_sites(before.journeys, after.journeys)
    changes += [*compare_shared_stages(before.stages, after.stages, changes),
                *compare_parents(before.parents, after.parents)]
    comparison = Comparison(
        changes,
        base=args.base or f"merge base {base[:12]}",
        head=args.head or "working tree",
        journeys={j.id: j for j in after.journeys},
        unreadable=[*refused, *after.unreadable],
    )
    output = diff_report.render(comparison, args.format)
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return 1 if args.exit_code and comparison.changes else 0


def cmd_codeowners(args: argparse.Namespace) -> int:
    pipeline, build_pages = _pipeline(args, playbook=False)
    paths = args.paths or [str(folder) for folder in build_pages]
    if not paths:
        raise SystemExit("custflow: no mkdocs.yml here; name the docs folder: "
                         "custflow codeowners docs/")
    findings: list[Diagnostic] = []
    reading = pipeline.read_site(_pages(pipeline, paths, build_pages, findings))
    for finding in [*findings, *reading.findings]:
        if finding.is_error:
            print(_format(finding), file=sys.stderr)
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
    validate.add_argument("--format", choices=findings_format.FORMATS, default="text",
                          help="text (file:line: severity: message [rule]), json, sarif "
                          "(SARIF 2.1.0) or github (workflow commands: annotations)")
    validate.add_argument("-o", "--output", help="file to write (default: standard output)")
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

    playbook = sub.add_parser(
        "playbook", help="write the playbook pages as Markdown into the docs folder, for hosts "
        "that do not run MkDocs plugins (Zensical, MkDocs 2)"
    )
    playbook.add_argument("paths", nargs="*", metavar="PATH",
                          help="the docs folder to read (default: docs_dir of mkdocs.yml)")
    playbook.add_argument("--out", required=True, metavar="DIR",
                          help="the docs folder to write the playbook folder into")
    playbook.add_argument("--playbook-dir", help="folder of the pages inside DIR "
                          "(default: the plugin's playbook_dir, else playbook)")
    playbook.add_argument("--page-templates", metavar="DIR",
                          help="your own page templates (default: the plugin's page_templates)")
    playbook.add_argument("--directory-urls", action=argparse.BooleanOptionalAction,
                          help="link pages as folder/ rather than folder.html (default: "
                          "use_directory_urls of mkdocs.yml, else yes)")
    playbook.add_argument("--links", choices=("urls", "files"),
                          help="urls: the pages' URLs, for MkDocs (which leaves links in HTML "
                          "as they are); files: paths between the Markdown files, for Zensical "
                          "(which resolves them). Default: files when a zensical.toml is "
                          "beside the config, else urls")
    playbook.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    common(playbook)
    playbook.set_defaults(func=cmd_playbook)

    diff = sub.add_parser(
        "diff", help="what changed in the journeys between two git revisions (the model, "
        "templates expanded, not the text)",
    )
    diff.add_argument("base", nargs="?", metavar="BASE",
                      help="the older revision (default: the merge base of HEAD and the "
                      "default branch: origin/HEAD, else main or master)")
    diff.add_argument("head", nargs="?", metavar="HEAD",
                      help="the newer revision (default: the working tree)")
    diff.add_argument("--format", choices=diff_report.FORMATS, default="text",
                      help="markdown (a pull-request comment), json or text")
    diff.add_argument("--exit-code", action="store_true",
                      help="exit 1 when something changed")
    diff.add_argument("-o", "--output", help="file to write (default: standard output)")
    diff.add_argument("-f", "--config-file", help="the site's mkdocs.yml, in the working "
                      "tree (default: ./mkdocs.yml); the same path is read at each revision")
    diff.set_defaults(func=cmd_diff)

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
    common(owners)
    owners.set_defaults(func=cmd_codeowners)

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
    try:
        status = int(args.func(args))
        sys.stdout.flush()
    except BuildDateError as exc:
        raise SystemExit(f"custflow: {exc}") from None
    except BrokenPipeError:
        # The reader went away (`custflow render page.md | head`): not an error of
        # ours. Point stdout at nothing so Python's exit flush stays quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # as a shell reports a command ended by SIGPIPE
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
