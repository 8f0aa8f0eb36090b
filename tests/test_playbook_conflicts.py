"""What goes wrong between pages, and what the build says about it.

A page the user wrote at a generated page's path is kept (with an error naming both), and two
journeys that define one stage differently get a warning naming both places (strict fails).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.links import check_links
from support.pages import blocks, headings, line_of, nav, read
from support.site import BuildResult, build_site

from mkdocs_custflow.pipeline import Pipeline, Settings, SiteReading, SourcePage

CONFLICT_A = """\
# A

```journey
id: online-order
title: Online order
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role}
  ops: {name: Fulfilment, kind: role}
stages:
  - id: browse
    owner: sales
    steps:
      - customer -> sales: Browse
  - id: pay
    name: Pay
    owner: sales
    steps:
      - customer -> sales: Pay online
```
"""

CONFLICT_B = """\
# B

Some text first.

```journey
id: shop-order
title: Shop order
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role}
  ops: {name: Fulfilment, kind: role}
stages:
  - id: pay
    name: Payment at the till
    owner: ops
    steps:
      - customer -> ops: Pay at the till
```
"""

USER_PAGE = "# Paying, the way we do it\n\nWritten by hand.\n"


@pytest.fixture(scope="module")
def warned(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    docs = {
        "index.md": "# Home\n",
        "a.md": CONFLICT_A,
        "shop/b.md": CONFLICT_B,
        "playbook/stages/pay.md": USER_PAGE,
    }
    # The user's page in a playbook page's place is an error: the build fails on it,
    # after writing every page.
    return build_site(tmp_path_factory.mktemp("warned"), docs).check(errors=True)


def test_user_page_at_a_generated_path_is_kept_with_an_error(warned: BuildResult) -> None:
    html = read(warned, "playbook/stages/pay")
    assert headings(html, "h1") == ["Paying, the way we do it"]
    assert "Written by hand." in html
    assert "Journeys" not in headings(html, "h2")
    assert re.search(
        r"ERROR.*docs/playbook/stages/pay\.md: this file makes "
        r"playbook/stages/pay/index\.html, where "
        r"the playbook page for stage 'pay' \(playbook/stages/pay\.md\) would go; your file "
        r"is kept",
        warned.log,
    ), warned.log
    # Links to the stage now lead to the user's page, and nothing is broken.
    overview = read(warned, "playbook")
    assert ("Pay", "stages/pay/") in [link for e in blocks(overview) for link in e.links]
    assert not check_links(warned.site_dir)
    titles = [t for _d, t, _h in nav(overview)]
    assert titles.count("Paying, the way we do it") == 1, titles


def test_conflicting_stage_definitions_warn_naming_both_places(warned: BuildResult) -> None:
    a_line = line_of(CONFLICT_A, "- id: pay")
    b_line = line_of(CONFLICT_B, "- id: pay")
    here, there = f"docs/shop/b.md:{b_line}", f"docs/a.md:{a_line}"
    warnings = [line for line in warned.log.splitlines() if "stage 'pay'" in line
                and "playbook page" not in line]
    name = [w for w in warnings if "Payment at the till" in w]
    owner = [w for w in warnings if "owner 'ops'" in w]
    assert len(name) == 1 and here in name[0] and there in name[0], warnings
    assert "'Pay'" in name[0]
    assert len(owner) == 1 and here in owner[0] and there in owner[0], warnings
    assert "'sales'" in owner[0]
    strict = build_site(warned.config_file.parent / "strict", {
        "a.md": CONFLICT_A, "shop/b.md": CONFLICT_B}, strict=True)
    assert not strict.ok, "conflicting stages must fail a strict build"


# -- a new page cannot quietly rewrite a shared stage ------------------------------------------
CANONICAL = """\
# Pay

```journey
id: checkout
actors:
  customer: {name: Customer, kind: customer}
  payments: {name: Payments team, kind: role}
stages:
  - id: pay
    name: Pay
    owner: payments
    description: Pay by card on our checkout.
    responsible: [payments]
    touchpoints: [web-shop]
    kpis: [Payments that succeed >= 98%]
    links:
      - {title: Payment form, url: "https://pay.example.com/form"}
```
"""
NEWCOMER = """\
# Pull request

```journey
id: pr-journey
actors:
  customer: {name: Customer, kind: customer}
  payments: {name: Payments team, kind: role}
  interns: {name: Interns, kind: role}
stages:
  - id: pay
    name: Pay
    owner: payments
    description: Pay by bank transfer to the account in the form.
    responsible: [interns]
    touchpoints: [hotline]
    kpis: [Transfers made >= 50%]
    links:
      - {title: Payment form, url: "https://evil.example/form"}
```
"""


def _read_site(
    pages: dict[str, str], catalog: str | None = None, tmp_path: Path | None = None
) -> SiteReading:
    """The site of ``pages`` (docs paths), read as the build reads it."""
    settings = Settings(playbook=True)
    if catalog is not None and tmp_path is not None:
        (tmp_path / "catalog.yml").write_text(catalog, "utf-8")
        settings = Settings(playbook=True, catalog=str(tmp_path / "catalog.yml"),
                            base=str(tmp_path))
    pipeline = Pipeline(settings)
    return pipeline.read_site([SourcePage(p, t, f"docs/{p}") for p, t in sorted(pages.items())])


def test_a_new_page_redefining_a_shared_stage_is_reported_field_by_field() -> None:
    reading = _read_site({"pay.md": CANONICAL, "aa-pr.md": NEWCOMER})
    conflicts = [f for f in reading.findings if f.rule == "stage-conflict"]
    fields = {re.match(r"stage 'pay' has (\w+) ", f.message).group(1)  # type: ignore[union-attr]
              for f in conflicts}
    assert fields == {"description", "kpis", "links", "touchpoints", "responsible"}
    assert all(f.file == "docs/pay.md" and "at docs/aa-pr.md:" in f.message for f in conflicts)
    links = next(f for f in conflicts if "has links" in f.message)
    assert "https://pay.example.com/form" in links.message
    assert "https://evil.example/form" in links.message
    assert "which decides what the stage's page says" in links.message
    # The rule is the documented one: the first page in path order decides.
    assert reading.playbook.stages["pay"].description.startswith("Pay by bank transfer")


def test_the_catalog_decides_a_shared_stage_and_a_page_that_differs_is_reported(
    tmp_path: Path
) -> None:
    catalog = ("actors:\n  payments: {name: Payments team, kind: role}\n"
               "  customer: {name: Customer, kind: customer}\n"
               "stages:\n  - id: pay\n    name: Pay\n    owner: payments\n"
               "    description: Pay by card on our checkout.\n"
               "    links:\n      - {title: Payment form, url: 'https://pay.example.com/form'}\n")
    reading = _read_site({"aa-pr.md": NEWCOMER}, catalog, tmp_path)
    stage = reading.playbook.stages["pay"]
    assert stage.description == "Pay by card on our checkout."
    assert [link.url for link in stage.links] == ["https://pay.example.com/form"]
    conflicts = [f for f in reading.findings if f.rule == "stage-conflict"]
    assert {f.file for f in conflicts} == {"docs/aa-pr.md"}
    assert any("has description" in f.message and "catalog.yml" in f.message
               for f in conflicts)


def test_agreeing_definitions_of_a_shared_stage_are_no_conflict() -> None:
    same = NEWCOMER.replace("id: pr-journey", "id: again")
    reading = _read_site({"a.md": NEWCOMER, "b.md": same})
    assert [f for f in reading.findings if f.rule == "stage-conflict"] == []


def test_a_second_page_claiming_a_journey_as_its_detail_is_reported() -> None:
    visit = "```journey\nid: on-site-visit\nstages:\n  - {id: diagnose, owner: engineer}\n```\n"
    repair = "```journey\nid: repair\nstages:\n  - {id: visit, owner: engineer, " \
             "detail: on-site-visit}\n```\n"
    claim = "```journey\nid: pr-claim\nstages:\n  - {id: upsell, owner: sales, " \
            "detail: on-site-visit}\n```\n"
    alone = _read_site({"repair.md": repair, "visit.md": visit})
    assert [f for f in alone.findings if f.rule == "detail-parents"] == []
    reading = _read_site({"repair.md": repair, "visit.md": visit, "zz-pr.md": claim})
    [finding] = [f for f in reading.findings if f.rule == "detail-parents"]
    assert (finding.file, finding.line) == ("docs/zz-pr.md", 4)
    assert ("'detail' of stage 'upsell' names journey 'on-site-visit', which stage 'visit' "
            "of journey 'repair' (docs/repair.md:4) already draws in detail") in finding.message
    assert [j.id for j, _ in reading.parents["on-site-visit"]] == ["repair", "pr-claim"]
