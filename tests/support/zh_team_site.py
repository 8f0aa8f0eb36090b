"""A Chinese team's playbook, written as a Chinese operations manager writes it.

Twelve roles in the catalog (in an order that is not alphabetical), shared
stages, an as-is journey with every view, a to-be journey that improves it,
a sub-journey, and the writing habits of a Chinese team: full-width colons in
steps, display names as owners, targets such as ``30分钟以内``. The tests of
issue 25 build it in Material with ``language: zh`` and read it as its
readers do.
"""

from __future__ import annotations

from pathlib import Path

from support.site import BuildResult, build_site

# Twelve roles in the catalog's order: neither alphabetical by id nor by name.
ROLES = (
    ("service", "客服专员", "客户服务部"),
    ("supervisor", "客服主管", "客户服务部"),
    ("dispatcher", "派工调度", "客户服务部"),
    ("engineer", "售后工程师", "售后技术部"),
    ("expert", "技术专家", "售后技术部"),
    ("parts", "备件管理员", "供应链部"),
    ("logistics", "物流专员", "供应链部"),
    ("quality", "质量经理", "质量部"),
    ("finance", "财务结算", "财务部"),
    ("sales", "销售顾问", "销售部"),
    ("marketing", "市场专员", "市场部"),
    ("legal", "法务顾问", "法务部"),
)

CATALOG = "actors:\n  customer: {name: 客户, kind: customer}\n" + "".join(
    f"  {role}: {{name: {name}, kind: role, team: {team}}}\n" for role, name, team in ROLES
) + """\
  crm: {name: CRM 系统, kind: system}
  courier: {name: 快递公司, kind: partner}
touchpoints:
  hotline: {name: 服务热线, channel: service}
  wechat: {name: 微信服务号, channel: service}
  app: {name: 手机应用, channel: service}
  store: {name: 门店, channel: sales}
  ads: {name: 广告投放, channel: marketing}
stages:
  - id: report
    name: 报修受理
    owner: 客服专员
    responsible: [dispatcher]
    consulted: [supervisor]
    informed: [quality]
    touchpoints: [hotline, wechat]
    sla: 30分钟
    kpis:
      - {name: 首次响应时间, target: 30分钟以内, current: 45分钟}
  - id: repair
    name: 上门维修
    owner: engineer
    responsible: [parts, logistics]
    consulted: [expert]
    informed: [finance]
    sla: 2个工作日
"""

AS_IS = """\
# 报修（现状）

客服中心接到报修后的处理流程。

```journey
id: repair-as-is
title: 家电报修（现状）
views: [flow, sequence, journey, stages, raci, map, blueprint]
stages:
  - id: report
    steps:
      - {from: customer, to: service, say: 打电话报修，描述故障, score: 2, pain: 排队等了二十分钟}
      - customer -> service：询问保修期限
      - service --> customer：在保修期内，预计3.5小时内回电
      - service -> crm: 建立工单
      - decide: 是否需要上门？
        需要: repair
        不需要: close
    pains:
      - {text: 电话排队久，还要反复描述故障, severity: high}
      - 下班后无人接听
    opportunities:
      - {text: 微信上传故障照片后再回电, status: planned, owner: 客服专员}
  - id: repair
    steps:
      - dispatcher -> engineer: 派工
      - engineer -> parts: 申领备件
      - parts -> courier: 寄出备件
      - engineer -> customer: 上门维修，2026年10月15日前完成
      - {from: customer, to: engineer, say: 验收签字, score: 4}
    kpis:
      - {name: 一次修复率, target: 不低于90%, current: 84%}
  - id: close
    name: 回访结案
    owner: 客服主管
    touchpoints: [app]
    detail: revisit
    sla: 1天以内
    steps:
      - supervisor -> customer: 电话回访满意度
      - supervisor -> supervisor: 整理回访记录
      - supervisor -> finance: 结算费用
      - supervisor -> legal: 有争议时请法务审核
      - supervisor -> marketing: 反馈口碑素材
      - supervisor -> sales: 推荐延保
```
"""

TO_BE = """\
# 报修（目标状态）

```journey
id: repair-to-be
title: 家电报修（目标状态）
state: to-be
improves: repair-as-is
views: [flow, map]
stages:
  - id: report
    touchpoints: [wechat, app]
    steps:
      - customer -> service：在微信上传故障照片
      - service --> customer：10分钟内确认
  - id: repair
    owner: dispatcher
    steps:
      - dispatcher -> engineer: 按照片备好备件后派工
      - engineer -> customer: 一次上门修好
  - id: close
    name: 回访结案
    owner: supervisor
    steps:
      - supervisor -> customer: 微信回访
```
"""

REVISIT = """\
# 回访

```journey
id: revisit
title: 回访
views: [flow, sequence]
stages:
  - id: call-back
    name: 电话回访
    owner: supervisor
    sla: 24小时以内
    steps:
      - supervisor -> customer: 询问维修是否满意
      - customer --> supervisor: 给出评分
  - id: follow-up
    name: 跟进投诉
    owner: quality
    steps:
      - quality -> customer: 处理不满意的回访
```
"""

DOCS = {
    "index.md": "# 售后服务手册\n\n本站是华东电子售后服务团队的客户旅程手册。\n",
    "repair.md": AS_IS,
    "repair-to-be.md": TO_BE,
    "revisit.md": REVISIT,
}

PAGES = ("repair/index.html", "repair-to-be/index.html", "revisit/index.html")
"""The pages that hold the team's journeys."""


def build_team_site(root: Path, *, strict: bool = True, palette: bool = False) -> BuildResult:
    """The Chinese team's site, built in Material (``language: zh``)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "catalog.yml").write_text(CATALOG, encoding="utf-8")
    theme: dict[str, object] = {"name": "material", "language": "zh"}
    if palette:
        theme["palette"] = [
            {"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "深色"}},
            {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "浅色"}},
        ]
    config = {
        "site_name": "售后服务手册",
        "theme": theme,
        "plugins": [{"custflow": {"catalog": "catalog.yml"}}],
    }
    return build_site(root, DOCS, config, strict=strict)


def written_words(root: Path) -> set[str]:
    """Every Latin-letter word the team wrote itself (its pages, its catalog)."""
    import re

    texts = [(root / "catalog.yml").read_text("utf-8"), *DOCS.values()]
    return {word.lower() for text in texts for word in re.findall(r"[A-Za-z]+", text)}
