"""The keys each part of a journey block may have: the reader checks them, the
guide lists them (``tests/test_guide.py``), so they live in one place."""

from __future__ import annotations

JOURNEY_KEYS = (
    "id", "title", "description", "use", "with", "views", "direction",
    "actors", "stages", "touchpoints", "locale", "playbook", "state", "improves", "review",
    "ignore", "effective",
)
STAGE_KEYS = (
    "id", "name", "description", "owner", "responsible", "consulted", "informed",
    "touchpoints", "kpis", "sla", "links", "next", "steps", "pains", "opportunities",
    "detail",
)
ACTOR_KEYS = ("name", "kind", "team", "description")
CATALOG_ACTOR_KEYS = (*ACTOR_KEYS, "handle")
TOUCHPOINT_KEYS = ("name", "channel", "description")
MESSAGE_KEYS = ("from", "to", "say", "reply", "via", "note", "score", "pain", "lane")
CATALOG_KEYS = ("actors", "touchpoints", "stages")
PAIN_KEYS = ("text", "severity")
OPPORTUNITY_KEYS = ("text", "status", "owner")
KPI_KEYS = ("name", "target", "current", "unit", "id")
REVIEW_KEYS = ("owner", "every", "last", "with")
