"""``custflow playbook --out DIR``: the playbook pages as Markdown files, for hosts that
run the Markdown extension but not MkDocs plugins.

Why: such a site (Zensical, MkDocs 2, plain Python-Markdown) has the diagrams but no
stage, touchpoint or role pages; the command writes them from the same sources, and a
build of the site with the extension alone must then have every page and no broken link.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.links import check_links
from support.pages import headings, read, rows
from support.playbook_sites import DOCS, ROLES, STAGES, TOUCHPOINTS, write_catalog
from support.site import build_site, write_site

from mkdocs_custflow.cli import main

EXTENSION_ONLY = {
    "plugins": ["search"],
    "markdown_extensions": [{"custflow": {"catalog": "catalog.yml"}}],
}


def _site(root: Path, config: dict | None = None) -> Path:
    write_catalog(root)
    return write_site(root, DOCS, config or {
        **EXTENSION_ONLY, "plugins": ["search", {"custflow": {"catalog": "catalog.yml"}}]
    }, plugins=None)


def test_written_pages_make_a_site_without_the_plugin_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The options come from the plugin's entry in mkdocs.yml, as a user moving away
    # from the plugin has it; the site is then built with the extension alone.
    config_file = _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["playbook", "--out", "docs", "--strict"]) == 0
    assert "wrote" in capsys.readouterr().err
    written = {p.relative_to(tmp_path / "docs").as_posix()
               for p in (tmp_path / "docs" / "playbook").rglob("*") if p.is_file()}
    assert written == {
        "playbook/index.md", "playbook/raci.md", "playbook/improvements.md",
        "playbook/playbook.json",
        "playbook/.custflow-playbook",
        *(f"playbook/stages/{s}.md" for s in STAGES),
        *(f"playbook/touchpoints/{t}.md" for t in TOUCHPOINTS),
        *(f"playbook/roles/{r}.md" for r in ROLES),
    }
    config_file.unlink()
    result = build_site(tmp_path, {}, EXTENSION_ONLY, plugins=None, strict=True).check()
    stage = read(result, "playbook/stages/report")
    assert headings(stage, "h1") == ["Report a fault"]
    assert rows(stage)["Owner"].cells[1].links == [("Service desk", "../../roles/service/")]
    assert not check_links(result.site_dir)


def test_flat_urls_follow_use_directory_urls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path, {"use_directory_urls": False, **EXTENSION_ONLY,
                     "plugins": ["search", {"custflow": {"catalog": "catalog.yml"}}]})
    monkeypatch.chdir(tmp_path)
    assert main(["playbook", "--out", "docs"]) == 0
    text = (tmp_path / "docs" / "playbook" / "stages" / "report.md").read_text("utf-8")
    assert 'href="../roles/service.html"' in text
    (tmp_path / "mkdocs.yml").unlink()
    result = build_site(tmp_path, {}, {"use_directory_urls": False, **EXTENSION_ONLY},
                        plugins=None, strict=True).check()
    assert not check_links(result.site_dir)


def test_writing_again_replaces_the_folder_and_never_a_users_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    extra = tmp_path / "docs" / "extra.md"
    extra.write_text("```journey\nid: extra\nstages:\n  - {id: gone, owner: sales}\n```\n",
                     encoding="utf-8")
    stale = tmp_path / "docs" / "playbook" / "stages" / "gone.md"
    assert main(["playbook", "--out", "docs"]) == 0
    assert stale.is_file()
    extra.unlink()  # no journey uses the stage any more
    assert main(["playbook", "--out", "docs"]) == 0
    assert not stale.exists()

    mine = tmp_path / "mine"
    (mine / "playbook").mkdir(parents=True)
    (mine / "playbook" / "notes.md").write_text("# My notes\n", encoding="utf-8")
    capsys.readouterr()
    with pytest.raises(SystemExit) as stopped:
        main(["playbook", "--out", "mine"])
    assert "exists and was not written by custflow" in str(stopped.value)
    assert (mine / "playbook" / "notes.md").read_text("utf-8") == "# My notes\n"


def test_a_users_files_in_the_playbook_folder_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["playbook", "--out", "docs"]) == 0
    folder = tmp_path / "docs" / "playbook"
    notes = folder / "notes.md"
    notes.write_text("# Our notes on the playbook\n", encoding="utf-8")
    (folder / "stages" / "img.png").write_bytes(b"\x89PNG")
    assert main(["playbook", "--out", "docs"]) == 0
    assert notes.read_text("utf-8") == "# Our notes on the playbook\n"
    assert (folder / "stages" / "img.png").read_bytes() == b"\x89PNG"
    # A user's file where a page goes is refused, never replaced.
    page = folder / "stages" / "qualify.md"
    listed = (folder / ".custflow-playbook").read_text("utf-8")
    (folder / ".custflow-playbook").write_text(listed.replace("stages/qualify.md\n", ""), "utf-8")
    page.write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main(["playbook", "--out", "docs"])
    assert "docs/playbook/stages/qualify.md is a file of yours where the playbook writes a page" \
        in str(stopped.value)
    assert page.read_text("utf-8") == "# Mine\n"


@pytest.mark.parametrize("kind", ["symlink", "dangling", "link-inside"])
def test_links_in_or_to_the_playbook_folder_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder = tmp_path / "docs" / "playbook"
    if kind == "symlink":
        folder.symlink_to(elsewhere, target_is_directory=True)
    elif kind == "dangling":
        folder.symlink_to(tmp_path / "nowhere", target_is_directory=True)
    else:
        assert main(["playbook", "--out", "docs"]) == 0
        (folder / "stages" / "qualify.md").unlink()
        (folder / "stages" / "qualify.md").symlink_to(elsewhere / "bashrc")
    with pytest.raises(SystemExit) as stopped:
        main(["playbook", "--out", "docs"])
    assert "is a symbolic link" in str(stopped.value)
    assert list(elsewhere.iterdir()) == []
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("directory", ["/etc/x", "../out", "a/../../b", ".", "a\\b"])
def test_the_cli_checks_playbook_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, directory: str
) -> None:
    _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        main(["playbook", "--out", "docs", "--playbook-dir", directory])
    assert "must be a folder inside the docs folder" in str(stopped.value)
    assert not (tmp_path / "out").exists() and not (tmp_path / "b").exists()


def test_a_marker_naming_files_outside_the_folder_deletes_nothing_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["playbook", "--out", "docs"]) == 0
    victim = tmp_path / "keep.txt"
    victim.write_text("mine\n", encoding="utf-8")
    marker = tmp_path / "docs" / "playbook" / ".custflow-playbook"
    marker.write_text(marker.read_text("utf-8") + "../../keep.txt\n/etc/hostname\n", "utf-8")
    assert main(["playbook", "--out", "docs"]) == 0
    assert victim.read_text("utf-8") == "mine\n"
