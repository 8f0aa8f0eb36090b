"""One settings model: every face reads every option the same way.

Option by option, a site sets the option to a value other than its default;
the plugin (as MkDocs loads it), the command (mkdocs.yml read as data),
``custflow diff`` (the same file at a git revision) and the extension used
alone (where it accepts the option) must read the same value and make the
same pipeline settings. ``SAMPLES`` must name every option, so a new option
cannot be forgotten by any face.

Then the site of the issue: a custom fence name, ``exclude_docs``, snippets
and a rule raised to ``error``; ``mkdocs build``, ``custflow validate`` and
``custflow diff`` agree on it.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config

from mkdocs_custflow.cli import build_parser
from mkdocs_custflow.extension import JourneyExtension
from mkdocs_custflow.plugin.config import options_of
from mkdocs_custflow.plugin.plugin import CustflowPlugin
from mkdocs_custflow.plugin.project import settings_from
from mkdocs_custflow.pull_request.revisions import checked_out
from mkdocs_custflow.settings.options import OPTIONS, Host, Kind, Options
from mkdocs_custflow.settings.project import read_project

SAMPLES: dict[str, Any] = {
    "enabled": False,
    "catalog": "catalog.yml",
    "templates": ["my-templates"],
    "locale": "zh",
    "playbook": False,
    "playbook_dir": "handbook",
    "nav": False,
    "nav_limit": 7,
    "nav_title": "手册",
    "page_templates": "page-templates",
    "fence": "customer-journey",
    "mermaid_js": "https://example.invalid/mermaid.min.js",
    "cache": False,
    "cache_dir": ".cache/elsewhere",
    "max_block_chars": 1234,
    "max_yaml_nodes": 4321,
    "max_expanded_chars": 54321,
    "rules": {"no-owner": "error", "orphan-role": "off"},
    "measures": [{"path": "data/flow.csv", "columns": {"date": "月份"}, "encoding": "gb18030"}],
    "stale_after": "2m",
    "max_playbook_pages": 77,
}
CATALOG = "actors:\n  sales: {name: Sales, kind: role}\n"


def test_every_option_has_a_sample_unlike_its_default() -> None:
    assert set(SAMPLES) == {spec.name for spec in OPTIONS}
    defaults = Options()
    for spec in OPTIONS:
        assert SAMPLES[spec.name] != getattr(defaults, spec.name), spec.name
        assert spec.doc.strip(), f"option {spec.name} has no documentation"


def test_every_option_is_documented_on_the_configuration_page() -> None:
    page = (Path(__file__).parents[1] / "example-site/docs/guide/configuration.md").read_text(
        "utf-8")
    for spec in OPTIONS:
        assert f"`{spec.name}`" in page, f"the configuration page does not name {spec.name}"


def test_the_plugin_config_has_every_option_with_the_same_default() -> None:
    plugin = CustflowPlugin()
    errors, warnings = plugin.load_config({})
    assert not errors and not warnings
    assert options_of(plugin.config) == Options()


def test_the_extension_and_the_command_offer_what_the_model_says() -> None:
    extension = JourneyExtension(None)
    offered = set(extension.config)
    assert offered == {s.name for s in OPTIONS if Host.EXTENSION in s.hosts}
    for spec in OPTIONS:
        if Host.EXTENSION in spec.hosts:
            default = extension.config[spec.name][0]
            assert default == ("" if spec.default is None else spec.default), spec.name
    parser = build_parser()
    help_text = parser.parse_args(["validate", "docs"])
    for spec in OPTIONS:
        if spec.flag:
            assert hasattr(help_text, spec.name), spec.flag


def _site(root: Path, name: str, value: Any) -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n", "utf-8")
    (root / "catalog.yml").write_text(CATALOG, "utf-8")
    (root / "my-templates").mkdir(exist_ok=True)
    (root / "my-templates" / "x.en.yaml").write_text("title: X\nstages: [a]\n", "utf-8")
    (root / "page-templates").mkdir(exist_ok=True)
    (root / "page-templates" / "stage.md.j2").write_text("# {{ stage.name }}\n", "utf-8")
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "flow.csv").write_text("月份,journey,from,to,count\n", "utf-8")
    config = {"site_name": "t", "plugins": [{"custflow": {name: value}}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return root / "mkdocs.yml"


def _relative(options: Options, folder: Path) -> Options:
    """Paths relative to ``folder``, to compare two copies of one site."""
    def rel(path: str | None) -> str | None:
        return None if path is None else Path(path).relative_to(folder.resolve()).as_posix()

    return dataclasses.replace(
        options, catalog=rel(options.catalog), page_templates=rel(options.page_templates),
        templates=tuple(rel(t) or "" for t in options.templates),
        measures=tuple(dataclasses.replace(m, path=rel(m.path) or "") for m in options.measures),
        rules=dict(options.rules))


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME":
                        "t", "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("name", [spec.name for spec in OPTIONS])
def test_each_face_reads_the_option_alike(name: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    value = SAMPLES[name]
    config_file = _site(tmp_path, name, value)
    # The plugin, as MkDocs loads it.
    mkdocs_config = load_config(config_file=str(config_file))
    plugin = mkdocs_config.plugins["custflow"]
    built = options_of(plugin.config)  # type: ignore[attr-defined]
    # The command: mkdocs.yml as data.
    project = read_project(config_file)
    assert project.options == built
    expected = getattr(built, name)
    if SAMPLES[name] and Kind(OPTIONS[[s.name for s in OPTIONS].index(name)].kind) in (
            Kind.FILE, Kind.FOLDER, Kind.FOLDERS, Kind.MEASURES):
        assert _relative(built, tmp_path) != _relative(Options(), tmp_path)
    else:
        assert expected == (tuple(value) if isinstance(value, list) else value)
    assert project.settings == settings_from(built, mkdocs_config)
    # custflow diff: the same file at a git revision, read inside its own copy.
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "site")
    with checked_out(tmp_path, "HEAD", "mkdocs.yml") as copy:
        revision = read_project(copy, inside=copy.parent)
        assert _relative(revision.options, copy.parent) == _relative(built, tmp_path)
    # The extension alone, where it takes the option.
    spec = next(s for s in OPTIONS if s.name == name)
    if Host.EXTENSION in spec.hosts:
        given = value
        if spec.kind in (Kind.FILE, Kind.FOLDER):
            given = str(tmp_path / value)
        elif spec.kind is Kind.FOLDERS:
            given = [str(tmp_path / v) for v in value]
        elif spec.kind is Kind.MEASURES:  # inside the project: the folder the host runs in
            monkeypatch.chdir(tmp_path)
        extension = JourneyExtension(None, **{name: given})
        settings = extension.pipeline.settings
        expected_settings = dataclasses.replace(
            settings_from(built, mkdocs_config), base=settings.base,
            rules=settings.rules, playbook=settings.playbook)
        assert settings == expected_settings
        if name == "rules":
            assert settings.rules.severities == project.settings.rules.severities


# -- the site: fence, exclude_docs, snippets, rules -------------------------------
JOURNEY = """\
id: {id}
title: {title}
stages:
  - id: visit
    name: Visit
    owner: {owner}
    steps:
      - customer -> sales: Ask
  - id: buy
    name: Buy
    steps:
      - customer -> sales: Pay
"""
SITE_CONFIG = {
    "site_name": "Agree",
    "exclude_docs": "drafts/\n",
    "markdown_extensions": [{"pymdownx.snippets": {"base_path": ["snippets"]}}],
    "plugins": [{"custflow": {"fence": "customer-journey", "catalog": "catalog.yml",
                              "playbook": False, "rules": {"no-owner": "error"}}}],
}
SITE_CATALOG = """\
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales, kind: role}
  service: {name: Service, kind: role}
"""


def _fenced(body: str) -> str:
    return f"```customer-journey\n{body}```\n"


def _agree_site(root: Path) -> None:
    (root / "docs" / "drafts").mkdir(parents=True)
    (root / "snippets").mkdir()
    (root / "catalog.yml").write_text(SITE_CATALOG, "utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(SITE_CONFIG), "utf-8")
    (root / "docs" / "index.md").write_text(
        "# Sales\n\n" + _fenced(JOURNEY.format(id="sale", title="Sale", owner="sales")), "utf-8")
    (root / "snippets" / "shared.md").write_text(
        _fenced(JOURNEY.format(id="included", title="Included", owner="sales")), "utf-8")
    (root / "docs" / "support.md").write_text('# Support\n\n--8<-- "shared.md"\n', "utf-8")
    (root / "docs" / "drafts" / "wip.md").write_text(
        "# WIP\n\n" + _fenced(JOURNEY.format(id="draft", title="Draft", owner="sales")), "utf-8")


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True,
                          text=True, check=False)


def test_build_validate_and_diff_agree_on_fence_rules_exclude_docs_and_snippets(
        tmp_path: Path) -> None:
    _agree_site(tmp_path)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "base")
    # The change under review: owners changed in a page, an included file and a draft.
    for path in ("docs/index.md", "snippets/shared.md", "docs/drafts/wip.md"):
        file = tmp_path / path
        file.write_text(file.read_text("utf-8").replace("owner: sales", "owner: service"),
                        "utf-8")
    _git(tmp_path, "commit", "-qam", "owners")
    diff = _run(tmp_path, "mkdocs_custflow.cli", "diff", "HEAD~1", "HEAD", "--format", "json")
    assert diff.returncode == 1, diff.stderr  # a stage without owner is an error here
    report = json.loads(diff.stdout)
    owner_changes = {(c["journey"], c["stage"]) for c in report["changes"]
                     if c["kind"] == "owner"}
    assert owner_changes == {("sale", "visit"), ("included", "visit")}, report
    assert "draft" not in {c["journey"] for c in report["changes"]}
    # The rule raised to error (a stage without owner): all three fail, at the same places.
    errors_in_diff = {(e["file"], e["line"]) for e in report["errors"]}
    validate = _run(tmp_path, "mkdocs_custflow.cli", "validate", "docs", "--format", "json")
    assert validate.returncode == 1
    found = json.loads(validate.stdout)["findings"]
    errors_in_validate = {(f["file"], f["line"]) for f in found if f["severity"] == "error"}
    assert errors_in_validate == errors_in_diff
    assert {file for file, _ in errors_in_validate} == {"docs/index.md", "snippets/shared.md"}
    assert all(f["rule"] == "no-owner" for f in found if f["severity"] == "error")
    build = _run(tmp_path, "mkdocs", "build", "-d", str(tmp_path / "site"))
    assert build.returncode != 0
    for file, line in errors_in_validate:
        assert f"{file}:{line}" in build.stderr, build.stderr
    assert "drafts/wip.md" not in build.stderr + validate.stdout + diff.stdout


@pytest.fixture
def agree_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _agree_site(tmp_path)
    catalog = tmp_path / "catalog.yml"
    catalog.write_text(SITE_CATALOG.replace("kind: role}", "kind: role, handle: '@acme/team'}"),
                       "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from mkdocs_custflow.cli import main

    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_every_command_reads_the_sites_options_and_pages(
        agree_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The custom fence, exclude_docs, snippets and the rule raised to error,
    in each command that reads the site's pages."""
    status, out, _ = _main(capsys, "validate", "docs")
    assert status == 1 and "docs/index.md:12" in out and "snippets/shared.md:10" in out, out
    assert "drafts" not in out
    status, out, _ = _main(capsys, "export", "docs", "--format", "json")
    journeys = {j["id"] for j in json.loads(out)["journeys"]}
    assert journeys == {"sale", "included"}
    status, out, _ = _main(capsys, "codeowners")
    assert "/docs/index.md @acme/team" in out and "support.md" in out and "wip" not in out
    status, _, err = _main(capsys, "playbook", "--out", str(agree_site / "out"))
    assert (agree_site / "out" / "playbook" / "stages" / "visit.md").is_file(), err
    status, out, _ = _main(capsys, "render", "docs/index.md")
    assert "%% sale: flow\nflowchart" in out
    # A flag replaces only its own option: the fence stays the site's.
    status, out, _ = _main(capsys, "validate", "docs", "--locale", "zh")
    assert "docs/index.md:12" in out and "drafts" not in out
