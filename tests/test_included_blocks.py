"""Journey blocks that are not written in the page's own file: included with
pymdownx.snippets (they reach the playbook, named by the file they are
written in), or put on the page by another plugin's ``on_page_markdown``
(drawn, but the build says they are missing from the playbook)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from support.pages import read

INCLUDED = """Said before the block.

```journey
id: included
title: Included quote
actors:
  sales: {name: Sales rep, kind: role}
stages:
  - id: quote
    name: Send a quote
    owner: sales
```
"""

PAGE = """---
title: Home
---
# Home

--8<-- "includes/quote.md"

```journey
id: own
title: Own
actors:
  sales: {name: Sales rep, kind: role}
stages:
  - id: follow-up
    owner: salse
```
"""

SNIPPETS = {"markdown_extensions": [
    {"pymdownx.snippets": {"base_path": ["."], "check_paths": True}}
]}

HOOK = '''
def on_page_markdown(markdown, page, **kwargs):
    if page.file.src_uri == "index.md":
        return markdown + """

```journey
id: added
title: Added by a hook
stages:
  - id: added-stage
```
"""
'''


def _site(tmp_path: Path, included: str = INCLUDED) -> None:
    (tmp_path / "includes").mkdir(parents=True, exist_ok=True)
    (tmp_path / "includes" / "quote.md").write_text(included, encoding="utf-8")


def _journeys(site: Path) -> dict[str, dict]:
    data = json.loads((site / "playbook" / "playbook.json").read_text("utf-8"))
    return {journey["id"]: journey["source"] for journey in data["journeys"]}


def test_journey_from_a_snippet_is_in_the_playbook(tmp_path: Path, build_site) -> None:
    _site(tmp_path)
    fixed = PAGE.replace("owner: salse", "owner: sales")
    result = build_site(tmp_path, {"index.md": fixed}, SNIPPETS, strict=True).check()
    sources = _journeys(result.site_dir)
    assert sources["included"] == {"file": "includes/quote.md", "line": 4, "page": "index.md",
                                   "anchor": "journey-included"}
    assert sources["own"]["file"] == "docs/index.md" and sources["own"]["line"] == 9
    stage = read(result, "playbook/stages/quote")
    assert "Send a quote" in stage and "../../../#journey-included" in stage
    home = read(result, "")
    assert 'id="journey-included"' in home and 'href="playbook/stages/quote/"' in home


def test_findings_name_the_file_and_line_each_block_is_written_at(tmp_path: Path,
                                                                    build_site) -> None:
    """A block below an include keeps its own line (the include's lines do not
    shift it), and the build and `custflow validate` report each finding once,
    at the same place."""
    _site(tmp_path, INCLUDED.replace("owner: sales", "owner: salez"))
    result = build_site(tmp_path, {"index.md": PAGE}, SNIPPETS).check(errors=True)
    assert result.log.count("unknown actor 'salse'") == 1
    assert "docs/index.md:15: unknown actor 'salse'" in result.log
    assert result.log.count("unknown actor 'salez'") == 1
    assert "includes/quote.md:11: unknown actor 'salez'" in result.log
    command = subprocess.run(
        [sys.executable, "-m", "mkdocs_custflow.cli", "validate", "docs"],
        cwd=tmp_path, capture_output=True, text=True, env=dict(os.environ), check=False,
    )
    assert "docs/index.md:15: error: unknown actor 'salse'" in command.stdout
    assert "includes/quote.md:11: error: unknown actor 'salez'" in command.stdout


def test_block_added_by_another_plugin_is_named_as_missing_from_the_playbook(
    tmp_path: Path, build_site
) -> None:
    (tmp_path / "hooks.py").write_text(HOOK, encoding="utf-8")
    fixed = PAGE.replace("owner: salse", "owner: sales")
    _site(tmp_path)
    config = {**SNIPPETS, "hooks": ["hooks.py"]}
    result = build_site(tmp_path, {"index.md": fixed}, config, strict=True)
    assert not result.ok
    [line] = [ln for ln in result.log.splitlines() if "missing from the playbook" in ln]
    assert "custflow: docs/index.md:" in line
    assert "journey 'added' is drawn here but is missing from the playbook" in line
    assert "'playbook: false'" in line
    html = read(result, "")
    assert 'id="journey-added"' in html  # still drawn
    assert "added" not in _journeys(result.site_dir)
    # Blocks the playbook has are not named, nor one kept out of it on purpose.
    assert "'included'" not in result.log and "'own'" not in result.log
    (tmp_path / "hooks.py").write_text(
        HOOK.replace("id: added\n", "id: added\nplaybook: false\n"), encoding="utf-8"
    )
    build_site(tmp_path, {"index.md": fixed}, config, strict=True).check()


def test_without_snippets_the_marker_is_text(tmp_path: Path, build_site) -> None:
    """A site that does not use pymdownx.snippets has no includes to read."""
    _site(tmp_path)
    fixed = PAGE.replace("owner: salse", "owner: sales")
    result = build_site(tmp_path, {"index.md": fixed}, strict=True).check()
    assert set(_journeys(result.site_dir)) == {"own"}
    assert "--8&lt;--" in read(result, "") or "--8<--" in read(result, "")
