"""Deterministic benchmark corpus for mkdocs-custflow.

``generate(root, pages=300, blocks_per_page=5, seed=6)`` writes::

    root/catalog.yml            shared actors, touchpoints, stages
    root/docs-a/...             pages with ```journey blocks (site A)
    root/docs-b/...             the same site written by hand: each block
                                replaced by what the plugin emits for it in
                                its default configuration (title, description,
                                ```mermaid fences and Markdown tables with the
                                links to the playbook pages) and the playbook
                                pages as `custflow playbook` writes them
    root/docs-b-np/...          the pages of docs-b without the playbook (what
                                the plugin emits with playbook: false)
    root/docs-bd/...            the same without the tables (diagrams only)
    root/mkdocs-a.yml           A: custflow with its defaults (the headline)
    root/mkdocs-a-np.yml        A, playbook: false
    root/mkdocs-b.yml           B: no custflow; pymdownx.superfences with
                                Material's mermaid custom fence; not_in_nav
                                for the kinds of playbook page A leaves out
                                of the navigation (nav_limit)
    root/mkdocs-b-np.yml        B without the playbook pages
    root/mkdocs-b-diagrams.yml  B (diagrams only): the same for docs-bd
    root/docs-b2/..., mkdocs-b2.yml  B2 (issue 26): docs-bd's pages, their
                                diagrams linked to the playbook, plus the playbook
                                pages as `custflow playbook --links files` writes them

``sites`` limits which of them are written (the scaling corpora need only
A and B).

Pages mix English and Chinese (about one in three is Chinese), prose,
headings, lists, admonitions, an occasional code block and YAML front
matter. Blocks mix inline journeys (3-6 stages from a shared stage pool, with
decisions, long-form steps, scores, KPIs, SLAs, links) and ``use:``
templates from the built-in library (with ``with:`` values, overrides and a
tuned stage). Every block is valid and the site builds without warnings.

``block_stream(seed)`` yields an endless, deterministic sequence of distinct
blocks with the same mix, for the in-process expansion measurements.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

# --------------------------------------------------------------------------- vocabulary
EN_WORDS = (
    "customer", "order", "team", "service", "request", "contract", "renewal", "ticket", "account",
    "sales", "product", "quote", "support", "engineer", "review", "channel", "feedback",
    "delivery", "payment", "follow", "record", "update", "confirm", "schedule", "visit",
    "handover", "escalate", "resolve", "analyse", "report", "priority", "partner", "portal",
    "callback", "survey", "score", "policy", "warranty", "refund", "invoice", "shipment",
    "installation", "training", "onboarding", "milestone", "owner", "deadline", "target",
    "response", "quality", "process", "stage", "journey", "dashboard", "region", "store",
    "manager", "agreement", "discount", "campaign", "lead", "prospect", "meeting", "demo", "trial",
    "budget", "approval",
)
EN_LINKERS = (
    "the", "a", "each", "every", "our", "its", "their", "with", "for", "from", "to", "within",
    "after", "before", "when",
)
ZH_PHRASES = (
    "客户提交需求", "销售代表及时跟进", "客服中心登记工单", "工程师上门服务", "按时完成交付",
    "确认付款信息", "发送订单确认", "安排回访计划", "收集客户反馈", "更新客户档案", "评估服务质量",
    "跟踪物流状态", "处理退换货申请", "升级重大投诉", "制定改进措施", "签订服务合同",
    "开展产品培训", "完成安装调试", "定期巡检设备", "核对发票信息", "审批折扣申请", "维护渠道关系",
    "分析客户需求", "推荐合适方案", "记录沟通内容", "通知相关部门", "按照服务标准", "在规定时限内",
    "提升客户满意度", "减少重复投诉", "优化流程环节", "明确责任分工",
)
EN_VERBS = (
    "Ask about", "Confirm", "Send", "Review", "Schedule", "Update", "Approve", "Check",
    "Report", "Escalate", "Close", "Record", "Share", "Request", "Sign", "Deliver",
)
EN_OBJECTS = (
    "the order", "the quote", "the contract", "the ticket", "delivery date", "the invoice",
    "a refund", "the installation", "the survey", "the warranty", "account details",
    "the renewal", "a demo", "the fault report", "spare parts", "the training plan",
)
ZH_STEPS = (
    "咨询产品详情", "确认订单信息", "发送报价单", "审核合同条款", "预约上门时间", "更新工单状态",
    "审批折扣", "检查设备故障", "提交报修单", "升级投诉", "关闭工单", "记录回访结果",
    "寄送备件", "签署验收单", "安排培训", "确认发票", "反馈处理结果", "提供解决方案",
)
# Text a writer really types: quotes, '#', '<', '&', ';', '%' (quoted where YAML needs it).
EN_SPECIAL = (
    '"Order #{n} confirmed"', '"Price < budget & stock > 0"', '"Reply within 2h; then call"',
    '"Discount 10% off"', "\"Say 'thank you'\"",
)
ZH_SPECIAL = ('"订单 #{n} 已确认"', '"金额 < 预算；库存 > 0"', '"满意度 ≥ 90%"')

# Shared stages: the same id always has the same name and owner, so the
# playbook gathers them without conflict warnings. EN and ZH use different ids.
EN_STAGES = [
    ("discover", "Discover", "marketing"), ("enquire", "Enquire", "sales"),
    ("qualify", "Qualify the lead", "sales"), ("demo", "Product demo", "presales"),
    ("quote", "Send a quote", "sales"), ("negotiate", "Negotiate", "sales"),
    ("sign", "Sign the contract", "legal"), ("checkout", "Check out", "sales"),
    ("ship", "Ship", "ops"), ("site-install", "Install on site", "engineer"),
    ("train", "Train the users", "engineer"), ("onboard", "Onboarding", "success"),
    ("support", "Support request", "service"), ("diagnose", "Diagnose", "engineer"),
    ("fix", "Fix or replace", "engineer"), ("refund", "Refund", "finance"),
    ("survey", "Satisfaction survey", "success"), ("renew", "Renewal", "success"),
    ("upsell", "Upsell", "sales"), ("winback", "Win back", "marketing"),
]
ZH_STAGES = [
    ("zh-lead", "获取线索", "marketing"), ("zh-contact", "首次联系", "sales"),
    ("zh-visit", "上门拜访", "sales"), ("zh-quote", "报价", "sales"),
    ("zh-contract", "签订合同", "legal"), ("zh-deliver", "发货", "ops"),
    ("zh-install", "安装调试", "engineer"), ("zh-train", "用户培训", "engineer"),
    ("zh-ticket", "受理报修", "service"), ("zh-repair", "维修", "engineer"),
    ("zh-complaint", "处理投诉", "service"), ("zh-callback", "回访", "success"),
    ("zh-renew", "续约", "success"), ("zh-invoice", "开具发票", "finance"),
]
CATALOG_STAGES = {"qualify", "sign", "support", "renew", "zh-contract", "zh-callback"}
ROLES = {
    "marketing": ("Marketing", "Operations"), "sales": ("Sales rep", "Sales"),
    "presales": ("Pre-sales engineer", "Sales"), "legal": ("Legal counsel", "Operations"),
    "ops": ("Fulfilment", "Operations"), "engineer": ("After-sales engineer", "Service"),
    "success": ("Customer success", "Service"), "service": ("Service desk", "Service"),
    "finance": ("Finance", "Operations"),
}
SYSTEMS = {"store": "Online store", "crm": "CRM system", "erp": "ERP", "portal": "Customer portal"}
TOUCHPOINTS = {
    "website": ("Website", "marketing"), "social-media": ("Social media", "marketing"),
    "live-chat": ("Online chat", "service"), "hotline": ("Service hotline", "service"),
    "wechat": ("WeChat", "service"), "email": ("Email", "marketing"),
    "on-site-visit": ("On-site visit", "sales"), "trade-show": ("Trade show", "marketing"),
    "app": ("Mobile app", "sales"), "partner-shop": ("Partner shop", "sales"),
}
BLOCK_TOUCHPOINTS = {
    "kiosk": ("In-store kiosk", "店内自助机"), "sms": ("SMS", "短信"),
    "video-call": ("Video call", "视频通话"), "mini-program": ("Mini program", "小程序"),
}
# Library templates whose stage ids do not collide (en and zh use different ones).
EN_TEMPLATES = {
    "first-purchase": ("browse", "consult", "choose", "pay", "receive"),
    "complaint-handling": ("complaint-received", "investigate", "resolve", "escalate", "close"),
    "b2b-service": ("first-meeting", "contract", "install", "revisit", "fault-report"),
}
ZH_TEMPLATES = {
    "after-sales-repair": ("report", "record", "dispatch", "repair", "accept"),
    "lifecycle": ("prospect", "interested", "customer", "loyal", "churned"),
}
TEMPLATE_PARAMS = {
    "first-purchase": {"delivery_sla": "24h", "chat_response": "30 s",
                       "returns_policy": "https://example.com/returns"},
    "complaint-handling": {"resolve_sla": "24h", "compensation_limit": "USD 50",
                           "complaint_form": "https://example.com/forms/complaint"},
    "b2b-service": {"install_sla": "3 working days", "repair_sla": "24h",
                    "revisit_plan": "https://example.com/plans/revisit"},
    "after-sales-repair": {"onsite_sla": "12小时", "hotline_sla": "1小时",
                           "fault_form": "https://example.com/forms/fault"},
    "lifecycle": {"quote_sla": "1个工作日", "churn_window": "3个月"},
}
COMPANIES_EN = ("Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark Retail")
COMPANIES_ZH = ("华东电子", "蓝海科技", "星河家电", "长城物流", "天成软件")
VIEW_SETS = (
    None, None, None, "[flow, sequence, journey]", "[flow, sequence, stages]",
    "[flow, sequence, journey, stages, raci]", "[flow]", "[sequence, journey]",
)

# Kinds of blocks, cycled in this order so any 10 consecutive blocks have the same mix:
# 6 inline journeys, 4 template uses (plain, with params, overrides, a tuned stage).
KIND_CYCLE = ("inline", "use", "inline", "inline", "use-params", "inline",
              "use-override", "inline", "inline", "use-stage")


# --------------------------------------------------------------------------- text
def en_sentence(rng: random.Random, low: int = 7, high: int = 16) -> str:
    words = [rng.choice(EN_WORDS if rng.random() < 0.7 else EN_LINKERS)
             for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def zh_sentence(rng: random.Random) -> str:
    return "，".join(rng.choice(ZH_PHRASES) for _ in range(rng.randint(2, 5))) + "。"


def paragraph(rng: random.Random, zh: bool) -> str:
    if zh:
        return "".join(zh_sentence(rng) for _ in range(rng.randint(2, 5)))
    return " ".join(en_sentence(rng) for _ in range(rng.randint(3, 6)))


def step_text(rng: random.Random, zh: bool, n: int) -> str:
    if rng.random() < 0.08:
        return rng.choice(ZH_SPECIAL if zh else EN_SPECIAL).format(n=n)
    if zh:
        return rng.choice(ZH_STEPS)
    return f"{rng.choice(EN_VERBS)} {rng.choice(EN_OBJECTS)}"


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


# --------------------------------------------------------------------------- blocks
def inline_block(rng: random.Random, jid: str, zh: bool, n: int) -> str:
    pool = ZH_STAGES if zh else EN_STAGES
    count = rng.randint(3, 6)
    stages = rng.sample(pool, count)
    ids = [s[0] for s in stages]
    locals_ = {}
    lines = [f"id: {jid}"]
    title = (f"{rng.choice(COMPANIES_ZH)}{rng.choice(ZH_STEPS)}流程 {n}" if zh
              else f"{rng.choice(COMPANIES_EN)} - {rng.choice(EN_VERBS)} "
                  f"{rng.choice(EN_OBJECTS)} {n}")
    lines.append(f"title: {title}")
    if zh:
        lines.append("locale: zh")
    if rng.random() < 0.4:
        lines += ["description: >-", "  " + paragraph(rng, zh)[:220]]
    views = rng.choice(VIEW_SETS)
    if views:
        lines.append(f"views: {views}")
    if rng.random() < 0.15:
        lines.append("direction: TD")
    if rng.random() < 0.7:
        lines.append("actors:")
        lines.append("  customer: {name: %s, kind: customer}" % ("客户" if zh else "Customer"))
        for _ in range(rng.randint(1, 2)):
            aid = f"partner-{rng.randint(1, 30)}"
            if aid not in locals_:
                locals_[aid] = True
                name = rng.choice(COMPANIES_ZH) if zh else f"{rng.choice(COMPANIES_EN)} Partner"
                lines.append(f"  {aid}: {{name: {name}, kind: partner}}")
    own_tp = None
    if rng.random() < 0.2:  # a channel of the block's own (a few recur across the site)
        own_tp, (name_en, name_zh) = rng.choice(sorted(BLOCK_TOUCHPOINTS.items()))
        lines += ["touchpoints:", f"  {own_tp}: {{name: {name_zh if zh else name_en}, "
                  "channel: service}"]
    lines.append("stages:")
    others = list(locals_) + list(SYSTEMS)
    needs_score = bool(views and "journey" in views)
    for index, (sid, name, owner) in enumerate(stages):
        if index > 0 and sid in CATALOG_STAGES and rng.random() < 0.5:
            lines.append(f"  - {sid}")  # just the catalog's stage
            continue
        lines += [f"  - id: {sid}", f"    name: {name}", f"    owner: {owner}"]
        lines += stage_fields(sid, zh, own_tp, rng)
        if rng.random() < 0.3:
            lines.append(f"    sla: {rng.choice(('4h', '24h', '48h', '3 working days'))}")
        if rng.random() < 0.1:
            lines += ["    links:", f"      - {{title: Checklist, url: https://example.com/{sid}}}"]
        lines.append("    steps:")
        actors = ["customer", owner, rng.choice(others)]
        for s in range(rng.randint(2, 5)):
            a, b = rng.sample(actors, 2)
            roll = 0.75 if (s == 0 and needs_score) else rng.random()
            text = step_text(rng, zh, n * 10 + s)
            if roll < 0.45:
                lines.append(f"      - {a} -> {b}: {text}")
            elif roll < 0.7:
                lines.append(f"      - {a} --> {b}: {text}")
            elif roll < 0.85:
                channel = own_tp or rng.choice(sorted(TOUCHPOINTS))
                via = f", via: {channel}" if own_tp or rng.random() < 0.5 else ""
                lines.append(f"      - {{from: customer, to: {owner}, say: {text}{via}, "
                             f"score: {rng.randint(1, 5)}}}")
            else:
                lines.append(f"      - note: {text}")
        if index < len(stages) - 1 and rng.random() < 0.25:
            lines += [f"      - decide: {'是否继续？' if zh else 'Go ahead?'}",
                      f"        yes: {ids[index + 1]}",
                      f"        no: {ids[rng.randrange(0, index + 1)]}"]
    return "\n".join(lines)


def stage_fields(sid: str, zh: bool, own_tp: str | None, rng: random.Random) -> list[str]:
    """A shared stage's RACI, touchpoints and KPIs, the same wherever its id is used
    (as a team writes one stage; the playbook warns when two uses disagree), each
    given on some uses and left out on others."""
    fixed = random.Random(sid)
    lines = []
    responsible = _flow(fixed.sample(sorted(ROLES), 2))
    consulted = _flow(fixed.sample(sorted(ROLES), 1))
    informed = _flow(fixed.sample(sorted(ROLES), 2))
    touchpoints = fixed.sample(sorted(TOUCHPOINTS), fixed.randint(1, 3))
    if rng.random() < 0.3:
        lines.append(f"    responsible: {responsible}")
    if rng.random() < 0.2:
        lines += [f"    consulted: {consulted}", f"    informed: {informed}"]
    if rng.random() < 0.5 and not own_tp:
        lines.append(f"    touchpoints: {_flow(touchpoints)}")
    if rng.random() < 0.3 and sid not in CATALOG_STAGES:
        kpi = "首次响应率 ≥ 95%" if zh else "First reply within SLA >= 95%"
        lines.append(f'    kpis: ["{kpi}"]')
    return lines


def template_block(rng: random.Random, jid: str, zh: bool, kind: str, n: int) -> str:
    templates = ZH_TEMPLATES if zh else EN_TEMPLATES
    name = rng.choice(sorted(templates))
    company = rng.choice(COMPANIES_ZH if zh else COMPANIES_EN)
    lines = [f"use: {name}", f"id: {jid}"]
    if zh:
        lines.append("locale: zh")
    lines += ["with:", f"  company: {company} {n}"]
    if kind in ("use-params", "use-stage"):
        params = TEMPLATE_PARAMS[name]
        for key in rng.sample(sorted(params), 2):
            lines.append(f"  {key}: {params[key]}")
    if kind == "use-override":
        lines.append(f"title: {company} {'服务流程' if zh else 'service journey'} {n}")
        lines.append(f"views: {rng.choice(('[flow, sequence]', '[flow, journey, stages]'))}")
    if kind == "use-stage":  # a stage of the template, tuned: its time limit, which may
        sid = rng.choice(templates[name])  # differ per journey (other fields are the stage's)
        lines += ["stages:", f"  - id: {sid}", f"    sla: {rng.choice(('2h', '8h', '24h'))}"]
    return "\n".join(lines)


def make_block(rng: random.Random, jid: str, zh: bool, kind: str, n: int) -> str:
    if kind == "inline":
        return inline_block(rng, jid, zh, n)
    return template_block(rng, jid, zh, kind, n)


def block_stream(seed: int = 6) -> Iterator[str]:
    """Distinct blocks, endlessly, with the corpus' mix of kinds and languages."""
    rng = random.Random(seed * 7919 + 1)
    n = 0
    while True:
        kind = KIND_CYCLE[n % len(KIND_CYCLE)]
        zh = (n // len(KIND_CYCLE)) % 3 == 2  # every third cycle is Chinese
        yield make_block(rng, f"s-{n}", zh, kind, n)
        n += 1


# --------------------------------------------------------------------------- catalog
def catalog_yaml() -> str:
    lines = ["# Shared by every journey of the benchmark corpus.", "actors:",
             "  customer: {name: Customer, kind: customer}"]
    for aid, (name, team) in ROLES.items():
        lines.append(f"  {aid}: {{name: {name}, kind: role, team: {team}}}")
    for aid, name in SYSTEMS.items():
        lines.append(f"  {aid}: {{name: {name}, kind: system}}")
    lines.append("touchpoints:")
    for tid, (name, channel) in TOUCHPOINTS.items():
        lines.append(f"  {tid}: {{name: {name}, channel: {channel}}}")
    lines.append("stages:")
    for sid, name, owner in EN_STAGES + ZH_STAGES:
        if sid in CATALOG_STAGES:
            lines += [f"  - id: {sid}", f"    name: {name}", f"    owner: {owner}",
                      '    kpis: ["Done within SLA >= 90%"]']
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- pages
@dataclasses.dataclass
class Page:
    path: str
    parts: list[object]  # str (Markdown) or Block
    front_matter: str = ""


@dataclasses.dataclass
class Block:
    body: str
    indent: str = ""


def make_page(rng: random.Random, index: int, blocks: int, stream_rng: random.Random) -> Page:
    zh = index % 3 == 2
    section = f"section-{index // 30:02d}"
    path = f"{section}/page-{index:04d}.md"
    title = (f"客户旅程 {index}：{rng.choice(ZH_PHRASES)}" if zh
             else f"Journey notes {index}: {rng.choice(EN_VERBS)} {rng.choice(EN_OBJECTS)}")
    front = f"---\ntitle: \"{title}\"\n---\n" if index % 5 == 0 else ""
    parts: list[object] = [f"# {title}\n\n{paragraph(rng, zh)}\n\n{paragraph(rng, zh)}\n"]
    for k in range(blocks):
        heading = rng.choice(ZH_PHRASES) if zh else en_sentence(rng, 2, 5).rstrip(".")
        parts.append(f"## {heading}\n\n{paragraph(rng, zh)}\n")
        if rng.random() < 0.3:
            items = "\n".join(f"- {en_sentence(rng, 4, 9) if not zh else zh_sentence(rng)}"
                              for _ in range(rng.randint(3, 5)))
            parts.append(items + "\n")
        kind = KIND_CYCLE[(index * blocks + k) % len(KIND_CYCLE)]
        jid = f"p{index:04d}-{k}"
        body = make_block(stream_rng, jid, zh, kind, index * blocks + k)
        if rng.random() < 0.08:  # inside an admonition, indented
            parts.append('!!! note "' + ("流程图" if zh else "Diagram") + '"\n')
            parts.append(Block(body, "    "))
        else:
            parts.append(Block(body))
        parts.append(paragraph(rng, zh) + "\n")
        if rng.random() < 0.1:
            parts.append("```yaml\n# not a journey\nkey: value\nlist: [1, 2, 3]\n```\n")
    return Page(path, parts, front)


def render_page(page: Page, replace) -> str:  # type: ignore[no-untyped-def]
    out = [page.front_matter]
    for part in page.parts:
        if isinstance(part, Block):
            text = replace(part.body)
            out.append("\n".join(part.indent + line if line else line
                                 for line in text.split("\n")) + "\n")
        else:
            out.append(part)  # type: ignore[arg-type]
        out.append("\n")
    return "".join(out)


def journey_fence(body: str) -> str:
    return f"```journey\n{body}\n```"


# --------------------------------------------------------------------------- site B
class BlockReader:
    """Reads each block once for all the hand-written sites (the corpus
    writes up to three from the same blocks)."""

    def __init__(self, catalog: Path, locale: str = "en") -> None:
        from mkdocs_custflow.pipeline import Pipeline, Settings

        self.pipeline = Pipeline(Settings(locale=locale, catalog=str(catalog)))
        if self.pipeline.catalog_errors:
            raise SystemExit(f"catalog errors: {self.pipeline.catalog_errors}")
        self.locale = locale
        self.warnings: list[str] = []
        self._read: dict[str, object] = {}

    def __call__(self, body: str):  # type: ignore[no-untyped-def]
        journey = self._read.get(body)
        if journey is None:
            result = self.pipeline.read_block(body, file="corpus", line=1)
            if result.journey is None:
                raise SystemExit("generated block does not read:\n" + body + "\n" +
                                 "\n".join(str(d) for d in result.diagnostics))
            self.warnings += [str(d) for d in result.diagnostics]
            journey = self._read[body] = result.journey
        return journey


PlaybookUrl = Callable[[str, str], "str | None"]
"""(playbook page path, path of the page that links) -> relative URL or None."""


class MermaidEquivalent:
    """What the plugin emits for a block, as a writer would hand-write it in
    Markdown: the title, the description (the plugin's one line of HTML), one
    ```mermaid fence per diagram view and, with ``tables``, the stage and RACI
    tables with the plugin's cell contents as Markdown tables, all in the
    block's view order, and then the text version of the diagrams (the
    plugin's collapsed list of stages and steps, as HTML).

    With ``playbook_url`` (the default configuration, playbook on), the
    diagrams, tables and text version link stages, roles and touchpoints to
    their playbook pages as the plugin's do (Mermaid ``click`` lines, links in
    the cells); without it, no links (what ``playbook: false`` emits).
    ``page`` is set by the caller to the docs path of the page being written."""

    def __init__(self, reader: BlockReader, *, tables: bool = False,
                 playbook_url: PlaybookUrl | None = None) -> None:
        self.reader = reader
        self.tables = tables
        self.playbook_url = playbook_url
        self.page = ""
        self.diagrams = 0
        self.tables_written = 0

    def options(self, locale: str):  # type: ignore[no-untyped-def]
        from mkdocs_custflow.renderers.options import RenderOptions

        url = self.playbook_url
        if url is None:
            return RenderOptions(locale=locale)
        return RenderOptions(locale=locale, page=self.page, links=_corpus_links(url))

    def __call__(self, body: str) -> str:
        from mkdocs_custflow.i18n import normalize_locale
        from mkdocs_custflow.renderers.html import TABLE_VIEWS, render_diagrams, text_version
        from mkdocs_custflow.safe_text import description_html

        journey = self.reader(body)
        locale = normalize_locale(journey.locale) if journey.locale else self.reader.locale
        options = self.options(locale)
        diagrams = render_diagrams(journey, options)
        parts = [f"**{journey.title}**", ""]
        if journey.description:  # the writer's prose, on one line of HTML as the plugin writes it
            parts += [description_html(journey.description), ""]
        for view in journey.views:
            if view in diagrams:
                source = diagrams[view]
                fence = "`" * max(3, _longest_backtick_run(source) + 1)
                parts += [f"{fence}mermaid", source, fence, ""]
                self.diagrams += 1
            elif self.tables and view in TABLE_VIEWS:
                parts += [markdown_table(TABLE_VIEWS[view](journey, options)), ""]
                self.tables_written += 1
        if self.tables and diagrams:
            parts += [text_version(journey, options), ""]
        return "\n".join(parts).rstrip("\n")


_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


def markdown_table(html: str) -> str:
    """The plugin's HTML table as a Markdown table with the same cells (their
    entities and ``<br>`` kept, which Markdown passes through)."""
    rows = [[cell.replace("|", "\\|").strip() or " " for cell in _CELL.findall(row)]
            for row in _ROW.findall(html)]
    if not rows:
        raise SystemExit(f"no table rows in:\n{html}")
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _longest_backtick_run(text: str) -> int:
    best = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        best = max(best, run)
    return best


# --------------------------------------------------------------------------- configs
MARKDOWN_EXTENSIONS = """markdown_extensions:
  - admonition
  - attr_list
  - tables
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def config_yaml(name: str, docs: str, site: str, plugin: str, extra: str = "") -> str:
    return (
        f"site_name: {json.dumps(f'custflow benchmark ({name})')}\n"
        f"docs_dir: {docs}\nsite_dir: {site}\n"
        "theme:\n  name: material\n  font: false\n  language: en\n"
        "  features: [navigation.sections]\n"
        f"plugins:\n  - search\n{plugin}"
        + MARKDOWN_EXTENSIONS + extra
    )


# The sites generate() can write: name -> (docs folder, config file).
SITES = {
    "A": ("docs-a", "mkdocs-a.yml"),
    "A, playbook: false": ("docs-a", "mkdocs-a-np.yml"),
    "B": ("docs-b", "mkdocs-b.yml"),
    "B without the playbook pages": ("docs-b-np", "mkdocs-b-np.yml"),
    "B (diagrams only)": ("docs-bd", "mkdocs-b-diagrams.yml"),
    "B2": ("docs-b2", "mkdocs-b2.yml"),
}
PLAYBOOK_KINDS = ("stages", "touchpoints", "roles")
NAV_LIMIT = 30  # the plugin's default nav_limit: A lists a kind only up to this many pages


def write_playbook_pages(root: Path, docs: str, links: str | None = None) -> dict:
    """The playbook pages as ``custflow playbook docs-a --out DOCS -f mkdocs-a.yml``
    (with ``--links LINKS`` when given) writes them (run as that command, in a
    fresh interpreter, with this interpreter's path); returns what it wrote and
    how long it took."""
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs_custflow.cli", "playbook", "docs-a", "--out", docs,
         "-f", "mkdocs-a.yml", *(("--links", links) if links else ())],
        cwd=root, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"custflow playbook failed:\n{completed.stdout}{completed.stderr}")
    if "warning" in completed.stderr.replace("custflow: wrote", ""):
        print("corpus: custflow playbook:", completed.stderr, file=sys.stderr)
    folder = root / docs / "playbook"
    kinds = {kind: len(list((folder / kind).glob("*.md"))) for kind in PLAYBOOK_KINDS}
    pages = sorted(p.relative_to(root / docs).as_posix() for p in folder.rglob("*.md"))
    return {"seconds": seconds, "kinds": kinds, "pages": pages,
            "markdown_chars": sum(len((root / docs / p).read_text("utf-8")) for p in pages),
            "json_bytes": (folder / "playbook.json").stat().st_size}


def not_in_nav(kinds: dict[str, int]) -> list[str]:
    """The folders of the kinds of playbook page A leaves out of its
    navigation (more than nav_limit pages), for B's ``not_in_nav``."""
    return [f"/playbook/{kind}/" for kind, count in kinds.items() if count > NAV_LIMIT]


def relative_urls(pages: Iterable[str]) -> PlaybookUrl:
    """(target docs path, linking docs path) -> the relative URL MkDocs gives
    between them with directory URLs, or None when there is no such page:
    what the plugin links (``PlaybookFiles.url``)."""
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    def url_of(path: str) -> str:
        return File(path, "/docs", "/site", use_directory_urls=True).url

    targets = {path: url_of(path) for path in pages}

    def url(target: str, page: str) -> str | None:
        found = targets.get(target)
        return get_relative_url(found, url_of(page)) if found is not None else None

    return url


def generate(root: Path, pages: int = 300, blocks_per_page: int = 5, seed: int = 6,
             sites: Iterable[str] = tuple(SITES)) -> dict:
    """Write the corpus under ``root`` (replacing it); return a summary."""
    wanted = [name for name in SITES if name in set(sites)]
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    catalog = root / "catalog.yml"
    catalog.write_text(catalog_yaml(), encoding="utf-8")
    rng = random.Random(seed)
    stream_rng = random.Random(seed + 1)
    made = [make_page(rng, index, blocks_per_page, stream_rng) for index in range(pages)]
    sizes = sorted(len(p.body) for page in made for p in page.parts if isinstance(p, Block))
    index_md = "# custflow benchmark\n\nGenerated corpus: {} pages x {} journey blocks.\n"
    chars: dict[str, int] = {}

    def write_pages(docs: str, replace) -> None:  # type: ignore[no-untyped-def]
        (root / docs).mkdir(exist_ok=True)
        (root / docs / "index.md").write_text(index_md.format(pages, blocks_per_page), "utf-8")
        total = 0
        for page in made:
            if isinstance(replace, MermaidEquivalent):
                replace.page = page.path
            text = render_page(page, replace)
            target = root / docs / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            total += len(text)
        chars[docs] = total

    # A first: `custflow playbook` reads its pages. Each A site keeps its own
    # block cache, as separate CI jobs would.
    write_pages("docs-a", journey_fence)
    (root / "mkdocs-a.yml").write_text(config_yaml(
        "A", "docs-a", "site-a",
        "  - custflow:\n      catalog: catalog.yml\n      cache_dir: .cache/a\n"), "utf-8")
    if "A, playbook: false" in wanted:
        (root / "mkdocs-a-np.yml").write_text(config_yaml(
            "A, playbook: false", "docs-a", "site-a-np",
            "  - custflow:\n      catalog: catalog.yml\n      playbook: false\n"
            "      cache_dir: .cache/anp\n"), "utf-8")
    summary: dict = {
        "pages": pages, "blocks_per_page": blocks_per_page, "blocks": len(sizes), "seed": seed,
        "sites": wanted,
        "block_chars_median": sizes[len(sizes) // 2] if sizes else 0,
        "block_chars_min": sizes[0] if sizes else 0, "block_chars_max": sizes[-1] if sizes else 0,
        "markdown_chars_a": chars["docs-a"],
    }
    reader = BlockReader(catalog)
    if "B" in wanted:
        playbook = write_playbook_pages(root, "docs-b")
        hidden = not_in_nav(playbook["kinds"])
        extra = ("not_in_nav: |\n" + "".join(f"  {h}\n" for h in hidden)) if hidden else ""
        linked = MermaidEquivalent(reader, tables=True,
                                   playbook_url=relative_urls(playbook["pages"]))
        write_pages("docs-b", linked)
        (root / "mkdocs-b.yml").write_text(
            config_yaml("B", "docs-b", "site-b", "", extra), "utf-8")
        summary.update({
            "markdown_chars_b": chars["docs-b"], "mermaid_fences_b": linked.diagrams,
            "markdown_tables_b": linked.tables_written,
            "playbook_pages": len(playbook["pages"]), "playbook_kinds": playbook["kinds"],
            "playbook_markdown_chars": playbook["markdown_chars"],
            "playbook_json_bytes": playbook["json_bytes"],
            "playbook_command_s": round(playbook["seconds"], 2), "b_not_in_nav": hidden,
        })
    if "B without the playbook pages" in wanted:
        plain = MermaidEquivalent(reader, tables=True)
        write_pages("docs-b-np", plain)
        (root / "mkdocs-b-np.yml").write_text(config_yaml(
            "B without the playbook pages", "docs-b-np", "site-b-np", ""), "utf-8")
        summary.update({"markdown_chars_b_np": chars["docs-b-np"],
                        "markdown_tables_b_np": plain.tables_written})
    if "B (diagrams only)" in wanted:
        write_pages("docs-bd", MermaidEquivalent(reader))
        (root / "mkdocs-b-diagrams.yml").write_text(
            config_yaml("B (diagrams only)", "docs-bd", "site-bd", ""), "utf-8")
        summary["markdown_chars_bd"] = chars["docs-bd"]
    if "B2" in wanted:
        # Issue 26's B2: what a writer without the plugin has, the same pages with
        # each block's diagrams as ```mermaid fences (their links to the playbook
        # kept) and the playbook pages written once by `custflow playbook --links files`.
        playbook2 = write_playbook_pages(root, "docs-b2", links="files")
        hidden2 = not_in_nav(playbook2["kinds"])
        extra2 = ("not_in_nav: |\n" + "".join(f"  {h}\n" for h in hidden2)) if hidden2 else ""
        fences = MermaidEquivalent(reader, playbook_url=relative_urls(playbook2["pages"]))
        write_pages("docs-b2", fences)
        (root / "mkdocs-b2.yml").write_text(
            config_yaml("B2", "docs-b2", "site-b2", "", extra2), "utf-8")
        summary.update({"markdown_chars_b2": chars["docs-b2"],
                        "mermaid_fences_b2": fences.diagrams,
                        "playbook_markdown_chars_b2": playbook2["markdown_chars"]})
    summary["block_warnings"] = len(reader.warnings)
    if reader.warnings:
        print("corpus: block warnings:", *reader.warnings[:5], sep="\n  ", file=sys.stderr)
    (root / "corpus.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--blocks", type=int, default=5, help="journey blocks per page")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--site", action="append", choices=tuple(SITES),
                        help="write only this site (repeatable; default: all; A always)")
    args = parser.parse_args()
    sites = ["A", *args.site] if args.site else tuple(SITES)
    print(json.dumps(generate(args.root, args.pages, args.blocks, args.seed, sites), indent=2))


def _corpus_links(url):  # type: ignore[no-untyped-def]
    """The plugin's links to the playbook's pages, for the site by hand (the
    package is imported only when a build is timed, as elsewhere here)."""
    from mkdocs_custflow.playbook.layout import PlaybookLayout
    from mkdocs_custflow.renderers.options import SiteLinks

    layout = PlaybookLayout()

    class CorpusLinks(SiteLinks):
        signature = "corpus"

        def stage(self, stage_id, page):  # type: ignore[no-untyped-def]
            return url(layout.stage(stage_id), page)

        def actor(self, actor_id, page):  # type: ignore[no-untyped-def]
            return url(layout.role(actor_id), page)

        def touchpoint(self, touchpoint_id, page):  # type: ignore[no-untyped-def]
            return url(layout.touchpoint(touchpoint_id), page)

    return CorpusLinks()

if __name__ == "__main__":
    main()

