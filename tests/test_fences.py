"""Finding ```journey fences in Markdown lines (0-based line indexes)."""

from __future__ import annotations

import pytest

from mkdocs_custflow.reading.fences import Fence, find_journey_fences


def fences(markdown: str) -> list[Fence]:
    return find_journey_fences(markdown.split("\n"))


def test_backtick_fence():
    assert fences("# Title\n\n```journey\nid: a\ntitle: A\n```\nafter\n") == [
        Fence(start=2, end=5, indent="", body="id: a\ntitle: A", closed=True)
    ]


def test_tilde_fence():
    assert fences("~~~journey\nid: a\n~~~\n") == [
        Fence(start=0, end=2, indent="", body="id: a", closed=True)
    ]


def test_body_start_is_the_line_after_the_opening_fence():
    (fence,) = fences("text\n\n```journey\nid: a\n```\n")
    assert fence.body_start == 3


def test_two_fences_in_order():
    found = fences("```journey\nid: a\n```\n\ntext\n\n~~~journey\nid: b\n~~~\n")
    assert [(f.start, f.end, f.body) for f in found] == [(0, 2, "id: a"), (6, 8, "id: b")]


def test_longer_fence_keeps_shorter_fence_lines_in_its_body():
    assert fences("````journey\nid: a\n```\nnote: x\n````\n") == [
        Fence(start=0, end=4, indent="", body="id: a\n```\nnote: x", closed=True)
    ]


def test_closing_fence_may_be_longer_than_the_opening_one():
    assert fences("```journey\nid: a\n`````\n") == [
        Fence(start=0, end=2, indent="", body="id: a", closed=True)
    ]


def test_tilde_fence_is_not_closed_by_backticks():
    assert fences("~~~journey\nid: a\n```\nb: 1\n~~~\n") == [
        Fence(start=0, end=4, indent="", body="id: a\n```\nb: 1", closed=True)
    ]


def test_closing_line_with_text_after_the_fence_does_not_close():
    (fence,) = fences("```journey\nid: a\n```python\nb: 1\n```\n")
    assert (fence.end, fence.body) == (4, "id: a\n```python\nb: 1")


def test_fence_in_a_list_item_is_dedented():
    markdown = "1. Step one\n\n    ```journey\n    id: a\n    stages:\n      - id: s\n    ```\n"
    assert fences(markdown) == [
        Fence(start=2, end=6, indent="    ", body="id: a\nstages:\n  - id: s", closed=True)
    ]


def test_fence_in_an_admonition_is_dedented():
    markdown = '!!! example "Refunds"\n\n    ```journey\n    id: a\n\n    title: B\n    ```\n'
    assert fences(markdown) == [
        Fence(start=2, end=6, indent="    ", body="id: a\n\ntitle: B", closed=True)
    ]


def test_fence_in_nested_content_tab():
    markdown = '=== "English"\n\n    - item\n\n        ```journey\n        id: a\n        ```\n'
    (fence,) = fences(markdown)
    assert (fence.start, fence.indent, fence.body) == (4, "        ", "id: a")


def test_body_line_less_indented_than_the_fence_loses_only_its_own_spaces():
    (fence,) = fences("- item\n\n    ```journey\n    id: a\n  b: 1\n    ```\n")
    assert fence.body == "id: a\nb: 1"


def test_journey_example_inside_markdown_fence_is_not_found():
    markdown = (
        "````markdown\n"
        "```journey\n"
        "id: example\n"
        "```\n"
        "````\n"
        "\n"
        "```journey\n"
        "id: real\n"
        "```\n"
    )
    assert fences(markdown) == [Fence(start=6, end=8, indent="", body="id: real", closed=True)]


def test_journey_example_inside_tilde_fence_is_not_found():
    assert fences("~~~text\n```journey\nid: example\n```\n~~~\n") == []


def test_unclosed_fence():
    assert fences("intro\n```journey\nid: a\ntitle: A") == [
        Fence(start=1, end=3, indent="", body="id: a\ntitle: A", closed=False)
    ]


def test_unclosed_fence_with_trailing_newline():
    (fence,) = fences("```journey\nid: a\n")
    assert (fence.start, fence.end, fence.closed) == (0, 2, False)
    assert fence.body.rstrip("\n") == "id: a"


def test_unclosed_other_fence_hides_a_later_journey():
    assert fences("```python\nprint(1)\n\n```journey\nid: a\n```\n") == []


def test_empty_journey_fence():
    assert fences("```journey\n```\n") == [
        Fence(start=0, end=1, indent="", body="", closed=True)
    ]


@pytest.mark.parametrize(
    "opening",
    [
        "```journey",
        "``` journey ",
        "```{.journey}",
        "``` {.journey}",
        "```{ .journey }",
        "~~~journey",
        "~~~ {.journey}",
        "```journey title=x",
    ],
)
def test_journey_info_strings(opening):
    closing = opening[:3]
    assert fences(f"{opening}\nid: a\n{closing}\n") == [
        Fence(start=0, end=2, indent="", body="id: a", closed=True)
    ]


@pytest.mark.parametrize(
    "opening",
    [
        "```journeys",
        "```mermaid",
        "```yaml",
        "```",
        "```{.mermaid}",
        "```Journey-map",
        "```my-journey",
        "``journey",
        "```journey`",
    ],
)
def test_not_journey_fences(opening):
    assert fences(f"{opening}\nid: a\n```\n") == []


def test_other_fences_are_skipped_whole():
    markdown = "```mermaid\n```journey\n```\n```journey\nid: b\n```\n"
    assert [(f.start, f.body) for f in fences(markdown)] == [(3, "id: b")]


def test_no_fences():
    assert fences("# Just text\n\nNothing to see.\n") == []
    assert find_journey_fences([]) == []
