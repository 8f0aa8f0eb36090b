"""Read a stage's ``steps:`` (messages, notes, decisions) into the model.

Steps have the most forms of any key (``A -> B: text``, the long mapping, a
note, a decision), so their reading and its messages live on their own.
"""

from __future__ import annotations

import re
from sys import intern

from mkdocs_custflow.reading.keys import MESSAGE_KEYS
from mkdocs_custflow.reading.located_yaml import YamlMapping, YamlSequence, line_of
from mkdocs_custflow.reading.value_reader import ValueReader, _kind
from mkdocs_custflow.structure import LANES, Branch, Decision, Message, Note, Step
from mkdocs_custflow.structure.ids import is_id

_ARROW = re.compile(r"^\s*(?P<sender>\S+?)\s*(?P<arrow>-->|->)\s*(?P<receiver>\S+)\s*$")
_ARROW_TEXT = re.compile(
    r"^\s*(?P<head>[^:：]+?(?:-->|->)[^:：]+?)\s*[:：]\s*(?P<text>.*)$", re.S
)
"""``A -> B: text``; the colon may be full-width (``A -> B：text``), as a Chinese
input method types it."""

_STEP_FORMS = (
    "a step is 'A -> B: text', 'A --> B: text', 'note: text', 'decide: question' "
    "with branches, or {from, to, say}"
)


class StepReader(ValueReader):
    """Reads the steps of a stage."""

    def steps(self, data: YamlMapping) -> list[Step]:
        value = data.get("steps")
        if value is None:
            return []
        if not isinstance(value, YamlSequence):
            self.report.error(
                f"'steps' must be a list of steps, not a {_kind(value)}", line_of(data, "steps")
            )
            return []
        steps: list[Step] = []
        for index, item in enumerate(value):
            step = self.step(item, value.line_of(index))
            if step is not None:
                steps.append(step)
        return steps

    def step(self, data: object, line: int) -> Step | None:
        file_line = self.report.file_line(line)
        if isinstance(data, str):
            match = _ARROW_TEXT.match(data)
            head = _ARROW.match(match["head"]) if match else None
            if match and head:
                return Message(
                    intern(head["sender"]), intern(head["receiver"]), match["text"].strip(),
                    dashed=head["arrow"] == "-->", line=file_line,
                )
            self.report.error(_STEP_FORMS, line)
            return None
        if not isinstance(data, YamlMapping) or not data:
            self.report.error(_STEP_FORMS, line)
            return None
        if "decide" in data:
            return self.decision(data, line)
        if "from" in data or "to" in data or "say" in data:
            return self.long_message(data, line)
        first = next(iter(data))
        arrow = _ARROW.match(first)
        if arrow:
            self.check_keys(data, (first, *MESSAGE_KEYS[3:]), "a step")
            text = data[first]
            if text is not None and not isinstance(text, str):
                self.report.error("the text after 'A -> B:' must be text", line)
                return None
            return Message(
                intern(arrow["sender"]), intern(arrow["receiver"]), (text or "").strip(),
                dashed=arrow["arrow"] == "-->",
                reply=self.text(data, "reply"), via=self.via(data),
                note=self.text(data, "note"), score=self.score(data),
                pain=self.text(data, "pain"), lane=self.keyword(data, "lane", LANES, "lane"),
                line=file_line,
            )
        if first == "note" and len(data) == 1:
            return Note(self.text(data, "note") or "", line=file_line)
        self.report.error(f"{_STEP_FORMS}; got key '{first}'", line)
        return None

    def long_message(self, data: YamlMapping, line: int) -> Message | None:
        self.check_keys(data, MESSAGE_KEYS, "a step")
        sender = self.text(data, "from", required=True)
        receiver = self.text(data, "to", required=True)
        if sender is None or receiver is None:
            return None
        return Message(
            intern(sender.strip()), intern(receiver.strip()),
            (self.text(data, "say") or "").strip(),
            reply=self.text(data, "reply"), via=self.via(data), note=self.text(data, "note"),
            score=self.score(data), pain=self.text(data, "pain"),
            lane=self.keyword(data, "lane", LANES, "lane"), line=self.report.file_line(line),
        )

    def via(self, data: YamlMapping) -> str | None:
        via = self.text(data, "via")
        if via is not None and not is_id(via):
            self.report.error(f"'via' must be a touchpoint id, not {via!r}", data.line_of("via"))
            return None
        return via

    def score(self, data: YamlMapping) -> int | None:
        raw = data.get("score")
        if raw is None:
            return None
        if isinstance(raw, str) and raw.strip().isdigit() and 1 <= int(raw) <= 5:
            return int(raw)
        self.report.error(
            f"'score' must be a whole number from 1 to 5, not {raw!r}", data.line_of("score")
        )
        return None

    def decision(self, data: YamlMapping, line: int) -> Decision | None:
        question = self.text(data, "decide") or ""
        branches: list[Branch] = []
        for label, target in data.items():
            if label == "decide":
                continue
            branch_line = data.line_of(label)
            if not isinstance(target, str) or not is_id(target):
                self.report.error(
                    f"decision branch '{label}' must name a stage id, not {target!r}",
                    branch_line,
                )
                continue
            branches.append(Branch(label, target, self.report.file_line(branch_line)))
        if not branches:
            self.report.error(
                "a decision needs at least one branch, e.g. 'yes: <stage id>'", line
            )
            return None
        return Decision(question, branches, line=self.report.file_line(line))

