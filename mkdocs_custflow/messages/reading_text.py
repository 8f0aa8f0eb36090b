"""Messages of reading a block's values (:mod:`mkdocs_custflow.reading`): the
shape of a value, its keys, its ids and keywords, and the parts of a block
they are found in (``what.*``)."""

TEMPLATES: dict[str, dict[str, str]] = {
    # -- the shapes of a value ---------------------------------------------------
    "shape.list": {"en": "list", "zh": "列表"},
    "shape.mapping": {"en": "mapping", "zh": "映射"},
    "shape.text": {"en": "text", "zh": "文字"},
    "shape.plain-text": {"en": "plain text", "zh": "普通文字"},
    "shape.a-list": {"en": "a list", "zh": "列表"},
    "shape.a-mapping": {"en": "a mapping", "zh": "映射"},
    "shape.empty-block": {"en": "an empty block", "zh": "空块"},
    # -- the parts of a block a key or a value is in -----------------------------
    "what.journey-block": {"en": "a journey block", "zh": "旅程块"},
    "what.catalog": {"en": "the catalog", "zh": "目录"},
    "what.actor": {"en": "actor '{id}'", "zh": "参与者 '{id}'"},
    "what.touchpoint": {"en": "touchpoint '{id}'", "zh": "接触点 '{id}'"},
    "what.stage": {"en": "a stage", "zh": "阶段"},
    "what.link": {"en": "a link", "zh": "链接"},
    "what.step": {"en": "a step", "zh": "步骤"},
    "what.pain": {"en": "a pain point", "zh": "痛点"},
    "what.opportunity": {"en": "an opportunity", "zh": "改进机会"},
    "what.kpi": {"en": "a KPI", "zh": "关键指标"},
    "what.review": {"en": "'review'", "zh": "'review'"},
    "what.integrates-item": {"en": "an 'integrates' item of '{id}'",
                             "zh": "'{id}' 的一项 'integrates'"},
    "what.training-item": {"en": "a 'training' item", "zh": "一项 'training'"},
    "what.data-item": {"en": "data item '{id}'", "zh": "数据项 '{id}'"},
    "what.data-use": {"en": "a 'data' item", "zh": "一项 'data'"},
    "what.journey-id": {"en": "journey id '{id}'", "zh": "旅程 id '{id}'"},
    "what.stage-id": {"en": "stage id '{id}'", "zh": "阶段 id '{id}'"},
    "what.quoted": {"en": "'{id}'", "zh": "'{id}'"},
    # -- what an id or a keyword names -----------------------------------------
    "names.journey-id": {"en": "a journey id", "zh": "旅程 id"},
    "names.actor-id": {"en": "an actor id", "zh": "参与者 id"},
    "names.kpi-id": {"en": "a KPI id", "zh": "关键指标 id"},
    "names.role-id": {"en": "a role id", "zh": "角色 id"},
    "names.system-id": {"en": "a system id", "zh": "系统 id"},
    "names.data-id": {"en": "a data id", "zh": "数据项 id"},
    "keyword.state": {"en": "state", "zh": "状态"},
    "keyword.severity": {"en": "severity", "zh": "严重程度"},
    "keyword.status": {"en": "status", "zh": "进展"},
    "keyword.lane": {"en": "lane", "zh": "泳道"},
    "keyword.use": {"en": "use", "zh": "用途"},
    "keyword.layer": {"en": "layer", "zh": "层"},
    # -- the typed getters ---------------------------------------------------------
    "value.required": {
        "en": "'{key}' is required",
        "zh": "缺少必填的 '{key}'",
    },
    "value.not-text": {
        "en": "'{key}' must be text, not a {kind}",
        "zh": "'{key}' 应是文字，不能是{kind}",
    },
    "value.not-id-list": {
        "en": "'{key}' must be an id or a list of ids, not a {kind}",
        "zh": "'{key}' 应是一个 id 或 id 的列表，不能是{kind}",
    },
    "value.item-not-id": {
        "en": "'{key}' item {item} is not an id (letters, digits, '-', '_', '.')",
        "zh": "'{key}' 中的 {item} 不是 id（只能用字母、数字、'-'、'_'、'.'）",
    },
    "value.not-flag": {
        "en": "'{key}' must be true or false, not {value}",
        "zh": "'{key}' 应是 true 或 false，不能是 {value}",
    },
    "value.unknown-key": {
        "en": "unknown key '{key}' in {what}{hint}",
        "zh": "{what}中有未知的键 '{key}'{hint}",
    },
    "value.not-id-mapping": {
        "en": "'{key}' must be a mapping of id -> definition, not a {kind}",
        "zh": "'{key}' 应是“id -> 定义”的映射，不能是{kind}",
    },
    "value.bad-id": {
        "en": "{what} is not a valid id{why}; try '{suggestion}'",
        "zh": "{what} 不是有效的 id{why}；可以写成 '{suggestion}'",
    },
    "part.id-too-long": {
        "en": " ({length} characters, over the limit of {limit})",
        "zh": "（{length} 个字符，超过上限 {limit}）",
    },
    "value.not-id": {
        "en": "'{key}' must be {what}, not {value}; try '{suggestion}'",
        "zh": "'{key}' 应是{what}，不能是 {value}；可以写成 '{suggestion}'",
    },
    "value.unknown-keyword": {
        "en": "unknown {what} {value}{hint}; use one of {allowed}",
        "zh": "未知的{what} {value}{hint}；请使用其中之一：{allowed}",
    },
    # -- the whole block -----------------------------------------------------------
    "block.not-mapping": {
        "en": "a journey block must be a YAML mapping (key: value lines), not {kind}",
        "zh": "旅程块应是 YAML 映射（“键: 值”的行），不能是{kind}",
    },
    "block.bad-direction": {
        "en": "'direction' must be LR or TD, not '{value}'",
        "zh": "'direction' 应是 LR 或 TD，不能是 '{value}'",
    },
    "block.as-is-improves": {
        "en": "an as-is journey improves nothing: write 'state: to-be' for the journey as "
        "it should be, or remove 'improves'",
        "zh": "现状（as-is）旅程不改进任何旅程：目标旅程请写 'state: to-be'，否则去掉 'improves'",
    },
    "block.no-stages": {
        "en": "a journey needs 'stages' (or 'use' of a template)",
        "zh": "旅程需要 'stages'（或用 'use' 引用模板）",
    },
    "block.empty-stages": {
        "en": "a journey needs at least one stage",
        "zh": "旅程至少需要一个阶段",
    },
    "block.unknown-view": {
        "en": "unknown view '{view}'{hint}; views are {views}",
        "zh": "未知的视图 '{view}'{hint}；可用的视图有：{views}",
    },
    "catalog.not-mapping": {
        "en": "the catalog must be a mapping with actors, touchpoints, stages",
        "zh": "目录应是包含 'actors'、'touchpoints'、'stages' 的映射",
    },
    # -- actors, touchpoints, stages, links ----------------------------------------
    "actor.not-mapping": {
        "en": "actor '{id}' must be a mapping or a name",
        "zh": "参与者 '{id}' 应是映射或一个名称",
    },
    "actor.unknown-kind": {
        "en": "actor '{id}' has unknown kind '{kind}'{hint}; use one of {kinds}",
        "zh": "参与者 '{id}' 的类型 '{kind}' 未知{hint}；请使用其中之一：{kinds}",
    },
    "touchpoint.not-mapping": {
        "en": "touchpoint '{id}' must be a mapping or a name",
        "zh": "接触点 '{id}' 应是映射或一个名称",
    },
    "stage.not-list": {
        "en": "'stages' must be a list of stages, not a {kind}",
        "zh": "'stages' 应是阶段的列表，不能是{kind}",
    },
    "stage.twice": {
        "en": "stage id '{id}' is used twice (first on line {line}); give each stage its "
        "own id",
        "zh": "阶段 id '{id}' 用了两次（第一次在第 {line} 行）；每个阶段要有自己的 id",
    },
    "stage.not-mapping": {
        "en": "a stage must be a mapping with at least 'id', not a {kind}",
        "zh": "阶段应是至少含 'id' 的映射，不能是{kind}",
    },
    "stage.no-id": {
        "en": "a stage needs an 'id'",
        "zh": "阶段需要 'id'",
    },
    "stage.no-id-named": {
        "en": "a stage needs an 'id'; e.g. 'id: {id}'",
        "zh": "阶段需要 'id'；例如 'id: {id}'",
    },
    "stage.owner-not-id": {
        "en": "'owner' must be an actor id, not {value}",
        "zh": "'owner' 应是参与者 id，不能是 {value}",
    },
    "link.not-list": {
        "en": "'links' must be a list of {{title, url}}",
        "zh": "'links' 应是 {{title, url}} 的列表",
    },
    "link.bad-form": {
        "en": "a link must be {{title, url}} or a URL",
        "zh": "链接应是 {{title, url}} 或一个网址",
    },
    "link.not-allowed": {
        "en": "link URL {url} is not allowed ({problem}); use an http(s), mailto or relative "
        "link",
        "zh": "不允许使用链接网址 {url}（{problem}）；请用 http(s)、mailto 或相对链接",
    },
    # -- steps ------------------------------------------------------------------
    "step.forms": {
        "en": "a step is 'A -> B: text', 'A --> B: text', 'note: text', 'decide: question' "
        "with branches, or {{from, to, say}}",
        "zh": "步骤的写法是 'A -> B: 文字'、'A --> B: 文字'、'note: 文字'、带分支的 "
        "'decide: 问题'，或 {{from, to, say}}",
    },
    "step.forms-key": {
        "en": "a step is 'A -> B: text', 'A --> B: text', 'note: text', 'decide: question' "
        "with branches, or {{from, to, say}}; got key '{key}'",
        "zh": "步骤的写法是 'A -> B: 文字'、'A --> B: 文字'、'note: 文字'、带分支的 "
        "'decide: 问题'，或 {{from, to, say}}；这里却是键 '{key}'",
    },
    "step.not-list": {
        "en": "'steps' must be a list of steps, not a {kind}",
        "zh": "'steps' 应是步骤的列表，不能是{kind}",
    },
    "step.text-not-text": {
        "en": "the text after 'A -> B:' must be text",
        "zh": "'A -> B:' 后面应是文字",
    },
    "step.via-not-id": {
        "en": "'via' must be a touchpoint id, not {value}",
        "zh": "'via' 应是接触点 id，不能是 {value}",
    },
    "step.bad-score": {
        "en": "'score' must be a whole number from 1 to 5, not {value}",
        "zh": "'score' 应是 1 到 5 的整数，不能是 {value}",
    },
    "step.branch-not-stage": {
        "en": "decision branch '{label}' must name a stage id, not {value}",
        "zh": "决策分支 '{label}' 应写阶段 id，不能是 {value}",
    },
    "step.no-branch": {
        "en": "a decision needs at least one branch, e.g. 'yes: <stage id>'",
        "zh": "决策至少需要一个分支，例如 'yes: <阶段 id>'",
    },
    "url.empty": {"en": "empty", "zh": "为空"},
    "url.space": {"en": "white space or control characters", "zh": "含空白或控制字符"},
    "url.backslash": {"en": "a backslash", "zh": "含反斜杠"},
    "url.scheme": {"en": "scheme '{scheme}'", "zh": "协议 '{scheme}'"},
    "url.no-scheme": {"en": "'//' with no scheme", "zh": "以 '//' 开头却没有协议"},
}
