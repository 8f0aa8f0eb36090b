"""The few words the plugin itself writes into diagrams and tables."""

from __future__ import annotations

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "start": "Start",
        "end": "End",
        "stage": "Stage",
        "owner": "Owner",
        "touchpoints": "Touchpoints",
        "kpis": "KPIs",
        "sla": "Time limit",
        "role": "Role",
        "error_title": "Journey block error",
        "goto": "go to",
        "playbook": "Playbook",
        "overview": "Overview",
        "journeys": "Journeys",
        "journey": "Journey",
        "page": "Page",
        "stages": "Stages",
        "roles": "Roles",
        "team": "Team",
        "no_team": "No team",
        "channel": "Channel",
        "no_channel": "Other",
        "raci": "RACI matrix",
        "raci_legend": "A accountable (owner) · R responsible · C consulted · I informed",
        "findings": "Findings",
        "no_findings": "No findings: every stage has an owner, every touchpoint is used, "
        "every role has work.",
        "unowned": "Stages with no owner",
        "unused_touchpoints": "Touchpoints no stage uses",
        "idle_roles": "Roles with nothing to do",
        "description": "Description",
        "links": "Links",
        "steps": "Steps",
        "responsible": "Responsible",
        "consulted": "Consulted",
        "informed": "Informed",
        "used_in": "Used in",
        "where_met": "Where customers meet it",
        "responsibilities": "Responsibilities",
        "time_limits": "Time limits to meet",
        "performs": "Steps it performs",
        "says": "Step",
    },
    "zh": {
        "start": "开始",
        "end": "结束",
        "stage": "阶段",
        "owner": "负责人",
        "touchpoints": "接触点",
        "kpis": "关键指标",
        "sla": "时限",
        "role": "角色",
        "error_title": "旅程块错误",
        "goto": "转到",
        "playbook": "客户旅程手册",
        "overview": "总览",
        "journeys": "客户旅程",
        "journey": "旅程",
        "page": "页面",
        "stages": "阶段",
        "roles": "角色",
        "team": "团队",
        "no_team": "未分团队",
        "channel": "渠道",
        "no_channel": "其他",
        "raci": "RACI 责任矩阵",
        "raci_legend": "A 负责（批准）· R 执行 · C 咨询 · I 知会",
        "findings": "检查结果",
        "no_findings": "没有问题：每个阶段都有负责人，每个接触点都有使用，每个角色都有职责。",
        "unowned": "没有负责人的阶段",
        "unused_touchpoints": "没有阶段使用的接触点",
        "idle_roles": "没有职责的角色",
        "description": "说明",
        "links": "相关链接",
        "steps": "步骤",
        "responsible": "执行",
        "consulted": "咨询",
        "informed": "知会",
        "used_in": "出现在",
        "where_met": "客户在哪里接触",
        "responsibilities": "职责",
        "time_limits": "需遵守的时限",
        "performs": "参与的步骤",
        "says": "步骤",
    },
}

def normalize_locale(locale: str | None) -> str:
    """``zh_CN``, ``zh-Hans`` and ``zh`` all mean the ``zh`` word list."""
    if not locale:
        return "en"
    base = locale.replace("_", "-").split("-")[0].lower()
    return base if base in _WORDS else "en"


def words(locale: str | None) -> dict[str, str]:
    return _WORDS[normalize_locale(locale)]
