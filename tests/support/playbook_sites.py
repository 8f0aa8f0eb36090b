"""The playbook site the playbook tests read: a catalog and three journeys at three depths.

Why a module: the stage, role, touchpoint, overview, navigation, link and JSON tests all read
the same built site (see the ``site`` and ``flat_site`` fixtures in ``tests/conftest.py``),
and the option tests build variants of it from the same texts and helpers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from support.site import BuildResult, build_site

CATALOG = """\
actors:
  customer: {name: Customer, kind: customer}
  sales: {name: Sales rep, kind: role, team: Sales}
  sales-manager: {name: Sales manager, kind: role, team: Sales}
  service: {name: Service desk, kind: role, team: Service}
  engineer: {name: After-sales engineer, kind: role, team: Service}
  auditor: {name: Quality auditor, kind: role, team: Service}
  crm: {name: CRM system, kind: system}
touchpoints:
  website: {name: Website, channel: marketing}
  trade-fair: {name: Trade fair, channel: marketing}
  showroom: {name: Showroom, channel: sales}
  live-chat: {name: Online chat, channel: service}
  hotline: {name: Service hotline, channel: service}
  wechat: {name: WeChat, channel: service}
  after-sales-service: {name: After-sales service, channel: service}
stages:
  - id: qualify
    name: Qualify the lead
    description: Decide whether the lead is worth a sales rep's time.
    owner: sales-manager
    responsible: [sales]
    consulted: [service]
    informed: [engineer]
    touchpoints: [website, live-chat]
    kpis: ["Leads qualified within 1 day >= 90%", "Qualified-to-won >= 20%"]
    sla: 24h
"""

HOME = """\
# Home

Our customers, from first visit to repair.

```journey
id: lifecycle
title: Customer lifecycle
views: [flow, sequence, stages, raci]
stages:
  - id: discover
    name: Discover us
    owner: sales
    touchpoints: [website]
    steps:
      - customer -> sales: Find us on the website
  - id: qualify
    steps:
      - sales -> customer: Ask about budget and timing
      - customer --> sales: Budget and timing
  - id: onboard
    name: Onboard the customer
    steps:
      - {from: service, to: customer, say: Welcome call, via: hotline}
  - id: report
    name: Report a fault
    owner: service
    steps:
      - customer -> service: Report a fault
```
"""

LEADS = """\
# Leads

How a sales rep follows up a lead.

```journey
id: lead-follow-up
title: Lead follow-up
views: [flow, sequence, stages, raci]
stages:
  - id: discover
    name: Discover us
    owner: sales
    steps:
      - customer -> sales: Fill in the contact form
  - id: qualify
    steps:
      - {from: sales, to: customer, say: Qualification call, via: showroom}
      - decide: Qualified?
        yes: propose
        no: discover
  - id: propose
    name: Send a proposal
    owner: sales
    responsible: [sales]
    consulted: [sales-manager]
    touchpoints: [showroom]
    kpis: [Proposal within 2 days]
    steps:
      - sales -> customer: Proposal and price
      - customer --> sales: Signed order
```
"""

REPAIR = """\
# Repair

```journey
use: after-sales-repair
title: Home appliance repair
with:
  company: Acme
views: [flow, sequence, stages, raci]
```
"""

DOCS = {"index.md": HOME, "sales/leads.md": LEADS, "service/after-sales/repair.md": REPAIR}
SITE_URL = "https://example.invalid/"

# The ids of every page the site gets under playbook/ (stages in playbook.json's order).
STAGES = [
    "qualify", "discover", "onboard", "report", "propose",
    "record", "dispatch", "repair", "accept",
]
TOUCHPOINTS = [
    "website", "trade-fair", "showroom", "live-chat", "hotline", "wechat",
    "after-sales-service",
]
ROLES = ["sales", "sales-manager", "service", "engineer", "auditor", "logistics"]
JOURNEYS = {  # id -> (title, page, URL of the page from the site root)
    "lifecycle": ("Customer lifecycle", "index.md", ""),
    "lead-follow-up": ("Lead follow-up", "sales/leads.md", "sales/leads/"),
    "home-appliance-repair": (
        "Home appliance repair", "service/after-sales/repair.md", "service/after-sales/repair/"
    ),
}


def write_catalog(root: Path, text: str = CATALOG) -> None:
    """Write ``catalog.yml`` into a site's folder: every playbook site here reads one."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "catalog.yml").write_text(text, encoding="utf-8")


def custflow_plugin(**options: Any) -> dict[str, Any]:
    """The custflow plugin entry reading ``catalog.yml``, with the options a test varies."""
    return {"custflow": {"catalog": "catalog.yml", **options}}


def build_main_site(root: Path, **config: Any) -> BuildResult:
    """Build the main site (search on, strict, ``config`` merged over it), failing on errors."""
    write_catalog(root)
    merged = {"site_url": SITE_URL, "plugins": ["search", custflow_plugin()], **config}
    return build_site(root, DOCS, merged, plugins=None, strict=True).check()
