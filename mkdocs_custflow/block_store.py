"""Block results kept on disk between builds (an SQLite file).

Reading YAML is most of the plugin's cost, and a CI job that keeps
``.cache/`` between runs has already read almost every block before. An
entry is found only by a digest of the block's text, its place (file and
first line, which its messages name) and a fingerprint of everything else
the result depends on: this package's own code and the versions of the
libraries whose output it keeps (Python-Markdown, PyYAML, Jinja), the
catalog, the template folders, the options, the Python version. So a stale entry is never used;
entries no build has asked for in ``max_age_days`` are deleted.

Entries are pickled: the file is trusted as much as the project's own files
(whoever can write ``.cache/`` can also write ``mkdocs.yml`` hooks).
The cache is only ever an optimisation: any trouble with the file (locked,
read-only, corrupt, written by another version) makes it a miss, logged at
debug level, never a failed build.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import pickle
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from mkdocs_custflow.diagnostics import Diagnostic

try:
    import sqlite3
except ImportError:  # pragma: no cover - a Python built without SQLite: no cache
    sqlite3 = None  # type: ignore[assignment]

log = logging.getLogger("mkdocs_custflow")

STORE_FILE = "blocks.sqlite3"
LAYOUT_VERSION = 2  # bump when the table or the pickled classes change shape
USED_RESOLUTION = 86400  # seconds: how exactly an entry's last use is recorded
_PACKAGE = Path(__file__).parent
_CODE_SUFFIXES = (".py", ".yaml", ".yml", ".j2", ".json")
_LIBRARIES = ("markdown", "pyyaml", "jinja2")


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Digest of this package's files and of the libraries whose output it
    keeps: an edited or upgraded plugin (also an editable install, whose version
    string does not change) or library finds none of the entries an older one wrote."""
    digest = hashlib.sha256(f"{sys.version_info[:2]} {LAYOUT_VERSION}".encode())
    for package in _LIBRARIES:  # they shape the HTML (descriptions) and the reading
        try:
            digest.update(f"{package} {metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} ?\n".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class StoredBlock(NamedTuple):
    """A block's result as kept on disk: the journey pickled apart (most
    builds need only the HTML and the findings)."""

    journey: bytes | None
    diagnostics: list[Diagnostic]
    html: dict[str, str]
    journey_id: str | None
    journey_at: str


class BlockStore:
    """Results of earlier builds, looked up by block text, place and settings.

    ``settings`` must change whenever anything but the block itself would
    change its result (the plugin passes its catalog/templates/options
    fingerprint). Call :meth:`close` at the end of a build to save.
    """

    def __init__(self, path: Path, settings: str, *, max_age_days: float = 30) -> None:
        self.path = path
        self.max_age = max_age_days * 86400
        self._prefix = hashlib.sha256(f"{code_fingerprint()}\n{settings}\n".encode()).digest()
        self._used: set[str] = set()
        self._now = time.time()
        self.found = 0
        self._db: sqlite3.Connection | None = None
        if sqlite3 is None:
            log.debug("custflow: this Python has no sqlite3 module; building without a cache")
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open(path)
        except (OSError, sqlite3.Error) as exc:
            self._give_up("cannot be opened", exc)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        # Another build writing the same cache (`mkdocs serve` beside `mkdocs build`)
        # holds its lock until it ends: wait a moment, then build without the cache.
        db = sqlite3.connect(path, timeout=1, isolation_level=None)
        try:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version != LAYOUT_VERSION:  # empty, or written by another layout
                db.execute("DROP TABLE IF EXISTS blocks")
                db.execute(
                    # The journey apart: most builds need only the HTML and findings.
                    "CREATE TABLE blocks (key TEXT PRIMARY KEY, journey BLOB, found BLOB NOT NULL,"
                    " used REAL NOT NULL)"
                )
                db.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _give_up(self, what: str, exc: BaseException) -> None:
        log.debug(f"custflow: the block cache {self.path} {what} ({exc}); building without it")
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    @property
    def active(self) -> bool:
        return self._db is not None

    def key(self, body: str, file: str, line: int) -> str:
        digest = hashlib.sha256(self._prefix)
        digest.update(f"{file}\n{line}\n".encode())
        digest.update(body.encode())
        return digest.hexdigest()

    def get(self, key: str) -> StoredBlock | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT journey, found, used FROM blocks WHERE key = ?", (key,)
            ).fetchone()
            if row is None:
                return None
            stored = StoredBlock(row[0], *pickle.loads(row[1]))
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError,
                ImportError, TypeError, ValueError) as exc:
            log.debug(f"custflow: block cache entry {key[:12]} unusable ({exc})")
            return None
        if row[2] < self._now - USED_RESOLUTION:  # a build a day keeps an entry alive
            self._used.add(key)
        self.found += 1
        return stored

    def put(self, key: str, block: StoredBlock) -> None:
        if self._db is None:
            return
        try:
            found = pickle.dumps(
                (block.diagnostics, block.html, block.journey_id, block.journey_at),
                pickle.HIGHEST_PROTOCOL,
            )
            if not self._db.in_transaction:
                self._db.execute("BEGIN")
            self._db.execute(
                "INSERT OR REPLACE INTO blocks (key, journey, found, used) VALUES (?, ?, ?, ?)",
                (key, block.journey, found, self._now),
            )
        except (sqlite3.Error, pickle.PicklingError, TypeError) as exc:
            self._give_up("cannot be written", exc)
            return
        self._used.discard(key)

    def close(self) -> None:
        """Save this build's entries, mark the ones it used, drop old ones.

        A build that found everything it needed, marked today already, writes nothing."""
        if self._db is None:
            return
        now = self._now
        try:
            if self._used or self._db.in_transaction:
                if not self._db.in_transaction:
                    self._db.execute("BEGIN")
                self._db.executemany(
                    "UPDATE blocks SET used = ? WHERE key = ?", ((now, key) for key in self._used)
                )
                self._db.execute("DELETE FROM blocks WHERE used < ?", (now - self.max_age,))
                self._db.execute("COMMIT")
            self._db.close()
        except sqlite3.Error as exc:
            self._give_up("cannot be saved", exc)
        self._db = None
        self._used = set()
