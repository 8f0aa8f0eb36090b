"""A Chinese customer-management site with systems and data (issue 24's
"Done when"): four systems in four layers, four data items (two personal),
data uses in three journeys, roles with training."""

from __future__ import annotations

from pathlib import Path

from support.site import BuildResult, build_site

CATALOG = """\
actors:
  customer: {name: 客户, kind: customer}
  sales: {name: 销售顾问, kind: role, team: 销售部,
          training: [CRM 客户录入规范,
                     {title: 个人信息保护法培训, url: https://example.com/pipl, every: 每年}]}
  service: {name: 客服专员, kind: role, team: 客服部, training: [工单系统操作]}
  ops: {name: 交付专员, kind: role, team: 运营部}
  it: {name: 信息部, kind: role, team: 信息部}
  crm: {name: CRM 系统, kind: system, layer: 客户数据, owner: it,
        integrates: [{with: erp, data: [order], how: API 实时},
                     {with: wecom, data: [contact], how: 企业微信接口}]}
  erp: {name: ERP 订单系统, kind: system, layer: 订单与交付, owner: it,
        integrates: [{with: tickets, data: [order], how: 每晚同步}]}
  tickets: {name: 工单系统, kind: system, layer: 服务, owner: service}
  wecom: {name: 企业微信, kind: system, layer: 触达渠道, owner: sales}
data:
  contact: {name: 联系方式, personal: true, owner: sales, retention: 3年,
            access: [sales, service], held_in: [crm, wecom]}
  address: {name: 收货地址, personal: true, owner: ops, retention: 1年,
            access: [ops, service, sales], held_in: [erp]}
  order: {name: 订单, owner: ops, held_in: [erp, crm]}
  ticket: {name: 服务工单, owner: service, held_in: [tickets]}
"""

SALES = """\
# 销售

```journey
id: first-purchase
title: 首次购买
views: [flow, systems]
stages:
  - id: consult
    name: 咨询
    owner: sales
    sla: 24小时
    links: [{title: 咨询话术, url: https://example.com/script}]
    data:
      - {data: contact, use: collect, in: crm}
      - {data: contact, use: share, in: wecom}
    steps:
      - customer -> sales: 咨询产品
  - id: order
    name: 下单
    owner: sales
    data:
      - {data: order, use: collect, in: erp}
      - {data: address, use: collect, in: erp}
```
"""

DELIVERY = """\
# 交付

```journey
id: delivery
title: 订单交付
views: [flow, systems]
stages:
  - id: ship
    name: 发货
    owner: ops
    sla: 48小时
    data:
      - {data: address, use: read, in: erp}
      - {data: order, use: update, in: erp}
```
"""

SERVICE = """\
# 售后

```journey
id: repair
title: 售后报修
views: [flow, systems]
stages:
  - id: report
    name: 报修
    owner: service
    data:
      - {data: contact, use: read, in: crm}
      - {data: ticket, use: collect, in: tickets}
      - {data: order, use: read, in: crm}
    steps:
      - customer -> service: 电话报修
      - service -> tickets: 创建工单
```
"""

DOCS = {"catalog.yml": CATALOG, "index.md": "# 客户管理手册\n", "sales.md": SALES,
        "delivery.md": DELIVERY, "service.md": SERVICE}
CONFIG = {"site_name": "客户管理手册", "theme": {"name": "material", "language": "zh",
                                              "font": False},
          "plugins": [{"custflow": {"catalog": "docs/catalog.yml", "locale": "zh"}}]}


def build_systems_site(root: Path, docs: dict[str, str] | None = None) -> BuildResult:
    """The site built ``--strict`` (``docs`` replace or add files)."""
    return build_site(root, {**DOCS, **(docs or {})}, CONFIG, strict=True)
