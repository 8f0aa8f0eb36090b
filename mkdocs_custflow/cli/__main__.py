"""``python -m mkdocs_custflow.cli``: the ``custflow`` command."""

import sys

from mkdocs_custflow.cli import main

sys.exit(main())
