"""Issue 25, item 1: every finding message in the site's language (en, zh).

Each message is one template per language in :mod:`mkdocs_custflow.messages`;
these tests read every template, then validate a Chinese team's project (theme
``language: zh``) with one mistake of each common kind and read what
``custflow validate`` prints, in text and in the formats CI reads (SARIF,
GitHub annotations): Chinese, with file:line, with the close-match suggestion,
and with no English word the product wrote itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from mkdocs_custflow import messages
from mkdocs_custflow.cli import main
from mkdocs_custflow.diagnostics import Reporter, did_you_mean, name_hint
from mkdocs_custflow.messages import LOCALES, TEMPLATES, placeholders, say, text_in

TECHNICAL = {
    # Formats, tools and standards, written as they are in Chinese text too.
    "YAML", "Tab", "Markdown", "Mermaid", "UTF", "GB", "CSV", "xlsx", "API", "URL", "RACI",
    "http", "https", "mailto", "pymdownx", "snippets", "superfences", "CODEOWNERS", "erp",
    "GDPR", "PIPL", "YYYY", "MM", "DD", "as", "is", "to", "be", "lost", "id", "true", "false",
    "yes", "error", "warning", "info", "off", "LR", "TD", "custflow", "min", "service",
    "manager", "order",
}
"""Latin words a Chinese message may hold besides quoted text, placeholders
and the format's own keys: names of formats and tools, the format's keywords
(``true``, ``to-be``, severities) and the values of examples."""

KEYS = re.compile(r"[a-z_]+:")  # a key as written in an example ({with: erp, ...})


def _latin_words(template: str) -> set[str]:
    """The Latin words of ``template`` that are neither quoted, nor a
    placeholder, nor a key or a mapping of keys written as in a block."""
    text = re.sub(r"'[^']*'|\{\{[^}]*\}\}|\{[a-z_]+\}|“[^”]*”", " ", template)
    text = KEYS.sub(" ", text)
    return set(re.findall(r"[A-Za-z]{2,}", text))


def test_every_message_has_every_language_with_the_same_placeholders() -> None:
    assert len(TEMPLATES) >= 200
    modules = [m for m in vars(messages).values() if hasattr(m, "TEMPLATES")]
    assert sum(len(m.TEMPLATES) for m in modules) == len(TEMPLATES)  # no id given twice
    for message_id, forms in TEMPLATES.items():
        assert set(forms) == set(LOCALES), message_id
        assert placeholders(forms["zh"]) == placeholders(forms["en"]), message_id
        assert forms["zh"].strip() or not forms["en"].strip(), message_id
        # Every one can be written: the braces of its examples are escaped.
        values = {name: "x" for name in placeholders(forms["en"])}
        for form in forms.values():
            form.format(**values)


def test_chinese_messages_hold_no_english_word_of_their_own() -> None:
    found = {}
    for message_id, forms in TEMPLATES.items():
        words = _latin_words(forms["zh"]) - TECHNICAL
        if words:
            found[message_id] = words
    assert not found, found


def test_a_message_and_its_hints_are_written_in_the_reporters_language() -> None:
    hint = name_hint("servce", ["service", "sales"])
    for locale, expected in (
        ("en", "unknown actor 'servce' in 'owner' of stage 'reply' (did you mean 'service'?)"),
        ("zh", "阶段 'reply' 的 'owner' 中的参与者 'servce' 未定义（是不是 'service'？）"),
    ):
        report = Reporter("docs/a.md", base_line=0, locale=locale)
        where = say("where.stage-key", key="owner", stage="reply")
        report.error(say("block.unknown-actor", actor="servce", where=where, hint=hint), 7)
        assert report.items[0].message == expected
        assert report.items[0].reported.startswith("docs/a.md:7: ")
    # Nothing close: the known names, in the language's words.
    assert text_in("zh", "hint.known", names="a, b") == "；已定义的有：a, b"
    assert str(did_you_mean("zzz", ["service"])) == ""
    # Parts listed together, joined as each language joins them.
    both = say("data.personal", id="contact",
               missing=[say("part.quoted-key", key=k) for k in ("owner", "retention")],
               add=[say("part.add-owner"), say("part.add-retention")])
    assert "has no 'owner' and 'retention'; add 'owner: <role id>' and 'retention'" in str(both)
    assert "没有 'owner' 和 'retention'" in both.render("zh")
    # A Text written into an English f-string (a face that does not localize) stays English.
    assert f"{did_you_mean('ownr', ['owner'])}" == " (did you mean 'owner'?)"


CATALOG = """\
actors:
  customer: {name: 客户, kind: customer}
  service: {name: 客服专员, kind: role}
  engineer: {name: 售后工程师, kind: role}
touchpoints:
  hotline: {name: 服务热线, channel: service}
  wechat: {name: 微信服务号, channel: service}
"""

# One mistake of each common kind, each in a block of its own (an error in a
# block stops that block: the others are still read).
MISTAKES = {
    "actor.md": """\
# 报修

```journey
id: report
title: 报修
stages:
  - id: take
    name: 受理
    owner: servce
    sla: 30分钟
```
""",
    "next.md": """\
# 维修

```journey
id: repair
title: 维修
stages:
  - id: visit
    name: 上门
    owner: engineer
    sla: 4小时
    next: [chek]
  - id: check
    name: 验收
    owner: engineer
    sla: 1天
```
""",
    "duration.md": """\
# 回访

```journey
id: revisit
title: 回访
review: {owner: service, every: 每季度, last: 2026-09-01}
stages:
  - id: call
    name: 电话回访
    owner: service
    sla: 2天
    kpis:
      - {name: 首次响应时间, target: 三十分钟}
```
""",
    "touchpoint.md": """\
# 咨询

```journey
id: ask
title: 咨询
stages:
  - id: answer
    name: 答复
    owner: service
    sla: 1小时
    touchpoints: [hotlin]
```
""",
    "indent.md": """\
# 投诉

```journey
id: complain
title: 投诉
stages:
  - id: listen
    name: 倾听
     owner: service
```
""",
    "key.md": """\
# 退货

```journey
id: refund
title: 退货
stages:
  - id: accept
    name: 受理退货
    ownr: service
```
""",
    "owner.md": """\
# 安装

```journey
id: install
title: 安装
stages:
  - id: setup
    name: 安装调试
    sla: 1天
```
""",
}

EXPECTED = {
    # file:line -> (rule, what the message must say, the suggestion it must carry)
    "docs/actor.md:9": ("unknown-reference", "参与者 'servce' 未定义", "（是不是 'service'？）"),
    "docs/next.md:11": ("unknown-reference", "阶段 'chek' 未定义", "（是不是 'check'？）"),
    "docs/duration.md:6": ("invalid-value", "'every' 应是天、周、月或年数", "可以写成 '3m'"),
    "docs/duration.md:13": ("invalid-value", "的目标 '三十分钟' 不是数字", "'30分钟以内'"),
    "docs/touchpoint.md:11": ("unknown-reference", "接触点 'hotlin' 未定义",
                              "（是不是 'hotline'？）"),
    "docs/indent.md:9": ("yaml", "第 9 行缩进了 5 个空格", "要从同一列开始"),
    "docs/key.md:9": ("unknown-key", "未知的键 'ownr'", "（是不是 'owner'？）"),
    "docs/owner.md:7": ("no-owner", "阶段 'setup' 没有负责人", "请用 'owner:' 写上"),
}


@pytest.fixture
def zh_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "catalog.yml").write_text(CATALOG, encoding="utf-8")
    for name, text in MISTAKES.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    config = {
        "site_name": "售后服务手册",
        "theme": {"name": "material", "language": "zh"},
        "plugins": [{"custflow": {"catalog": "catalog.yml", "rules": {"no-owner": "warning"}}}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _chinese_and_own(message: str) -> None:
    """Chinese, and no Latin word but the writer's (quoted) and technical tokens."""
    assert re.search(r"[\u4e00-\u9fff]", message), message
    assert not _latin_words(message) - TECHNICAL, message


def test_a_chinese_project_is_told_each_mistake_in_chinese(
    zh_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", "docs"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.strip() == "custflow：7 个旅程块，7 个错误，1 个警告", err
    lines = {line.split(": ", 1)[0]: line for line in out.splitlines() if line.strip()}
    for where, (rule, said, suggestion) in EXPECTED.items():
        line = lines.get(where)
        assert line is not None, (where, out)
        assert line.endswith(f"[{rule}]"), line
        assert said in line and suggestion in line, line
        message = line.split(": ", 2)[-1].rsplit(" [", 1)[0]
        _chinese_and_own(message)


def test_ci_formats_carry_the_same_chinese_text(
    zh_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", "--format", "sarif", "docs"])
    sarif = json.loads(capsys.readouterr().out)
    results = sarif["runs"][0]["results"]
    said = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"]): r["message"]["text"]
            for r in results}
    assert "（是不是 'service'？）" in said[("docs/actor.md", 9)]
    main(["validate", "--format", "github", "docs"])
    github = capsys.readouterr().out
    assert re.search(r"file=docs/key\.md,line=9.*未知的键 'ownr'（是不是 'owner'？）",
                     github), github


def test_an_english_project_keeps_english_messages(
    zh_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = yaml.safe_load((zh_project / "mkdocs.yml").read_text("utf-8"))
    config["theme"]["language"] = "en"
    (zh_project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    main(["validate", "docs"])
    out = capsys.readouterr().out
    assert ("docs/actor.md:9: error: unknown actor 'servce' in 'owner' of stage 'take' "
            "(did you mean 'service'?) [unknown-reference]") in out, out
    assert "unknown key 'ownr' in a stage (did you mean 'owner'?)" in out
    for line in out.splitlines():
        message = re.sub(r"'[^']*'", "", line)
        assert not re.search(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]", message), line


GUIDE = Path(__file__).parent.parent / "example-site" / "docs" / "guide"
_SHOWN = re.compile(r"custflow: \S+:\d+: (?P<message>.*?) \[(?P<rule>[a-z-]+)\]")


def _pattern(template: str) -> re.Pattern[str]:
    """A Chinese template as a pattern: each placeholder any text."""
    parts = re.split(r"\{[a-z_]+\}", template.replace("{{", "{").replace("}}", "}"))
    return re.compile(".*?".join(re.escape(part) for part in parts) + "$")


def test_the_guide_shows_chinese_messages_as_the_product_writes_them() -> None:
    patterns = [_pattern(forms["zh"]) for forms in TEMPLATES.values()]
    shown = [match["message"] for page in ("rules.md", "languages.md", "troubleshooting.md")
             for match in _SHOWN.finditer((GUIDE / page).read_text("utf-8"))
             if re.search(r"[\u4e00-\u9fff]{2}", match["message"].replace("'", ""))]
    chinese = [m for m in shown if re.match(r"[\u4e00-\u9fff]", re.sub(r"'[^']*'", "", m).strip())]
    assert len(chinese) >= 4, chinese
    for message in chinese:
        assert any(p.match(message) for p in patterns), message
