"""PyYAML's complaints in plain words (issue 25): each common one says, in the
site's language, which line to change and how; a tab in a block's
indentation is named as the cause where it is; PyYAML's words for anything
else are quoted inside a sentence in the site's language."""

from __future__ import annotations

import re

import pytest
from support.pipeline import make_pipeline

from mkdocs_custflow.pipeline import SourcePage
from mkdocs_custflow.reading.located_yaml import YamlReadError, parse

PYYAML_WORDS = re.compile(
    r"did not find|expected|not allowed (?:here|in this context)|cannot start any token"
    r"|could not find|while (?:parsing|scanning)|but found|block end"
    r"|found (?:undefined|unknown|unexpected|duplicate|character|a tab)"
)
"""PyYAML's (and libyaml's) own English, which a plain message does not show."""

CASES = [
    # name, text (first line is file line 10), file line said, English, Chinese
    ("list item one column off",
     "id: x\nstages:\n  - id: deliver\n    steps:\n    - warehouse -> logistics: 出库交接\n"
     "      - logistics -> courier: 预约快递\n", 15,
     "the '-' item on line 15 is indented 6 space(s), but the item before it (line 14) is "
     "indented 4; the items of one list start in the same column: indent line 15 4 space(s)",
     "第 15 行的'-'项缩进了 6 个空格，而它前面的一项（第 14 行）缩进了 4 个"),
    ("list item indented deeper",
     "id: x\nstages:\n  - id: deliver\n    steps:\n      - warehouse -> logistics: 出库交接\n"
     "        - logistics -> courier: 预约快递\n", 15,
     "indent line 15 6 space(s)", "请把第 15 行缩进 6 个空格"),
    ("colon in a value", "title: 报修: 上门\n", 10,
     "line 10 has ': ' (a colon and a space) where YAML cannot start a key",
     "第 10 行在不能开始新键的地方出现了半角冒号加空格': '"),
    ("list item after a key's value", "views: - flow\n", 10,
     "line 10 has a '- ' list item where a value has already started",
     "第 10 行在已经开始的值里"),
    ("reserved character", "title: @江南净水\n", 10,
     "on line 10, '@' cannot start a value", "第 10 行的 '@' 不能作为值的开头"),
    ("line without a colon", "title: T\nstages\nviews: [flow]\n", 11,
     "line 11 ('stages') is neither 'key: value' nor a '- ' list item",
     "第 11 行（'stages'）既不是'键: 值'，也不是'- '列表项"),
    ("open quote", "title: T\ndescription: \"上门维修\nviews: [flow]\n", 11,
     "the quote \" opened on line 11 is never closed", "第 11 行开始的引号 \" 没有结束"),
    ("unknown escape", "title: \"C:\\data\"\n", 10,
     "inside double quotes '\\' starts an escape and '\\d' is not one",
     "而 '\\d' 不是有效的转义"),
    ("undefined alias", "title: T\nowner: *kefu\n", 11,
     "'*kefu' refers to an anchor '&kefu' that is not defined before it",
     "第 11 行的 '*kefu' 引用的锚点 '&kefu' 在它前面没有定义"),
    ("text starting with a star", "title: T\nowner: *客服\n", 11,
     "on line 11, a value that starts with '*' or '&' is read as a YAML alias",
     "第 11 行以 '*' 或 '&' 开头的值被当作 YAML 的别名或锚点"),
    ("unclosed list", "title: T\nviews: [flow, map\nstages: []\n", 11,
     "the list or mapping opened with '[' on line 11 is not closed",
     "第 11 行用 '[' 开始的列表或映射没有按 YAML 的要求结束"),
    ("bracket never closed", "title: T\nstages: [\n", 11,
     "the list or mapping opened with '[' on line 11 is not closed",
     "第 11 行用 '[' 开始的列表或映射没有按 YAML 的要求结束"),
    ("second document", "title: T\n---\nstages: []\n", 11,
     "line 11 ('---' or '...') starts a second YAML document", "开始了第二个 YAML 文档"),
    ("tab", "title: T\nstages:\n\t- id: a\n", 12,
     "line 12 is indented with a tab", "第 12 行用制表符（Tab）缩进"),
    ("control character", "title: T\nid: a\x07b\n", 11,
     "line 11 holds an invisible control character (U+0007)", "第 11 行有一个看不见的控制字符"),
]


@pytest.mark.parametrize(("name", "text", "line", "english", "chinese"), CASES,
                         ids=[case[0] for case in CASES])
def test_a_common_yaml_mistake_is_said_in_plain_words_at_its_line(
    name: str, text: str, line: int, english: str, chinese: str
) -> None:
    with pytest.raises(YamlReadError) as caught:
        parse(text, first_line=10)
    assert caught.value.line + 10 == line, name
    en, zh = caught.value.said.render("en"), caught.value.said.render("zh")
    assert english in en, en
    assert chinese in zh, zh
    assert not PYYAML_WORDS.search(en), en
    assert not PYYAML_WORDS.search(zh), zh


def test_pyyaml_words_it_does_not_know_stand_inside_a_sentence_of_the_language() -> None:
    with pytest.raises(YamlReadError) as caught:
        parse("title: ]\n", first_line=10)
    zh = caught.value.said.render("zh")
    assert zh.startswith("YAML 语法错误：YAML 读不懂第 10 行（PyYAML 的原话："), zh
    assert zh.endswith("）；请检查这一行的缩进、冒号和引号"), zh
    assert caught.value.said.render("en").startswith("YAML syntax error: YAML cannot read line 10")


SHANGMEN = """\
# 上门维修

```journey
id: shangmen
title: 上门维修
stages:
  - id: fix
    steps:
      - engineer -> customer: 电话预约
      - customer --> engineer: 确认时间
```
"""


def _read(text: str, locale: str = "zh") -> list[str]:
    pipeline = make_pipeline(locale=locale)
    reading = pipeline.read_site([SourcePage("shangmen.md", text, "docs/shangmen.md")])
    return [str(d) for d in reading.findings if d.is_error]


def test_a_tab_in_a_blocks_indentation_is_named_as_the_cause() -> None:
    text = SHANGMEN.replace("      - engineer -> customer", "\t- engineer -> customer")
    assert _read(text) == [
        "docs/shangmen.md:9: 第 9 行用制表符（Tab）缩进，Markdown 把它读成 4 个空格，YAML 因此读到"
        "第 10 行就读不下去了。YAML 只能用空格缩进：请用空格缩进第 9 行，与同一层的行对齐"]
    assert _read(text, "en") == [
        "docs/shangmen.md:9: line 9 is indented with a tab, which Markdown reads as 4 spaces, "
        "and YAML stops at line 10 because of it. YAML indents with spaces only: indent line 9 "
        "with spaces, in the column of the lines it belongs with"]
    # A tab that is not the cause is not named: the error is said as it is.
    other = text.replace("\t- engineer -> customer", "\t  - engineer -> customer").replace(
        "确认时间", '"确认时间')
    errors = _read(other)
    assert errors == ["docs/shangmen.md:10: YAML 语法错误：第 10 行开始的引号 \" 没有结束；请在"
                      "文字末尾补上 \"；如果引号本身是文字的一部分，请用另一种引号把整段文字括起来"
                      ], errors


def test_a_tab_that_reads_as_intended_is_no_error() -> None:
    text = SHANGMEN.replace("      - engineer -> customer", "\t  - engineer -> customer")
    assert _read(text) == []


def test_a_build_names_the_tab_once_on_a_chinese_site(tmp_path, build_site) -> None:  # type: ignore[no-untyped-def]
    text = SHANGMEN.replace("      - engineer -> customer", "\t- engineer -> customer")
    config = {"theme": {"name": "material", "language": "zh", "font": False}}
    result = build_site(tmp_path, {"index.md": "# 首页\n", "shangmen.md": text}, config)
    assert not result.ok
    said = [line for line in result.log.splitlines() if "docs/shangmen.md" in line]
    assert len(said) == 1, result.log
    assert "docs/shangmen.md:9: 第 9 行用制表符（Tab）缩进，Markdown 把它读成 4 个空格" in said[0]


def test_a_page_read_on_its_own_names_the_tab_too() -> None:
    text = SHANGMEN.replace("      - engineer -> customer", "\t- engineer -> customer")
    [(_fence, result)] = make_pipeline().read_page(text, "docs/shangmen.md")
    assert [str(d) for d in result.diagnostics if d.is_error] == [
        "docs/shangmen.md:9: line 9 is indented with a tab, which Markdown reads as 4 spaces, "
        "and YAML stops at line 10 because of it. YAML indents with spaces only: indent line 9 "
        "with spaces, in the column of the lines it belongs with"]
