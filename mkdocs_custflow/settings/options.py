"""Every option of mkdocs-custflow, described once.

:class:`Options` is the one description: each field is an option with its
type, default, documentation and the hosts that accept it. The MkDocs
plugin's ``Config``, the Markdown extension's ``config``, the ``custflow``
command's flags and the reading of ``mkdocs.yml`` as data (the command, and
``custflow diff`` at another git revision) are all made from it, so a new
option is one field here and every face reads it the same way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import Any

from mkdocs_custflow.diagnostics import did_you_mean
from mkdocs_custflow.measured.sources import MeasureOptionError, MeasureSource, read_sources
from mkdocs_custflow.reading.fences import INFO_STRING
from mkdocs_custflow.reading.located_yaml import YamlLimits
from mkdocs_custflow.structure.review_cycle import read_interval


class Host(str, Enum):
    """Where an option can be written."""

    PLUGIN = "plugin"
    """``plugins: [custflow: {...}]`` in mkdocs.yml (also read by ``custflow``)."""
    EXTENSION = "extension"
    """``markdown_extensions: [custflow: {...}]`` (Zensical, plain Python-Markdown)."""


class Kind(str, Enum):
    """How an option's value is read and checked."""

    BOOL = "bool"
    INT = "int"
    TEXT = "text"
    OPTIONAL_TEXT = "optional text"
    FILE = "file"
    """An existing file, relative to the config file's folder (optional)."""
    FOLDER = "folder"
    """An existing folder, relative to the config file's folder (optional)."""
    FOLDERS = "folders"
    """A list of existing folders, relative to the config file's folder."""
    MAPPING = "mapping"
    MEASURES = "measures"
    """Data files inside the project: paths or ``{path, columns, encoding, sheet}``."""
    INTERVAL = "interval"
    """A length of time: ``<n>d``, ``<n>w``, ``<n>m`` or ``<n>y``."""


PLUGIN = frozenset({Host.PLUGIN})
BOTH = frozenset({Host.PLUGIN, Host.EXTENSION})


def option(default: Any, kind: Kind, doc: str, hosts: frozenset[Host] = PLUGIN,
           flag: str | None = None) -> Any:
    """A field of :class:`Options`: ``flag`` is the ``custflow`` command-line
    flag that replaces it, when it has one."""
    metadata = {"kind": kind, "doc": doc, "hosts": hosts, "flag": flag}
    if isinstance(default, Mapping):  # not hashable: a fresh empty one each time
        return field(default_factory=lambda: MappingProxyType({}), metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Options:
    """The options as values, read from any host; paths as written."""

    enabled: bool = option(True, Kind.BOOL, (
        "Set to false to build the site without expanding journey blocks "
        "(e.g. `enabled: !ENV [CUSTFLOW, true]` for fast drafts)."))
    catalog: str | None = option(None, Kind.FILE, (
        "YAML file of actors, touchpoints and stages shared by every journey, "
        "relative to mkdocs.yml."), BOTH, "--catalog")
    templates: tuple[str, ...] = option((), Kind.FOLDERS, (
        "Folders of your own journey templates (`<name>.<locale>.yaml`), relative "
        "to mkdocs.yml; a template here wins over a built-in one of the same name."),
        BOTH, "--templates")
    locale: str | None = option(None, Kind.OPTIONAL_TEXT, (
        "Language of the words the plugin writes and of its messages (`en`, `zh`). "
        "Default: the theme's `language`, else `en`."), BOTH, "--locale")
    playbook: bool = option(True, Kind.BOOL, (
        "Generate the playbook: an overview, a page per stage, touchpoint and "
        "role, a RACI matrix and `playbook.json`."))
    playbook_dir: str = option("playbook", Kind.TEXT, (
        "Folder (inside the site) of the generated playbook pages. Used by the "
        "extension alone: the folder `custflow playbook` wrote them into, which "
        "diagrams and tables then link to."), BOTH, "--playbook-dir")
    nav: bool = option(True, Kind.BOOL, (
        "Add a Playbook section to the navigation (appended to an explicit "
        "`nav`); false leaves the navigation alone."))
    nav_limit: int = option(30, Kind.INT, (
        "Most pages of one kind (stages, touchpoints, roles) the Playbook section "
        "lists. A kind with more is reached from the overview, which lists them "
        "all: every page of the site carries the navigation, so a long one costs "
        "build time and reader attention on each."))
    nav_title: str | None = option(None, Kind.OPTIONAL_TEXT, (
        "Title of the Playbook section. Default: `Playbook` (`客户旅程手册` in zh)."))
    page_templates: str | None = option(None, Kind.FOLDER, (
        "Folder of Jinja templates that replace the built-in playbook page "
        "templates of the same name (`overview.md.j2`, `stage.md.j2`, "
        "`touchpoint.md.j2`, `role.md.j2`, `raci.md.j2`)."), PLUGIN, "--page-templates")
    fence: str = option(INFO_STRING, Kind.TEXT, (
        "The word after the backticks that makes a fence a journey block. Change "
        "it (e.g. `customer-journey`) to keep a `journey` fence of your own in "
        "pymdownx.superfences' `custom_fences`."), BOTH, "--fence")
    mermaid_js: str | None = option(None, Kind.OPTIONAL_TEXT, (
        "Where pages load Mermaid from instead of a CDN, for sites on closed "
        "networks: a local file (relative to mkdocs.yml, copied into the site) or a "
        "URL. Material uses this Mermaid instead of fetching its own; other themes "
        "get Mermaid from it too."))
    cache: bool = option(True, Kind.BOOL, (
        "Keep each block's result on disk (in `cache_dir`) so the next build "
        "reads only the blocks that changed. Entries are found only for the same "
        "block text, place, plugin version, catalog, templates and options, and "
        "are used only when signed with this user's key (or `CUSTFLOW_CACHE_KEY`), "
        "so turning this off is never needed for correctness."))
    cache_dir: str = option(".cache/plugin/custflow", Kind.TEXT, (
        "Folder of the block cache, relative to mkdocs.yml. Keep it between CI "
        "runs (like Material's `.cache`) to make builds there fast too."))
    max_block_chars: int = option(200_000, Kind.INT, (
        "Largest journey block, in characters, before it is refused."), BOTH)
    max_yaml_nodes: int = option(YamlLimits.max_nodes, Kind.INT, (
        "Most YAML values one block may expand to; stops alias bombs."), BOTH)
    max_expanded_chars: int = option(YamlLimits.max_chars, Kind.INT, (
        "Most characters of text one block may expand to, aliases and template "
        "values counted each time they are used."), BOTH)
    rules: Mapping[str, object] = option(MappingProxyType({}), Kind.MAPPING, (
        "Severity of each rule, by rule id: `error`, `warning`, `info` or `off` "
        "(e.g. `rules: {missing-sla: warning, orphan-role: off}`). Errors and "
        "warnings fail `mkdocs build --strict`, infos are only shown, `off` drops the "
        "rule's findings. The rules that find a block unusable are always errors. "
        "The guide's rules page lists every rule with its default."), BOTH)
    measures: tuple[MeasureSource, ...] = option((), Kind.MEASURES, (
        "Data files of measured customer flow and KPI history (CSV in UTF-8 or "
        "GB18030, or `.xlsx`), relative to mkdocs.yml and inside the project: a path, or "
        "`{path, columns, encoding, sheet}` where `columns` maps the columns `date`, "
        "`journey`, `from`, `to`, `count` (flow rows) or `date`, `kpi`, `value` (KPI rows) "
        "to the file's own headers. Adds the `funnel` and `sankey` views, counts on the "
        "flow's arrows, each KPI's latest value and trend, and a dashboard page (the "
        "extension alone: the views, paths relative to the folder the host runs in; the "
        "dashboard is a page only the plugin or `custflow playbook` makes)."), BOTH)
    stale_after: str = option("45d", Kind.INTERVAL, (
        "How old the newest period of a data file of `measures` may be, before the "
        "build date, before `measure-stale` reports it (`<n>d`, `<n>w`, `<n>m`, `<n>y`)."),
        BOTH)
    max_playbook_pages: int = option(1_000, Kind.INT, (
        "Most pages the playbook may add to the site; over it, no playbook is "
        "made and the build reports which journey took it over."))


@dataclass(frozen=True)
class OptionSpec:
    """One option as the hosts see it."""

    name: str
    kind: Kind
    default: Any
    doc: str
    hosts: frozenset[Host]
    flag: str | None


def specs() -> tuple[OptionSpec, ...]:
    """Every option, in declaration order."""
    found = []
    defaults = Options()
    for item in dataclasses.fields(Options):
        meta = item.metadata
        found.append(OptionSpec(item.name, meta["kind"], getattr(defaults, item.name),
                                meta["doc"], meta["hosts"], meta["flag"]))
    return tuple(found)


OPTIONS = specs()
NAMES = tuple(spec.name for spec in OPTIONS)


def outside(key: str, value: str, place: str) -> str:
    """What to say of a path the configuration names outside ``place``."""
    return f"'{key}' names {value}, outside {place}; make '{key}' a path inside it"


class OptionError(ValueError):
    """An option with a value of the wrong kind, or one no host knows."""


def read_options(
    values: Mapping[str, object], *, folder: Path | None = None, host: Host = Host.PLUGIN,
    where: str = "mkdocs.yml", inside: Path | None = None, place: str = "the project's files",
) -> Options:
    """Options from a host's mapping (mkdocs.yml's plugin entry, the extension's
    keyword arguments), each checked as the plugin checks it. ``folder``: where
    relative paths start (the config file's folder), which paths are made
    absolute against and must exist in; ``inside``: a folder that every path
    must stay inside (a git revision's files, never the machine's), which
    ``place`` names in messages."""
    known = {spec.name: spec for spec in OPTIONS if host in spec.hosts}
    read: dict[str, object] = {}
    for key, value in values.items():
        spec = known.get(str(key))
        if spec is None:
            raise OptionError(
                f"{where}: unknown custflow option '{key}'{did_you_mean(str(key), known)}; "
                f"options are {', '.join(sorted(known))}"
            )
        read[spec.name] = _value(spec, value, folder, (inside, place), where)
    return Options(**read)  # type: ignore[arg-type]


def _value(spec: OptionSpec, value: object, folder: Path | None,
           inside: tuple[Path | None, str], where: str) -> object:
    name, kind = spec.name, spec.kind

    def wrong(expected: str) -> OptionError:
        return OptionError(f"{where}: custflow option '{name}' must be {expected}, "
                           f"not {value!r}")

    if kind is Kind.BOOL:
        if not isinstance(value, bool):
            raise wrong("true or false")
        return value
    if kind is Kind.INT:
        if isinstance(value, bool) or not isinstance(value, int):
            raise wrong("a whole number")
        return value
    if kind is Kind.MEASURES:
        try:
            return read_sources(value, folder, where, inside=inside[0])
        except MeasureOptionError as exc:
            raise OptionError(str(exc)) from None
    if kind is Kind.INTERVAL:
        if not isinstance(value, str) or read_interval(value) is None:
            raise wrong("a length of time such as 45d, 6w, 2m or 1y")
        return value
    if kind is Kind.MAPPING:
        # Its keys and values are checked where they are used (the rules).
        return MappingProxyType({}) if value is None else value
    if value is None and kind is not Kind.TEXT and kind is not Kind.FOLDERS:
        return None
    if kind is Kind.FOLDERS:
        items = [] if value is None else value
        if not isinstance(items, (list, tuple)) or not all(isinstance(v, str) for v in items):
            raise wrong("a list of folders")
        return tuple(_path(name, v, folder, inside, where, folder_expected=True) for v in items)
    if not isinstance(value, str):
        raise wrong("text")
    if kind is Kind.FILE:
        return _path(name, value, folder, inside, where, folder_expected=False)
    if kind is Kind.FOLDER:
        return _path(name, value, folder, inside, where, folder_expected=True)
    return value


def _path(name: str, value: str, folder: Path | None, inside: tuple[Path | None, str],
          where: str, *, folder_expected: bool) -> str:
    if folder is None:
        return value
    path = (folder / value).resolve()
    what = "folder" if folder_expected else "file"
    within, place = inside
    if within is not None and not path.is_relative_to(within.resolve()):
        raise OptionError(f"{where}: {outside(name, value, place)}")
    if not (path.is_dir() if folder_expected else path.is_file()):
        raise OptionError(f"{where}: custflow option '{name}': the {what} '{value}' "
                          "does not exist")
    return str(path)


def with_flags(options: Options, flags: Mapping[str, object]) -> Options:
    """The options with those given on the command line (by option name)
    replacing their own; flags not given (None) change nothing."""
    given = {name: value for name, value in flags.items() if value is not None}
    return dataclasses.replace(options, **given)  # type: ignore[arg-type]
