"""Messages of the checks of a journey's flow (:mod:`~mkdocs_custflow.checks.graph`),
its size (:mod:`~mkdocs_custflow.checks.size`), its review
(:mod:`~mkdocs_custflow.checks.review_cycle`) and of the checks across a site's
pages (:mod:`~mkdocs_custflow.checks.site`, the playbook's stage conflicts)."""

TEMPLATES: dict[str, dict[str, str]] = {
    "graph.unreachable": {
        "en": "stage '{stage}' cannot be reached from the first stage; route to it with "
        "'next' or a decision branch, or remove it",
        "zh": "从第一个阶段到不了阶段 '{stage}'；请用 'next' 或决策分支连到它，或删除它",
    },
    "graph.no-way-out": {
        "en": "no path leads from stage '{stage}' to the end of the journey (its paths only "
        "loop through {through}); give the loop a way out: a decision branch or 'next' to a "
        "later stage, or to 'end'",
        "zh": "从阶段 '{stage}' 没有路径通到旅程的结束（它的路径只在 {through} 之间循环）；"
        "请给循环一个出口：一个决策分支，或 'next' 到后面的阶段或 'end'",
    },
    "size.view-too-large": {
        "en": "the '{view}' view of journey '{journey}' is too large to draw: {reason}; split "
        "the journey into smaller ones",
        "zh": "旅程 '{journey}' 的 '{view}' 视图太大，无法绘制：{reason}；请把旅程拆成较小的几个",
    },
    "size.characters": {
        "en": "{count} characters (Mermaid draws at most {limit})",
        "zh": "{count} 个字符（Mermaid 最多绘制 {limit} 个）",
    },
    "size.arrows": {
        "en": "{count} arrows (Mermaid draws at most {limit})",
        "zh": "{count} 个箭头（Mermaid 最多绘制 {limit} 个）",
    },
    "size.playbook": {
        "en": "the playbook would add {pages} pages, over the limit of {limit} ({stages} "
        "stages, {touchpoints} touchpoints, {roles} roles); no playbook is made. Share stage "
        "ids across journeys, or raise the 'max_playbook_pages' option",
        "zh": "手册将增加 {pages} 个页面，超过上限 {limit}（{stages} 个阶段、"
        "{touchpoints} 个接触点、{roles} 个角色）；没有生成手册。"
        "请让各旅程共用阶段 id，或调高 'max_playbook_pages' 选项",
    },
    "review.overdue": {
        "en": "the review of journey '{journey}' was due on {due} (last {last}, every "
        "{every}); review it with the people named and set 'last' to the day you did",
        "zh": "旅程 '{journey}' 应在 {due} 评审（上次 {last}，每 {every} 一次）；请与列出的人员"
        "评审，并把 'last' 改为评审的日期",
    },
    "site.unknown-journey": {
        "en": "unknown journey '{target}' in {where}{hint}; give the id of a journey block of "
        "this site",
        "zh": "{where}中的旅程 '{target}' 未定义{hint}；请写本站某个旅程块的 id",
    },
    "where.improves": {"en": "'improves'", "zh": "'improves'"},
    "site.improves-itself": {
        "en": "journey '{journey}' improves itself; name the as-is journey it improves",
        "zh": "旅程 '{journey}' 改进的是它自己；请写它所改进的现状（as-is）旅程",
    },
    "site.detail-parents": {
        "en": "'detail' of stage '{stage}' names journey '{child}', which stage '{first}' of "
        "journey '{journey}' ({where}) already draws in detail; a journey is part of one "
        "stage: remove this 'detail', or give the stage a sub-journey of its own",
        "zh": "阶段 '{stage}' 的 'detail' 指向旅程 '{child}'，而旅程 '{journey}' 的阶段 "
        "'{first}'（{where}）已经用它展开细节；一个旅程只属于一个阶段：请删掉这个 'detail'，"
        "或给这个阶段一个自己的子旅程",
    },
    "site.detail-cycle": {
        "en": "'detail' of stage '{stage}' makes a cycle of sub-journeys: {cycle}; a journey "
        "cannot be drawn in detail by itself or by one of its own sub-journeys",
        "zh": "阶段 '{stage}' 的 'detail' 使子旅程成了环：{cycle}；旅程不能由它自己或它的子旅程"
        "展开细节",
    },
}
