"""How playbook pages are written from templates: a ``page_templates`` folder replaces a
built-in page, and every value a template prints is escaped, never markup or a script link.
"""

from __future__ import annotations

import re

import pytest
from support.links import check_links
from support.pages import article, blocks, headings, items, read, rows
from support.playbook_sites import DOCS, custflow_plugin, write_catalog
from support.site import build_site

CUSTOM_STAGE = """\
# {{ stage.name }}

Our own stage page, owned by {{ stage.owner }}.

{% for use in stage.uses %}
- [{{ use.record.journey.title }}]({{ link(use.record.page, use.record.anchor) }})
{% endfor %}
"""


def test_page_templates_folder_replaces_the_built_in_stage_page(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = tmp_path_factory.mktemp("page-templates")
    write_catalog(root)
    (root / "my-pages").mkdir()
    (root / "my-pages" / "stage.md.j2").write_text(CUSTOM_STAGE, encoding="utf-8")
    config = {"plugins": [custflow_plugin(page_templates="my-pages")]}
    result = build_site(root, DOCS, config, plugins=None, strict=True).check()
    html = read(result, "playbook/stages/qualify")
    assert headings(html, "h1") == ["Qualify the lead"]
    assert "Our own stage page, owned by sales-manager." in [e.text for e in blocks(html)]
    assert headings(html, "h2") == []  # nothing of the built-in template
    assert [link for e in items(html) for link in e.links] == [
        ("Customer lifecycle", "../../../#journey-lifecycle"),
        ("Lead follow-up", "../../../sales/leads/#journey-lead-follow-up"),
    ]
    # The other pages keep the built-in templates.
    assert "Findings" in headings(read(result, "playbook"), "h2")
    assert headings(read(result, "playbook/roles/sales"), "h2")[0] == "Responsibilities"
    assert not check_links(result.site_dir)


def test_a_link_to_no_page_fails_a_strict_build(tmp_path_factory: pytest.TempPathFactory):
    """The pages' links are HTML that MkDocs does not check: the plugin checks each one
    against the site's pages and reports one that finds none, as MkDocs would."""
    root = tmp_path_factory.mktemp("broken-link")
    write_catalog(root)
    (root / "my-pages").mkdir()
    (root / "my-pages" / "stage.md.j2").write_text(
        "# {{ stage.name }}\n\n<p>{{ links.to('Old page', 'sales/old.md') }}</p>\n",
        encoding="utf-8",
    )
    config = {"plugins": [custflow_plugin(page_templates="my-pages")]}
    result = build_site(root, DOCS, config, plugins=None, strict=True)
    assert not result.ok
    assert ("the playbook page playbook/stages/qualify.md links to 'sales/old.md', which is "
            "not a page or file of this site") in result.log
    relaxed = build_site(root, DOCS, config, plugins=None).check()
    assert "Old page" in read(relaxed, "playbook/stages/qualify")  # shown, not linked
    assert 'href="../../../sales/old' not in read(relaxed, "playbook/stages/qualify")


EVIL_STAGE = "<script>alert(1)</script> [x](javascript:alert(1))"
EVIL_ROLE = '<img src=x onerror="alert(2)"> [y](javascript:alert(2))'
EVIL = f"""\
# Evil

```journey
id: evil
title: "Evil <b>journey</b>"
views: [flow, sequence, stages, raci]
actors:
  customer: {{name: Customer, kind: customer}}
  boss: {{name: '{EVIL_ROLE}', kind: role, team: '<i>Team</i>'}}
touchpoints:
  portal: {{name: "[Portal](javascript:alert(3))", channel: "<u>web</u>"}}
stages:
  - id: evil
    name: "{EVIL_STAGE}"
    owner: boss
    kpis: ["<script>alert(4)</script>"]
    sla: "[z](javascript:alert(5))"
    touchpoints: [portal]
    steps:
      - customer -> boss: "<script>alert(6)</script>"
```
"""


def test_values_printed_by_templates_are_escaped(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("escaping")
    result = build_site(root, {"index.md": EVIL}, strict=True).check()
    stage = read(result, "playbook/stages/evil")
    assert headings(stage, "h1") == [EVIL_STAGE]
    assert rows(stage)["Owner"].cells[1].links == [(EVIL_ROLE, "../../roles/boss/")]
    assert headings(read(result, "playbook/roles/boss"), "h1") == [EVIL_ROLE]
    assert headings(read(result, "playbook/touchpoints/portal"), "h1") == [
        "[Portal](javascript:alert(3))"
    ]
    overview = read(result, "playbook")
    assert (EVIL_STAGE, "stages/evil/") in [link for e in blocks(overview) for link in e.links]
    # Anywhere in any page (content, navigation, title), no value may become markup.
    injected = ("<script>alert", "<img src=x", "<b>journey", "<i>Team", "<u>web")
    found = []
    for page in sorted(result.site_dir.rglob("*.html")):  # 404.html too
        rel = page.relative_to(result.site_dir).as_posix()
        html = page.read_text("utf-8")
        for markup in injected:
            if markup in html:
                where = "content" if markup in article(html) else "navigation or head"
                found.append(f"{rel}: {markup!r} in the page's {where}")
        if "<script" in article(html):
            found.append(f"{rel}: <script in the page's content")
        if re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript:""", html, re.I):
            found.append(f"{rel}: a javascript: link")
    assert not found, "\n".join(found)
    problems = check_links(result.site_dir)
    assert not problems, "\n".join(problems)
