"""Reading one journey block: YAML to the model, and the shape errors with exact lines.

Every block here is read with ``line=10``: the first body line is line 10 of ``docs/x.md``,
so body line ``k`` (0-based) is reported as file line ``10 + k``.
"""

from __future__ import annotations

import os
import re
import time

import pytest
from support.pipeline import make_pipeline

from mkdocs_custflow.diagnostics import Severity
from mkdocs_custflow.reading.located_yaml import YamlLimits, YamlReadError, parse
from mkdocs_custflow.structure import Decision, Message, Note
from mkdocs_custflow.structure.ids import ID_PATTERN

FILE = "docs/x.md"
BASE = 10

# Spec section 1, verbatim. Body line k is file line BASE + k.
SPEC_FIRST_EXAMPLE = """\
id: first-purchase
title: First purchase
views: [flow, sequence]
actors:
  customer: {name: Customer, kind: customer}
  store:    {name: Online store, kind: system}
  sales:    {name: Sales rep, kind: role, team: Sales}
  ops:      {name: Fulfilment, kind: role, team: Operations}
stages:
  - id: browse
    name: Browse
    owner: sales
    touchpoints: [website, social-media]
    steps:
      - customer -> store: Browse catalogue
      - store --> customer: Product pages
  - id: consult
    name: Consult a sales rep
    owner: sales
    touchpoints: [live-chat]
    steps:
      - customer -> sales: Ask about the product
      - sales --> customer: Recommendation
      - decide: Ready to buy?
        yes: pay
        no: browse
  - id: pay
    name: Pay
    owner: sales
    kpis: [Checkout conversion >= 3%]
    steps:
      - customer -> store: Pay online
      - store --> customer: Order confirmation
  - id: receive
    name: Receive the goods
    owner: ops
    sla: 48h
    steps:
      - ops -> customer: Ship the order
      - {from: customer, to: store, say: Leave a review, score: 4}
"""

ACTORS = """\
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales, kind: role}
"""


def read(body: str, **options):
    return make_pipeline(**options).read_block(body, file=FILE, line=BASE)


def only(result, severity: Severity = Severity.ERROR):
    """The one diagnostic of ``result`` (failing when there are more or fewer)."""
    assert [d.severity for d in result.diagnostics] == [severity], [
        str(d) for d in result.diagnostics
    ]
    return result.diagnostics[0]


def journey(body: str, **options):
    result = read(body, **options)
    assert result.diagnostics == [], [str(d) for d in result.diagnostics]
    assert result.ok
    return result.journey


def one_stage(stage_lines: str, *, title: str = "T") -> str:
    """A valid block (body lines 0-4 fixed) whose one stage starts on body line 5."""
    return f"title: {title}\n{ACTORS}stages:\n  - id: s\n{stage_lines}"


# -- the spec's first example ----------------------------------------------------------------


def test_spec_first_example_reads_cleanly():
    result = read(SPEC_FIRST_EXAMPLE)
    assert result.diagnostics == []
    assert result.ok


def test_spec_first_example_top_level():
    j = journey(SPEC_FIRST_EXAMPLE)
    assert (j.id, j.title, j.views, j.direction) == (
        "first-purchase", "First purchase", ["flow", "sequence"], "",
    )
    assert (j.file, j.line) == (FILE, BASE)


def test_spec_first_example_actors():
    j = journey(SPEC_FIRST_EXAMPLE)
    assert {a.id: (a.name, a.kind, a.team) for a in j.actors.values()} == {
        "customer": ("Customer", "customer", None),
        "store": ("Online store", "system", None),
        "sales": ("Sales rep", "role", "Sales"),
        "ops": ("Fulfilment", "role", "Operations"),
    }
    assert j.actors["ops"].line == BASE + 7


def test_spec_first_example_stages():
    j = journey(SPEC_FIRST_EXAMPLE)
    assert [(s.id, s.name, s.owner, s.line) for s in j.stages] == [
        ("browse", "Browse", "sales", BASE + 9),
        ("consult", "Consult a sales rep", "sales", BASE + 16),
        ("pay", "Pay", "sales", BASE + 26),
        ("receive", "Receive the goods", "ops", BASE + 33),
    ]
    browse, consult, pay, receive = j.stages
    assert browse.touchpoints == ["website", "social-media"]
    assert consult.touchpoints == ["live-chat"]
    assert [str(kpi) for kpi in pay.kpis] == ["Checkout conversion >= 3%"]
    assert receive.sla == "48h"
    assert browse.sla is None and browse.kpis == []


def test_spec_first_example_steps():
    j = journey(SPEC_FIRST_EXAMPLE)
    browse = j.stages[0]
    assert browse.steps == [
        Message("customer", "store", "Browse catalogue", line=BASE + 14),
        Message("store", "customer", "Product pages", dashed=True, line=BASE + 15),
    ]
    review = j.stages[3].steps[1]
    assert review == Message(
        "customer", "store", "Leave a review", score=4, line=BASE + 39
    )


def test_spec_first_example_decision_labels_stay_yes_and_no():
    decision = journey(SPEC_FIRST_EXAMPLE).stages[1].steps[2]
    assert isinstance(decision, Decision)
    assert decision.question == "Ready to buy?"
    assert decision.line == BASE + 23
    assert [(b.label, b.target, b.line) for b in decision.branches] == [
        ("yes", "pay", BASE + 24),
        ("no", "browse", BASE + 25),
    ]
    assert all(type(b.label) is str for b in decision.branches)


def test_spec_first_example_flow():
    j = journey(SPEC_FIRST_EXAMPLE)
    assert [j.successors(s) for s in j.stages] == [
        [(None, "consult")],
        [("yes", "pay"), ("no", "browse")],
        [(None, "receive")],
        [],
    ]


# -- step forms -------------------------------------------------------------------------------


def steps_of(step_lines: str):
    return journey(one_stage("    steps:\n" + step_lines)).stages[0].steps


def test_short_form_solid_arrow():
    assert steps_of("      - customer -> sales: Ask\n") == [
        Message("customer", "sales", "Ask", dashed=False, line=BASE + 7)
    ]


def test_short_form_dashed_arrow():
    assert steps_of("      - sales --> customer: Answer\n") == [
        Message("sales", "customer", "Answer", dashed=True, line=BASE + 7)
    ]


def test_short_form_without_spaces():
    assert steps_of("      - customer->sales:Ask\n") == [
        Message("customer", "sales", "Ask", line=BASE + 7)
    ]


def test_quoted_whole_string_step_keeps_colons_and_hash():
    assert steps_of('      - "customer -> sales: Order #123: ok"\n') == [
        Message("customer", "sales", "Order #123: ok", line=BASE + 7)
    ]


def test_long_form_with_every_field():
    steps = steps_of(
        "      - from: customer\n"
        "        to: sales\n"
        "        say: Ask for a quote\n"
        "        reply: Quote sent\n"
        "        via: email\n"
        "        note: within a day\n"
        "        score: 3\n"
    )
    assert steps == [
        Message(
            "customer", "sales", "Ask for a quote", reply="Quote sent", via="email",
            note="within a day", score=3, line=BASE + 7,
        )
    ]


def test_long_form_flow_mapping():
    assert steps_of("      - {from: customer, to: sales, say: Hi, score: 5}\n") == [
        Message("customer", "sales", "Hi", score=5, line=BASE + 7)
    ]


def test_arrow_key_with_extra_keys_on_following_lines():
    steps = steps_of(
        "      - customer -> sales: Pay\n"
        "        score: 4\n"
        "        reply: Receipt\n"
        "        via: web\n"
    )
    assert steps == [
        Message("customer", "sales", "Pay", reply="Receipt", via="web", score=4, line=BASE + 7)
    ]


def test_note_step():
    assert steps_of("      - note: Check stock first\n") == [
        Note("Check stock first", line=BASE + 7)
    ]


def test_steps_keep_their_order_and_lines():
    steps = steps_of(
        "      - note: n\n"
        "      - customer -> sales: a\n"
        "      - decide: ok?\n"
        "        done: end\n"
    )
    assert [(type(s).__name__, s.line) for s in steps] == [
        ("Note", BASE + 7), ("Message", BASE + 8), ("Decision", BASE + 9),
    ]


def test_arrows_between_hyphenated_and_dotted_ids():
    j = journey(
        "title: T\n"
        "actors: {front-desk: {}, customer: {}, sales.team: {}}\n"
        "stages:\n"
        "  - id: s\n"
        "    steps:\n"
        "      - front-desk -> customer: a\n"
        "      - front-desk-->customer: b\n"
        "      - customer->sales.team: c\n"
    )
    assert [(m.sender, m.receiver, m.text, m.dashed) for m in j.stages[0].steps] == [
        ("front-desk", "customer", "a", False),
        ("front-desk", "customer", "b", True),
        ("customer", "sales.team", "c", False),
    ]


# -- values read as written ('Norway') --------------------------------------------------------


def test_norway_values_stay_text():
    j = journey(
        "title: T\n"
        "actors:\n"
        "  customer: {name: No, kind: customer, team: yes}\n"
        "stages:\n"
        "  - id: s\n"
        "    name: Off\n"
        "    sla: 1.10\n"
        "    kpis: [No, 1.10, on, 0x1F, 2024-01-02]\n"
    )
    customer = j.actors["customer"]
    assert (customer.name, customer.team) == ("No", "yes")
    stage = j.stages[0]
    assert (stage.name, stage.sla) == ("Off", "1.10")
    assert [kpi.name for kpi in stage.kpis] == ["No", "1.10", "on", "0x1F", "2024-01-02"]


def test_chinese_branch_labels():
    j = journey(
        "title: 报修\n"
        f"{ACTORS}"
        "stages:\n"
        "  - id: check\n"
        "    steps:\n"
        "      - decide: 是否在保修期内？\n"
        "        是: repair\n"
        "        否: quote\n"
        "  - id: repair\n"
        "    next: []\n"
        "  - id: quote\n"
    )
    decision = j.stages[0].steps[0]
    assert decision.question == "是否在保修期内？"
    assert [(b.label, b.target, b.line) for b in decision.branches] == [
        ("是", "repair", BASE + 8), ("否", "quote", BASE + 9),
    ]


def test_yaml_11_boolean_and_null_words_stay_branch_labels():
    decision = steps_of(
        "      - decide: q\n"
        "        Yes: s\n"
        "        NO: s\n"
        "        on: s\n"
        "        y: s\n"
        "        null: s\n"
        "        ~: s\n"
        "        1: end\n"
    )[0]
    assert [b.label for b in decision.branches] == ["Yes", "NO", "on", "y", "null", "~", "1"]


# -- defaults ----------------------------------------------------------------------------------


def test_default_views_and_direction():
    j = journey(one_stage("    owner: sales\n"))
    assert j.views == ["flow", "sequence"]
    assert j.direction == ""  # the flowchart picks one by size
    # By default a sequence diagram is drawn only when it has something to show.
    assert journey(one_stage("")).views == ["flow"]


@pytest.mark.parametrize("written", ["TB", "tb", "TD", "td"])
def test_direction_top_down(written):
    j = journey(f"direction: {written}\n" + one_stage(""))
    assert j.direction == "TD"


def test_views_as_written_without_duplicates():
    j = journey("views: [raci, stages, raci, flow]\n" + one_stage(""))
    assert j.views == ["raci", "stages", "flow"]


def test_id_defaults_to_slug_of_title():
    assert journey(one_stage("", title="'First Purchase: Online!'")).id == "first-purchase-online"


def test_cjk_title_gives_stable_valid_id():
    body = one_stage("", title="家电报修流程")
    first, again = journey(body), journey(body.replace("id: s", "id: t"))
    assert first.id == again.id == "家电报修流程"
    assert ID_PATTERN.match(first.id)
    assert first.title == "家电报修流程"


def test_no_id_and_no_title_gives_stable_hash_id():
    body = f"{ACTORS}stages:\n  - id: s\n"
    first = journey(body)
    assert re.fullmatch(r"journey-[0-9a-f]{8}", first.id)
    assert make_pipeline().read_block(body, file="other.md", line=99).journey.id == first.id
    assert journey(body + "  - id: t\n").id != first.id


def test_title_of_only_punctuation_falls_back_to_hash_id():
    assert re.fullmatch(r"journey-[0-9a-f]{8}", journey(one_stage("", title="'!!!'")).id)


def test_explicit_id_wins_over_title():
    assert journey("id: my-id\n" + one_stage("", title="Other")).id == "my-id"


def test_stage_name_defaults_to_humanized_id():
    j = journey(f"title: T\n{ACTORS}stages:\n  - id: after-sales_call\n")
    assert j.stages[0].name == "After sales call"


def test_next_empty_list_ends_the_journey():
    j = journey(
        f"title: T\n{ACTORS}"
        "stages:\n"
        "  - id: a\n"
        "    steps:\n"
        "      - decide: ok?\n"
        "        yes: b\n"
        "        no: c\n"
        "  - id: b\n"
        "    next: []\n"
        "  - id: c\n"
    )
    a, b, c = j.stages
    assert b.next == []
    assert j.successors(b) == []
    assert j.successors(a) == [("yes", "b"), ("no", "c")]
    assert j.successors(c) == []


def test_next_as_single_id_and_list():
    j = journey(
        f"title: T\n{ACTORS}"
        "ignore: [no-way-out]\n"  # a loop with no end, on purpose
        "stages:\n"
        "  - id: a\n"
        "    next: c\n"
        "  - id: b\n"
        "  - id: c\n"
        "    next: [a, b]\n"
    )
    a, b, c = j.stages
    assert j.successors(a) == [(None, "c")]
    assert j.successors(b) == [(None, "c")]
    assert j.successors(c) == [(None, "a"), (None, "b")]


def test_safe_links_pass():
    j = journey(one_stage(
        "    links:\n"
        "      - {title: Form, url: 'https://example.com/form'}\n"
        "      - {title: Plain, url: 'http://example.com'}\n"
        "      - {title: Mail, url: 'mailto:help@example.com'}\n"
        "      - {title: Local, url: '../forms/refund.pdf'}\n"
        "      - {url: 'guide.md#step-2'}\n"
    ))
    assert [(link.title, link.url) for link in j.stages[0].links] == [
        ("Form", "https://example.com/form"),
        ("Plain", "http://example.com"),
        ("Mail", "mailto:help@example.com"),
        ("Local", "../forms/refund.pdf"),
        ("guide.md#step-2", "guide.md#step-2"),
    ]


# -- YAML errors --------------------------------------------------------------------------------


def test_yaml_syntax_error_line_is_the_file_line():
    d = only(read("title: T\nstages:\n  - id: a\n   name: bad indent\n"))
    assert str(d) == (
        f"{FILE}:{BASE + 3}: line {BASE + 3} is indented 3 space(s), which fits none of the "
        "lines above it (0, 2); the keys of one mapping, and the '-' items of one list, "
        "start in the same column"
    )


def test_yaml_syntax_error_on_first_line():
    d = only(read("title: [unclosed\n"))
    assert d.line == BASE
    assert d.message.startswith("YAML syntax error: ")


def test_yaml_syntax_error_at_end_of_input_stays_inside_the_block():
    body = "title: T\nstages:\n  - id: a\n    name: 'unterminated\n"
    d = only(read(body))
    assert d.line == BASE + 3
    assert "opened on line 13 is never closed" in d.message  # the quote, said plainly


def test_duplicate_key_error_names_both_file_lines():
    d = only(read("title: A\nid: x\ntitle: B\nstages: [s]\n"))
    assert d.line == BASE + 2
    assert d.message.startswith("duplicate key 'title' ")
    # Both lines in the file's numbering, like every other line a diagnostic names.
    assert f"first on line {BASE})" in d.message, d.message


def test_duplicate_key_in_a_stage():
    d = only(read(one_stage("    name: A\n    name: B\n")))
    assert d.line == BASE + 7
    assert "duplicate key 'name'" in d.message


def test_python_tag_is_refused_and_nothing_runs(monkeypatch):
    def forbidden(*args):
        raise AssertionError("os.system was called")

    monkeypatch.setattr(os, "system", forbidden)
    d = only(read('title: T\nid: !!python/object/apply:os.system ["x"]\nstages: [s]\n'))
    assert str(d) == (
        f"{FILE}:{BASE + 1}: YAML tag '!!python/object/apply:os.system' is not allowed "
        "in a journey block; write plain values"
    )


def test_local_tag_is_refused():
    d = only(read("title: !shout hello\nstages: [s]\n"))
    assert str(d) == (
        f"{FILE}:{BASE}: YAML tag '!shout' is not allowed in a journey block; write plain values"
    )


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["a: &a [" + ", ".join(["lol"] * width) + "]"]
    previous = "a"
    for index in range(1, levels):
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly():
    body = billion_laughs()
    assert body.count("\n") == 9
    started = time.perf_counter()
    d = only(read(body))
    assert time.perf_counter() - started < 1.0
    assert str(d) == (
        f"{FILE}:{BASE}: the block expands to more than 100000 YAML values (aliases repeated "
        "too often?); make it smaller or raise the 'max_yaml_nodes' option"
    )


def test_node_limit_is_configurable():
    d = only(read(one_stage("    kpis: [a, b, c, d, e, f]\n"), max_yaml_nodes=10))
    assert d.message.startswith("the block expands to more than 10 YAML values")


def test_aliases_within_the_limit_are_fine():
    j = journey(
        "title: T\n"
        "actors:\n"
        "  customer: &c {name: Customer, kind: customer}\n"
        "  buyer: *c\n"
        "stages: [s]\n"
    )
    assert j.actors["buyer"].name == "Customer"


def test_nesting_deeper_than_the_limit():
    d = only(read("title: T\nstages: " + "[" * 45 + "]" * 45 + "\n"))
    assert str(d) == (
        f"{FILE}:{BASE + 1}: YAML nested deeper than 40 levels; a journey never needs that"
    )


def test_nesting_limit_is_configurable():
    with pytest.raises(YamlReadError) as raised:
        parse("title: T\nstages: [[[[x]]]]\n", YamlLimits(max_depth=3))
    assert (raised.value.line, raised.value.message) == (
        1, "YAML nested deeper than 3 levels; a journey never needs that"
    )


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("- id: a\n- id: b\n", "a list"),
        ("just some words\n", "plain text"),
        ("", "an empty block"),
        ("\n\n", "an empty block"),
        ("# only a comment\n", "an empty block"),
    ],
)
def test_body_must_be_a_mapping(body, what):
    d = only(read(body))
    assert str(d) == (
        f"{FILE}:{BASE}: a journey block must be a YAML mapping (key: value lines), not {what}"
    )


def test_over_size_block():
    body = one_stage("")
    d = only(read(body, max_block_chars=50))
    assert str(d) == (
        f"{FILE}:{BASE}: the block has {len(body)} characters, over the limit of 50; "
        "split the journey or raise the 'max_block_chars' option"
    )


def test_block_at_the_size_limit_is_read():
    body = one_stage("")
    assert read(body, max_block_chars=len(body)).ok


# -- shape errors --------------------------------------------------------------------------------


def test_unknown_top_level_key_with_suggestion():
    d = only(read("titel: T\n" + one_stage("")))
    assert str(d) == (
        f"{FILE}:{BASE}: unknown key 'titel' in a journey block (did you mean 'title'?)"
    )


def test_unknown_stage_key_with_suggestion():
    d = only(read(one_stage("    nmae: Pay\n")))
    assert str(d) == f"{FILE}:{BASE + 6}: unknown key 'nmae' in a stage (did you mean 'name'?)"


def test_unknown_actor_key():
    d = only(read("title: T\nactors:\n  sales: {name: S, teem: X}\nstages: [s]\n"))
    assert str(d) == (
        f"{FILE}:{BASE + 2}: unknown key 'teem' in actor 'sales' (did you mean 'team'?)"
    )


def test_unknown_key_in_arrow_step():
    d = only(read(one_stage("    steps:\n      - customer -> sales: Pay\n        scroe: 4\n")))
    assert str(d) == f"{FILE}:{BASE + 8}: unknown key 'scroe' in a step (did you mean 'score'?)"


def test_missing_stages():
    d = only(read("title: T\n"))
    assert str(d) == f"{FILE}:{BASE}: a journey needs 'stages' (or 'use' of a template)"


def test_empty_stages():
    d = only(read("title: T\nstages: []\n"))
    assert str(d) == f"{FILE}:{BASE + 1}: a journey needs at least one stage"


def test_duplicate_stage_ids():
    d = only(read(f"title: T\n{ACTORS}stages:\n  - id: a\n  - id: b\n  - id: a\n"))
    assert str(d) == (
        f"{FILE}:{BASE + 7}: stage id 'a' is used twice (first on line {BASE + 5}); "
        "give each stage its own id"
    )


def test_stage_without_id_suggests_slug_of_name():
    d = only(read(f"title: T\n{ACTORS}stages:\n  - name: Pay the Bill\n    owner: sales\n"))
    assert str(d) == f"{FILE}:{BASE + 5}: a stage needs an 'id'; e.g. 'id: pay-the-bill'"


def test_stage_without_id_or_name():
    d = only(read(f"title: T\n{ACTORS}stages:\n  - owner: sales\n"))
    assert str(d) == f"{FILE}:{BASE + 5}: a stage needs an 'id'"


def test_invalid_stage_id_suggests_slug():
    d = only(read(f"title: T\n{ACTORS}stages:\n  - id: Pay now\n"))
    assert str(d) == f"{FILE}:{BASE + 5}: stage id 'Pay now' is not a valid id; try 'pay-now'"


def test_invalid_journey_id_suggests_slug():
    d = only(read("id: First Purchase\n" + one_stage("")))
    assert str(d) == (
        f"{FILE}:{BASE}: journey id 'First Purchase' is not a valid id; try 'first-purchase'"
    )


def test_unknown_view_with_suggestion():
    d = only(read("views: [flow, sequnce]\n" + one_stage("")))
    assert str(d) == (
        f"{FILE}:{BASE}: unknown view 'sequnce' (did you mean 'sequence'?); "
        "views are flow, sequence, journey, stages, raci, map, blueprint, funnel, sankey, "
        "systems"
    )


def test_bad_direction():
    d = only(read("direction: up\n" + one_stage("")))
    assert str(d) == f"{FILE}:{BASE}: 'direction' must be LR or TD, not 'up'"


@pytest.mark.parametrize("score", ["0", "6", "high", "4.5", "-1"])
def test_score_out_of_range(score):
    step = f"      - {{from: customer, to: sales, score: {score}}}\n"
    d = only(read(one_stage("    steps:\n" + step)))
    assert str(d) == (
        f"{FILE}:{BASE + 7}: 'score' must be a whole number from 1 to 5, not '{score}'"
    )


def test_score_on_its_own_line_is_reported_there():
    d = only(read(one_stage("    steps:\n      - customer -> sales: Pay\n        score: 0\n")))
    assert d.line == BASE + 8


@pytest.mark.parametrize("score", ["1", "5"])
def test_score_bounds_are_accepted(score):
    steps = steps_of(f"      - {{from: customer, to: sales, score: {score}}}\n")
    assert steps[0].score == int(score)


def test_invalid_actor_kind_with_suggestion():
    d = only(read("title: T\nactors:\n  bob:\n    name: Bob\n    kind: custmer\nstages: [s]\n"))
    assert str(d) == (
        f"{FILE}:{BASE + 4}: actor 'bob' has unknown kind 'custmer' (did you mean 'customer'?); "
        "use one of customer, role, system, partner"
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example.com/x",
    ],
)
def test_unsafe_link_is_refused(url):
    d = only(read(one_stage(f'    links:\n      - {{title: Bad, url: "{url}"}}\n')))
    assert d.line == BASE + 7
    shown = url.replace("\\t", "\t")
    assert re.fullmatch(
        re.escape(f"link URL {shown!r} is not allowed (") + r"[^)]+"
        + re.escape("); use an http(s), mailto or relative link"),
        d.message,
    ), d.message


def test_step_as_plain_text_lists_the_forms():
    d = only(read(one_stage("    steps:\n      - the customer calls\n")))
    assert str(d) == (
        f"{FILE}:{BASE + 7}: a step is 'A -> B: text', 'A --> B: text', 'note: text', "
        "'decide: question' with branches, or {from, to, say}"
    )


def test_step_with_unknown_key_lists_the_forms():
    d = only(read(one_stage("    steps:\n      - customer -> sales: ok\n      - ask: sales\n")))
    assert str(d) == (
        f"{FILE}:{BASE + 8}: a step is 'A -> B: text', 'A --> B: text', 'note: text', "
        "'decide: question' with branches, or {from, to, say}; got key 'ask'"
    )


def test_long_form_without_to():
    d = only(read(one_stage("    steps:\n      - {from: customer, say: Hi}\n")))
    assert str(d) == f"{FILE}:{BASE + 7}: 'to' is required"


def test_decision_without_branch():
    d = only(read(one_stage("    steps:\n      - decide: Ready?\n")))
    assert str(d) == (
        f"{FILE}:{BASE + 7}: a decision needs at least one branch, e.g. 'yes: <stage id>'"
    )


def test_decision_branch_must_be_a_stage_id():
    result = read(one_stage("    steps:\n      - decide: Ready?\n        yes: [a, b]\n"))
    assert [str(d) for d in result.diagnostics] == [
        f"{FILE}:{BASE + 8}: decision branch 'yes' must name a stage id, not ['a', 'b']",
        f"{FILE}:{BASE + 7}: a decision needs at least one branch, e.g. 'yes: <stage id>'",
    ]


def test_several_errors_are_all_reported_in_order():
    result = read("titel: T\nviews: [flw]\n" + one_stage("    nmae: x\n"))
    assert [d.line for d in result.diagnostics] == [BASE, BASE + 1, BASE + 8]
    assert not result.ok


# -- text cut off by a YAML comment -----------------------------------------------------------


def test_hash_after_space_warns_and_says_to_quote():
    result = read(one_stage("    steps:\n      - customer -> sales: Order #123\n"))
    d = only(result, Severity.WARNING)
    assert str(d) == (
        f"{FILE}:{BASE + 7}: '#123' is read as a YAML comment and dropped from the text "
        "'Order'; put the whole text in quotes to keep it"
    )
    assert result.ok
    assert result.journey.stages[0].steps[0].text == "Order"


def test_deliberate_comment_does_not_warn():
    j = journey(one_stage("    sla: 48h  # agreed with ops\n"))
    assert j.stages[0].sla == "48h"


def test_quoted_hash_does_not_warn():
    steps = steps_of('      - customer -> sales: "Order #123"\n')
    assert steps[0].text == "Order #123"


def test_hash_without_space_is_text():
    assert steps_of("      - customer -> sales: Order#123\n")[0].text == "Order#123"
