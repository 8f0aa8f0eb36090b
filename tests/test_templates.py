"""The template library: expansion, merging, extends, folders, locales, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from format_examples import format_examples
from support.pipeline import make_pipeline

from mkdocs_custflow.renderers.html import render_diagrams
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.renderers.satisfaction import render_satisfaction
from mkdocs_custflow.templates import TemplateLibrary

BUILTIN = [
    "lifecycle", "ecommerce-lifecycle", "b2b-lifecycle", "lead-follow-up",
    "first-purchase", "after-sales-repair", "b2b-service", "complaint-handling",
]


def read(body: str, *, locale: str = "en", folders: list[Path] | None = None):
    expander = make_pipeline(locale=locale, templates=folders or [])
    return expander.read_block(body, file="docs/page.md", line=10)


def messages(result) -> list[str]:
    return [str(d) for d in result.diagnostics]


def test_the_library_has_every_builtin_in_both_locales() -> None:
    library = TemplateLibrary()
    assert library.names() == sorted(BUILTIN)
    for name in BUILTIN:
        assert library.locales(name) == ["en", "zh"], name


@pytest.mark.parametrize("locale", ["en", "zh"])
@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_template_expands_cleanly_and_parses(name, locale, mermaid_parser) -> None:
    result = read(f"use: {name}", locale=locale)
    assert result.ok and not result.diagnostics, messages(result)
    journey = result.journey
    assert journey.template == name
    assert any(stage.decisions for stage in journey.stages) or name.endswith("lifecycle")
    diagrams = render_diagrams(journey, RenderOptions(locale=locale))
    assert set(diagrams) == {"flow", "sequence"}, (name, set(diagrams))
    assert "journey" in journey.views and render_satisfaction(journey)  # an HTML table
    for view, source in diagrams.items():
        parsed = mermaid_parser.parse(source)
        assert parsed.ok, (name, locale, view, parsed.error)


def test_every_builtin_diagram_renders_in_chromium(browser_session) -> None:
    sources = []
    for name in BUILTIN:
        for locale in ("en", "zh"):
            journey = read(f"use: {name}", locale=locale).journey
            sources.extend(
                (f"{name}/{locale}/{view}", source)
                for view, source in render_diagrams(journey, RenderOptions(locale)).items()
            )
    results = browser_session.render_diagrams([source for _, source in sources])
    bad = [f"{label}: {r.error or r.console_errors}" for (label, _), r in
           zip(sources, results, strict=True) if not r.clean]
    assert not bad, "\n".join(bad)


def test_lifecycle_templates_share_stage_ids() -> None:
    ids = {
        name: [s.id for s in read(f"use: {name}").journey.stages]
        for name in ("lifecycle", "ecommerce-lifecycle", "b2b-lifecycle")
    }
    for stages in ids.values():
        assert stages == ["prospect", "interested", "customer", "loyal", "churned"]


def test_template_example_works_in_both_locales() -> None:
    [(_, body)] = [(n, b) for n, b in format_examples() if "use:" in b]
    for locale, word in (("en", "report"), ("zh", "报修")):
        result = read(body, locale=locale)
        assert result.ok and not result.diagnostics, messages(result)
        journey = result.journey
        assert journey.title == "家电报修流程" and journey.id == "家电报修流程"
        text = repr(journey)
        assert "华东电子" in text and word in text.lower()


def test_with_values_and_an_extra_stage_in_place() -> None:
    result = read(
        "use: after-sales-repair\n"
        "with: {company: ACME Appliances}\n"
        "stages:\n"
        "  - id: survey\n"
        "    name: Satisfaction survey\n"
        "    owner: service\n"
        "    after: accept\n"
        "    steps:\n"
        "      - service -> customer: Send the survey\n"
    )
    assert result.ok and not result.diagnostics, messages(result)
    journey = result.journey
    assert "ACME Appliances" in journey.title
    ids = [s.id for s in journey.stages]
    assert ids[ids.index("accept") + 1] == "survey"
    assert journey.stage("survey").name == "Satisfaction survey"


def test_merge_rules_replace_append_remove_and_actor_merge() -> None:
    result = read(
        "use: after-sales-repair\n"
        "title: Our repair\n"
        "views: [flow]\n"
        "actors:\n"
        "  engineer: {name: Field technician}\n"
        "stages:\n"
        "  - id: report\n"
        "    sla: 30 min\n"
        "  - id: closing-call\n"
        "    name: Closing call\n"
        "    owner: service\n"
    )
    assert result.ok, messages(result)
    journey = result.journey
    assert journey.title == "Our repair" and journey.views == ["flow"]
    engineer = journey.actors["engineer"]
    assert engineer.name == "Field technician" and engineer.team  # team kept from template
    report = journey.stage("report")
    assert report.sla == "30 min" and report.steps  # one field replaced, the rest kept
    assert journey.stages[-1].id == "closing-call"

    removed = read("use: after-sales-repair\nstages:\n  - {id: record, remove: true}\n")
    assert "record" not in [s.id for s in removed.journey.stages]


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


BASE = """name: base
title: Base
params:
  company: {default: Us, description: Company}
journey:
  title: "{{ company }} base"
  actors:
    a: {name: A}
  stages:
    - {id: one, owner: a}
    - {id: two, owner: a}
"""


def test_user_folder_wins_and_extends_chains(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    _write(folder, "base.en.yaml", BASE)
    _write(folder, "child.en.yaml", (
        "name: child\ntitle: Child\nextends: base\n"
        "params:\n  extra: {default: X, description: more}\n"
        "journey:\n  stages:\n    - {id: three, name: '{{ extra }} {{ company }}', owner: a}\n"
    ))
    _write(folder, "first-purchase.en.yaml", BASE.replace("name: base", "name: first-purchase"))
    result = read("use: child\nwith: {company: ACME}", folders=[folder])
    assert result.ok, messages(result)
    assert [s.id for s in result.journey.stages] == ["one", "two", "three"]
    assert result.journey.stage("three").name == "X ACME"
    assert result.journey.title == "ACME base"
    own = read("use: first-purchase", folders=[folder])
    assert [s.id for s in own.journey.stages] == ["one", "two"]  # the site's template won


def test_locale_fallback_to_english(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    _write(folder, "base.en.yaml", BASE)
    result = read("use: base", locale="zh", folders=[folder])
    assert result.ok and result.journey.title == "Us base"
    assert read("use: first-purchase", locale="zh").journey.title != read(
        "use: first-purchase", locale="en").journey.title


def test_extends_cycle_names_the_chain(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    _write(folder, "a.en.yaml", "name: a\nextends: b\njourney: {stages: [x]}\n")
    _write(folder, "b.en.yaml", "name: b\nextends: a\njourney: {stages: [x]}\n")
    result = read("use: a", folders=[folder])
    assert not result.ok
    [message] = messages(result)
    assert "'extends' cycle: a -> b -> a" in message and "b.en.yaml:2" in message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("use: after-sales-repiar", "docs/page.md:10: unknown template 'after-sales-repiar' "
         "(did you mean 'after-sales-repair'?)"),
        ("use: ../../etc/passwd", "is not a template name"),
        ("use: /etc/passwd", "is not a template name"),
        ("use: after-sales-repair\nwith:\n  compnay: X",
         "docs/page.md:12: template 'after-sales-repair' has no parameter 'compnay' "
         "(did you mean 'company'?)"),
        ("use: after-sales-repair\nstages:\n  - {id: x, after: nope}", "'after: nope': no such"),
        ("use: after-sales-repair\nstages:\n  - {id: nope, remove: true}",
         "cannot remove stage 'nope'"),
        ("use: [a]", "'use' must name a template"),
    ],
)
def test_template_errors(body: str, expected: str) -> None:
    result = read(body)
    assert not result.ok
    assert any(expected in m for m in messages(result)), messages(result)


def test_missing_parameter_names_it(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    _write(folder, "need.en.yaml", "name: need\nparams:\n  company: {description: Who}\n"
           "journey: {title: '{{ company }}', stages: [x]}\n")
    [message] = messages(read("use: need", folders=[folder]))
    assert "needs a value for 'company' (Who); add it under 'with:'" in message


@pytest.mark.parametrize(
    ("string", "expected"),
    [
        ("{{ ''.__class__.__mro__ }}", "template error"),
        ("{{ cycler.__init__.__globals__ }}", "template error"),
        ("{% include '/etc/passwd' %}", "template error"),
        ("{% import 'os' as os %}", "template error"),
        ("{{ undefined_param }}", "'undefined_param' is undefined"),
        ("{{ company ", "template syntax error"),
    ],
)
def test_sandbox_refuses_escapes(tmp_path: Path, string: str, expected: str) -> None:
    folder = tmp_path / "t"
    _write(folder, "evil.en.yaml", BASE.replace('"{{ company }} base"', repr(string)))
    result = read("use: evil", folders=[folder])
    assert not result.ok
    [message] = messages(result)
    assert expected in message and "evil.en.yaml:6" in message, message
    assert "root:" not in message  # nothing of /etc/passwd


def test_template_yaml_error_is_reported_at_the_template_file(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    _write(folder, "bad.en.yaml", "name: bad\njourney:\n  title: [x\n")
    [message] = messages(read("use: bad", folders=[folder]))
    assert message.startswith("docs/page.md:10: template YAML syntax error")
    assert "bad.en.yaml:" in message


def test_symlink_out_of_the_folder_is_ignored(tmp_path: Path) -> None:
    outside = tmp_path / "outside.en.yaml"
    outside.write_text(BASE, encoding="utf-8")
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "sneaky.en.yaml").symlink_to(outside)
    assert "sneaky" not in TemplateLibrary([folder]).names()


REPAIR_WITH_EXTRA_STAGE = """# Repair

```journey
use: after-sales-repair
with:
  company: 华东电子
stages:
  - id: survey
    name: {survey}
    owner: service
    after: accept
    steps:
      - service -> customer: {ask}
```
"""


@pytest.mark.parametrize(
    ("language", "survey", "ask", "expected"),
    [
        ("en", "Satisfaction survey", "Send the survey", "Customer acceptance"),
        ("zh", "满意度调查", "发送满意度问卷", "客户验收"),
    ],
)
def test_a_site_uses_the_template_in_its_language(
    tmp_path: Path, build_site, browser_session, language, survey, ask, expected
) -> None:
    page = REPAIR_WITH_EXTRA_STAGE.format(survey=survey, ask=ask)
    config = {"theme": {"language": language}}
    result = build_site(tmp_path, {"index.md": page}, config, strict=True).check()
    html = (result.site_dir / "index.html").read_text(encoding="utf-8")
    assert "华东电子" in html and survey in html and expected in html
    stage_page = result.site_dir / "playbook" / "stages" / "survey" / "index.html"
    assert survey in stage_page.read_text(encoding="utf-8")
    [report] = browser_session.check_site(result.site_dir, ["index.html"])
    assert report.ok and report.rendered == report.expected >= 3, report.summary()
    svg = " ".join(report.svg_texts)
    assert survey in svg and ask in svg and "华东电子" in svg
