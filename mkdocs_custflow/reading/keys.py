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
    "detail", "data",
)
SYSTEM_KEYS = ("layer", "owner", "integrates", "training")
"""Actor keys of systems and roles (spec 18, 19): a system's layer, owner
and exchanges, a role's training."""
ACTOR_KEYS = ("name", "kind", "team", "description", *SYSTEM_KEYS)
CATALOG_ACTOR_KEYS = (*ACTOR_KEYS, "handle")
TOUCHPOINT_KEYS = ("name", "channel", "description")
MESSAGE_KEYS = ("from", "to", "say", "reply", "via", "note", "score", "pain", "lane")
CATALOG_KEYS = ("actors", "touchpoints", "stages", "data")
DATA_KEYS = ("name", "description", "personal", "owner", "retention", "access", "held_in")
DATA_USE_KEYS = ("data", "use", "in")
INTEGRATION_KEYS = ("with", "data", "how")
TRAINING_KEYS = ("title", "url", "every")
PAIN_KEYS = ("text", "severity")
OPPORTUNITY_KEYS = ("text", "status", "owner")
KPI_KEYS = ("name", "target", "current", "unit", "id")
REVIEW_KEYS = ("owner", "every", "last", "with")
