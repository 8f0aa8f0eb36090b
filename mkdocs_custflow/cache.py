"""Everything mkdocs-custflow keeps to avoid doing work twice, in one place.

:class:`BlockCache` keeps each block's result (its journey model and its
findings), found by the block's text, its place (file and first line, which
its messages name) and the settings fingerprint (this package's code, the
versions of the libraries that read and convert it, the catalog, the
template folders, the options but ``rules:``). Findings are kept as the
checks made them, each with its rule; the site's ``rules:`` apply to them
after the cache, so changing a rule's severity reads no block again.

It keeps results in memory for the life of the process, so a block read to
gather the playbook is not read again to render its page, and `mkdocs serve`
reads only the blocks that changed; and, when given a folder, on disk between
builds.

The disk holds data, never code: each entry is JSON, decoded only into the
model's own dataclasses with every field's type checked (``cache_entries``), and signed with an
HMAC whose key is kept outside the cache folder (``CUSTFLOW_CACHE_KEY``, else a
file of this user's). An entry that was damaged, written by another
version, or written by anyone without the key is a miss: the block is read
again. HTML is never stored on disk; trusted code renders it from the model.

:class:`LastValue` remembers one value and the key it was made from, for
results that are reused only when nothing they depend on changed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import secrets
import sys
import time
from collections.abc import Callable, Hashable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Generic, TypeVar

from mkdocs_custflow.cache_entries import decode_result, encode_result
from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.renderers.html import Part
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Catalog, Journey

try:
    import sqlite3
except ImportError:  # pragma: no cover - a Python built without SQLite: no disk cache
    sqlite3 = None  # type: ignore[assignment]

STORE_FILE = "blocks.sqlite3"
LAYOUT_VERSION = 3  # bump when the table or the entry format changes shape
USED_RESOLUTION = 86400  # seconds: how exactly an entry's last use is recorded
KEY_ENV = "CUSTFLOW_CACHE_KEY"
_PACKAGE = Path(__file__).parent
_CODE_SUFFIXES = (".py", ".yaml", ".yml", ".j2", ".json")
_LIBRARIES = ("markdown", "pyyaml", "jinja2")

T = TypeVar("T")


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Digest of this package's files and of the libraries whose output it
    keeps: an edited or upgraded plugin (also an editable install, whose version
    string does not change) or library finds none of the entries an older one wrote."""
    digest = hashlib.sha256(f"{sys.version_info[:2]} {LAYOUT_VERSION}".encode())
    for package in _LIBRARIES:
        try:
            digest.update(f"{package} {metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} ?\n".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def files_fingerprint(values: Iterable[object], files: Iterable[Path], base: Path) -> str:
    """Digest of some values and of the content of some files; absolute paths
    count relative to ``base`` (the folder of mkdocs.yml), so a checkout
    elsewhere (another CI runner) gets the same digest."""

    def relative(value: object) -> object:
        if isinstance(value, (str, Path)) and Path(value).is_absolute():
            with contextlib.suppress(ValueError):
                return Path(value).relative_to(base).as_posix()
        if isinstance(value, (list, tuple)):
            return [relative(item) for item in value]
        return value

    digest = hashlib.sha256(repr([relative(v) for v in values]).encode())
    for path in files:
        digest.update(str(relative(str(path))).encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def folder_files(folders: Iterable[str | Path | None]) -> list[Path]:
    """The files directly in each folder, in a stable order."""
    found: list[Path] = []
    for folder in folders:
        if folder:
            with contextlib.suppress(OSError):
                found.extend(sorted(p for p in Path(folder).iterdir() if p.is_file()))
    return found


# -- the key that signs entries -------------------------------------------------
def user_cache_home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


def signing_key(notes: list[str]) -> bytes | None:
    """``CUSTFLOW_CACHE_KEY``, else this user's key file (made on first use,
    readable by this user only), else None: no disk cache."""
    given = os.environ.get(KEY_ENV)
    if given:
        return hashlib.sha256(given.encode()).digest()
    path = user_cache_home() / "mkdocs-custflow" / "cache-key"
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32))
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError) as exc:
        notes.append(f"no key to sign cache entries ({exc}); set {KEY_ENV}")
        return None


# -- the cache -------------------------------------------------------------------
class Cached:
    """A block's result as the cache holds it: the journey, the findings, and
    HTML this process rendered (never stored on disk)."""

    __slots__ = ("findings", "html", "journey")

    def __init__(self, journey: Journey | None, findings: list[Diagnostic]) -> None:
        self.journey = journey
        self.findings = findings
        self.html: dict[Hashable, list[Part]] = {}


BlockKey = tuple[str, str, int]


def render_key(options: RenderOptions, journey: Journey | None, rules_key: str) -> Hashable:
    """The one key under which a block's HTML is kept: the options (values:
    words, day, teams, page and the site's links), and what else its output
    shows: an error box's findings as the site's rules show them
    (``rules_key``), a journey's links to other journeys."""
    if journey is None:
        return (options, rules_key)
    return (options, options.links.journey_key(journey) if options.links else "")


class BlockCache:
    """Block results by text, place and settings, in memory and (with
    ``folder``) on disk.

    Call :meth:`start` at the start of each build with the settings'
    fingerprint, and :meth:`finish` at its end: results no block of the
    build asked for are then dropped from memory (an edited block's old
    versions do not pile up under `mkdocs serve`), and the disk is saved.
    ``notes`` collects any trouble with the disk, which is never an error.
    """

    def __init__(self, folder: Path | None = None, *, max_age_days: float = 30) -> None:
        self.folder = folder
        self.max_age = max_age_days * 86400
        self.notes: list[str] = []
        self.read = self.reused = self.from_disk = 0
        self._settings = ""
        self._current: dict[BlockKey, Cached] = {}
        self._previous: dict[BlockKey, Cached] = {}
        self._disk: _Disk | None = None
        self.catalog = Catalog()
        self.disk_was_used = False
        """Whether the last build had the disk (a folder, a key, a usable file)."""
        self.keeping = False
        """Whether this build writes what it reads to the disk: not the first
        build of a folder, which only starts the store."""

    def start(self, settings: str, catalog: Catalog | None = None) -> None:
        """A new build with these settings (a fingerprint, which covers the
        catalog's content) and the catalog journeys share actors with."""
        self.catalog = catalog or Catalog()
        if settings != self._settings:
            self._current, self._previous = {}, {}
            self._settings = settings
        else:
            self._previous.update(self._current)
            self._current = {}
        self.read = self.reused = self.from_disk = 0
        self.notes = []
        if self.folder is not None and self._disk is None:
            key = signing_key(self.notes)
            if key is not None:
                store = self.folder / STORE_FILE
                # A first build (no store yet) only starts one: where nothing keeps
                # the folder (CI that keeps nothing), writing every block's result
                # would cost a cold build a tenth of its time for no later use.
                self.keeping = store.exists()
                if not self.keeping:
                    self.notes.append(f"{store} started: the next build keeps each "
                                      "block's result there")
                self._disk = _Disk.open(store, key, self.notes)
        self.disk_was_used = self._disk is not None

    def get(self, key: BlockKey, read: Callable[[], Cached]) -> Cached:
        """The result for ``key``, made by ``read`` only if no cache has it."""
        found = self._current.get(key)
        if found is None:
            found = self._previous.pop(key, None)
            if found is not None:
                self._current[key] = found
        if found is not None:
            self.reused += 1
            return found
        disk_key = self._disk_key(key) if self._disk is not None else ""
        if self._disk is not None:
            found = self._disk.get(disk_key, self.catalog, self.notes)
            if found is not None:
                self.from_disk += 1
        if found is None:
            self.read += 1
            found = read()
            if self._disk is not None and self.keeping:
                entry = encode_result(found.journey, found.findings, self.catalog)
                self._disk.put(disk_key, entry, self.notes)
        self._current[key] = found
        return found

    def forget(self) -> None:
        """Drop the results kept in memory (the disk keeps its entries): no
        later build of this process will ask for them."""
        self._current, self._previous = {}, {}

    def _disk_key(self, key: BlockKey) -> str:
        body, file, line = key
        digest = hashlib.sha256(f"{code_fingerprint()}\n{self._settings}\n".encode())
        digest.update(f"{file}\n{line}\n".encode())
        digest.update(body.encode())
        return digest.hexdigest()

    def finish(self) -> None:
        """End of a build: forget what it did not use, save the disk."""
        self._previous = {}
        if self._disk is not None:
            self._disk.close(self.max_age, self.notes)
            self._disk = None


class _Disk:
    """The SQLite file of signed JSON entries."""

    def __init__(self, db: sqlite3.Connection, path: Path, key: bytes) -> None:
        self.db = db
        self.path = path
        self.key = key
        self.now = time.time()
        self.touched: set[str] = set()

    @classmethod
    def open(cls, path: Path, key: bytes, notes: list[str]) -> _Disk | None:
        if sqlite3 is None:
            notes.append("this Python has no sqlite3 module; building without the block cache")
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Another build writing the same cache (`mkdocs serve` beside `mkdocs build`)
            # holds its lock until it ends: wait a moment, then build without it.
            db = sqlite3.connect(path, timeout=1, isolation_level=None)
            try:
                (version,) = db.execute("PRAGMA user_version").fetchone()
                if version != LAYOUT_VERSION:  # empty, or written by another layout
                    db.execute("DROP TABLE IF EXISTS blocks")
                    db.execute(
                        "CREATE TABLE blocks (key TEXT PRIMARY KEY, entry TEXT NOT NULL,"
                        " mac TEXT NOT NULL, used REAL NOT NULL)"
                    )
                    db.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")
            except sqlite3.Error:
                db.close()
                raise
        except (OSError, sqlite3.Error) as exc:
            notes.append(f"the block cache {path} cannot be opened ({exc}); building without it")
            return None
        return cls(db, path, key)

    def _mac(self, key: str, entry: str) -> str:
        return hmac.new(self.key, f"{key}\n{entry}".encode(), hashlib.sha256).hexdigest()

    def get(self, key: str, catalog: Catalog, notes: list[str]) -> Cached | None:
        try:
            row = self.db.execute(
                "SELECT entry, mac, used FROM blocks WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.Error as exc:
            notes.append(f"the block cache {self.path} cannot be read ({exc})")
            return None
        if row is None:
            return None
        entry, mac, used = row
        if not isinstance(entry, str) or not isinstance(mac, str) or not hmac.compare_digest(
            self._mac(key, entry), mac
        ):
            notes.append(f"block cache entry {key[:12]} is not signed by this key; read again")
            return None
        try:
            journey, findings = decode_result(entry, catalog)
        except (ValueError, TypeError, RecursionError) as exc:
            notes.append(f"block cache entry {key[:12]} unusable ({exc}); read again")
            return None
        if not isinstance(used, (int, float)) or used < self.now - USED_RESOLUTION:
            self.touched.add(key)  # a build a day keeps an entry alive
        return Cached(journey, findings)

    def put(self, key: str, entry: str, notes: list[str]) -> None:
        try:
            if not self.db.in_transaction:
                self.db.execute("BEGIN")
            self.db.execute(
                "INSERT OR REPLACE INTO blocks (key, entry, mac, used) VALUES (?, ?, ?, ?)",
                (key, entry, self._mac(key, entry), self.now),
            )
        except sqlite3.Error as exc:
            notes.append(f"the block cache {self.path} cannot be written ({exc})")
            return
        self.touched.discard(key)

    def close(self, max_age: float, notes: list[str]) -> None:
        """Save this build's entries, mark the ones it used, drop old ones.
        A build that found everything, marked today already, writes nothing."""
        try:
            if self.touched or self.db.in_transaction:
                if not self.db.in_transaction:
                    self.db.execute("BEGIN")
                self.db.executemany(
                    "UPDATE blocks SET used = ? WHERE key = ?",
                    ((self.now, key) for key in self.touched),
                )
                self.db.execute("DELETE FROM blocks WHERE used < ?", (self.now - max_age,))
                self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            notes.append(f"the block cache {self.path} cannot be saved ({exc})")
        with contextlib.suppress(sqlite3.Error):
            self.db.close()


class LastValue(Generic[T]):
    """One value and the key it was made from: asked again with the same key,
    the same value; with another key, made anew."""

    def __init__(self) -> None:
        self._key: object = None
        self._value: T | None = None
        self._set = False

    def get(self, key: object, make: Callable[[], T]) -> T:
        if not self._set or self._key != key:
            self._value, self._key, self._set = make(), key, True
        return self._value  # type: ignore[return-value]
