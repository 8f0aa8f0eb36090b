"""Messages of reading YAML (:mod:`mkdocs_custflow.reading.located_yaml`,
:mod:`mkdocs_custflow.reading.yaml_help`) and of a block's size limits."""

TEMPLATES: dict[str, dict[str, str]] = {
    "yaml.tab": {
        "en": "line {line} is indented with a tab; YAML indents with spaces only: replace the "
        "tab with spaces",
        "zh": "第 {line} 行用制表符（Tab）缩进；YAML 只能用空格缩进：请把制表符换成空格",
    },
    "yaml.colon": {
        "en": "'{key}' is followed by a full-width colon '：'; a key needs the ASCII colon ':' "
        "and a space after it ('{key}: ...')",
        "zh": "'{key}' 后面是全角冒号'：'；键后面要用半角冒号':'并加一个空格（'{key}: ...'）",
    },
    "yaml.indent": {
        "en": "line {line} is indented {found} space(s), which fits none of the lines above "
        "it ({expected}); the keys of one mapping, and the '-' items of one list, start in "
        "the same column",
        "zh": "第 {line} 行缩进了 {found} 个空格，与上面各行的缩进（{expected}）都对不上；"
        "同一层的键、同一个列表的'-'项，要从同一列开始",
    },
    "yaml.syntax": {
        "en": "YAML syntax error: {problem}",
        "zh": "YAML 语法错误：{problem}",
    },
    "yaml.too-deep": {
        "en": "YAML nested deeper than {depth} levels; a journey never needs that",
        "zh": "YAML 嵌套超过 {depth} 层；旅程不需要这么深的嵌套",
    },
    "yaml.too-many-values": {
        "en": "the block expands to more than {limit} YAML values (aliases repeated too "
        "often?); make it smaller or raise the 'max_yaml_nodes' option",
        "zh": "本块展开后超过 {limit} 个 YAML 值（别名重复太多？）；请把它改小，或调高 "
        "'max_yaml_nodes' 选项",
    },
    "yaml.too-many-chars": {
        "en": "the block expands to more than {limit} characters of text (aliases repeated "
        "too often?); make it smaller or raise the 'max_expanded_chars' option",
        "zh": "本块展开后的文字超过 {limit} 个字符（别名重复太多？）；请把它改小，或调高 "
        "'max_expanded_chars' 选项",
    },
    "yaml.unsupported-node": {
        "en": "unsupported YAML node",
        "zh": "不支持的 YAML 节点",
    },
    "yaml.bad-merge": {
        "en": "'<<' must merge a mapping or a list of mappings",
        "zh": "'<<' 只能合并一个映射或映射的列表",
    },
    "yaml.complex-key": {
        "en": "a key must be plain text, not a list or mapping",
        "zh": "键只能是普通文字，不能是列表或映射",
    },
    "yaml.duplicate-key": {
        "en": "duplicate key '{key}' (first on line {line}); remove one of them",
        "zh": "键 '{key}' 重复（第一次在第 {line} 行）；请删掉其中一个",
    },
    "yaml.comment": {
        "en": "'{cut}' is read as a YAML comment and dropped from the text '{text}'; put the "
        "whole text in quotes to keep it",
        "zh": "'{cut}' 被当作 YAML 注释，从文字 '{text}' 中去掉了；请给整段文字加上引号以保留它",
    },
    "yaml.tag": {
        "en": "YAML tag '{tag}' is not allowed in a journey block; write plain values",
        "zh": "旅程块中不允许使用 YAML 标签 '{tag}'；请写普通的值",
    },
    "block.too-long": {
        "en": "the block has {length} characters, over the limit of {limit}; split the "
        "journey or raise the 'max_block_chars' option",
        "zh": "本块有 {length} 个字符，超过上限 {limit}；请拆分旅程，或调高 'max_block_chars' 选项",
    },
    "block.unclosed-fence": {
        "en": "this journey fence is never closed; add a closing fence line (``` or ~~~) "
        "after the block",
        "zh": "这个 'journey' 围栏没有结束；请在块后加上结束围栏行（``` 或 ~~~）",
    },
    "block.tab-indent": {
        "en": "line {line} is indented with a tab ({count} line(s) of the block are); YAML "
        "indents with spaces: Markdown read each tab as spaces up to the next multiple of 4 "
        "columns, which may not be what your editor shows. Indent with spaces",
        "zh": "第 {line} 行用制表符（Tab）缩进（本块共 {count} 行如此）；YAML 只能用空格缩进："
        "Markdown 把每个制表符读成补到 4 的倍数列的空格，可能与编辑器里看到的不同。请改用空格缩进",
    },
    "block.duplicate-id": {
        "en": "journey id '{id}' is already used at {there}; give this block its own 'id'",
        "zh": "旅程 id '{id}' 已在 {there} 用过；请给这个块一个自己的 'id'",
    },
}
