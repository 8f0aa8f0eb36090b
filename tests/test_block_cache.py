"""The block cache: a warm build is the cold build, only faster, and the disk
holds data that runs nothing and changes no page.

Core tests drive :class:`BlockCache` through :class:`Pipeline`; build tests
run `mkdocs build` twice on one site, as a CI job with a kept ``.cache/``
does.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import sqlite3
from pathlib import Path

import pytest
from support.pipeline import started_cache
from support.render_links import FakeLinks

from mkdocs_custflow import cache as cache_module
from mkdocs_custflow.cache import KEY_ENV, STORE_FILE, BlockCache
from mkdocs_custflow.pipeline import Pipeline, Settings
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
OPTIONS = RenderOptions(page="page/", links=FakeLinks(signature="sig"), memo=True)


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, "test key")


def _expand(
    folder: Path, *, line: int = 3, file: str = "docs/a.md", settings: Settings | None = None
) -> tuple[BlockCache, object, str]:
    if not (folder / STORE_FILE).exists():
        started_cache(folder)
    cache = BlockCache(folder)
    pipeline = Pipeline(settings or Settings(), cache)
    result = pipeline.read_block(BLOCK, file=file, line=line)
    html = pipeline.render(result, OPTIONS)
    cache.finish()
    return cache, result, html


def _entries(folder: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(folder / STORE_FILE) as db:
        return db.execute("SELECT key, entry, mac FROM blocks").fetchall()


def _set_entry(folder: Path, entry: object, mac: object | None = None) -> None:
    with sqlite3.connect(folder / STORE_FILE) as db:
        if mac is None:
            db.execute("UPDATE blocks SET entry = ?", (entry,))
        else:
            db.execute("UPDATE blocks SET entry = ?, mac = ?", (entry, mac))


def test_second_build_reuses_the_result_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, cold, cold_html = _expand(tmp_path)
    assert cold.diagnostics, "the block's '#123' comment warning is part of the result"

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached block was read again")

    monkeypatch.setattr(Pipeline, "_read", fail)
    cache, warm, warm_html = _expand(tmp_path)
    assert (cache.read, cache.from_disk) == (0, 1)
    assert warm.journey == cold.journey
    assert [str(d) for d in warm.diagnostics] == [str(d) for d in cold.diagnostics]
    assert "docs/a.md:12:" in str(warm.diagnostics[0])
    assert warm_html == cold_html


@pytest.mark.parametrize(
    "change",
    [
        {"settings": Settings(locale="zh")},
        {"line": 4},  # messages name the line: a moved block is read again
        {"file": "docs/b.md"},
    ],
)
def test_anything_the_result_depends_on_misses(tmp_path: Path, change: dict) -> None:
    _expand(tmp_path)
    cache, result, _ = _expand(tmp_path, **change)
    assert (cache.read, cache.from_disk) == (1, 0)
    assert result.ok


def test_the_disk_holds_json_and_no_html(tmp_path: Path) -> None:
    _, _, html = _expand(tmp_path)
    [(_key, entry, mac)] = _entries(tmp_path)
    data = json.loads(entry)
    assert data["journey"]["id"] == "order" and len(mac) == 64
    assert "mermaid" in html and "mermaid" not in entry and "<" not in entry


IMPROVEMENT_BLOCK = """\
id: repair
state: to-be
improves: repair-today
review: {owner: desk, every: 3m, last: 2026-10-01, with: [eng]}
actors:
  customer: {name: Customer, kind: customer}
  desk: {name: Service desk, kind: role}
  eng: {name: Engineer, kind: role}
stages:
  - id: report
    owner: desk
    detail: report-in-detail
    pains: [{text: Waits on the line, severity: high}, Repeats the story]
    opportunities: [{text: Photos on WeChat, status: doing, owner: desk}]
    kpis: [{name: Fix rate, target: ">= 90%", current: 84%, unit: "%"}, Signed on site]
    steps:
      - {from: customer, to: desk, say: Report, score: 2, pain: Asked twice, lane: customer}
"""


def test_the_improvement_keys_come_back_from_the_disk_as_they_were_read(tmp_path: Path) -> None:
    runs = []
    for _ in range(2):
        cache = BlockCache(started_cache(tmp_path))
        runs.append((cache, Pipeline(Settings(), cache).read_block(IMPROVEMENT_BLOCK, file="a.md")))
        cache.finish()
    (_, cold), (cache, warm) = runs
    assert cache.from_disk == 1 and cold.journey is not None
    assert warm.journey == cold.journey and warm.diagnostics == cold.diagnostics
    journey = warm.journey
    assert (journey.state, journey.improves, journey.review.participants) == (
        "to-be", "repair-today", ["eng"])
    stage = journey.stages[0]
    assert (stage.detail, [p.severity for p in stage.pains], stage.opportunities[0].status) == (
        "report-in-detail", ["high", "medium"], "doing")
    assert [k.result for k in stage.kpis] == ["missed", None]
    assert (stage.messages[0].pain, stage.messages[0].lane) == ("Asked twice", "customer")


def test_a_warm_journey_shares_the_catalogs_actors_as_a_read_one_does(tmp_path: Path) -> None:
    (tmp_path / "catalog.yml").write_text(
        "actors:\n  sales: {name: Sales rep, kind: role}\n  desk: {name: Desk, kind: role}\n"
        "touchpoints:\n  web: {name: Website}\n", encoding="utf-8")
    settings = Settings(catalog=str(tmp_path / "catalog.yml"))
    body = BLOCK.replace("  sales: {name: Sales rep, kind: role}\n", "  desk: {team: Service}\n")
    runs = []
    started_cache(tmp_path / "cache")
    for _ in range(2):
        cache = BlockCache(tmp_path / "cache")
        pipeline = Pipeline(settings, cache)
        runs.append((pipeline, pipeline.read_block(body, file="a.md"), cache))
        cache.finish()
    (_, cold, _), (warm_pipeline, warm, cache) = runs
    assert cache.from_disk == 1 and warm.journey == cold.journey
    assert list(warm.journey.actors) == list(cold.journey.actors) == ["sales", "desk", "customer"]
    assert warm.journey.actors["sales"] is warm_pipeline.catalog.actors["sales"]  # shared
    assert warm.journey.touchpoints["web"] is warm_pipeline.catalog.touchpoints["web"]
    assert warm.journey.actors["desk"] is not warm_pipeline.catalog.actors["desk"]  # own


def test_ids_are_one_string_per_site_read_or_from_the_disk(tmp_path: Path) -> None:
    # Ids and names recur in every block of a site: a warm build must not hold a
    # copy per place any more than a fresh read does.
    other = BLOCK.replace("id: order", "id: refund")
    started_cache(tmp_path)
    for _ in range(2):  # a cold build, then a warm one from the disk
        cache = BlockCache(tmp_path)
        pipeline = Pipeline(Settings(), cache)
        first = pipeline.read_block(BLOCK, file="docs/a.md", line=3).journey
        second = pipeline.read_block(other, file="docs/b.md", line=3).journey
        cache.finish()
        assert first is not None and second is not None
        one, two = first.stages[0].steps[0], second.stages[0].steps[0]
        assert one.sender == "customer" and one.sender is two.sender
        assert first.stages[0].owner is second.stages[0].owner
        assert first.actors["sales"].name is second.actors["sales"].name
    assert cache.from_disk == 2


def test_code_fingerprint_follows_the_package_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "reading.py").write_text("A = 1\n")
    monkeypatch.setattr(cache_module, "_PACKAGE", tmp_path)
    cache_module.code_fingerprint.cache_clear()
    try:
        before = cache_module.code_fingerprint()
        (tmp_path / "reading.py").write_text("A = 2\n")
        cache_module.code_fingerprint.cache_clear()
        assert cache_module.code_fingerprint() != before
    finally:
        cache_module.code_fingerprint.cache_clear()


# -- what a crafted or damaged entry can do: nothing ------------------------------


class _Trap:
    """Unpickling this writes a file: the proof that code ran."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (Path.write_text, (self.path, "pwned"))


@pytest.mark.parametrize("column", ["entry", "both"])
def test_a_pickle_in_the_cache_runs_nothing(tmp_path: Path, column: str) -> None:
    _, cold, cold_html = _expand(tmp_path / "cache")
    trap = pickle.dumps(_Trap(tmp_path / "pwned"))
    _set_entry(tmp_path / "cache", trap, trap if column == "both" else None)
    cache, warm, warm_html = _expand(tmp_path / "cache")
    assert not (tmp_path / "pwned").exists()
    assert cache.read == 1 and warm.journey == cold.journey and warm_html == cold_html
    assert any("not signed by this key" in note for note in cache.notes), cache.notes


def _signed(folder: Path, edit: object) -> None:
    """Rewrite the entry through ``edit`` and sign it with the right key: what
    only someone who has the key could do."""
    [(key, entry, _mac)] = _entries(folder)
    data = json.loads(entry)
    edit(data)  # type: ignore[operator]
    text = json.dumps(data)
    disk = cache_module._Disk(sqlite3.connect(":memory:"), folder, cache_module.signing_key([]))  # type: ignore[arg-type]
    _set_entry(folder, text, disk._mac(key, text))


def test_an_edited_entry_without_the_key_changes_no_page(tmp_path: Path) -> None:
    _, _cold, cold_html = _expand(tmp_path)
    [(_key, entry, mac)] = _entries(tmp_path)
    forged = entry.replace("Sales rep", "<img src=x onerror=alert(1)>")
    _set_entry(tmp_path, forged, mac)
    cache, _warm, warm_html = _expand(tmp_path)
    assert cache.read == 1 and warm_html == cold_html and "onerror" not in warm_html


def test_an_entry_signed_with_another_key_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENV, "the attacker's key")
    _expand(tmp_path)
    monkeypatch.setenv(KEY_ENV, "test key")
    cache, result, _ = _expand(tmp_path)
    assert (cache.read, cache.from_disk) == (1, 0) and result.ok


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["journey"]["stages"][0].pop("consulted"),  # a field missing
        lambda d: d["journey"]["stages"][0].update(owner=["sales"]),  # a wrong type
        lambda d: d["journey"]["stages"][0]["steps"][0].update({"@": "Popen"}),  # a class
        lambda d: d["journey"].update(extra=1),  # a field too many
        lambda d: d["findings"].append({"@": "Diagnostic", "severity": "fatal",
                                        "message": "x", "file": "x", "line": 1}),
        lambda d: d.update(journey=[]),
    ],
)
def test_a_signed_entry_of_the_wrong_shape_is_read_again(tmp_path: Path, damage: object) -> None:
    _, cold, cold_html = _expand(tmp_path)
    _signed(tmp_path, damage)
    cache, warm, warm_html = _expand(tmp_path)
    assert cache.read == 1 and warm.journey == cold.journey and warm_html == cold_html
    assert any("unusable" in note for note in cache.notes), cache.notes


def test_a_damaged_byte_is_caught_by_the_signature(tmp_path: Path) -> None:
    _, _cold, cold_html = _expand(tmp_path)
    [(_key, entry, mac)] = _entries(tmp_path)
    _set_entry(tmp_path, entry.replace("Quote sent", "Quote sen|"), mac)
    cache, _warm, warm_html = _expand(tmp_path)
    assert cache.read == 1 and warm_html == cold_html


def test_a_corrupt_file_means_no_cache_not_a_failure(tmp_path: Path) -> None:
    (tmp_path / STORE_FILE).write_bytes(b"this is not a database" * 100)
    cache, result, html = _expand(tmp_path)
    assert result.ok and "flowchart" in html and cache.read == 1
    assert any("cannot be opened" in note for note in cache.notes)


def test_an_unwritable_place_means_no_cache(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file where the folder should be")
    _, result, _ = _expand(tmp_path / "file")
    assert result.ok


def test_a_python_without_sqlite_builds_without_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "sqlite3", None)
    _, result, html = _expand(tmp_path)
    assert result.ok and "flowchart" in html and not (tmp_path / STORE_FILE).exists()


def test_no_key_file_can_be_made_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV)
    (tmp_path / "home").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    cache, result, _ = _expand(tmp_path / "cache")
    assert result.ok and not (tmp_path / "cache" / STORE_FILE).exists()
    assert any(KEY_ENV in note for note in cache.notes)


def test_the_key_file_is_made_once_and_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    _expand(tmp_path / "cache")
    key_file = tmp_path / "home" / "mkdocs-custflow" / "cache-key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    cache, _, _ = _expand(tmp_path / "cache")
    assert cache.from_disk == 1  # the same key signed and checked


def test_two_builds_writing_one_cache_both_finish(tmp_path: Path) -> None:
    """`mkdocs serve` beside `mkdocs build`: the second writer waits a moment,
    then goes on without the cache; the first one's entries are saved."""
    first = BlockCache(started_cache(tmp_path))
    writer = Pipeline(Settings(), first)
    writer.read_block(BLOCK, file="docs/a.md", line=3)  # holds the lock
    _, result, html = _expand(tmp_path, file="docs/b.md")
    assert result.ok and "flowchart" in html
    first.finish()
    cache, _, _ = _expand(tmp_path)
    assert (cache.read, cache.from_disk) == (0, 1)


def test_another_layout_is_replaced(tmp_path: Path) -> None:
    _expand(tmp_path)
    with sqlite3.connect(tmp_path / STORE_FILE) as db:
        db.execute("PRAGMA user_version = 999")
    cache, _, _ = _expand(tmp_path)
    assert cache.read == 1
    with sqlite3.connect(tmp_path / STORE_FILE) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == cache_module.LAYOUT_VERSION


def test_entries_unused_for_max_age_are_dropped(tmp_path: Path) -> None:
    _expand(tmp_path)
    _expand(tmp_path, file="docs/b.md")
    with sqlite3.connect(tmp_path / STORE_FILE) as db:
        db.execute("UPDATE blocks SET used = 0")  # 1970: long unused
    _expand(tmp_path)  # uses (and so keeps) the docs/a.md entry only
    assert len(_entries(tmp_path)) == 1


def test_memory_keeps_only_what_the_last_build_used() -> None:
    """`mkdocs serve`: an edited block's old versions do not pile up."""
    cache = BlockCache()
    for version in range(5):
        pipeline = Pipeline(Settings(), cache)
        pipeline.read_block(BLOCK.replace("Quote sent", f"Quote {version}"), file="a.md")
        pipeline.read_block(BLOCK, file="b.md")
        cache.finish()
    assert len(cache._current) == 2 and not cache._previous
    assert (cache.read, cache.reused) == (1, 1)


# -- real builds ----------------------------------------------------------------

CATALOG = """\
actors:
  sales: {name: Sales rep, kind: role, team: Sales}
"""
# The block with its role from the catalog, so a catalog change reaches it.
PAGE = "# Orders\n\n```journey\n" + BLOCK.replace("  sales: {name: Sales rep, kind: role}\n", "")
PAGE += "```\n\n"
WARNING = "docs/index.md:12: '#123 please' is read as a YAML comment"
DEBUG_LINE = re.compile(r"journey blocks: (\d+) read, (\d+) reused(?: \((\d+) of them from)?")


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
    started_cache(tmp_path / ".cache" / "plugin" / "custflow")  # as an earlier build left it
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


def test_a_first_build_only_starts_the_store(tmp_path: Path, build_site) -> None:
    """Where nothing keeps the folder (CI that keeps nothing), every build is a
    first one: it makes the store and writes no block into it. The next build
    writes what it reads, and the one after that reads from the disk."""
    docs = {"index.md": PAGE, "catalog.yml": CATALOG}
    config = {"plugins": [{"custflow": {"catalog": "docs/catalog.yml"}}]}
    store = tmp_path / ".cache" / "plugin" / "custflow" / STORE_FILE
    first = build_site(tmp_path, docs, config, args=["-v"]).check()
    assert store.is_file() and _entries(store.parent) == []
    assert "started: the next build keeps each block's result there" in first.log
    second = build_site(tmp_path, docs, config, args=["-v"]).check()
    assert _counts(second.log)[2] == 0 and len(_entries(store.parent)) == 1
    third = build_site(tmp_path, docs, config, args=["-v"]).check()
    assert _counts(third.log) == (0, 2, 1)
    assert _site_files(third.site_dir) == _site_files(first.site_dir)


def test_warm_build_equals_cold_with_a_catalog_of_bare_actors(tmp_path: Path, build_site) -> None:
    """Catalog actors with neither name nor kind get their defaults once, as the
    catalog is read: a journey from the cache shares them as a fresh read does."""
    docs = {
        "catalog.yml": "actors:\n  customer:\n  agent: {team: Support}\n",
        "index.md": "# Home\n\n```journey\nid: j\nstages:\n  - id: ask\n    owner: agent\n"
                    "    steps: ['customer -> agent: Help']\n```\n",
    }
    config = {"plugins": [{"custflow": {"catalog": "docs/catalog.yml"}}]}
    started_cache(tmp_path / ".cache" / "plugin" / "custflow")
    cold = _site_files(build_site(tmp_path, docs, config).check().site_dir)
    warm_build = build_site(tmp_path, docs, config, args=["-v"]).check()
    assert _counts(warm_build.log)[2] == 1  # read from the disk
    warm = _site_files(warm_build.site_dir)
    assert warm == cold
    page = cold["index.html"].decode()
    assert "participant P1 as Agent" in page and "actor P0 as Customer" in page
    assert "playbook/roles/customer/index.html" not in cold


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
    first = build_site(tmp_path, docs, config, args=["-v"]).check(errors=True)  # no catalog
    second = build_site(tmp_path, docs, config, args=["-v"]).check(errors=True)
    assert not (tmp_path / ".cache").exists()
    assert _counts(first.log)[0] == _counts(second.log)[0] == 1
    assert " of them from " not in second.log


def test_cache_trouble_shows_with_mkdocs_v(tmp_path: Path, build_site) -> None:
    """Never a failure, never silent: `mkdocs build -v` says why the cache was not used."""
    docs = {"index.md": PAGE.replace("owner: sales", "owner: customer")}
    folder = tmp_path / ".cache" / "plugin" / "custflow"
    folder.mkdir(parents=True)
    (folder / STORE_FILE).write_bytes(b"not a database" * 100)
    result = build_site(tmp_path, docs, args=["-v"]).check(errors=True)  # no catalog here
    assert re.search(r"DEBUG\s+-\s+custflow: block cache: the block cache \S+ cannot be "
                     r"opened \(.+\); building without it", result.log), result.log
    assert _counts(result.log) == (1, 1, 0) and " of them from " not in result.log


def test_cache_dir_is_relative_to_mkdocs_yml(tmp_path: Path, build_site) -> None:
    config = {"plugins": [{"custflow": {"cache_dir": "build-cache/custflow"}}]}
    docs = {"index.md": PAGE.replace("owner: sales", "owner: customer")}
    build_site(tmp_path, docs, config).check(errors=True)  # no catalog here
    assert (tmp_path / "build-cache" / "custflow" / STORE_FILE).is_file()


# -- the settings fingerprint ------------------------------------------------------


def _fingerprint(root: Path, **options: object) -> str:
    from mkdocs_custflow.pipeline import Settings

    return Settings(base=str(root), **options).fingerprint()  # type: ignore[arg-type]


def _project(root: Path) -> Path:
    (root / "templates").mkdir(parents=True)
    (root / "catalog.yml").write_text(CATALOG)
    (root / "templates" / "intake.en.yaml").write_text("name: intake\n")
    return root


def test_fingerprint_follows_content_not_the_checkout_folder(tmp_path: Path) -> None:
    def options(root: Path) -> dict[str, object]:
        return {"catalog": str(root / "catalog.yml"), "templates": (str(root / "templates"),)}

    here = _fingerprint(_project(tmp_path / "a"), **options(tmp_path / "a"))
    elsewhere = _project(tmp_path / "elsewhere" / "b")
    assert _fingerprint(elsewhere, **options(elsewhere)) == here
    for changed in ("catalog.yml", "templates/intake.en.yaml"):
        other = _project(tmp_path / changed.replace("/", "-"))
        (other / changed).write_text((other / changed).read_text() + "# edited\n")
        assert _fingerprint(other, **options(other)) != here, changed
    assert _fingerprint(tmp_path / "a", **options(tmp_path / "a"), max_yaml_nodes=10) != here


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
print("counts", plugin.cache.read, plugin.cache.from_disk)
"""


@pytest.mark.slow  # builds the whole example site twice
def test_example_site_from_a_warm_cache_is_byte_identical(tmp_path: Path) -> None:
    """Every view, template, language and hostile demo of the example site
    comes out of the cache exactly as it was read."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    counts = []
    started_cache(tmp_path / "cache")
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


def test_render_options_are_plain_values() -> None:
    """No callables: two pages' options are equal exactly when their output may be."""
    import dataclasses

    assert not any("Callable" in str(f.type) for f in dataclasses.fields(RenderOptions))
    one = RenderOptions(locale="zh", page="p/", links=FakeLinks(signature="s"), memo=True)
    same = RenderOptions(locale="zh", page="p/", links=FakeLinks(signature="s"), memo=True)
    assert one == same and hash(one) == hash(same)
    assert one != dataclasses.replace(one, page="q/")
    assert one != dataclasses.replace(one, links=FakeLinks(signature="other pages"))
