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
    "part.characters": {
        "en": "{count} characters (Mermaid draws at most {limit})",
        "zh": "{count} 个字符（Mermaid 最多绘制 {limit} 个）",
    },
    "part.arrows": {
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
    "site.stage-conflict": {
        "en": "stage '{stage}' has {key} '{ours}' here but '{theirs}' at {there}; define the "
        "stage once (in the catalog) or make them agree",
        "zh": "阶段 '{stage}' 的 '{key}' 在这里是 '{ours}'，在 {there} 却是 '{theirs}'；"
        "请只定义一次这个阶段（在目录中），或让两处一致",
    },
    "site.stage-conflict-text": {
        "en": "stage '{stage}' has {key} {ours} here but {theirs} at {there}, which decides "
        "what the stage's page says (the catalog, else the first page in path order); define "
        "the stage once (in the catalog) or make them agree",
        "zh": "阶段 '{stage}' 的 '{key}' 在这里是 {ours}，在 {there} 却是 {theirs}，而阶段页面"
        "以后者为准（先看目录，再按页面路径顺序取第一处）；请只定义一次这个阶段（在目录中），"
        "或让两处一致",
    },
    # -- the build (plugin/) ----------------------------------------------------
    "build.not-in-playbook": {
        "en": "journey '{journey}' is drawn here but is missing from the playbook: the page's "
        "file does not hold this block as written (another plugin added or changed it as the "
        "page was built); write the block in the page, or in a file the page includes with "
        "pymdownx.snippets, or add 'playbook: false' to it",
        "zh": "旅程 '{journey}' 在这里画出来了，但手册中没有它：页面文件里没有照原样写着这个块"
        "（是别的插件在构建页面时加上或改动的）；请把块写在页面中，或写在页面用 "
        "pymdownx.snippets 引入的文件中，或给它加上 'playbook: false'",
    },
    "build.broken-link": {
        "en": "the playbook page {page} links to '{target}', which is not a page or file of "
        "this site; correct the stage's 'links' (or your page template), or add the file",
        "zh": "手册页面 {page} 链接到 '{target}'，但本站没有这个页面或文件；请改正阶段的 "
        "'links'（或你的页面模板），或加上这个文件",
    },
    "build.collision": {
        "en": "this file makes {uri}, where {what} ({source}) would go; your file is kept. "
        "Rename it, or set 'playbook_dir' to move the playbook",
        "zh": "这个文件生成 {uri}，而{what}（{source}）也要放在那里；保留的是你的文件。"
        "请给它改名，或设置 'playbook_dir' 把手册移到别处",
    },
    "part.page-for": {
        "en": "the playbook page for {kind} '{subject}'",
        "zh": "手册页面（{kind} '{subject}'）",
    },
    "part.playbook-data": {"en": "the playbook's data", "zh": "手册数据"},
    "build.fence-taken": {
        "en": "pymdownx.superfences has a custom fence named '{fence}', which the journey "
        "blocks take over, so yours never runs; to keep yours, give the journey blocks "
        "another fence name with the custflow option 'fence' (such as 'fence: "
        "customer-journey') and write that name after the backticks of each journey block",
        "zh": "pymdownx.superfences 有一个名为 '{fence}' 的自定义围栏，旅程块会接管它，你的围栏"
        "永远不会运行；要保留你的围栏，请用 custflow 的 'fence' 选项给旅程块另起一个围栏名"
        "（例如 'fence: customer-journey'），并在每个旅程块的反引号后写上这个名字",
    },
    "build.unreadable-page": {
        "en": "this page {problem}",
        "zh": "这个页面{problem}",
    },
    "cli.summary": {
        "en": "custflow: {blocks} journey block(s), {errors} error(s), {warnings} warning(s)",
        "zh": "custflow：{blocks} 个旅程块，{errors} 个错误，{warnings} 个警告",
    },
    "cli.notes": {"en": ", {infos} note(s)", "zh": "，{infos} 条提示"},
}
