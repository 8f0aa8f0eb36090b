"""Run ``mkdocs build -q -f CONFIG`` in this process, then report its own peak memory.

    python benchmarks/runner.py CONFIG RESULT.json

The same work as ``python -m mkdocs build -q -f CONFIG``: run.py starts it in a
fresh interpreter per build and times it from outside; this script adds only
the measurement of ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` at exit
(Linux: KiB), because ``/usr/bin/time -v`` is not everywhere.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> int:
    config, result = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    from mkdocs.__main__ import cli

    sys.argv = ["mkdocs", "build", "-q", "-f", config]
    try:
        cli()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    scale = 1024 if sys.platform == "darwin" else 1  # macOS reports bytes
    with open(result, "w", encoding="utf-8") as out:
        json.dump({
            "rc": code,
            "maxrss_kib": usage.ru_maxrss // scale,
            "inner_s": time.perf_counter() - start,
            "cpu_s": usage.ru_utime + usage.ru_stime,
        }, out)
    return code


if __name__ == "__main__":
    sys.exit(main())
