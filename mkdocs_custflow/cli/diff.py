"""``custflow diff``: what changed in the journeys between two git revisions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs_custflow.compare import compare_parents, compare_shared_stages, compare_sites
from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.pull_request import changes as diff_report
from mkdocs_custflow.pull_request import revisions
from mkdocs_custflow.pull_request.changes import Comparison


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
                      help="exit 1 when something changed (it always exits 1 when the newer "
                      "revision has errors, as its build would fail)")
    diff.add_argument("-o", "--output", help="file to write (default: standard output)")
    diff.add_argument("-f", "--config-file", help="the site's mkdocs.yml, in the working "
                      "tree (default: ./mkdocs.yml); the same path is read at each revision, "
                      "with that revision's options")
    diff.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
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
        errors=after.errors,
    )
    output = diff_report.render(comparison, args.format)
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    if after.errors:
        print(f"custflow: {len(after.errors)} error(s) at {comparison.head}: the build fails "
              "on them; custflow validate lists them", file=sys.stderr)
        return 1
    return 1 if args.exit_code and comparison.changes else 0
