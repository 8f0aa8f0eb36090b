"""``custflow``: check and render journey blocks without building the site.

``custflow validate docs/`` prints the same ``file:line: message`` findings
as the build and exits 1 on any error (also on warnings with ``--strict``),
so it fits a pre-commit hook or a CI step. Each command is a module of this
package on top of the one pipeline; ``project`` reads what they all start
from (mkdocs.yml's options, then the flags).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from mkdocs_custflow.cli import codeowners, diff, export, playbook, render, templates, validate
from mkdocs_custflow.structure.review_cycle import BuildDateError

COMMANDS = (validate, render, export, playbook, diff, codeowners, templates)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="custflow", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
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
