"""Messages of the checks of one journey block (:mod:`mkdocs_custflow.checks.block`)."""

TEMPLATES: dict[str, dict[str, str]] = {
    "where.stage-key": {
        "en": "'{key}' of stage '{stage}'",
        "zh": "阶段 '{stage}' 的 '{key}'",
    },
    "where.opportunity-owner": {
        "en": "the 'owner' of an opportunity of stage '{stage}'",
        "zh": "阶段 '{stage}' 一项改进机会的 'owner'",
    },
    "where.step": {
        "en": "a step",
        "zh": "步骤",
    },
    "where.branch": {
        "en": "decision branch '{label}'",
        "zh": "决策分支 '{label}'",
    },
    "where.review-owner": {
        "en": "the 'owner' of 'review'",
        "zh": "'review' 的 'owner'",
    },
    "where.review-with": {
        "en": "'with' of 'review'",
        "zh": "'review' 的 'with'",
    },
    "block.unknown-actor": {
        "en": "unknown actor '{actor}' in {where}{hint}",
        "zh": "{where}中的参与者 '{actor}' 未定义{hint}",
    },
    "block.unknown-touchpoint": {
        "en": "unknown touchpoint '{touchpoint}'{hint}; define it in the catalog or under "
        "'touchpoints:'",
        "zh": "接触点 '{touchpoint}' 未定义{hint}；请在目录或 'touchpoints:' 下定义它",
    },
    "block.unknown-stage": {
        "en": "unknown stage '{target}' in {where}{hint}",
        "zh": "{where}中的阶段 '{target}' 未定义{hint}",
    },
    "block.no-owner": {
        "en": "stage '{stage}' has no owner; add 'owner:' with the role accountable for it",
        "zh": "阶段 '{stage}' 没有负责人；请用 'owner:' 写上对它负责的角色",
    },
    "block.missing-sla": {
        "en": "stage '{stage}' has no time limit; add 'sla:' such as '48h' or "
        "'3 working days'",
        "zh": "阶段 '{stage}' 没有时限；请加上 'sla:'，例如 '48h' 或 '3个工作日'",
    },
    "block.pain-without-opportunity": {
        "en": "stage '{stage}' has pain points but no opportunity; add an 'opportunities' "
        "item that says what will change (even as an idea)",
        "zh": "阶段 '{stage}' 有痛点但没有改进机会；请在 'opportunities' 下写一项要改变什么"
        "（只是想法也可以）",
    },
    "block.empty-journey-view": {
        "en": "the 'journey' view needs steps with 'score: 1-5'; add scores or remove "
        "'journey' from 'views'",
        "zh": "'journey' 视图需要带 'score: 1-5' 的步骤；请加上评分，或从 'views' 中去掉 "
        "'journey'",
    },
    "block.empty-sequence-view": {
        "en": "the 'sequence' view needs steps or stage owners to show; add steps or remove "
        "'sequence' from 'views'",
        "zh": "'sequence' 视图需要步骤或阶段负责人才能显示；请加上步骤，或从 'views' 中去掉 "
        "'sequence'",
    },
    "block.empty-systems-view": {
        "en": "the 'systems' view needs stages with 'data' in a system, or steps with a "
        "system actor; add them or remove 'systems' from 'views'",
        "zh": "'systems' 视图需要在某个系统中有 'data' 的阶段，或有系统参与者的步骤；请加上它们，"
        "或从 'views' 中去掉 'systems'",
    },
    "block.owner-not-role": {
        "en": "stage '{stage}' is owned by '{owner}', a {kind}, not a role; make the "
        "accountable role its owner and name '{owner}' under 'responsible', 'consulted' "
        "or 'informed'",
        "zh": "阶段 '{stage}' 的负责人 '{owner}' 是{kind}，不是角色；请让对它负责的角色做负责人，"
        "把 '{owner}' 写在 'responsible'、'consulted' 或 'informed' 下",
    },
    "kind.role": {"en": "role", "zh": "角色"},
    "kind.customer": {"en": "customer", "zh": "客户"},
    "kind.system": {"en": "system", "zh": "系统"},
    "kind.partner": {"en": "partner", "zh": "合作方"},
}
