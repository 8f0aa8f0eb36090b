"""Messages about the ``rules:`` option and a block's ``ignore:``
(:mod:`mkdocs_custflow.rules`)."""

TEMPLATES: dict[str, dict[str, str]] = {
    "rules.not-mapping": {
        "en": "'rules' must be a mapping of rule id: severity, such as 'rules: {{missing-sla: "
        "warning}}'",
        "zh": "'rules' 应是“规则 id: 级别”的映射，例如 'rules: {{missing-sla: warning}}'",
    },
    "rules.unknown-rule": {
        "en": "unknown rule '{rule}' in {where}{hint}; the rules are listed on the guide's "
        "rules page",
        "zh": "{where} 中的规则 '{rule}' 不存在{hint}；所有规则列在指南的规则页上",
    },
    "rules.unknown-severity": {
        "en": "unknown severity '{severity}' for rule '{rule}' in {where}{hint}; use error, "
        "warning, info or off",
        "zh": "{where} 中规则 '{rule}' 的级别 '{severity}' 未知{hint}；请用 error、warning、info "
        "或 off",
    },
    "rules.fixed-ignored": {
        "en": "rule '{rule}' is always an error (it stops what it finds from being made) and "
        "cannot be ignored in {where}; fix what it reports",
        "zh": "规则 '{rule}' 总是错误（它发现的问题会使内容无法生成），不能在 {where} 中忽略；"
        "请改正它报告的问题",
    },
    "rules.fixed-set": {
        "en": "rule '{rule}' is always an error (it stops what it finds from being made) and "
        "cannot be set to {severity} in {where}; fix what it reports",
        "zh": "规则 '{rule}' 总是错误（它发现的问题会使内容无法生成），不能在 {where} 中设为 "
        "{severity}；请改正它报告的问题",
    },
    "where.rules": {"en": "'rules'", "zh": "'rules'"},
    "where.ignore": {"en": "'ignore'", "zh": "'ignore'"},
}
