"""The ``custflow`` command: validate folders, render Mermaid, exact file lines.

Every test works in its own ``tmp_path`` (``monkeypatch.chdir``) so no ``mkdocs.yml`` of
the checkout is picked up by accident.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_custflow.cli import main

FRONT = "---\ntitle: A page\ntags: [sales]\n---\n\n# A page\n\nSome text.\n\n"
# Body line k of a block written after FRONT is file line 11 + k (the fence is line 10).
FIRST_BODY_LINE = FRONT.count("\n") + 2

GOOD = """\
```journey
id: good
title: Good
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales, kind: role}
stages:
  - id: ask
    owner: sales
    steps:
      - customer -> sales: Hello
      - sales --> customer: Welcome
```
"""

BROKEN = """\
```journey
id: broken
title: Broken
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales, kind: role}
stages:
  - id: ask
    owner: salse
    steps:
      - customer -> sales: Hello
    next: [paay]
  - id: pay
```
"""

UNREACHABLE = """\
```journey
id: loose
actors:
  customer: {name: Customer, kind: customer}
stages:
  - id: a
    next: []
  - id: b
```
"""

USES_CATALOG = """\
```journey
id: shared
actors:
  customer: {kind: customer}
stages:
  - id: ask
    owner: sales
    steps:
      - customer -> sales: Hello
```
"""

MKDOCS_YML = "site_name: Test\nplugins:\n  - custflow:\n      catalog: catalog.yml\n"

CATALOG = """\
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role}
"""

BROKEN_ERRORS = [
    f"docs/broken.md:{FIRST_BODY_LINE + 7}: error: unknown actor 'salse' in 'owner' of "
    "stage 'ask' (did you mean 'sales'?) [unknown-reference]",
    f"docs/broken.md:{FIRST_BODY_LINE + 10}: error: unknown stage 'paay' in 'next' of "
    "stage 'ask' (did you mean 'pay'?) [unknown-reference]",
]


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """An empty project folder as the working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def test_first_body_line_constant():
    assert FIRST_BODY_LINE == 11
    assert (FRONT + BROKEN).split("\n")[FIRST_BODY_LINE + 7 - 1] == "    owner: salse"


# -- validate ---------------------------------------------------------------------------------


def test_validate_folder_with_good_and_broken_file(site, capsys):
    write(site, "docs/good.md", FRONT + GOOD)
    write(site, "docs/broken.md", FRONT + BROKEN)
    code, out, err = run(capsys, "validate", "docs")
    assert code == 1
    assert out == BROKEN_ERRORS
    assert err == ["custflow: 2 journey block(s), 2 error(s), 0 warning(s)"]


def test_validate_clean_folder(site, capsys):
    write(site, "docs/good.md", FRONT + GOOD)
    write(site, "docs/sub/also.md", GOOD.replace("id: good", "id: also"))
    write(site, "docs/notes.txt", BROKEN)  # not Markdown: not read
    code, out, err = run(capsys, "validate", "docs")
    assert (code, out) == (0, [])
    assert err == ["custflow: 2 journey block(s), 0 error(s), 0 warning(s)"]


def test_validate_several_blocks_in_one_file(site, capsys):
    write(site, "docs/two.md", FRONT + GOOD + "\nMore text.\n\n" + BROKEN)
    code, out, _ = run(capsys, "validate", "docs/two.md")
    offset = (FRONT + GOOD + "\nMore text.\n\n").count("\n")
    assert code == 1
    assert out == [
        f"docs/two.md:{offset + 2 + 7}: error: unknown actor 'salse' in 'owner' of stage "
        "'ask' (did you mean 'sales'?) [unknown-reference]",
        f"docs/two.md:{offset + 2 + 10}: error: unknown stage 'paay' in 'next' of stage "
        "'ask' (did you mean 'pay'?) [unknown-reference]",
    ]


def test_validate_yaml_error_line_in_indented_fence(site, capsys):
    block = "```journey\nid: x\nstages:\n  - id: a\n   name: bad\n```\n"
    indented = "".join(f"    {line}" if line else "" for line in block.splitlines(True))
    write(site, "docs/list.md", FRONT + "- item\n\n" + indented)
    code, out, _ = run(capsys, "validate", "docs")
    assert code == 1
    line = FIRST_BODY_LINE + 2 + 3
    # The indentation error in plain words, at the file line (issue 25).
    assert out == [
        f"docs/list.md:{line}: error: line {line} is indented 3 space(s), which fits none of "
        "the lines above it (0, 2); the keys of one mapping, and the '-' items of one list, "
        "start in the same column [yaml]"
    ]


def test_validate_unclosed_fence(site, capsys):
    write(site, "docs/open.md", FRONT + GOOD.removesuffix("```\n"))
    code, out, _ = run(capsys, "validate", "docs")
    assert code == 1
    assert out == [
        f"docs/open.md:{FIRST_BODY_LINE - 1}: error: this journey fence is never closed; "
        "add a closing fence line (``` or ~~~) after the block [unclosed-fence]"
    ]


def test_validate_warnings_exit_zero_and_strict_exit_one(site, capsys):
    write(site, "docs/loose.md", FRONT + UNREACHABLE)
    expected = [
        f"docs/loose.md:{FIRST_BODY_LINE + 6}: warning: stage 'b' cannot be reached from "
        "the first stage; route to it with 'next' or a decision branch, or remove it "
        "[unreachable-stage]"
    ]
    summary = ["custflow: 1 journey block(s), 0 error(s), 1 warning(s)"]
    assert run(capsys, "validate", "docs") == (0, expected, summary)
    assert run(capsys, "validate", "--strict", "docs") == (1, expected, summary)


def test_validate_strict_on_clean_folder(site, capsys):
    write(site, "docs/good.md", GOOD)
    assert run(capsys, "validate", "--strict", "docs")[0] == 0


def test_validate_crlf_file_with_bom(site, capsys):
    text = "\ufeff" + (FRONT + BROKEN).replace("\n", "\r\n")
    (site / "docs" / "broken.md").write_bytes(text.encode("utf-8"))
    code, out, _ = run(capsys, "validate", "docs")
    assert (code, out) == (1, BROKEN_ERRORS)


def test_validate_missing_file(site, capsys):
    code, out, err = run(capsys, "validate", "docs/missing.md")
    assert code == 1
    assert out == [
        "docs/missing.md: error: this page cannot be read: No such file or directory "
        "[unreadable-file]"
    ]
    assert err == ["custflow: 0 journey block(s), 1 error(s), 0 warning(s)"]


def test_validate_with_catalog_option(site, capsys):
    write(site, "docs/shared.md", FRONT + USES_CATALOG)
    write(site, "catalog.yml", CATALOG)
    code, out, _ = run(capsys, "validate", "docs")
    assert code == 1
    assert out[0] == (
        f"docs/shared.md:{FIRST_BODY_LINE + 5}: error: unknown actor 'sales' in 'owner' of "
        "stage 'ask'; known: customer [unknown-reference]"
    )
    assert run(capsys, "validate", "--catalog", "catalog.yml", "docs") == (
        0, [], ["custflow: 1 journey block(s), 0 error(s), 0 warning(s)"],
    )


def test_validate_broken_catalog(site, capsys):
    write(site, "docs/shared.md", USES_CATALOG)
    write(site, "catalog.yml", "actors:\n  sales: {kind: rol}\n")
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "--catalog", "catalog.yml", "docs"])
    assert stopped.value.code == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "catalog.yml:2: error: actor 'sales' has unknown kind 'rol' (did you mean 'role'?); "
        "use one of customer, role, system, partner [invalid-value]"
    ]


def test_validate_takes_catalog_from_mkdocs_yml(site, capsys):
    write(site, "docs/shared.md", FRONT + USES_CATALOG)
    write(site, "catalog.yml", CATALOG)
    write(site, "mkdocs.yml", MKDOCS_YML)
    assert run(capsys, "validate", "docs") == (
        0, [], ["custflow: 1 journey block(s), 0 error(s), 0 warning(s)"],
    )


def test_validate_catalog_option_wins_over_mkdocs_yml(site, capsys):
    write(site, "docs/shared.md", USES_CATALOG)
    write(site, "catalog.yml", CATALOG)
    write(site, "other.yml", "actors:\n  customer: {}\n")
    write(site, "mkdocs.yml", MKDOCS_YML)
    code, out, _ = run(capsys, "validate", "--catalog", "other.yml", "docs")
    assert code == 1
    assert out == [
        "docs/shared.md:7: error: unknown actor 'sales' in 'owner' of stage 'ask'; known: "
        "customer [unknown-reference]",
        "docs/shared.md:9: error: unknown actor 'sales' in a step; known: customer "
        "[unknown-reference]",
    ]


def test_validate_config_file_option_from_another_folder(site, capsys, monkeypatch):
    write(site, "docs/shared.md", USES_CATALOG)
    write(site, "catalog.yml", CATALOG)
    write(site, "mkdocs.yml", MKDOCS_YML)
    monkeypatch.chdir(site / "docs")
    assert run(capsys, "validate", "-f", "../mkdocs.yml", "shared.md") == (
        0, [], ["custflow: 1 journey block(s), 0 error(s), 0 warning(s)"],
    )


def test_validate_missing_config_file(site):
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "-f", "nope.yml", "docs"])
    assert stopped.value.code == "custflow: no such config file: nope.yml"


# -- render ----------------------------------------------------------------------------------


def test_render_file_prints_mermaid_per_view(site, capsys):
    write(site, "docs/good.md", FRONT + GOOD)
    code, out, err = run(capsys, "render", "docs/good.md")
    assert (code, err) == (0, [])
    headers = [line for line in out if line.startswith("%% ")]
    assert headers == ["%% good: flow", "%% good: sequence"]
    assert out[out.index("%% good: flow") + 1] == "flowchart LR"
    assert out[out.index("%% good: sequence") + 1] == "sequenceDiagram"
    assert "Hello" in "\n".join(out) and "Welcome" in "\n".join(out)


def test_render_views_follow_the_block(site, capsys):
    block = GOOD.replace("title: Good\n", "title: Good\nviews: [sequence, journey]\n").replace(
        "Welcome", "Welcome\n        score: 4"
    )
    write(site, "docs/good.md", block)
    code, out, err = run(capsys, "render", "docs/good.md")
    assert (code, err) == (0, [])
    # The satisfaction ('journey') view is an HTML table, not a Mermaid diagram.
    assert [line for line in out if line.startswith("%% ")] == ["%% good: sequence"]


def test_render_reads_stdin(site, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(FRONT + GOOD))
    code, out, err = run(capsys, "render", "-")
    assert (code, err) == (0, [])
    assert [line for line in out if line.startswith("%% ")] == [
        "%% good: flow", "%% good: sequence",
    ]


def test_render_broken_block_from_stdin(site, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(FRONT + BROKEN))
    code, out, err = run(capsys, "render", "-")
    assert (code, out) == (1, [])
    assert err == [line.replace("docs/broken.md", "<stdin>") for line in BROKEN_ERRORS]


def test_render_broken_block_exits_one_and_still_renders_the_good_one(site, capsys):
    write(site, "docs/mixed.md", FRONT + BROKEN + "\n" + GOOD)
    code, out, err = run(capsys, "render", "docs/mixed.md")
    assert code == 1
    assert err == [line.replace("broken.md", "mixed.md") for line in BROKEN_ERRORS]
    assert [line for line in out if line.startswith("%% ")] == [
        "%% good: flow", "%% good: sequence",
    ]


def test_render_warning_goes_to_stderr_and_renders(site, capsys):
    write(site, "docs/loose.md", UNREACHABLE)
    code, out, err = run(capsys, "render", "docs/loose.md")
    assert code == 0
    assert err == [
        "docs/loose.md:8: warning: stage 'b' cannot be reached from the first stage; "
        "route to it with 'next' or a decision branch, or remove it [unreachable-stage]"
    ]
    assert out[0] == "%% loose: flow"


# -- the installed console script -------------------------------------------------------------


def custflow_script() -> str:
    beside = Path(sys.executable).parent / "custflow"
    found = str(beside) if beside.is_file() else shutil.which("custflow")
    assert found, "the 'custflow' console script is not installed (pip install -e .)"
    return found


def test_console_script_validate(tmp_path):
    write(tmp_path, "docs/good.md", FRONT + GOOD)
    write(tmp_path, "docs/broken.md", FRONT + BROKEN)
    done = subprocess.run(
        [custflow_script(), "validate", "docs"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines() == BROKEN_ERRORS
    assert done.stderr.splitlines() == ["custflow: 2 journey block(s), 2 error(s), 0 warning(s)"]
