"""What every command starts from: the site's options and settings as the
build reads them in mkdocs.yml, then the command line's flags (each replacing
only its own option), and the pages the build reads."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from mkdocs_custflow.diagnostics import Diagnostic, Severity
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.pipeline import Pipeline, Settings, SourcePage
from mkdocs_custflow.pull_request.findings import text_line
from mkdocs_custflow.reading.sources import SourceError, read_text
from mkdocs_custflow.settings.options import OPTIONS, Kind, Options, with_flags
from mkdocs_custflow.settings.project import (
    MARKDOWN_SUFFIXES,
    Project,
    ProjectError,
    read_project,
)
from mkdocs_custflow.settings.site import SiteFacts, settings_for


def add_option_flags(parser: argparse.ArgumentParser) -> None:
    """``-f`` and a flag for each option that has one (the one description
    of the options says which)."""
    parser.add_argument("-f", "--config-file", help="mkdocs.yml to take the plugin options "
                        "from (default: ./mkdocs.yml when present)")
    for spec in OPTIONS:
        if spec.flag is None:
            continue
        first_line = spec.doc.split(". ")[0].rstrip(".")
        if spec.kind is Kind.FOLDERS:
            parser.add_argument(spec.flag, dest=spec.name, action="append", metavar="DIR",
                                help=f"{first_line} (repeatable; replaces mkdocs.yml's)")
        else:
            metavar = {Kind.FILE: "FILE", Kind.FOLDER: "DIR"}.get(spec.kind, "VALUE")
            parser.add_argument(spec.flag, dest=spec.name, metavar=metavar,
                                help=f"{first_line} (replaces mkdocs.yml's)")


@dataclass(frozen=True)
class CommandSite:
    """The site a command works on: its project (None without mkdocs.yml),
    its options with the flags applied, and the facts beside them."""

    project: Project | None
    options: Options
    site: SiteFacts

    def settings(self, *, playbook: bool | None = None) -> Settings:
        return settings_for(self.options, self.site, playbook=playbook)

    def pipeline(self, *, playbook: bool | None = None, stop_on_catalog: bool = True
                 ) -> Pipeline:
        """The pipeline of these settings. A catalog that cannot be used stops
        the command, as it stops the build (``stop_on_catalog``)."""
        pipeline = Pipeline(self.settings(playbook=playbook))
        if pipeline.catalog_errors and stop_on_catalog:
            for finding in pipeline.catalog_findings:
                print(text_line(finding), file=sys.stderr)
            raise SystemExit(1)
        return pipeline

    @property
    def docs_dir(self) -> Path | None:
        return self.project.docs_dir if self.project else None


def command_site(args: argparse.Namespace) -> CommandSite:
    """The site of ``-f`` (default ./mkdocs.yml, when present) with the flags."""
    config_file = Path(args.config_file) if args.config_file else Path("mkdocs.yml")
    if args.config_file and not config_file.is_file():
        raise SystemExit(f"custflow: no such config file: {args.config_file}")
    project = None
    if config_file.is_file():
        try:
            project = read_project(config_file)
        except ProjectError as exc:
            raise SystemExit(f"custflow: {exc}") from None
        options, site = project.options, project.site
    else:
        options, site = Options(), SiteFacts(folder=Path.cwd())
    flags: dict[str, object] = {}
    for spec in OPTIONS:
        value = getattr(args, spec.name, None) if spec.flag else None
        if value is None:
            continue
        if spec.kind in (Kind.FILE, Kind.FOLDER, Kind.FOLDERS):
            value = _existing(spec.flag or spec.name, value, spec.kind)
        flags[spec.name] = value
    return CommandSite(project, with_flags(options, flags), site)


def _existing(flag: str, value: object, kind: Kind) -> object:
    """A path flag's value made absolute (against the working folder, where
    the shell wrote it), or the command stops naming what is missing."""
    values = value if isinstance(value, list) else [value]
    found = []
    for item in values:
        path = Path(str(item)).resolve()
        exists = path.is_file() if kind is Kind.FILE else path.is_dir()
        if not exists:
            what = "file" if kind is Kind.FILE else "folder"
            raise SystemExit(f"custflow: {flag}: no such {what}: {item}")
        found.append(str(path))
    return found if isinstance(value, list) else found[0]


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


def read_pages(pipeline: Pipeline, paths: Sequence[str], command: CommandSite,
               problems: list[Diagnostic]) -> list[SourcePage]:
    """The Markdown files as the build sees them: each named by its path in its
    folder, and in messages relative to the project. The site's docs folder
    gives the pages MkDocs builds from it (``exclude_docs`` and all)."""
    found: list[tuple[str, Path]] = []
    docs = command.docs_dir
    for name in paths:
        if command.project is not None and docs is not None and Path(name).resolve() == docs:
            found.extend(command.project.pages)
        else:
            found.extend((p.relative_to(root).as_posix(), p) for p, root in markdown_files([name]))
    pages = []
    for src, path in found:
        shown = pipeline.settings.shown(path)
        try:
            text = read_text(path)
        except SourceError as exc:
            said = text_in(pipeline.settings.locale, "build.unreadable-page", problem=exc.said)
            problems.append(Diagnostic(Severity.ERROR, said, shown, 0, "unreadable-file"))
            continue
        pages.append(SourcePage(src, text, shown))
    return pages


def whole_site(paths: Sequence[str], command: CommandSite) -> bool:
    """Whether the paths are the site's docs folder: then what no journey uses
    is unused, not merely absent from the files given."""
    docs = command.docs_dir
    return docs is not None and bool(paths) and all(Path(p).resolve() == docs for p in paths)


def docs_paths(paths: Sequence[str], command: CommandSite, example: str) -> list[str]:
    """The paths given, else the docs folder of mkdocs.yml."""
    if paths:
        return list(paths)
    if command.docs_dir is None:
        raise SystemExit(f"custflow: no mkdocs.yml here; name the docs folder: {example}")
    return [str(command.docs_dir)]
