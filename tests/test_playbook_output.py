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
    stale = tmp_path / "docs" / "playbook" / "stages" / "gone.md"
    assert main(["playbook", "--out", "docs"]) == 0
    stale.write_text("# A stage that no journey uses any more\n", encoding="utf-8")
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
