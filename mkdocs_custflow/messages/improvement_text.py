"""Messages of reading pains, opportunities, KPIs, the review cycle
(:mod:`mkdocs_custflow.reading.improvement_reader`), systems and data
(:mod:`mkdocs_custflow.reading.systems_reader`)."""

TEMPLATES: dict[str, dict[str, str]] = {
    "pain.bad-form": {
        "en": "a pain point is a text or {{text, severity: high|medium|low}}",
        "zh": "痛点应是一段文字，或 {{text, severity: high|medium|low}}",
    },
    "opportunity.bad-form": {
        "en": "an opportunity is a text or {{text, status: idea|planned|doing|done, owner: "
        "actor id}}",
        "zh": "改进机会应是一段文字，或 {{text, status: idea|planned|doing|done, owner: "
        "参与者 id}}",
    },
    "kpi.bad-form": {
        "en": "a KPI is a text or {{name, target, current, unit, id}}",
        "zh": "关键指标应是一段文字，或 {{name, target, current, unit, id}}",
    },
    "kpi.bad-target": {
        "en": "KPI '{name}': target {target} is not a number with an optional comparison; "
        "write e.g. '>= 90%', '<= 2h' or '< 3 days'",
        "zh": "关键指标 '{name}' 的目标 {target} 不是数字（可带比较符）；请写成例如 "
        "'>= 90%'、'<= 2h'、'30分钟以内'",
    },
    "kpi.bad-current": {
        "en": "KPI '{name}': current value {current} is not a number with an optional unit; "
        "write what was measured, e.g. '84%' or '3h'",
        "zh": "关键指标 '{name}' 的当前值 {current} 不是数字（可带单位）；请写实测值，例如 "
        "'84%' 或 '3h'",
    },
    "kpi.not-comparable": {
        "en": "KPI '{name}': target {target} and current value {current} are not in one "
        "unit, so met or missed cannot be shown; write both in the same unit (h, min and d "
        "convert)",
        "zh": "关键指标 '{name}' 的目标 {target} 和当前值 {current} 单位不同，无法显示是否达标；"
        "请用同一种单位（h、min、d 之间可以换算）",
    },
    "effective.bad-date": {
        "en": "'effective' must be the day the change went live (YYYY-MM-DD), not {value}",
        "zh": "'effective' 应是改进上线的日期（YYYY-MM-DD），不能是 {value}",
    },
    "effective.not-to-be": {
        "en": "'effective' is the day a to-be journey went live: write 'state: to-be' (and "
        "'improves'), or remove 'effective'",
        "zh": "'effective' 是目标（to-be）旅程上线的日期：请写 'state: to-be'（以及 "
        "'improves'），否则去掉 'effective'",
    },
    "review.bad-form": {
        "en": "'review' must be a mapping {{owner, every, last, with}}, e.g. {{owner: "
        "service-manager, every: 3m, last: 2026-09-01}}",
        "zh": "'review' 应是映射 {{owner, every, last, with}}，例如 {{owner: "
        "service-manager, every: 3m, last: 2026-09-01}}",
    },
    "review.bad-every": {
        "en": "'every' must be a number of days, weeks, months or years such as 90d, 2w, 3m "
        "or 1y, not {value}{hint}",
        "zh": "'every' 应是天、周、月或年数，例如 90d、2w、3m、1y，不能是 {value}{hint}",
    },
    "review.bad-last": {
        "en": "'last' must be a date written YYYY-MM-DD, not {value}{hint}",
        "zh": "'last' 应是写成 YYYY-MM-DD 的日期，不能是 {value}{hint}",
    },
    # -- systems and data -------------------------------------------------------
    "integrates.bad-form": {
        "en": "an 'integrates' item of '{id}' is a system id or {{with: system id, data: "
        "[data ids], how: text}}, e.g. {{with: erp, data: [order], how: API}}",
        "zh": "'{id}' 的 'integrates' 项应是系统 id，或 {{with: 系统 id, data: [数据项 id], "
        "how: 文字}}，例如 {{with: erp, data: [order], how: API}}",
    },
    "integrates.no-with": {
        "en": "an 'integrates' item of '{id}' needs 'with': the system it exchanges data with",
        "zh": "'{id}' 的 'integrates' 项需要 'with'：与之交换数据的系统",
    },
    "training.bad-form": {
        "en": "a 'training' item is a text or {{title, url, every}}",
        "zh": "'training' 项应是一段文字，或 {{title, url, every}}",
    },
    "training.bad-url": {
        "en": "training URL {url} is not allowed ({problem}); use an http(s), mailto or "
        "relative link",
        "zh": "不允许使用培训网址 {url}（{problem}）；请用 http(s)、mailto 或相对链接",
    },
    "data-item.bad-form": {
        "en": "data item '{id}' must be a mapping {{name, personal, owner, retention, access, "
        "held_in}} or a name",
        "zh": "数据项 '{id}' 应是映射 {{name, personal, owner, retention, access, held_in}} "
        "或一个名称",
    },
    "data-use.not-list": {
        "en": "'data' must be a list of data ids or {{data, use, in}}",
        "zh": "'data' 应是数据项 id 或 {{data, use, in}} 的列表",
    },
    "data-use.bad-form": {
        "en": "a 'data' item is a data id or {{data: id, use: {uses}, in: system id}}, not "
        "{value}",
        "zh": "'data' 项应是数据项 id，或 {{data: id, use: {uses}, in: 系统 id}}，不能是 {value}",
    },
    "data-use.no-data": {
        "en": "a 'data' item needs 'data': the id of a data item of the catalog",
        "zh": "'data' 项需要 'data'：目录中某个数据项的 id",
    },
    "data-use.unknown-use": {
        "en": "unknown use {value}{hint}; use one of {uses}",
        "zh": "未知的用途 {value}{hint}；请使用其中之一：{uses}",
    },
}
