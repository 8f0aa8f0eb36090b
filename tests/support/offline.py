"""Run a build as if on a closed network, and know whether it tried to leave.

Why both: proxy variables stop what honours them (``requests``, which
Material's privacy plugin uses) with a refused connection, as a closed
network would; a ``sitecustomize`` in the build's Python refuses every
other connection that is not to this machine and writes down each attempt,
so a test can assert that none was made.
"""

from __future__ import annotations

import os
from pathlib import Path

_GUARD = '''
import os, socket

_LOG = {log!r}
_connect = socket.socket.connect


def _host(address):
    return address[0] if isinstance(address, tuple) else str(address)


def _guarded(self, address):
    host = _host(address)
    if self.family in (socket.AF_INET, socket.AF_INET6) and not (
        host.startswith("127.") or host in ("::1", "localhost")
    ):
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{{host}}\\n")
        raise OSError(101, "offline test: network is unreachable")
    return _connect(self, address)


socket.socket.connect = _guarded
'''


class Offline:
    """Environment for a subprocess with no way out but to this machine."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.log = folder / "attempts.txt"
        self.log.write_text("", encoding="utf-8")
        (folder / "sitecustomize.py").write_text(
            _GUARD.format(log=str(self.log)), encoding="utf-8"
        )
        unreachable = "http://127.0.0.1:9"  # the discard port: nothing listens
        path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH")) if p)
        self.env = {
            "PYTHONPATH": path,
            "HTTP_PROXY": unreachable, "HTTPS_PROXY": unreachable,
            "http_proxy": unreachable, "https_proxy": unreachable,
            "ALL_PROXY": unreachable, "NO_PROXY": "", "no_proxy": "",
        }

    def attempts(self) -> list[str]:
        """Hosts the build tried to reach directly (proxied requests fail at the proxy)."""
        return self.log.read_text("utf-8").split()
