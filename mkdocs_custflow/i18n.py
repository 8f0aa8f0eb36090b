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
    },
}

LOCALES = tuple(_WORDS)


def normalize_locale(locale: str | None) -> str:
    """``zh_CN``, ``zh-Hans`` and ``zh`` all mean the ``zh`` word list."""
    if not locale:
        return "en"
    base = locale.replace("_", "-").split("-")[0].lower()
    return base if base in _WORDS else "en"


def words(locale: str | None) -> dict[str, str]:
    return _WORDS[normalize_locale(locale)]
