"""Deterministic benchmark corpus for mkdocs-custflow.

``generate(root, pages=300, blocks_per_page=5, seed=6)`` writes::

    root/catalog.yml            shared actors, touchpoints, stages
    root/docs-a/...             pages with ```journey blocks (site A)
    root/docs-b/...             the same pages, each block replaced by what
                                the plugin emits for it, hand-written: title,
                                description, ```mermaid fences, Markdown tables
    root/docs-bd/...            the same without the tables (diagrams only)
    root/mkdocs-a.yml           A: custflow with playbook: false (headline)
    root/mkdocs-a-playbook.yml  A+playbook: custflow with the generated playbook
    root/mkdocs-b.yml           B: no custflow; pymdownx.superfences with
                                Material's mermaid custom fence
    root/mkdocs-b-diagrams.yml  B (diagrams only): the same for docs-bd

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
import sys
from collections.abc import Iterator
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
    "marketing": ("Marketing", "Growth"), "sales": ("Sales rep", "Sales"),
    "presales": ("Pre-sales engineer", "Sales"), "legal": ("Legal", "Operations"),
    "ops": ("Fulfilment", "Operations"), "engineer": ("Field engineer", "Service"),
    "success": ("Customer success", "Service"), "service": ("Service desk", "Service"),
    "finance": ("Finance", "Operations"),
}
SYSTEMS = {"store": "Online store", "crm": "CRM", "erp": "ERP", "portal": "Customer portal"}
TOUCHPOINTS = {
    "website": ("Website", "marketing"), "social-media": ("Social media", "marketing"),
    "live-chat": ("Online chat", "service"), "hotline": ("Service hotline", "service"),
    "wechat": ("WeChat", "service"), "email": ("Email", "sales"),
    "on-site-visit": ("On-site visit", "service"), "trade-show": ("Trade show", "marketing"),
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
        if rng.random() < 0.3:
            lines.append(f"    responsible: {_flow(rng.sample(sorted(ROLES), 2))}")
        if rng.random() < 0.2:
            lines.append(f"    consulted: {_flow(rng.sample(sorted(ROLES), 1))}")
            lines.append(f"    informed: {_flow(rng.sample(sorted(ROLES), 2))}")
        if rng.random() < 0.5:
            tps = rng.sample(sorted(TOUCHPOINTS), rng.randint(1, 3))
            if own_tp and rng.random() < 0.5:
                tps.append(own_tp)
            lines.append(f"    touchpoints: {_flow(tps)}")
        if rng.random() < 0.3:
            kpi = "首次响应率 ≥ 95%" if zh else "First reply within SLA >= 95%"
            lines.append(f'    kpis: ["{kpi}"]')
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
                via = f", via: {rng.choice(sorted(TOUCHPOINTS))}" if rng.random() < 0.5 else ""
                lines.append(f"      - {{from: customer, to: {owner}, say: {text}{via}, "
                             f"score: {rng.randint(1, 5)}}}")
            else:
                lines.append(f"      - note: {text}")
        if index < len(stages) - 1 and rng.random() < 0.25:
            lines += [f"      - decide: {'是否继续？' if zh else 'Go ahead?'}",
                      f"        yes: {ids[index + 1]}",
                      f"        no: {ids[rng.randrange(0, index + 1)]}"]
    return "\n".join(lines)


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
    if kind == "use-stage":  # a stage of the template, tuned: fields replace
        sid = rng.choice(templates[name])
        kpi = "一次解决率 ≥ 80%" if zh else "Solved at first contact >= 80%"
        lines += ["stages:", f"  - id: {sid}", f"    sla: {rng.choice(('2h', '8h', '24h'))}",
                  f'    kpis: ["{kpi}"]']
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
class MermaidEquivalent:
    """What the plugin emits for a block, as a writer would hand-write it in
    Markdown: the title, the description (the plugin's one line of HTML), one
    ```mermaid fence per diagram view (no playbook links) and, with ``tables``,
    the stage and RACI tables with the plugin's cell contents as Markdown
    tables, all in the block's view order, and then the text version of the
    diagrams (the plugin's collapsed list of stages and steps, as HTML)."""

    def __init__(self, catalog: Path, locale: str = "en", *, tables: bool = False) -> None:
        from mkdocs_custflow.pipeline import Pipeline, Settings

        self.pipeline = Pipeline(Settings(locale=locale, catalog=str(catalog)))
        if self.pipeline.catalog_errors:
            raise SystemExit(f"catalog errors: {self.pipeline.catalog_errors}")
        self.locale = locale
        self.tables = tables
        self.warnings: list[str] = []
        self.diagrams = 0
        self.tables_written = 0

    def __call__(self, body: str) -> str:
        from mkdocs_custflow.i18n import normalize_locale
        from mkdocs_custflow.renderers.html import TABLE_VIEWS, render_diagrams, text_version
        from mkdocs_custflow.renderers.options import RenderOptions
        from mkdocs_custflow.safe_text import description_html

        result = self.pipeline.read_block(body, file="corpus", line=1)
        if result.journey is None:
            raise SystemExit("generated block does not read:\n" + body + "\n" +
                             "\n".join(str(d) for d in result.diagnostics))
        self.warnings += [str(d) for d in result.diagnostics]
        journey = result.journey
        locale = normalize_locale(journey.locale) if journey.locale else self.locale
        options = RenderOptions(locale=locale)
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


def config_yaml(name: str, docs: str, site: str, plugin: str) -> str:
    return (
        f"site_name: custflow benchmark ({name})\n"
        f"docs_dir: {docs}\nsite_dir: {site}\n"
        "theme:\n  name: material\n  font: false\n  language: en\n"
        "  features: [navigation.sections]\n"
        f"plugins:\n  - search\n{plugin}"
        + MARKDOWN_EXTENSIONS
    )


def generate(root: Path, pages: int = 300, blocks_per_page: int = 5, seed: int = 6) -> dict:
    """Write the corpus under ``root`` (replacing it); return a summary."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "catalog.yml").write_text(catalog_yaml(), encoding="utf-8")
    sites = {"docs-a": journey_fence,
             "docs-b": MermaidEquivalent(root / "catalog.yml", tables=True),
             "docs-bd": MermaidEquivalent(root / "catalog.yml")}
    for docs in sites:
        (root / docs).mkdir()
    rng = random.Random(seed)
    stream_rng = random.Random(seed + 1)
    index_a = "# custflow benchmark\n\nGenerated corpus: {} pages x {} journey blocks.\n"
    for docs in sites:
        (root / docs / "index.md").write_text(index_a.format(pages, blocks_per_page), "utf-8")
    sizes = []
    chars = dict.fromkeys(sites, 0)
    for index in range(pages):
        page = make_page(rng, index, blocks_per_page, stream_rng)
        sizes += [len(p.body) for p in page.parts if isinstance(p, Block)]
        for docs, replace in sites.items():
            text = render_page(page, replace)
            target = root / docs / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            chars[docs] += len(text)
    # Each A site keeps its own block cache, as separate CI jobs would.
    (root / "mkdocs-a.yml").write_text(config_yaml(
        "A", "docs-a", "site-a",
        "  - custflow:\n      catalog: catalog.yml\n      playbook: false\n"
        "      cache_dir: .cache/a\n"), "utf-8")
    (root / "mkdocs-a-playbook.yml").write_text(config_yaml(
        "A+playbook", "docs-a", "site-ap",
        "  - custflow:\n      catalog: catalog.yml\n      cache_dir: .cache/ap\n"), "utf-8")
    (root / "mkdocs-b.yml").write_text(config_yaml("B", "docs-b", "site-b", ""), "utf-8")
    (root / "mkdocs-b-diagrams.yml").write_text(
        config_yaml("B (diagrams only)", "docs-bd", "site-bd", ""), "utf-8")
    mermaid = sites["docs-b"]
    assert isinstance(mermaid, MermaidEquivalent)
    sizes.sort()
    summary = {
        "pages": pages, "blocks_per_page": blocks_per_page, "blocks": len(sizes), "seed": seed,
        "block_chars_median": sizes[len(sizes) // 2] if sizes else 0,
        "block_chars_min": sizes[0] if sizes else 0, "block_chars_max": sizes[-1] if sizes else 0,
        "markdown_chars_a": chars["docs-a"], "markdown_chars_b": chars["docs-b"],
        "mermaid_fences_b": mermaid.diagrams, "markdown_tables_b": mermaid.tables_written,
        "block_warnings": len(mermaid.warnings),
    }
    if mermaid.warnings:
        print("corpus: block warnings:", *mermaid.warnings[:5], sep="\n  ", file=sys.stderr)
    (root / "corpus.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--blocks", type=int, default=5, help="journey blocks per page")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    print(json.dumps(generate(args.root, args.pages, args.blocks, args.seed), indent=2))


if __name__ == "__main__":
    main()
