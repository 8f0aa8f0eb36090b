"""Messages of templates (:mod:`mkdocs_custflow.templates`) and of a template
that would change the catalog (:mod:`mkdocs_custflow.checks.template_catalog`)."""

TEMPLATES: dict[str, dict[str, str]] = {
    "part.at": {"en": "{message} ({where})", "zh": "{message}（{where}）"},
    "template.use-not-name": {
        "en": "'use' must name a template",
        "zh": "'use' 应写模板名",
    },
    "template.with-not-mapping": {
        "en": "'with' must be a mapping of parameter: value",
        "zh": "'with' 应是“参数: 值”的映射",
    },
    "template.param-not-text": {
        "en": "parameter '{param}' must be text",
        "zh": "参数 '{param}' 应是文字",
    },
    "template.too-large": {
        "en": "template '{name}' with these values expands to {size} characters, over the "
        "limit of {limit}; shorten the 'with:' values or raise the 'max_expanded_chars' option",
        "zh": "模板 '{name}' 用这些值展开后有 {size} 个字符，超过上限 {limit}；请缩短 'with:' "
        "的值，或调高 'max_expanded_chars' 选项",
    },
    "template.bad-name": {
        "en": "'{name}' is not a template name (letters, digits, '-' and '_' only)",
        "zh": "'{name}' 不是模板名（只能用字母、数字、'-' 和 '_'）",
    },
    "template.unknown": {
        "en": "unknown template '{name}'{hint}",
        "zh": "模板 '{name}' 不存在{hint}",
    },
    "template.file": {
        "en": "template file {problem}",
        "zh": "模板文件{problem}",
    },
    "template.yaml": {
        "en": "template {problem}",
        "zh": "模板中：{problem}",
    },
    "template.not-mapping": {
        "en": "a template must be a YAML mapping",
        "zh": "模板应是 YAML 映射",
    },
    "template.unknown-key": {
        "en": "unknown template key '{key}'{hint}",
        "zh": "模板中有未知的键 '{key}'{hint}",
    },
    "template.no-journey": {
        "en": "a template needs a 'journey' mapping",
        "zh": "模板需要 'journey' 映射",
    },
    "template.unknown-param": {
        "en": "template '{name}' has no parameter '{param}'{hint}",
        "zh": "模板 '{name}' 没有参数 '{param}'{hint}",
    },
    "template.needs-value": {
        "en": "template '{name}' needs a value for '{param}'{hint}; add it under 'with:'",
        "zh": "模板 '{name}' 需要 '{param}' 的值{hint}；请在 'with:' 下写上",
    },
    "part.param-description": {"en": " ({description})", "zh": "（{description}）"},
    "template.extends-cycle": {
        "en": "'extends' cycle: {cycle}; remove one 'extends'",
        "zh": "'extends' 形成了环：{cycle}；请删掉一个 'extends'",
    },
    "template.extends": {
        "en": "'extends': {problem}",
        "zh": "'extends' 中：{problem}",
    },
    "template.key-not-text": {
        "en": "template key '{key}' must be text",
        "zh": "模板的键 '{key}' 应是文字",
    },
    "template.params-not-mapping": {
        "en": "'params' must be a mapping",
        "zh": "'params' 应是映射",
    },
    "template.param-not-identifier": {
        "en": "parameter name '{param}' is not an identifier",
        "zh": "参数名 '{param}' 不是合法的标识符",
    },
    "template.param-needs-text": {
        "en": "parameter '{param}' needs text 'default' and 'description'",
        "zh": "参数 '{param}' 的 'default' 和 'description' 应是文字",
    },
    "template.param-bad-form": {
        "en": "parameter '{param}' must be {{default, description}}",
        "zh": "参数 '{param}' 应是 {{default, description}}",
    },
    "template.undefined": {
        "en": "template error: {problem}",
        "zh": "模板错误：{problem}",
    },
    "template.syntax": {
        "en": "template syntax error: {problem}",
        "zh": "模板语法错误：{problem}",
    },
    "template.failed": {
        "en": "template error: {problem}; check the expression and the 'with:' values it uses",
        "zh": "模板错误：{problem}；请检查这个表达式和它用到的 'with:' 值",
    },
    "merge.no-id": {
        "en": "a stage merged onto a template needs an 'id'",
        "zh": "合并到模板上的阶段需要 'id'",
    },
    "merge.cannot-remove": {
        "en": "cannot remove stage '{stage}': not in the template{hint}",
        "zh": "无法删除阶段 '{stage}'：模板中没有它{hint}",
    },
    "merge.no-after": {
        "en": "'after: {after}': no such stage{hint}",
        "zh": "'after: {after}'：没有这个阶段{hint}",
    },
    "template.catalog-wins": {
        "en": "template '{template}' gives {what} '{id}' the {field} '{theirs}'; the catalog's "
        "'{ours}' is used (write '{field}:' in the block to choose another)",
        "zh": "模板 '{template}' 把{what} '{id}' 的 {field} 写成 '{theirs}'；使用的是目录中的 "
        "'{ours}'（要用别的值，请在块中写 '{field}:'）",
    },
    "section.stage": {"en": "stage", "zh": "阶段"},
    "section.actor": {"en": "actor", "zh": "参与者"},
    "section.touchpoint": {"en": "touchpoint", "zh": "接触点"},
}
