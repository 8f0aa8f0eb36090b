"""A site's own pymdownx.superfences fence named ``journey``: the journey
blocks would take it over without a word; the build says so and how to keep
it (the ``fence`` option), and with the option both work."""

from __future__ import annotations

import logging

import markdown
import pytest
from pymdownx.superfences import fence_code_format
from support.site import PyName

from mkdocs_custflow import extension as extension_module

THEIRS = {"pymdownx.superfences": {"custom_fences": [
    {"name": "journey", "class": "their-journey",
     "format": PyName("pymdownx.superfences.fence_code_format")},
]}}

OURS = """
```customer-journey
id: ours
title: Ours
stages:
  - id: only
```
"""

PAGE = """# Two fences

```journey
their own format: kept as it is
```
""" + OURS


def test_own_journey_fence_is_named_with_the_way_to_keep_it(tmp_path, build_site) -> None:
    config = {"markdown_extensions": [THEIRS]}
    result = build_site(tmp_path, {"index.md": PAGE}, config, strict=True)
    assert not result.ok
    assert (
        "custflow: mkdocs.yml: pymdownx.superfences has a custom fence named 'journey', "
        "which the journey blocks take over, so yours never runs; to keep yours, give the "
        "journey blocks another fence name with the custflow option 'fence'"
    ) in result.log


def test_renamed_fence_leaves_theirs_alone(tmp_path, build_site) -> None:
    config = {"markdown_extensions": [THEIRS],
              "plugins": [{"custflow": {"fence": "customer-journey"}}]}
    result = build_site(tmp_path, {"index.md": PAGE}, config, plugins=None, strict=True).check()
    html = (result.site_dir / "index.html").read_text("utf-8")
    assert '<pre class="their-journey"><code>their own format: kept as it is' in html
    assert 'id="journey-ours"' in html and html.count('<pre class="mermaid') == 1
    assert (result.site_dir / "playbook" / "stages" / "only" / "index.html").is_file()
    assert "custom fence" not in result.log


def test_fence_option_must_be_one_word(tmp_path, build_site) -> None:
    config = {"plugins": [{"custflow": {"fence": "customer journey"}}]}
    result = build_site(tmp_path, {"index.md": PAGE}, config, plugins=None)
    assert not result.ok
    assert "custflow: 'fence: customer journey' must be one word" in result.log


def test_extension_alone_says_it_too_and_takes_the_fence_option(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extension_module, "_FENCES_CHECKED", set())
    custom = {"custom_fences": [{"name": "journey", "class": "their-journey",
                                 "format": fence_code_format}]}
    with caplog.at_level(logging.WARNING, logger="mkdocs_custflow"):
        md = markdown.Markdown(extensions=["pymdownx.superfences", "custflow"],
                               extension_configs={"pymdownx.superfences": custom})
        md.convert(PAGE)
    assert "pymdownx.superfences has a custom fence named 'journey'" in caplog.text
    md = markdown.Markdown(
        extensions=["pymdownx.superfences", "custflow"],
        extension_configs={"pymdownx.superfences": custom,
                           "custflow": {"fence": "customer-journey"}},
    )
    html = md.convert(PAGE)
    assert '<pre class="their-journey"><code>their own format' in html
    assert 'id="journey-ours"' in html
