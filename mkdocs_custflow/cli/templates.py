"""``custflow templates list|show``: the journey template library."""

from __future__ import annotations

import argparse
import sys

from mkdocs_custflow.cli.project import add_option_flags, command_site
from mkdocs_custflow.templates import TemplateError
from mkdocs_custflow.templates.yaml_out import to_yaml


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    templates = sub.add_parser("templates", help="the journey template library")
    templates_sub = templates.add_subparsers(dest="templates_command", required=True)
    listing = templates_sub.add_parser("list", help="name, locales and title of each template")
    add_option_flags(listing)
    listing.set_defaults(func=run_list)
    show = templates_sub.add_parser("show", help="print a template's expanded journey as YAML")
    show.add_argument("name")
    show.add_argument("--with", dest="values", action="append", default=[], metavar="KEY=VALUE",
                      help="a parameter value (repeatable)")
    add_option_flags(show)
    show.set_defaults(func=run_show)


def run_list(args: argparse.Namespace) -> int:
    pipeline = command_site(args).pipeline()
    library = pipeline.library
    rows = []
    for name in library.names():
        try:
            template = library.find(name, pipeline.settings.locale)
        except TemplateError as exc:
            rows.append((name, "-", f"(broken: {exc.located().render(pipeline.settings.locale)})"))
            continue
        rows.append((name, ",".join(template.locales) or template.locale, template.title))
    width = max((len(r[0]) for r in rows), default=0)
    for name, locales, title in rows:
        print(f"{name:<{width}}  {locales:<6} {title}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    pipeline = command_site(args).pipeline()
    values = {}
    for item in args.values:
        key, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"custflow: --with takes KEY=VALUE, not {item!r}")
        values[key] = value
    try:
        journey, template = pipeline.library.expand(args.name, values, pipeline.settings.locale)
    except TemplateError as exc:
        print(f"custflow: error: {exc.located().render(pipeline.settings.locale)}", file=sys.stderr)
        return 1
    print(f"# {template.name} ({template.locale}): {template.title}")
    for param in template.params.values():
        print(f"#   {param.name} = {param.default!r}: {param.description}")
    print(to_yaml(journey), end="")
    return 0
