"""Untrusted text stays text, and no input crashes or floods the build.

Block text, catalog text and template ``with:`` values may come from anyone
who opens a pull request. Each case here is an attack that once got through
(or a variant of one), held to its safe result.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import time
from html import unescape
from pathlib import Path

import pytest
from support.pipeline import make_pipeline
from support.site import BuildResult

from mkdocs_custflow.pipeline import Pipeline, Settings
from mkdocs_custflow.playbook.export import raci_csv
from mkdocs_custflow.playbook.gather import build_playbook
from mkdocs_custflow.playbook.model import JourneyRecord
from mkdocs_custflow.reading.catalog import read_catalog
from mkdocs_custflow.reading.fences import find_journey_fences
from mkdocs_custflow.safe_text import description_html, url_problem

SNEAKY_URL = "https://example.com/form\n\n[Open](javascript:alert(1))"


def stage_with(extra: str) -> str:
    return f"id: j\ntitle: J\nstages:\n  - id: s\n    owner: sales\n{extra}"


# -- URLs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        SNEAKY_URL,
        "https://example.com/\tx",
        "https://example.com/\u2028x",
        "https://example.com/\x7fx",
        "/\\evil.example/x",
        "\\\\evil.example/x",
        "//evil.example/x",
        "javascript:alert(1)",
        " javascript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,x",
    ],
)
def test_a_url_breaking_the_rule_is_refused_everywhere(url: str, tmp_path: Path) -> None:
    assert url_problem(url) is not None
    quoted = '"' + url.encode("unicode_escape").decode().replace('"', '\\"') + '"'
    block = stage_with(f"    links:\n      - {{title: Form, url: {quoted}}}\n")
    result = make_pipeline().read_block(block, file="docs/a.md", line=3)
    assert not result.ok
    assert "link URL" in result.diagnostics[0].message
    assert result.diagnostics[0].line == 9
    catalog, findings = read_catalog(
        "stages:\n  - id: s\n    links:\n      - {title: Form, url: " + quoted + "}\n", "cat.yml"
    )
    assert [(d.line, "link URL" in d.message) for d in findings] == [(4, True)]
    assert catalog.stages["s"].links == []
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "intake.en.yaml").write_text(
        "name: intake\nparams: {form: {default: 'https://x.example'}}\njourney:\n"
        "  title: Intake\n  stages:\n    - id: s\n"
        "      links: [{title: Form, url: '{{ form }}'}]\n",
        encoding="utf-8",
    )
    used = make_pipeline(templates=[folder]).read_block(
        f"use: intake\nwith:\n  form: {quoted}\n", file="docs/b.md", line=1
    )
    assert not used.ok and "link URL" in used.diagnostics[0].message


@pytest.mark.parametrize(
    "url", ["https://example.com/a?b=c#d", "mailto:desk@example.com", "../forms/x.md", "x.md#a"]
)
def test_ordinary_urls_pass(url: str) -> None:
    assert url_problem(url) is None


# -- descriptions -------------------------------------------------------------------


def test_description_markup_is_the_plugins_own() -> None:
    html = description_html(
        "[Form](https://a.example){ onmouseover=alert(1) href=javascript:alert(1) } "
        "<img src=x onerror=alert(1)> [x](javascript:alert(1)) {++critic++}\n\n"
        '--8<-- "secret.txt"'
    )
    assert "onmouseover=" not in html.replace("onmouseover=alert", "")  # only as text
    assert "<img" not in html and 'href="javascript' not in html and "{" not in html
    assert '<a href="https://a.example">Form</a>' in html
    assert "\n" not in html  # one line: no line-based extension of the site sees it


def _attack_site() -> dict[str, str]:
    payload = (
        "[Form](https://a.example){ onmouseover=alert(1) } "
        '{: onclick="alert(2)" }'
    )
    return {
        "secret.txt": "TOP-SECRET-CONTENT",
        "catalog.yml": (
            f"actors:\n  sales: {{name: Sales, kind: role, description: '{payload}'}}\n"
            f"touchpoints:\n  web: {{name: Web, description: '{payload}'}}\n"
            "stages:\n  - id: s\n    owner: sales\n    touchpoints: [web]\n"
            f"    description: |\n      {payload}\n\n      --8<-- \"secret.txt\"\n"
        ),
        "index.md": "# Home\n\n```journey\nid: j\nstages: [s]\n```\n",
    }


def test_descriptions_ignore_the_sites_extensions(tmp_path: Path, build_site) -> None:
    docs = _attack_site()
    config = {
        "plugins": [{"custflow": {"catalog": "docs/catalog.yml"}}],
        "markdown_extensions": [
            "attr_list", "pymdownx.critic",
            {"pymdownx.snippets": {"base_path": [str(tmp_path / "docs")]}},
        ],
    }
    result: BuildResult = build_site(tmp_path, docs, config).check()
    pages = {
        path: (result.site_dir / path).read_text("utf-8")
        for path in ("playbook/stages/s/index.html", "playbook/roles/sales/index.html",
                     "playbook/touchpoints/web/index.html")
    }
    for path, html in pages.items():
        assert not re.search(r"<[^>]+\s(onmouseover|onclick)=", html), path
        assert "TOP-SECRET-CONTENT" not in html, path
        assert "onmouseover=alert(1)" in html, f"{path}: the text is shown as written"


# -- output limits -------------------------------------------------------------------


def test_aliases_cannot_blow_up_the_text() -> None:
    big = "x" * 150_000
    body = f"id: j\ntitle: &t '{big}'\nstages:\n" + "".join(
        f"  - {{id: s{i}, name: *t}}\n" for i in range(1000)
    )
    started = time.perf_counter()
    result = make_pipeline().read_block(body, file="docs/a.md", line=10)
    assert time.perf_counter() - started < 5  # refused early, not after 150 MB
    assert not result.ok
    assert "more than 1000000 characters" in result.diagnostics[0].message
    assert "'max_expanded_chars'" in result.diagnostics[0].message


def test_a_template_value_cannot_blow_up_the_text(tmp_path: Path) -> None:
    (tmp_path / "wide.en.yaml").write_text(
        "name: wide\nparams: {v: {default: x}}\njourney:\n  title: W\n  stages:\n"
        + "".join(f"    - {{id: s{i}, name: '{{{{ v }}}}'}}\n" for i in range(100)),
        encoding="utf-8",
    )
    result = make_pipeline(templates=[tmp_path]).read_block(
        f"use: wide\nwith:\n  v: '{'y' * 20_000}'\n", file="docs/a.md", line=5
    )
    assert not result.ok
    [error] = result.diagnostics
    assert error.line == 5 and "expands to" in error.message
    assert "'max_expanded_chars'" in error.message


def test_too_many_playbook_pages_is_a_located_error(tmp_path: Path, build_site) -> None:
    stages = "".join(f"  - id: s{i}\n" for i in range(60))
    docs = {
        "index.md": "# Home\n",
        "a.md": "# A\n\n```journey\nid: small\nstages: [one, two]\n```\n",
        "b.md": f"# B\n\n```journey\nid: huge\nstages:\n{stages}```\n",
    }
    config = {"plugins": [{"custflow": {"max_playbook_pages": 40}}]}
    result = build_site(tmp_path, docs, config).check(errors=True)
    assert (result.site_dir / "a" / "index.html").is_file()  # the pages, without a playbook
    assert re.search(
        r"docs/b\.md:4: the playbook would add 64 pages, over the limit of 40 .*"
        r"raise the 'max_playbook_pages' option", result.log
    ), result.log
    assert not (result.site_dir / "playbook").exists()
    assert build_site(tmp_path, docs, config, strict=True).returncode != 0


# -- located errors instead of tracebacks ------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ("{{ 1 / (n | int) }}", "ZeroDivisionError"),
        ("{{ n[5] }}", "has no element 5"),
        ("{{ {'a': 1}[n] }}", "has no attribute"),
        ("{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}", "RecursionError"),
    ],
)
def test_a_raising_template_expression_is_a_located_error(
    tmp_path: Path, expression: str, reason: str
) -> None:
    (tmp_path / "calc.en.yaml").write_text(
        f"name: calc\nparams: {{n: {{default: '0'}}}}\njourney:\n  title: C\n  stages:\n"
        f"    - id: s\n      name: \"{expression}\"\n",
        encoding="utf-8",
    )
    result = make_pipeline(templates=[tmp_path]).read_block(
        "use: calc\nwith:\n  n: '0'\n", file="docs/a.md", line=1
    )
    assert not result.ok
    message = str(result.diagnostics[0])
    assert "template error:" in message and "calc.en.yaml:7" in message, message
    assert reason in message


def test_files_that_are_not_utf8_are_named_with_the_offset(tmp_path: Path) -> None:
    (tmp_path / "bad.en.yaml").write_bytes(b"name: bad\ntitle: caf\xe9\n")
    result = make_pipeline(templates=[tmp_path]).read_block("use: bad\n", file="a.md", line=1)
    assert "not UTF-8: byte 0xe9 at offset 20 (line 2)" in result.diagnostics[0].message
    (tmp_path / "catalog.yml").write_bytes(b"\xef\xbb\xbfactors: {}\n# \xff\n")
    pipeline = Pipeline(Settings(catalog=str(tmp_path / "catalog.yml"), base=str(tmp_path)))
    assert [f.message for f in pipeline.catalog_errors] == [
        "the catalog file is not UTF-8: byte 0xff at offset 16 (line 2); save the file as "
        "UTF-8; check the 'catalog' option"
    ]


def test_cli_reports_a_page_that_is_not_utf8(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ok.md").write_text("# OK\n", encoding="utf-8")
    (docs / "bad.md").write_bytes(b"# Bad\n\xff\n")
    for command in (["validate", "docs"], ["export", "docs"], ["render", "docs/bad.md"]):
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs_custflow.cli", *command],
            cwd=tmp_path, capture_output=True, text=True, check=False,
        )
        assert result.returncode == 1, command
        assert "Traceback" not in result.stderr
        assert "docs/bad.md" in result.stdout + result.stderr
        assert "not UTF-8: byte 0xff at offset 6 (line 2)" in result.stdout + result.stderr


def test_build_reports_a_page_that_is_not_utf8(tmp_path: Path, build_site) -> None:
    result = build_site(tmp_path, {"index.md": "# Home\n", "bad.md": b"# Bad\n\xff\n"})
    assert "Traceback" not in result.log
    assert result.returncode == 1
    assert "docs/bad.md: this page is not UTF-8: byte 0xff at offset 6 (line 2)" in result.log


def test_a_long_id_is_refused_before_it_names_a_file() -> None:
    long_id = "s" * 300
    result = make_pipeline().read_block(f"id: j\nstages:\n  - id: {long_id}\n", file="a.md")
    assert not result.ok
    assert "(300 characters, over the limit of 100)" in result.diagnostics[0].message
    chinese = "阶" * 101
    result = make_pipeline().read_block(f"id: {chinese}\nstages: [a]\n", file="a.md")
    assert not result.ok and "over the limit of 100" in result.diagnostics[0].message
    titled = make_pipeline().read_block(f"title: {'长' * 200}\nstages: [a]\n", file="a.md")
    assert titled.ok and len(titled.journey.id) == 100  # a slug is cut to fit


def test_an_id_with_a_trailing_newline_is_refused() -> None:
    result = make_pipeline().read_block('id: "abc\\n"\nstages: [a]\n', file="a.md")
    assert not result.ok and "not a valid id" in result.diagnostics[0].message


# -- a user's page is never replaced in silence ---------------------------------------


@pytest.mark.parametrize(
    ("user_file", "address"),
    [
        ("playbook.md", "playbook/index.html"),
        ("playbook/index.md", "playbook/index.html"),
        ("playbook/stages/s.md", "playbook/stages/s/index.html"),
        ("playbook/playbook.json", "playbook/playbook.json"),
    ],
)
def test_a_user_file_at_a_generated_address_is_kept_with_an_error(
    tmp_path: Path, build_site, user_file: str, address: str
) -> None:
    docs = {
        "index.md": "# Home\n\n```journey\nid: j\nstages: [s]\n```\n",
        user_file: "# Mine\n" if user_file.endswith(".md") else '{"mine": true}',
    }
    result = build_site(tmp_path, docs)
    assert re.search(rf"ERROR\s+-\s+custflow: docs/{re.escape(user_file)}: "
                     rf"this file makes {re.escape(address)}, where ",
                     result.log), result.log
    kept = (result.site_dir / address).read_text("utf-8")
    assert "Mine" in kept or '"mine"' in kept
    assert build_site(tmp_path, docs, strict=True).returncode != 0


# -- CSV ---------------------------------------------------------------------------------


def test_csv_cells_never_start_a_formula() -> None:
    body = (
        "id: j\nactors:\n  x: {name: '=HYPERLINK(\"http://evil\")', kind: role}\n"
        "stages:\n  - {id: s, name: '+1+2', owner: x}\n  - {id: t, name: '@SUM(A1)', owner: x}\n"
        "  - {id: u, name: '-3', owner: x}\n"
    )
    result = make_pipeline().read_block(body, file="a.md")
    assert result.ok, result.diagnostics
    record = JourneyRecord(result.journey, "a.md", "journey-j", body)
    playbook, _ = build_playbook([record], make_pipeline().catalog)
    rows = list(csv.reader(io.StringIO(raci_csv(playbook))))
    assert rows[0] == ["stage", "stage_name", "'=HYPERLINK(\"http://evil\") (x)"]
    assert [row[1] for row in rows[1:]] == ["'+1+2", "'@SUM(A1)", "'-3"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


# -- smaller cases ------------------------------------------------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unusual_line_breaks_in_quoted_text_keep_later_lines(separator: str) -> None:
    body = (f'id: j\ntitle: "a{separator}b"\nactors: {{sales: {{name: S}}}}\n'
            "stages:\n  - id: s\n    owner: nobody\n")
    result = make_pipeline().read_block(body, file="a.md", line=10)
    [error] = result.diagnostics
    assert error.line == 15 and "unknown actor 'nobody'" in error.message


def test_fences_in_comments_and_indented_code_are_no_journeys() -> None:
    text = (
        "# Page\n\n<!--\n```journey\nid: hidden\nstages: [a]\n```\n-->\n\n"
        "Text.\n\n    ```journey\n    id: code\n    stages: [a]\n    ```\n\n"
        "<!-- ```journey --> after\n\n"
        "- item\n\n    ```journey\n    id: listed\n    stages: [a]\n    ```\n"
    )
    fences = find_journey_fences(text.split("\n"))
    assert [fence.body.split("\n")[0] for fence in fences] == ["id: listed"]


def test_hidden_fences_stay_out_of_the_playbook(tmp_path: Path, build_site) -> None:
    page = "# Home\n\n<!--\n```journey\nid: hidden\nstages: [ghost]\n```\n-->\n"
    result = build_site(tmp_path, {"index.md": page}).check()
    data = (result.site_dir / "playbook" / "playbook.json").read_text("utf-8")
    assert '"hidden"' not in data and "ghost" not in data
    assert not (result.site_dir / "playbook" / "stages" / "ghost").exists()


def test_names_with_ampersand_and_comma_stay_whole_in_the_journey_view(mermaid_parser) -> None:
    body = (
        "id: j\ntitle: 'R&D, Sales: #1'\nviews: [journey, flow]\n"
        "actors:\n  c: {name: 'Smith & Sons, Ltd.', kind: customer}\n"
        "  d: {name: 'R&D', kind: role}\n"
        "stages:\n  - id: s\n    owner: d\n    steps:\n"
        "      - {from: c, to: d, say: Hi, score: 3}\n"
    )
    result = make_pipeline().read_block(body, file="a.md")
    html = make_pipeline().render(result)
    people = re.findall(r'<span class="custflow-person"[^>]*>(.*?)</span>', html)
    assert people == ["Smith &amp; Sons, Ltd.", "R&amp;D"]
    source = unescape(html.split("<code>")[1].split("</code>")[0])
    # ASCII punctuation stays as written on an English page (issue 25).
    assert "accTitle: R&D, Sales: #1: flowchart of the stages" in source
    assert mermaid_parser.parse(source).ok


# -- found by review: what the first rule let through -------------------------------------


@pytest.mark.parametrize(
    "url", ["&#106;avascript:alert(1)", "javascript&colon;alert(2)",
            "&#x6A;avascript://%0aalert(4)", "&#x2F;&#x2F;evil.example/x"],
)
def test_character_references_cannot_hide_a_scheme(url: str) -> None:
    assert url_problem(url) is not None
    html = description_html(f"[Open]({url})")
    assert "href" not in html and "Open" in html
    result = make_pipeline().read_block(
        stage_with(f"    links:\n      - {{title: Form, url: '{url}'}}\n"), file="a.md")
    assert not result.ok and "link URL" in result.diagnostics[0].message


def test_character_references_reach_no_built_page(tmp_path: Path, build_site) -> None:
    docs = {
        "index.md": "# Home\n\n```journey\nid: j\n"
                    "description: '[a](&#106;avascript:alert(1)) [b](javascript&colon;alert(2))'\n"
                    "stages: [s]\n```\n",
        "catalog.yml": "stages:\n  - id: s\n    description: '[c](&#x6A;avascript:alert(3))'\n",
    }
    config = {"plugins": [{"custflow": {"catalog": "docs/catalog.yml"}}]}
    site = build_site(tmp_path, docs, config).check().site_dir
    for page in ("index.html", "playbook/stages/s/index.html"):
        html = (site / page).read_text("utf-8")
        assert not re.search(r'href="[^"]*(?:&#|&colon|javascript)', html, re.I), page


def test_deep_nesting_is_refused_before_it_can_crash_the_process() -> None:
    for body in ("a: " + "[" * 30_000, "a: " + "{b: " * 20_000):
        started = time.perf_counter()
        result = make_pipeline().read_block(body, file="docs/a.md", line=4)
        assert time.perf_counter() - started < 2
        assert [str(d) for d in result.diagnostics] == [
            "docs/a.md:4: YAML nested deeper than 40 levels; a journey never needs that"
        ]


def test_comment_marks_inside_text_hide_no_journey() -> None:
    text = ("Start a comment with `<!--`, or write a <!-- in a sentence.\n\n"
            "```journey\nid: seen\nstages: [a]\n```\n")
    assert [f.body.split("\n")[0] for f in find_journey_fences(text.split("\n"))] == ["id: seen"]


def test_catalog_names_are_checked_where_the_catalog_cannot_check_them() -> None:
    catalog, findings = read_catalog(
        "stages:\n  - {id: pay, owner: cashier, responsible: [clerk]}\n", "cat.yml")
    assert findings == []
    body = "id: j\nactors:\n  sales: {name: Sales}\nstages:\n  - pay\n"
    result = make_pipeline(catalog=catalog).read_block(body, file="a.md", line=1)
    assert [d.message.split(";")[0] for d in result.diagnostics] == [
        "unknown actor 'cashier' in 'owner' of stage 'pay'",
        "unknown actor 'clerk' in 'responsible' of stage 'pay'",
    ]


def test_a_broken_page_template_is_a_located_error(tmp_path: Path, build_site) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "stage.md.j2").write_text("# {{ stage.name }}\n\n{{ stage.nme.x }}\n")
    docs = {"index.md": "# Home\n\n```journey\nid: j\nstages: [s]\n```\n"}
    config = {"plugins": [{"custflow": {"page_templates": "pages"}}]}
    result = build_site(tmp_path, docs, config)
    assert result.returncode == 1 and "Traceback" not in result.log
    assert re.search(r"custflow: the playbook page template \S*pages/stage\.md\.j2:3: ", result.log)
