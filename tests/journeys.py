"""Journeys built in code for tests: every text field set from one string."""

from __future__ import annotations

import unicodedata

from mkdocs_custflow.structure import (
    Actor,
    Branch,
    Decision,
    Journey,
    Message,
    Note,
    Stage,
)

HARD_CASES = [
    "a; b",
    "Order #123",
    "#59; stays literal",
    "ratio: 3:1",
    'say "hi" and \'bye\'',
    "<b>bold</b> & <script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "100%% sure",
    '%%{init: {"theme": "dark"}}%%',
    "{braces} [brackets] (parens)",
    "a | b || c",
    "end",
    "click",
    "graph",
    "click S0 call alert(1)",
    "classDef x fill:#f00",
    "style S0 fill:red",
    "subgraph x\nend",
    "line one\nline two --> S1",
    "客户报修；售后工程师上门 #1：验收",
    "Straße ¶ß ﬂ°°59¶ß",
    "$$x^2$$ and `code`",
    "A@{ shape: circle }",
    "emoji 🙂👍🏽 and ZWJ 👩\u200d💻",
    "back\\slash \\n",
    "comma, separated, words",
    "javascript:alert(1)",
    "x --> y -.-> z ==> w",
    "-",
]


def shown(text: str) -> str:
    """What a diagram should show for ``text``: white space folded, controls dropped."""
    visible = "".join(
        ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    return " ".join(visible.split())


def journey_with_text(text: str, *, views: list[str] | None = None) -> Journey:
    """A three-stage journey with a decision where every text field is ``text``."""
    actors = {
        "customer": Actor("customer", text, "customer"),
        "sales": Actor("sales", text, "role", team=text),
        "ops": Actor("ops", text + " 2", "role", team="Ops"),
        "crm": Actor("crm", text, "system"),
    }
    stages = [
        Stage(
            "first", text, owner="sales", sla=text,
            steps=[
                Message("customer", "sales", text, score=3),
                Message("sales", "customer", text, dashed=True, reply=text, note=text),
                Note(text),
                Decision(text, [Branch(text, "second"), Branch("no", "third")]),
            ],
        ),
        Stage("second", text, owner="ops", steps=[Message("ops", "crm", text, score=5)]),
        Stage("third", text, owner="sales"),
    ]
    return Journey(
        id="j", title=text, stages=stages, actors=actors,
        views=views or ["flow", "sequence", "journey"],
    )
