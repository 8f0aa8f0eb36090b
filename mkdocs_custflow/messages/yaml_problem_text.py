"""PyYAML's common complaints in plain words (:mod:`mkdocs_custflow.reading.yaml_help`):
each says the line and what to change, in the site's language."""

TEMPLATES: dict[str, dict[str, str]] = {
    "yaml.problem.indent": {
        "en": "YAML syntax error: line {line} does not line up with the lines above it, so "
        "YAML reads it as neither a key of the mapping above nor an item of its list; start "
        "it in the column of the keys (or the '-' items) it belongs with",
        "zh": "YAML 语法错误：第 {line} 行与上面的行没有对齐，YAML 既不能把它读成上面映射的键，"
        "也不能读成列表的一项；请让它与同一层的键（或同一列表的'-'项）从同一列开始",
    },
    "yaml.problem.item-indent": {
        "en": "YAML syntax error: the '-' item on line {line} is indented {found} space(s), "
        "but the item before it (line {previous}) is indented {expected}; the items of one "
        "list start in the same column: indent line {line} {expected} space(s)",
        "zh": "YAML 语法错误：第 {line} 行的'-'项缩进了 {found} 个空格，而它前面的一项"
        "（第 {previous} 行）缩进了 {expected} 个；同一个列表的各项要从同一列开始："
        "请把第 {line} 行缩进 {expected} 个空格",
    },
    "yaml.problem.colon-in-value": {
        "en": "YAML syntax error: line {line} has ': ' (a colon and a space) where YAML cannot "
        "start a key: inside a value after 'key: ' (put the whole value in quotes: "
        "key: \"a: b\"), or on a line indented deeper than the key above it (line it up "
        "with that key)",
        "zh": "YAML 语法错误：第 {line} 行在不能开始新键的地方出现了半角冒号加空格': '："
        "要么在'键: 值'的值里（请把整个值加上引号，如 键: \"a: b\"），要么这一行比上面的键"
        "缩进得更深（请与那个键对齐）",
    },
    "yaml.problem.dash-in-value": {
        "en": "YAML syntax error: line {line} has a '- ' list item where a value has already "
        "started (after 'key: ' on the same line); start the list on the next line, "
        "indented under its key, or put the text in quotes",
        "zh": "YAML 语法错误：第 {line} 行在已经开始的值里（同一行'键: '的后面）出现了'- '"
        "列表项；请把列表写到下一行、缩进在键的下面，或给这段文字加上引号",
    },
    "yaml.problem.bad-start": {
        "en": "YAML syntax error: on line {line}, '{char}' cannot start a value ('@', '`' and "
        "'%' are reserved in YAML); put the value in quotes",
        "zh": "YAML 语法错误：第 {line} 行的 '{char}' 不能作为值的开头（'@'、'`'、'%' 是 YAML "
        "的保留字符）；请给这个值加上引号",
    },
    "yaml.problem.no-colon": {
        "en": "YAML syntax error: line {line} ('{words}') is neither 'key: value' nor a '- ' "
        "list item: YAML found no ':' after it. Add ': ' after the key, start the line with "
        "'- ' if it is an item of a list, or, if it goes on with the text above, indent it "
        "deeper than that text's key (or join the two lines)",
        "zh": "YAML 语法错误：第 {line} 行（'{words}'）既不是'键: 值'，也不是'- '列表项："
        "YAML 在它后面找不到半角冒号':'。若是键，请在后面加': '；若是列表项，请在行首加'- '；"
        "若是接着上一行的文字，请比那段文字的键缩进得更深（或把两行合成一行）",
    },
    "yaml.problem.open-quote": {
        "en": "YAML syntax error: the quote {quote} opened on line {line} is never closed; end "
        "the text with {quote}, or, if the quote is part of the text, put the whole text in "
        "the other kind of quotes",
        "zh": "YAML 语法错误：第 {line} 行开始的引号 {quote} 没有结束；请在文字末尾补上 {quote}；"
        "如果引号本身是文字的一部分，请用另一种引号把整段文字括起来",
    },
    "yaml.problem.escape": {
        "en": "YAML syntax error: on line {line}, inside double quotes '\\' starts an escape "
        "and '{escape}' is not one; write '\\\\' for a backslash, or use single quotes, where "
        "'\\' is an ordinary character",
        "zh": "YAML 语法错误：第 {line} 行的双引号里，'\\' 开始一个转义，而 '{escape}' 不是有效的"
        "转义；反斜杠请写成 '\\\\'，或改用单引号（单引号里的 '\\' 是普通字符）",
    },
    "yaml.problem.alias": {
        "en": "YAML syntax error: on line {line}, '*{name}' refers to an anchor '&{name}' that "
        "is not defined before it; define '&{name}' above, or, if '*' starts ordinary text, "
        "put the text in quotes",
        "zh": "YAML 语法错误：第 {line} 行的 '*{name}' 引用的锚点 '&{name}' 在它前面没有定义；"
        "请先在上面定义 '&{name}'；如果 '*' 只是文字的开头，请给文字加上引号",
    },
    "yaml.problem.anchor-text": {
        "en": "YAML syntax error: on line {line}, a value that starts with '*' or '&' is read "
        "as a YAML alias or anchor; put the text in quotes",
        "zh": "YAML 语法错误：第 {line} 行以 '*' 或 '&' 开头的值被当作 YAML 的别名或锚点；"
        "请给这段文字加上引号",
    },
    "yaml.problem.duplicate-anchor": {
        "en": "YAML syntax error: the anchor on line {line} has the name of the one on line "
        "{first}; give one of them another name",
        "zh": "YAML 语法错误：第 {line} 行的锚点与第 {first} 行的锚点同名；请给其中一个换个名字",
    },
    "yaml.problem.flow": {
        "en": "YAML syntax error: the list or mapping opened with '{open}' on line {line} is "
        "not closed where YAML expects: separate its items with ', ', close it with "
        "'{close}', and put an item holding ', ', ': ', brackets or braces in quotes",
        "zh": "YAML 语法错误：第 {line} 行用 '{open}' 开始的列表或映射没有按 YAML 的要求结束："
        "请用', '分隔各项、用 '{close}' 结束；含有', '、': '、方括号或花括号的项请加引号",
    },
    "yaml.problem.document": {
        "en": "YAML syntax error: line {line} ('---' or '...') starts a second YAML document; "
        "a journey block is one document: remove the line",
        "zh": "YAML 语法错误：第 {line} 行（'---' 或 '...'）开始了第二个 YAML 文档；一个旅程块"
        "只能是一个文档：请删掉这一行",
    },
    "yaml.problem.block-scalar": {
        "en": "YAML syntax error: on line {line}, only '-', '+' or a digit may follow '|' or "
        "'>'; put the text on the lines below, indented under its key",
        "zh": "YAML 语法错误：第 {line} 行的 '|' 或 '>' 后面只能跟 '-'、'+' 或数字；请把文字写在"
        "下面几行，缩进在键的下面",
    },
    "yaml.problem.tag": {
        "en": "YAML syntax error: on line {line}, a value that starts with '!' is read as a "
        "YAML tag; put the text in quotes",
        "zh": "YAML 语法错误：第 {line} 行以 '!' 开头的值被当作 YAML 标签；请给这段文字加上引号",
    },
    "yaml.problem.control": {
        "en": "YAML syntax error: line {line} holds an invisible control character ({code}); "
        "delete it (it often comes with text pasted from another program)",
        "zh": "YAML 语法错误：第 {line} 行有一个看不见的控制字符（{code}）；请删掉它（它常随"
        "从别的程序粘贴的文字一起进来）",
    },
    "yaml.tab-read": {
        "en": "line {line} is indented with a tab, which Markdown reads as {spaces} spaces, "
        "and YAML stops at line {stop} because of it. YAML indents with spaces only: indent "
        "line {line} with spaces, in the column of the lines it belongs with",
        "zh": "第 {line} 行用制表符（Tab）缩进，Markdown 把它读成 {spaces} 个空格，YAML 因此读到"
        "第 {stop} 行就读不下去了。YAML 只能用空格缩进：请用空格缩进第 {line} 行，与同一层的行对齐",
    },
}
