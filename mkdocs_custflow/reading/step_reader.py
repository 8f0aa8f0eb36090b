"""Read a stage's ``steps:`` (messages, notes, decisions) into the model.

Steps have the most forms of any key (``A -> B: text``, the long mapping, a
note, a decision), so their reading and its messages live on their own.
"""

from __future__ import annotations

import re
from sys import intern

from mkdocs_custflow.messages import say
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



class StepReader(ValueReader):
    """Reads the steps of a stage."""

    def steps(self, data: YamlMapping) -> list[Step]:
        value = data.get("steps")
        if value is None:
            return []
        if not isinstance(value, YamlSequence):
            self.report.error(say("step.not-list", kind=_kind(value)), line_of(data, "steps"))
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
            self.report.error(say("step.forms"), line)
            return None
        if not isinstance(data, YamlMapping) or not data:
            self.report.error(say("step.forms"), line)
            return None
        if "decide" in data:
            return self.decision(data, line)
        if "from" in data or "to" in data or "say" in data:
            return self.long_message(data, line)
        first = next(iter(data))
        arrow = _ARROW.match(first)
        if arrow:
            self.check_keys(data, (first, *MESSAGE_KEYS[3:]), say("what.step"))
            text = data[first]
            if text is not None and not isinstance(text, str):
                self.report.error(say("step.text-not-text"), line)
                return None
            return Message(
                intern(arrow["sender"]), intern(arrow["receiver"]), (text or "").strip(),
                dashed=arrow["arrow"] == "-->",
                reply=self.text(data, "reply"), via=self.via(data),
                note=self.text(data, "note"), score=self.score(data),
                pain=self.text(data, "pain"),
                lane=self.keyword(data, "lane", LANES, say("keyword.lane")),
                line=file_line,
            )
        if first == "note" and len(data) == 1:
            return Note(self.text(data, "note") or "", line=file_line)
        self.report.error(say("step.forms-key", key=first), line)
        return None

    def long_message(self, data: YamlMapping, line: int) -> Message | None:
        self.check_keys(data, MESSAGE_KEYS, say("what.step"))
        sender = self.text(data, "from", required=True)
        receiver = self.text(data, "to", required=True)
        if sender is None or receiver is None:
            return None
        return Message(
            intern(sender.strip()), intern(receiver.strip()),
            (self.text(data, "say") or "").strip(),
            reply=self.text(data, "reply"), via=self.via(data), note=self.text(data, "note"),
            score=self.score(data), pain=self.text(data, "pain"),
            lane=self.keyword(data, "lane", LANES, say("keyword.lane")),
            line=self.report.file_line(line),
        )

    def via(self, data: YamlMapping) -> str | None:
        via = self.text(data, "via")
        if via is not None and not is_id(via):
            self.report.error(say("step.via-not-id", value=repr(via)), data.line_of("via"))
            return None
        return via

    def score(self, data: YamlMapping) -> int | None:
        raw = data.get("score")
        if raw is None:
            return None
        if isinstance(raw, str) and raw.strip().isdigit() and 1 <= int(raw) <= 5:
            return int(raw)
        self.report.error(say("step.bad-score", value=repr(raw)), data.line_of("score"))
        return None

    def decision(self, data: YamlMapping, line: int) -> Decision | None:
        question = self.text(data, "decide") or ""
        branches: list[Branch] = []
        for label, target in data.items():
            if label == "decide":
                continue
            branch_line = data.line_of(label)
            if not isinstance(target, str) or not is_id(target):
                self.report.error(say("step.branch-not-stage", label=label, value=repr(target)),
                                  branch_line)
                continue
            branches.append(Branch(label, target, self.report.file_line(branch_line)))
        if not branches:
            self.report.error(say("step.no-branch"), line)
            return None
        return Decision(question, branches, line=self.report.file_line(line))

