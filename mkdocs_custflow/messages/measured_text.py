"""Messages about measured data: reading the team's exports
(:mod:`mkdocs_custflow.measured`) and checking them against the journeys
(:mod:`mkdocs_custflow.checks.measured`)."""

TEMPLATES: dict[str, dict[str, str]] = {
    # -- reading a file --------------------------------------------------------
    "measure.too-big": {
        "en": "the file has {size} bytes, over the limit of {limit}; export fewer periods or "
        "split it",
        "zh": "文件有 {size} 字节，超过上限 {limit}；请少导出几个周期，或拆分文件",
    },
    "measure.bad-encoding": {
        "en": "the file cannot be read as {encoding} ({problem}); save it as UTF-8, or name "
        "its 'encoding:'",
        "zh": "无法按 {encoding} 读取文件（{problem}）；请存为 UTF-8，或用 'encoding:' 写明编码",
    },
    "part.any-encoding": {"en": "UTF-8 or GB18030", "zh": "UTF-8 或 GB18030"},
    "measure.unreadable": {
        "en": "the file cannot be read ({problem}); export it again as CSV or .xlsx",
        "zh": "无法读取文件（{problem}）；请重新导出为 CSV 或 .xlsx",
    },
    "measure.empty": {
        "en": "the file is empty; export the data with a header line",
        "zh": "文件是空的；请连同表头行一起导出数据",
    },
    "measure.bad-header": {
        "en": "the header ({header}) is neither a flow file's (missing {flow}) nor a KPI "
        "file's (missing {kpi}); rename the headers or map them with 'columns:' on the "
        "file's entry of 'measures'",
        "zh": "表头（{header}）既不是客户流转文件的（缺少 {flow}），也不是关键指标文件的"
        "（缺少 {kpi}）；请改表头名称，或在 'measures' 中该文件的条目下用 'columns:' 对应",
    },
    "measure.no-sheet": {
        "en": "the workbook has no sheet '{sheet}'; its sheets are {sheets}",
        "zh": "工作簿中没有工作表 '{sheet}'；它的工作表有：{sheets}",
    },
    "measure.chart-sheet": {
        "en": "the sheet '{sheet}' is a chart, not a table of rows; name the sheet of the "
        "data with 'sheet:'",
        "zh": "工作表 '{sheet}' 是图表，不是数据行；请用 'sheet:' 指定数据所在的工作表",
    },
    # -- reading rows ------------------------------------------------------------
    "measure.bad-date": {
        "en": "date {value} is not a day (YYYY-MM-DD) or a month (YYYY-MM); the row is left "
        "out until it is corrected",
        "zh": "日期 {value} 不是某一天（YYYY-MM-DD）或某个月（YYYY-MM）；改正之前这一行不计入",
    },
    "measure.no-cell": {
        "en": "the row has no '{column}'; write the journey id and the stage (or exit) the "
        "customers went to",
        "zh": "这一行没有 '{column}'；请写旅程 id 和客户去往的阶段（或流失去向）",
    },
    "measure.bad-count": {
        "en": "count {value} is not a whole number of customers (e.g. 1,234); the row is "
        "left out until it is corrected",
        "zh": "人数 {value} 不是客户的整数个数（例如 1,234）；改正之前这一行不计入",
    },
    "measure.no-kpi": {
        "en": "the row names no KPI; write the KPI's id or name",
        "zh": "这一行没有写关键指标；请写关键指标的 id 或名称",
    },
    "measure.bad-value": {
        "en": "value {value} of KPI '{kpi}' is not a number with an optional unit (e.g. 84%, "
        "1,234 or 2.5h); the row is left out until it is corrected",
        "zh": "关键指标 '{kpi}' 的值 {value} 不是数字（可带单位，例如 84%、1,234、2.5h）；"
        "改正之前这一行不计入",
    },
    # -- checked against the journeys ----------------------------------------------
    "measure.unknown-journey": {
        "en": "unknown journey '{journey}'{hint}; write the id of a journey block of this site",
        "zh": "旅程 '{journey}' 未定义{hint}；请写本站某个旅程块的 id",
    },
    "measure.from-no-stage": {
        "en": "'{stage}' (from) is no stage of journey '{journey}'{hint}; customers come from "
        "one of its stages",
        "zh": "'{stage}'（'from'）不是旅程 '{journey}' 的阶段{hint}；客户应来自它的某个阶段",
    },
    "measure.enter-no-stage": {
        "en": "customers enter journey '{journey}' at '{stage}', which is no stage of it{hint}",
        "zh": "客户从 '{stage}' 进入旅程 '{journey}'，但它不是该旅程的阶段{hint}",
    },
    "measure.to-no-stage": {
        "en": "'{stage}' (to) is no stage of journey '{journey}'{hint}; as written it counts "
        "as an exit: correct the stage, or name the exit plainly (lost, 流失)",
        "zh": "'{stage}'（'to'）不是旅程 '{journey}' 的阶段{hint}；照现在的写法它算作流失："
        "请改正阶段，或直接写明流失（流失、lost）",
    },
    "measure.repeated-row": {
        "en": "this row repeats line {line} ({journey}, {period}, {source} → {target}); both "
        "are counted: remove one",
        "zh": "这一行与第 {line} 行重复（{journey}、{period}、{source} → {target}）；两行都被计入："
        "请删掉一行",
    },
    "measure.unknown-kpi": {
        "en": "unknown KPI '{kpi}'{hint}; write a KPI's id or its name as the stage writes it",
        "zh": "关键指标 '{kpi}' 未定义{hint}；请写关键指标的 id，或阶段中写的名称",
    },
    "measure.unknown-kpi-journey": {
        "en": "unknown journey '{journey}'{hint} for KPI '{kpi}'",
        "zh": "关键指标 '{kpi}' 的旅程 '{journey}' 未定义{hint}",
    },
    "measure.unknown-kpi-stage": {
        "en": "unknown stage '{stage}' for KPI '{kpi}'{hint}",
        "zh": "关键指标 '{kpi}' 的阶段 '{stage}' 未定义{hint}",
    },
    "measure.repeated-kpi": {
        "en": "KPI '{kpi}' has a value for {period} at line {line} already; this later row is "
        "shown: remove one",
        "zh": "关键指标 '{kpi}' 在第 {line} 行已有 {period} 的值；显示的是后面这一行：请删掉一行",
    },
    "measure.leak": {
        "en": "journey '{journey}', {period}: {left} customers leave stage '{stage}' but "
        "{entered} entered it; rows into the stage are missing or rows out of it are counted "
        "twice",
        "zh": "旅程 '{journey}'，{period}：离开阶段 '{stage}' 的客户有 {left} 人，进入的只有 "
        "{entered} 人；缺少进入该阶段的行，或离开它的行被重复计算",
    },
    "measure.bottleneck": {
        "en": "journey '{journey}', {period}: '{stage}' is the bottleneck, losing {share}% of "
        "the customers who reach it ({drop} of {entered})",
        "zh": "旅程 '{journey}'，{period}：'{stage}' 是瓶颈，到达的客户流失了 {share}%"
        "（{entered} 人中的 {drop} 人）",
    },
    "measure.kpi-missed": {
        "en": "KPI '{kpi}' ({journey}, {stage}) is {value} in {period}, missing its target "
        "{target}",
        "zh": "关键指标 '{kpi}'（{journey}、{stage}）在 {period} 为 {value}，未达到目标 {target}",
    },
    "measure.kpi-unit": {
        "en": "KPI '{kpi}': value {value} is not in the unit of its target {target}, so met or "
        "missed cannot be shown; write the value in the target's unit",
        "zh": "关键指标 '{kpi}' 的值 {value} 与目标 {target} 单位不同，无法显示是否达标；"
        "请按目标的单位写值",
    },
    "measure.stale": {
        "en": "the newest data of this file is for {period} (ended {end}, {age} days before "
        "the build date {today}), older than stale_after {stale_after}; refresh the export "
        "before the build",
        "zh": "这个文件最新的数据是 {period} 的（{end} 结束，比构建日期 {today} 早 {age} 天），"
        "超过了 'stale_after' 的 {stale_after}；请在构建前重新导出",
    },
    # -- the Markdown extension alone ------------------------------------------------
    "measure.extension-alone": {
        "en": "'measures' used by the Markdown extension alone: the blocks' views show the "
        "data (funnel, sankey, counts on the flow, KPI history), but rows naming a journey "
        "or KPI that no block has are reported only by 'custflow validate', and the "
        "dashboard page is made only by the MkDocs plugin or 'custflow playbook --out DIR'",
        "zh": "'measures' 用在单独的 Markdown 扩展中：各旅程块的视图照常显示数据（漏斗、"
        "桑基图、流程图上的人数、指标历史），但写了不存在的旅程或指标的数据行只有 "
        "'custflow validate' 会报告，数据看板页面也只有插件或 "
        "'custflow playbook --out DIR' 才会生成",
    },
}
