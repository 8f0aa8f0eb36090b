"""Names a block uses (actors, stages, touchpoints), the catalog, and the warnings.

Every block is read with ``line=10``: body line ``k`` (0-based) is line ``10 + k`` of
``docs/x.md``.
"""

from __future__ import annotations

import pytest
from support.pipeline import make_pipeline

from mkdocs_custflow.checks.catalog import check_catalog
from mkdocs_custflow.diagnostics import Severity
from mkdocs_custflow.reading.catalog import load_catalog, read_catalog
from mkdocs_custflow.structure import Catalog

FILE = "docs/x.md"
BASE = 10

ACTORS = """\
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales, kind: role}
  ops: {name: Operations, kind: role}
"""
# Body lines 0-5 are fixed by HEAD; the first stage starts on body line 6.
HEAD = f"title: T\n{ACTORS}stages:\n"

CATALOG = """\
actors:
  customer: {name: Client, kind: customer}
  sales: {name: Sales rep, kind: role, team: Sales, description: Sells things}
  support: {name: Support desk, kind: role, team: Service}
touchpoints:
  website: {name: Website, channel: marketing}
  hotline: Hotline
stages:
  - id: pay
    name: Pay
    description: The customer pays.
    owner: sales
    kpis: [Checkout conversion >= 3%]
    sla: 2h
"""


def catalog(text: str = CATALOG) -> Catalog:
    found, findings = read_catalog(text, "catalog.yml")
    assert findings == [], [str(d) for d in findings]
    return found


def read(body: str, cat: Catalog | None = None):
    expander = make_pipeline(catalog=cat) if cat is not None else make_pipeline()
    return expander.read_block(body, file=FILE, line=BASE)


def errors(result) -> list[str]:
    assert not result.ok
    assert all(d.is_error for d in result.diagnostics)
    return [str(d) for d in result.diagnostics]


def clean(body: str, cat: Catalog | None = None):
    result = read(body, cat)
    assert result.diagnostics == [], [str(d) for d in result.diagnostics]
    return result.journey


# -- unknown actors ---------------------------------------------------------------------------


def test_unknown_owner_with_suggestion():
    assert errors(read(HEAD + "  - id: a\n    owner: salse\n")) == [
        f"{FILE}:{BASE + 7}: unknown actor 'salse' in 'owner' of stage 'a' (did you mean 'sales'?)"
    ]


def test_unknown_actor_in_step_with_suggestion():
    body = (
        HEAD
        + "  - id: a\n    steps:\n      - customer -> sales: Hi\n      - salse --> customer: Yo\n"
    )
    assert errors(read(body)) == [
        f"{FILE}:{BASE + 9}: unknown actor 'salse' in a step (did you mean 'sales'?)"
    ]


def test_unknown_receiver_in_long_form_step():
    body = HEAD + "  - id: a\n    steps:\n      - {from: customer, to: salse, say: Hi}\n"
    assert errors(read(body)) == [
        f"{FILE}:{BASE + 8}: unknown actor 'salse' in a step (did you mean 'sales'?)"
    ]


@pytest.mark.parametrize("role", ["responsible", "consulted", "informed"])
def test_unknown_actor_in_raci_lists(role):
    body = HEAD + f"  - id: a\n    owner: sales\n    {role}: [ops, salse]\n"
    assert errors(read(body)) == [
        f"{FILE}:{BASE + 8}: unknown actor 'salse' in '{role}' of stage 'a' "
        "(did you mean 'sales'?)"
    ]


def test_unknown_actor_without_close_match_lists_known_ones():
    assert errors(read(HEAD + "  - id: a\n    owner: zz\n")) == [
        f"{FILE}:{BASE + 7}: unknown actor 'zz' in 'owner' of stage 'a'; "
        "known: customer, ops, sales"
    ]


def test_actors_are_implicit_only_when_none_are_defined_anywhere():
    body = (
        "title: T\nstages:\n  - id: a\n    owner: sales\n"
        "    steps:\n      - customer -> shop: Hi\n"
    )
    result = read(body)
    assert result.ok and not result.diagnostics
    actors = result.journey.actors
    assert (actors["customer"].kind, actors["shop"].kind, actors["sales"].name) == (
        "customer", "role", "Sales"
    )
    defined = "title: T\nactors:\n  sales: {name: S}\n" + body.split("\n", 1)[1]
    assert errors(read(defined)) == [
        f"{FILE}:{BASE + 7}: unknown actor 'customer' in a step; known: sales",
        f"{FILE}:{BASE + 7}: unknown actor 'shop' in a step; known: sales",
    ]


# -- unknown stages ---------------------------------------------------------------------------


def test_unknown_stage_in_next_with_suggestion():
    body = HEAD + "  - id: order\n    next: [paay]\n  - id: pay\n"
    assert errors(read(body)) == [
        f"{FILE}:{BASE + 7}: unknown stage 'paay' in 'next' of stage 'order' "
        "(did you mean 'pay'?)"
    ]


def test_unknown_stage_in_decision_branch_with_suggestion():
    body = (
        HEAD
        + "  - id: order\n"
        "    steps:\n"
        "      - decide: Ready?\n"
        "        yes: paay\n"
        "        no: order\n"
        "  - id: pay\n"
    )
    assert errors(read(body)) == [
        f"{FILE}:{BASE + 9}: unknown stage 'paay' in decision branch 'yes' (did you mean 'pay'?)"
    ]


def test_unknown_stage_without_close_match_lists_known_ones():
    body = HEAD + "  - id: order\n    next: zzz\n  - id: pay\n"
    assert errors(read(body)) == [
        f"{FILE}:{BASE + 7}: unknown stage 'zzz' in 'next' of stage 'order'; known: order, pay"
    ]


def test_errors_come_in_line_order():
    body = (
        HEAD
        + "  - id: a\n"
        "    steps:\n"
        "      - customer -> salse: Hi\n"
        "    owner: opps\n"
        "    next: bb\n"
        "  - id: b\n"
    )
    assert [d.line for d in read(body).diagnostics] == [BASE + 8, BASE + 9, BASE + 10]


# -- the catalog ------------------------------------------------------------------------------


def test_catalog_actors_are_known_to_blocks():
    j = clean(
        "title: T\nstages:\n  - id: a\n    owner: support\n    steps:\n"
        "      - customer -> sales: Hi\n",
        catalog(),
    )
    assert list(j.actors) == ["customer", "sales", "support"]
    assert j.actors["support"].name == "Support desk"


def test_block_actor_fields_win_and_empty_ones_come_from_catalog():
    j = clean(
        "title: T\n"
        "actors:\n"
        "  sales: {name: Seller, kind: partner}\n"
        "  customer: {}\n"
        "  extra: {}\n"
        "stages:\n"
        "  - id: a\n",
        catalog(),
    )
    sales = j.actors["sales"]
    assert (sales.name, sales.kind, sales.team, sales.description) == (
        "Seller", "partner", "Sales", "Sells things",
    )
    assert (j.actors["customer"].name, j.actors["customer"].kind) == ("Client", "customer")
    assert (j.actors["extra"].name, j.actors["extra"].kind) == ("Extra", "role")


def test_block_actor_merge_does_not_change_the_catalog():
    cat = catalog()
    clean("title: T\nactors:\n  sales: {name: Seller}\nstages:\n  - id: a\n", cat)
    assert cat.actors["sales"].name == "Sales rep"


def test_actor_defaults_without_catalog():
    j = clean("title: T\nactors:\n  customer:\n  front-desk: Front desk\n  back_office:\n"
              "stages:\n  - id: a\n")
    assert {a.id: (a.name, a.kind) for a in j.actors.values()} == {
        "customer": ("Customer", "customer"),
        "front-desk": ("Front desk", "role"),
        "back_office": ("Back office", "role"),
    }


def test_stage_as_bare_id_takes_catalog_fields():
    j = clean("title: T\nstages:\n  - pay\n  - id: ship\n", catalog())
    pay = j.stages[0]
    assert (pay.id, pay.name, pay.owner, [str(k) for k in pay.kpis], pay.sla,
            pay.description) == (
        "pay", "Pay", "sales", ["Checkout conversion >= 3%"], "2h", "The customer pays.",
    )
    assert pay.line == BASE + 2
    assert j.successors(pay) == [(None, "ship")]


def test_stage_fields_in_block_win_over_catalog_stage():
    j = clean(
        "title: T\nstages:\n  - id: pay\n    name: Pay at the till\n    sla: 5 min\n"
        "    steps:\n      - customer -> sales: Card\n",
        catalog(),
    )
    pay = j.stages[0]
    assert (pay.name, pay.sla, pay.owner, [str(k) for k in pay.kpis]) == (
        "Pay at the till", "5 min", "sales", ["Checkout conversion >= 3%"],
    )
    assert [s.text for s in pay.messages] == ["Card"]


def test_catalog_stage_owner_is_checked_in_the_catalog_not_in_the_journey():
    cat = catalog(CATALOG.replace("owner: sales", "owner: cashier"))
    line = CATALOG.split("\n").index("    owner: sales") + 1
    assert [str(d) for d in check_catalog(cat)] == [
        f"catalog.yml:{line}: unknown actor 'cashier' in 'owner' of catalog stage 'pay'; "
        "known: customer, sales, support; define it under the catalog's 'actors:'"
    ]
    result = read("title: T\nstages:\n  - pay\n", cat)  # not blamed for the catalog's typo
    assert result.ok and result.diagnostics == []


def test_bare_stage_id_without_catalog_is_a_plain_stage():
    j = clean("title: T\nstages: [welcome, follow-up]\n")
    assert [(s.id, s.name) for s in j.stages] == [
        ("welcome", "Welcome"), ("follow-up", "Follow up"),
    ]


def test_catalog_file_errors_have_file_lines():
    _, findings = read_catalog("actors:\n  sales: {name: S, kind: rol}\nstagez: []\n", "cat.yml")
    assert [str(d) for d in findings] == [
        "cat.yml:3: unknown key 'stagez' in the catalog (did you mean 'stages'?)",
        "cat.yml:2: actor 'sales' has unknown kind 'rol' (did you mean 'role'?); "
        "use one of customer, role, system, partner",
    ]


def test_missing_catalog_file_is_a_finding(tmp_path):
    cat, findings = load_catalog(tmp_path / "nope.yml", shown_as="nope.yml")
    assert cat.actors == {}
    assert [(d.severity, str(d)) for d in findings] == [(
        Severity.ERROR,
        "nope.yml: the catalog file cannot be read: No such file or directory; "
        "check the 'catalog' option",
    )]


# -- touchpoints ------------------------------------------------------------------------------


def test_unknown_touchpoint_with_catalog_touchpoints():
    body = (
        "title: T\nstages:\n  - id: a\n    touchpoints: [website, websit]\n"
        "    steps:\n      - {from: customer, to: sales, say: Hi, via: hotlin}\n"
    )
    assert errors(read(body, catalog())) == [
        f"{FILE}:{BASE + 3}: unknown touchpoint 'websit' (did you mean 'website'?); "
        "define it in the catalog or under 'touchpoints:'",
        f"{FILE}:{BASE + 5}: unknown touchpoint 'hotlin' (did you mean 'hotline'?); "
        "define it in the catalog or under 'touchpoints:'",
    ]


def test_unknown_touchpoint_without_close_match_lists_known_ones():
    body = "title: T\nstages:\n  - id: a\n    touchpoints: [fax]\n"
    assert errors(read(body, catalog())) == [
        f"{FILE}:{BASE + 3}: unknown touchpoint 'fax'; known: hotline, website; "
        "define it in the catalog or under 'touchpoints:'"
    ]


def test_any_touchpoint_accepted_when_none_defined():
    j = clean(
        HEAD + "  - id: a\n    touchpoints: [fax, carrier-pigeon]\n"
        "    steps:\n      - {from: customer, to: sales, say: Hi, via: smoke-signal}\n"
    )
    assert j.stages[0].touchpoints == ["fax", "carrier-pigeon"]
    assert j.stages[0].messages[0].via == "smoke-signal"
    assert j.touchpoints == {}


def test_block_touchpoints_alone_are_checked():
    body = (
        "title: T\n"
        "touchpoints:\n"
        "  kiosk: {name: In-store kiosk, channel: sales}\n"
        "stages:\n"
        "  - id: a\n"
        "    touchpoints: [kiosk, kiosc]\n"
    )
    assert errors(read(body)) == [
        f"{FILE}:{BASE + 5}: unknown touchpoint 'kiosc' (did you mean 'kiosk'?); "
        "define it in the catalog or under 'touchpoints:'"
    ]


def test_block_touchpoints_add_to_the_catalog():
    j = clean(
        "title: T\n"
        "touchpoints:\n"
        "  kiosk: {name: In-store kiosk, channel: sales}\n"
        "  hotline: {channel: service}\n"
        "stages:\n"
        "  - id: a\n"
        "    touchpoints: [kiosk, website, hotline]\n",
        catalog(),
    )
    assert {t.id: (t.name, t.channel) for t in j.touchpoints.values()} == {
        "website": ("Website", "marketing"),
        "hotline": ("Hotline", "service"),
        "kiosk": ("In-store kiosk", "sales"),
    }


def test_unknown_touchpoint_key():
    body = "title: T\ntouchpoints:\n  kiosk: {name: K, chanel: sales}\nstages: [a]\n"
    assert errors(read(body)) == [
        f"{FILE}:{BASE + 2}: unknown key 'chanel' in touchpoint 'kiosk' (did you mean 'channel'?)"
    ]


# -- warnings: the block still renders ----------------------------------------------------------


def test_unreachable_stage_warns():
    body = HEAD + "  - id: a\n    next: c\n  - id: b\n  - id: c\n"
    result = read(body)
    assert result.ok
    assert [(d.severity, str(d)) for d in result.diagnostics] == [(
        Severity.WARNING,
        f"{FILE}:{BASE + 8}: stage 'b' cannot be reached from the first stage; "
        "route to it with 'next' or a decision branch, or remove it",
    )]


def test_stage_after_next_empty_is_unreachable():
    body = HEAD + "  - id: a\n    next: []\n  - id: b\n"
    result = read(body)
    assert result.ok
    assert [d.line for d in result.diagnostics] == [BASE + 8]
    assert "stage 'b' cannot be reached" in result.diagnostics[0].message


def test_stage_reached_only_by_a_decision_does_not_warn():
    clean(
        HEAD
        + "  - id: a\n"
        "    steps:\n"
        "      - decide: Ready?\n"
        "        yes: c\n"
        "        no: a\n"
        "  - id: b\n"
        "    next: []\n"
        "  - id: c\n"
        "    next: b\n"
    )


def test_journey_view_without_scores_warns():
    body = "views: [flow, journey]\n" + HEAD + "  - id: a\n    steps:\n"
    body += "      - customer -> sales: Hi\n"
    result = read(body)
    assert result.ok
    assert [(d.severity, str(d)) for d in result.diagnostics] == [(
        Severity.WARNING,
        f"{FILE}:{BASE}: the 'journey' view needs steps with 'score: 1-5'; add scores "
        "or remove 'journey' from 'views'",
    )]


def test_journey_view_with_a_score_does_not_warn():
    clean(
        "views: [journey]\n" + HEAD + "  - id: a\n    steps:\n"
        "      - customer -> sales: Hi\n        score: 2\n"
    )


def test_warnings_are_dropped_when_a_block_has_errors():
    body = HEAD + "  - id: a\n    owner: salse\n    next: c\n  - id: b\n  - id: c\n"
    result = read(body)
    assert [d.severity for d in result.diagnostics] == [Severity.ERROR]
    assert result.journey is None


def test_the_same_block_reads_the_same_twice():
    expander = make_pipeline(catalog=catalog())
    body = "title: T\nstages:\n  - pay\n  - id: b\n    owner: salse\n"
    first = expander.read_block(body, file=FILE, line=BASE)
    second = expander.read_block(body, file=FILE, line=BASE)
    assert [str(d) for d in first.diagnostics] == [str(d) for d in second.diagnostics] == [
        f"{FILE}:{BASE + 4}: unknown actor 'salse' in 'owner' of stage 'b' "
        "(did you mean 'sales'?)"
    ]
    assert expander.catalog.stages["pay"].steps == []
