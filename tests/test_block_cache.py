"""The block cache on disk: a warm build is the cold build, only faster.

Core tests drive :class:`BlockStore` through :class:`JourneyExpander`; build
tests run `mkdocs build` twice on one site, as a CI job with a kept
``.cache/`` does.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

import mkdocs_custflow.blocks as blocks_module
from mkdocs_custflow import block_store
from mkdocs_custflow.block_store import STORE_FILE, BlockStore
from mkdocs_custflow.blocks import JourneyExpander
from mkdocs_custflow.renderers.options import RenderOptions

BLOCK = """\
id: order
title: Order
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role}
stages:
  - id: quote
    owner: sales
    steps:
      - customer -> sales: Order #123 please
      - sales --> customer: Quote sent
"""
OPTIONS = RenderOptions(cache_key="page/\nsig")


def _expand(store: BlockStore, *, line: int = 3, file: str = "docs/a.md") -> tuple:
    expander = JourneyExpander(store=store)
    result = expander.read(BLOCK, file=file, line=line)
    html = expander.render(result, OPTIONS)
    store.close()
    return expander, result, html


def test_second_expander_reuses_result_and_html_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / STORE_FILE
    _, cold, cold_html = _expand(BlockStore(path, "settings"))
    assert cold.diagnostics, "the block's '#123' comment warning is part of the result"

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached block was read or rendered again")

    monkeypatch.setattr(JourneyExpander, "_read", fail)
    monkeypatch.setattr(blocks_module, "render_journey_html", fail)
    store = BlockStore(path, "settings")
    expander, warm, warm_html = _expand(store)
    assert (expander.misses, store.found) == (0, 1)
    assert warm.journey == cold.journey
    assert [str(d) for d in warm.diagnostics] == [str(d) for d in cold.diagnostics]
    assert "docs/a.md:12:" in str(warm.diagnostics[0])
    assert warm_html == cold_html


@pytest.mark.parametrize(
    "change",
    [
        {"settings": "other catalog"},
        {"line": 4},  # messages name the line: a moved block is read again
        {"file": "docs/b.md"},
    ],
)
def test_anything_the_result_depends_on_misses(tmp_path: Path, change: dict) -> None:
    path = tmp_path / STORE_FILE
    _expand(BlockStore(path, "settings"))
    store = BlockStore(path, change.pop("settings", "settings"))
    expander, result, _ = _expand(store, **change)
    assert (expander.misses, store.found) == (1, 0)
    assert result.ok


def test_code_fingerprint_follows_the_package_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "reading.py").write_text("A = 1\n")
    monkeypatch.setattr(block_store, "_PACKAGE", tmp_path)
    block_store.code_fingerprint.cache_clear()
    try:
        before = block_store.code_fingerprint()
        (tmp_path / "reading.py").write_text("A = 2\n")
        block_store.code_fingerprint.cache_clear()
        assert block_store.code_fingerprint() != before
    finally:
        block_store.code_fingerprint.cache_clear()


def test_a_corrupt_file_means_no_cache_not_a_failure(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    path.write_bytes(b"this is not a database" * 100)
    store = BlockStore(path, "settings")
    assert not store.active
    expander, result, html = _expand(store)
    assert result.ok and "flowchart" in html and expander.misses == 1


def test_an_unwritable_place_means_no_cache(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file where the folder should be")
    store = BlockStore(tmp_path / "file" / STORE_FILE, "settings")
    assert not store.active
    _, result, _ = _expand(store)
    assert result.ok


def test_a_python_without_sqlite_builds_without_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(block_store, "sqlite3", None)
    store = BlockStore(tmp_path / STORE_FILE, "settings")
    assert not store.active
    _, result, html = _expand(store)
    assert result.ok and "flowchart" in html and not (tmp_path / STORE_FILE).exists()


def test_two_builds_writing_one_cache_both_finish(tmp_path: Path) -> None:
    """`mkdocs serve` beside `mkdocs build`: the second writer waits a moment,
    then goes on without the cache; the first one's entries are saved."""
    path = tmp_path / STORE_FILE
    first, second = BlockStore(path, "settings"), BlockStore(path, "settings")
    writer = JourneyExpander(store=first)
    writer.render(writer.read(BLOCK, file="docs/a.md", line=3), OPTIONS)  # holds the lock
    expander, result, html = _expand(second, file="docs/b.md")
    assert result.ok and "flowchart" in html and not second.active
    first.close()
    store = BlockStore(path, "settings")
    expander, _, _ = _expand(store)
    assert (expander.misses, store.found) == (0, 1)


def test_an_unreadable_entry_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    _expand(BlockStore(path, "settings"))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE blocks SET found = ?", (b"\x80\x05garbage",))
    store = BlockStore(path, "settings")
    expander, result, _ = _expand(store)
    assert (expander.misses, store.found) == (1, 0) and result.ok


def test_a_damaged_journey_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    _, cold, _ = _expand(BlockStore(path, "settings"))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE blocks SET journey = ?", (b"\x80\x05garbage",))
    store = BlockStore(path, "settings")
    result = JourneyExpander(store=store).read(BLOCK, file="docs/a.md", line=3)
    assert store.found == 1 and result.ok  # the HTML and findings are intact
    assert result.journey == cold.journey  # the journey is read from the text again


def test_another_layout_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    _expand(BlockStore(path, "settings"))
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 999")
    store = BlockStore(path, "settings")
    assert store.active
    expander, _, _ = _expand(store)
    assert expander.misses == 1
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == block_store.LAYOUT_VERSION


def test_entries_unused_for_max_age_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    _expand(BlockStore(path, "settings"))
    _expand(BlockStore(path, "settings"), file="docs/b.md")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE blocks SET used = 0")  # 1970: long unused
    store = BlockStore(path, "settings")
    _expand(store)  # uses (and so keeps) the docs/a.md entry only
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM blocks").fetchone()[0] == 1


# -- real builds ----------------------------------------------------------------

CATALOG = """\
actors:
  sales: {name: Sales rep, kind: role, team: Sales}
"""
# The block with its role from the catalog, so a catalog change reaches it.
PAGE = "# Orders\n\n```journey\n" + BLOCK.replace("  sales: {name: Sales rep, kind: role}\n", "")
PAGE += "```\n\n"
WARNING = "docs/index.md:12: '#123 please' is read as a YAML comment"
DEBUG_LINE = re.compile(
    r"journey blocks: (\d+) read, (\d+) reused from the cache(?: \((\d+) of them)?"
)


def _site_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name != "sitemap.xml.gz"
    }


def _counts(log: str) -> tuple[int, int, int]:
    match = DEBUG_LINE.search(log)
    assert match, log
    read, reused, stored = match.groups()
    return int(read), int(reused), int(stored or 0)


def test_warm_build_is_the_cold_build_and_still_warns(tmp_path: Path, build_site) -> None:
    docs = {"index.md": PAGE, "catalog.yml": CATALOG}
    config = {"plugins": [{"custflow": {"catalog": "docs/catalog.yml"}}]}
    cold = build_site(tmp_path, docs, config, args=["-v"]).check()
    assert (tmp_path / ".cache" / "plugin" / "custflow" / STORE_FILE).is_file()
    cold_files = _site_files(cold.site_dir)
    assert _counts(cold.log)[0] == 1

    warm = build_site(tmp_path, docs, config, args=["-v"]).check()
    assert _counts(warm.log) == (0, 2, 1)  # gathered for the playbook, then rendered
    assert _site_files(warm.site_dir) == cold_files
    assert WARNING in cold.log and WARNING in warm.log

    strict = build_site(tmp_path, docs, config, strict=True)
    assert not strict.ok and WARNING in strict.log  # a warm cache never hides a warning


def test_catalog_change_is_seen_through_a_warm_cache(tmp_path: Path, build_site) -> None:
    docs = {"index.md": PAGE, "catalog.yml": CATALOG}
    config = {"plugins": [{"custflow": {"catalog": "docs/catalog.yml"}}]}
    build_site(tmp_path, docs, config).check()
    docs["catalog.yml"] = CATALOG.replace("Sales rep", "Account manager")
    again = build_site(tmp_path, docs, config, args=["-v"]).check()
    assert _counts(again.log)[0] == 1
    page = (again.site_dir / "index.html").read_text("utf-8")
    assert "Account manager" in page and "Sales rep" not in page


def test_cache_off_writes_nothing(tmp_path: Path, build_site) -> None:
    config = {"plugins": [{"custflow": {"cache": False}}]}
    docs = {"index.md": PAGE.replace("owner: sales", "owner: customer")}
    first = build_site(tmp_path, docs, config, args=["-v"]).check()
    second = build_site(tmp_path, docs, config, args=["-v"]).check()
    assert not (tmp_path / ".cache").exists()
    assert _counts(first.log)[0] == _counts(second.log)[0] == 1
    assert " of them from " not in second.log


def test_cache_dir_is_relative_to_mkdocs_yml(tmp_path: Path, build_site) -> None:
    config = {"plugins": [{"custflow": {"cache_dir": "build-cache/custflow"}}]}
    docs = {"index.md": PAGE.replace("owner: sales", "owner: customer")}
    build_site(tmp_path, docs, config).check()
    assert (tmp_path / "build-cache" / "custflow" / STORE_FILE).is_file()


# -- the settings fingerprint ------------------------------------------------------


def _fingerprint(root: Path, **options: object) -> str:
    from mkdocs_custflow.plugin.config import CustflowConfig
    from mkdocs_custflow.plugin.setup import cache_fingerprint

    config = CustflowConfig(config_file_path=str(root / "mkdocs.yml"))
    config.load_dict(options)
    errors, _ = config.validate()
    assert not errors, errors
    return cache_fingerprint(config, "en", root)


def _project(root: Path) -> Path:
    (root / "templates").mkdir(parents=True)
    (root / "pages").mkdir()
    (root / "catalog.yml").write_text(CATALOG)
    (root / "templates" / "intake.en.yaml").write_text("name: intake\n")
    (root / "pages" / "stage.md.j2").write_text("# {{ stage.name }}\n")
    return root


def test_fingerprint_follows_content_not_the_checkout_folder(tmp_path: Path) -> None:
    options = {"catalog": "catalog.yml", "templates": ["templates"], "page_templates": "pages"}
    here = _fingerprint(_project(tmp_path / "a"), **options)
    assert _fingerprint(_project(tmp_path / "elsewhere" / "b"), **options) == here
    for changed in ("catalog.yml", "templates/intake.en.yaml", "pages/stage.md.j2"):
        other = _project(tmp_path / changed.replace("/", "-"))
        (other / changed).write_text((other / changed).read_text() + "# edited\n")
        assert _fingerprint(other, **options) != here, changed
    assert _fingerprint(tmp_path / "a", **options, max_yaml_nodes=10) != here


# -- the example site, cold and warm -------------------------------------------------

BUILD_WITH_CACHE_DIR = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
plugin = config.plugins["custflow"]
plugin.config.cache_dir = sys.argv[3]  # absolute: the project's own cache is left alone
config.plugins.on_startup(command="build", dirty=False)
build(config)
config.plugins.on_shutdown()
print("counts", plugin.expander.misses, plugin.expander.store.found)
"""


def test_example_site_from_a_warm_cache_is_byte_identical(tmp_path: Path) -> None:
    """Every view, template, language and hostile demo of the example site
    comes out of the cache exactly as it was read."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    counts = []
    for name in ("cold", "warm"):
        result = subprocess.run(
            [sys.executable, "-c", BUILD_WITH_CACHE_DIR, str(root / "mkdocs.yml"),
             str(tmp_path / name), str(tmp_path / "cache")],
            capture_output=True, text=True, cwd=root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        assert result.returncode == 0, result.stderr
        counts.append(result.stdout.split("counts")[-1].split())
    (cold_read, cold_found), (warm_read, warm_found) = (map(int, c) for c in counts)
    assert cold_found == 0 and cold_read > 30
    assert warm_read <= 2 and warm_found >= cold_read - 2  # unclosed-fence demos aside
    assert _site_files(tmp_path / "warm") == _site_files(tmp_path / "cold")
