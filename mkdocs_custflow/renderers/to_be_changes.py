"""What a to-be journey changes against the as-is journey it improves.

The comparison is :func:`mkdocs_custflow.compare.compare_journeys`, the one
``custflow diff`` uses; this module only shows its changes to the reader of
the to-be journey, per stage and in the page's language: stages added and
removed, owners, RACI, time limits, KPI targets, scores, pain points closed.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from mkdocs_custflow.compare import Change, compare_journeys
from mkdocs_custflow.i18n import words
from mkdocs_custflow.renderers.options import JourneyRef
from mkdocs_custflow.structure import Journey
from mkdocs_custflow.structure.journey import END_TARGET

# More changes than this start folded: the diagrams stay near the title.
OPEN_UP_TO = 12

# A to-be journey differs from its as-is one in these by nature: not news.
_INHERENT = {"journey-renamed", "journey-changed", "review"}

# Kinds shown with a word of their own; the others say what the item is
# (``kpi-added`` is "KPI added").
_ITEMS = {"kpi": "kpis", "pain": "pain", "opportunity": "opportunities",
          "touchpoint": "touchpoints", "link": "links", "step": "steps", "branch": "decision",
          "data": "data"}


def changes_against(base: Journey, journey: Journey) -> list[Change]:
    """The changes worth showing under the to-be journey's title (each journey
    describes itself: their descriptions differ by nature too)."""
    return [
        c for c in compare_journeys(base, journey)
        if c.kind not in _INHERENT and not (c.stage is None and c.kind == "description")
    ]


def render_changes(
    base: Journey, journey: Journey, base_html: str, locale: str,
    journey_ref: Callable[[str], JourneyRef | None] | None = None,
) -> str:
    """A table of the changes (``base_html``: the as-is journey's title, linked;
    ``journey_ref``: another journey by its id, for sub-journeys' titles)."""
    def journey_title(journey_id: str) -> str | None:
        ref = journey_ref(journey_id) if journey_ref is not None else None
        return ref.title if ref is not None else None

    text = words(locale)
    changes = changes_against(base, journey)
    title = escape(text["changes_title"]).format(journey=base_html)
    if not changes:
        return (f'<p class="custflow-changes">{title}{escape(text["colon"])}'
                f'{escape(text["no_changes"])}</p>')
    names = {s.id: s.name for s in (*base.stages, *journey.stages)}
    rows = []
    for change in changes:
        stage = escape(names.get(change.stage or "", change.stage or ""))
        rows.append(
            f"<tr><td>{stage}</td><td>{escape(_what(change, text))}</td>"
            f"<td>{escape(_value(change.before, base, text, journey_title, change.kind))}</td>"
            f"<td>{escape(_value(change.after, journey, text, journey_title, change.kind))}</td>"
            "</tr>"
        )
    head = "".join(f"<th>{escape(h)}</th>" for h in (
        text["stage"], text["change"], text["state_as-is"], text["state_to-be"]))
    opened = " open" if len(changes) <= OPEN_UP_TO else ""
    return (
        f'<details class="custflow-changes"{opened}><summary>{title}'
        f"{escape(text['paren_open'])}{len(changes)}{escape(text['paren_close'])}</summary><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></details>"
    )


def _what(change: Change, text: dict[str, str]) -> str:
    kind = change.kind
    if kind in ("stage-added", "stage-removed", "stage-renamed", "stage-moved", "raci", "score",
                "owner", "time-limit", "flow", "detail", "description"):
        return text[f"change_{kind}"]
    item, _, how = kind.rpartition("-")
    if kind == "personal-data-collected":
        return text["change_personal_collect"]
    if item == "pain" and how == "removed":
        return text["change_pain_closed"]
    if item in _ITEMS and how in ("added", "removed", "changed"):
        return text[f"change_{how}"].format(what=text[_ITEMS[item]])
    return change.summary


def _value(
    value: object, journey: Journey, text: dict[str, str],
    journey_title: Callable[[str], str | None] | None = None, kind: str = "",
) -> str:
    """A value of the model as a reader says it, in the page's words: actor and
    touchpoint ids as their names, a sub-journey as its title, a KPI with its
    target, a severity or status in words, lists joined; nothing is an em dash."""
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, str):
        if kind == "detail" and journey_title is not None:
            return journey_title(value) or value
        if kind.startswith("branch") or kind == "flow":  # a stage, or the end of the journey
            stage = next((s for s in journey.stages if s.id == value), None)
            return stage.name if stage else text["end"] if value == END_TARGET else value
        actor = journey.actors.get(value)
        if actor is not None:
            return actor.name
        touchpoint = journey.touchpoints.get(value)
        return touchpoint.name if touchpoint is not None else value
    if isinstance(value, list):
        return text["comma"].join(_value(v, journey, text, journey_title, kind) for v in value)
    if isinstance(value, dict):
        name = value.get("name") or value.get("text") or value.get("title") or ""
        extra = [str(value[k]) for k in ("target", "current") if value.get(k)]
        extra += [text.get(f"{k}_{value[k]}", str(value[k])) for k in ("severity", "status")
                  if value.get(k)]
        if value.get("owner"):
            extra.append(_value(value["owner"], journey, text))
        if not extra:
            return str(name)
        return f"{name}{text['paren_open']}{text['comma'].join(extra)}{text['paren_close']}"
    return str(value)
