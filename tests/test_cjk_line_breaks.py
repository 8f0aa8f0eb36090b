"""CJK line breaking in diagram labels (issue 25): no line holding one
character or only punctuation, numbers with their unit and dates whole, the
break after a comma where one is near, lines of even length."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_custflow.renderers.escaping import wrap_lines
from mkdocs_custflow.renderers.line_breaks import NO_LINE_END, NO_LINE_START, columns

CASES = [
    ("在保修期内，预计3.5小时内回电", 28, ["在保修期内，", "预计3.5小时内回电"]),
    ("上门维修，2026年10月15日前完成", 28, ["上门维修，", "2026年10月15日前完成"]),
    ("处理时间不超过30分钟，超时自动升级", 20, ["处理时间不超过", "30分钟，超时自动升级"]),
    ("一二三四五六七八九十一二三四五", 28, ["一二三四五六七八", "九十一二三四五"]),
    ("客户满意度达到90%以上（第三季度）", 20, ["客户满意度达到90%", "以上（第三季度）"]),
]


@pytest.mark.parametrize(("text", "width", "lines"), CASES)
def test_chinese_labels_break_where_a_reader_expects(text: str, width: int,
                                                     lines: list[str]) -> None:
    assert wrap_lines(text, width) == lines


def _check(text: str, width: int) -> None:
    lines = wrap_lines(text, width)
    assert "".join(lines).replace(" ", "") == " ".join(text.split()).replace(" ", "")
    for line in lines[1:]:
        assert line and line[0] not in NO_LINE_START, lines
    for line in lines[:-1]:
        assert line[-1] not in NO_LINE_END, lines
    if len(lines) > 1:
        # No orphan: the last line is more than one CJK character.
        assert columns(lines[-1]) > 2 or len("".join(lines)) <= 4, lines
    joined = "\n".join(lines)
    for whole in re.findall(r"\d+(?:\.\d+)?(?:小时|分钟|%)|\d{4}年\d{1,2}月\d{1,2}日", text):
        assert whole in joined, (whole, lines)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["客", "户", "报", "修", "，", "。", "（", "）", "3.5小时", "30分钟", "2026年10月15日", "90%",
     "服务", "工程师", "上门", " ", "check", "the", "order"]), min_size=4, max_size=30),
    st.sampled_from([12, 18, 24, 28, 44]))
def test_no_line_is_an_orphan_or_punctuation_alone(parts: list[str], width: int) -> None:
    text = "".join(parts).strip()
    if text:
        _check(text, width)


def test_english_still_breaks_at_spaces_only() -> None:
    lines = wrap_lines("Send the photo and the serial number before the call", 28)
    assert all(columns(line) <= 28 for line in lines)
    assert " ".join(lines) == "Send the photo and the serial number before the call"
