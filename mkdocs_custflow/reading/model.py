"""Read a block's YAML values (parsed by :mod:`.located_yaml`) into the model.

This module checks shape only: keys, types, forms of steps. Whether the names
a block uses exist is :mod:`mkdocs_custflow.checks`' job, because that
depends on the catalog and on templates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from mkdocs_custflow.diagnostics import Reporter, did_you_mean
from mkdocs_custflow.reading.located_yaml import (
    FALSE_WORDS,
    TRUE_WORDS,
    YamlMapping,
    YamlSequence,
    line_of,
)
from mkdocs_custflow.rules import setting_problem
from mkdocs_custflow.safe_text import url_problem
from mkdocs_custflow.structure import (
    ACTOR_KINDS,
    DIRECTIONS,
    LANES,
    SEVERITIES,
    STATES,
    STATUSES,
    VIEWS,
    Actor,
    Branch,
    Catalog,
    Decision,
    Journey,
    Kpi,
    Link,
    Message,
    Note,
    Opportunity,
    Pain,
    Review,
    Stage,
    Step,
    Touchpoint,
)
from mkdocs_custflow.structure.ids import (
    ID_PATTERN,
    MAX_ID_LENGTH,
    humanize,
    id_problem,
    is_id,
    slugify,
)
from mkdocs_custflow.structure.measures import read_target, read_value
from mkdocs_custflow.structure.review import read_date, read_interval

JOURNEY_KEYS = (
    "id", "title", "description", "use", "with", "views", "direction",
    "actors", "stages", "touchpoints", "locale", "playbook", "state", "improves", "review",
    "ignore", "effective",
)
STAGE_KEYS = (
    "id", "name", "description", "owner", "responsible", "consulted", "informed",
    "touchpoints", "kpis", "sla", "links", "next", "steps", "pains", "opportunities",
    "detail",
)
ACTOR_KEYS = ("name", "kind", "team", "description")
CATALOG_ACTOR_KEYS = (*ACTOR_KEYS, "handle")
TOUCHPOINT_KEYS = ("name", "channel", "description")
MESSAGE_KEYS = ("from", "to", "say", "reply", "via", "note", "score", "pain", "lane")
CATALOG_KEYS = ("actors", "touchpoints", "stages")
PAIN_KEYS = ("text", "severity")
OPPORTUNITY_KEYS = ("text", "status", "owner")
KPI_KEYS = ("name", "target", "current", "unit", "id")
REVIEW_KEYS = ("owner", "every", "last", "with")

VALUE_RULE = "invalid-value"
"""The rule of a value the format does not allow (a severity, a date...)."""
UNITS_RULE = "kpi-not-comparable"
# What writers of either language may write for a keyword: offered as the fix.
_KEYWORD_HINTS = {
    "高": "high", "严重": "high", "中": "medium", "一般": "medium", "低": "low", "轻微": "low",
    "想法": "idea", "计划": "planned", "计划中": "planned", "已计划": "planned",
    "进行中": "doing", "实施中": "doing", "完成": "done", "已完成": "done",
    "客户": "customer", "前台": "frontstage", "后台": "backstage", "支持": "support",
    "现状": "as-is", "目标": "to-be",
}
_INTERVAL_WORDS = {
    "daily": "1d", "weekly": "1w", "fortnightly": "2w", "monthly": "1m", "quarterly": "3m",
    "half-yearly": "6m", "yearly": "1y", "annually": "1y", "每天": "1d", "每周": "1w",
    "每月": "1m", "每季度": "3m", "每半年": "6m", "每年": "1y",
}
_LONG_INTERVAL = re.compile(
    r"^\s*(?:every\s+|每)?(?P<count>\d+)?\s*(?:个)?"
    r"(?P<unit>days?|weeks?|months?|years?|天|周|月|年)\s*$"
)
_OTHER_DATE = re.compile(r"^\s*(\d{4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?\s*$")

_ARROW = re.compile(r"^\s*(?P<sender>\S+?)\s*(?P<arrow>-->|->)\s*(?P<receiver>\S+)\s*$")
_ARROW_TEXT = re.compile(r"^\s*(?P<head>[^:]+?(?:-->|->)[^:]+?)\s*:\s*(?P<text>.*)$", re.S)

T = TypeVar("T")


class ModelReader:
    """Reads one block's mapping into a :class:`Journey` (or the catalog's into
    a :class:`Catalog`), reporting as it goes."""

    def __init__(self, reporter: Reporter) -> None:
        self.report = reporter
        self.actor_keys: tuple[str, ...] = ACTOR_KEYS

    # -- small typed getters -------------------------------------------------
    def text(self, data: YamlMapping, key: str, *, required: bool = False) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.report.error(f"'{key}' is required", data.line)
            return None
        if not isinstance(value, str):
            self.report.error(
                f"'{key}' must be text, not a {_kind(value)}", line_of(data, key)
            )
            return None
        return value

    def id_list(self, data: YamlMapping, key: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report.error(
                f"'{key}' must be an id or a list of ids, not a {_kind(value)}",
                line_of(data, key),
            )
            return []
        ids: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, str) and is_id(item):
                ids.append(item)
            else:
                self.report.error(
                    f"'{key}' item {item!r} is not an id (letters, digits, '-', '_', '.')",
                    line_of(value, index),
                )
        return ids

    def flag(self, data: YamlMapping, key: str, *, default: bool) -> bool:
        value = data.get(key)
        if value is None:
            return default
        if isinstance(value, str) and value.lower() in (*TRUE_WORDS, *FALSE_WORDS):
            return value.lower() in TRUE_WORDS
        self.report.error(f"'{key}' must be true or false, not {value!r}", line_of(data, key))
        return default

    def check_keys(self, data: YamlMapping, allowed: tuple[str, ...], what: str) -> None:
        for key in data:
            if key not in allowed:
                self.report.error(
                    f"unknown key '{key}' in {what}{did_you_mean(key, allowed)}",
                    data.line_of(key), rule="unknown-key",
                )

    def mapping_of(
        self,
        data: YamlMapping,
        key: str,
        read_item: Callable[[str, object, int], T | None],
    ) -> dict[str, T]:
        value = data.get(key)
        if value is None:
            return {}
        if not isinstance(value, YamlMapping):
            self.report.error(
                f"'{key}' must be a mapping of id -> definition, not a {_kind(value)}",
                line_of(data, key),
            )
            return {}
        items: dict[str, T] = {}
        for item_id, item in value.items():
            line = value.line_of(item_id)
            if not is_id(item_id):
                self.report.error(
                    _bad_id(f"'{item_id}'", item_id), line
                )
                continue
            read = read_item(item_id, item, line)
            if read is not None:
                items[item_id] = read
        return items

    # -- actors and touchpoints ---------------------------------------------
    def actor(self, actor_id: str, data: object, line: int) -> Actor | None:
        if data is None or isinstance(data, str):
            return Actor(id=actor_id, name=data or "", kind="", line=self.report.file_line(line))
        if not isinstance(data, YamlMapping):
            self.report.error(f"actor '{actor_id}' must be a mapping or a name", line)
            return None
        self.check_keys(data, self.actor_keys, f"actor '{actor_id}'")
        kind = self.text(data, "kind") or ""
        if kind and kind not in ACTOR_KINDS:
            self.report.error(
                f"actor '{actor_id}' has unknown kind '{kind}'{did_you_mean(kind, ACTOR_KINDS)}; "
                f"use one of {', '.join(ACTOR_KINDS)}",
                data.line_of("kind"),
            )
            kind = ""
        return Actor(
            id=actor_id,
            name=self.text(data, "name") or "",
            kind=kind,
            team=self.text(data, "team"),
            description=self.text(data, "description"),
            line=self.report.file_line(line),
            handle=self.text(data, "handle"),
        )

    def touchpoint(self, tp_id: str, data: object, line: int) -> Touchpoint | None:
        if data is None or isinstance(data, str):
            return Touchpoint(id=tp_id, name=data or "", line=self.report.file_line(line))
        if not isinstance(data, YamlMapping):
            self.report.error(f"touchpoint '{tp_id}' must be a mapping or a name", line)
            return None
        self.check_keys(data, TOUCHPOINT_KEYS, f"touchpoint '{tp_id}'")
        return Touchpoint(
            id=tp_id,
            name=self.text(data, "name") or "",
            channel=self.text(data, "channel"),
            description=self.text(data, "description"),
            line=self.report.file_line(line),
        )

    # -- stages and steps ----------------------------------------------------
    def stages(self, data: YamlMapping) -> list[Stage]:
        value = data.get("stages")
        if value is None:
            return []
        if not isinstance(value, YamlSequence):
            self.report.error(
                f"'stages' must be a list of stages, not a {_kind(value)}", line_of(data, "stages")
            )
            return []
        stages: list[Stage] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(value):
            stage = self.stage(item, value.line_of(index))
            if stage is None:
                continue
            if stage.id in seen:
                self.report.error(
                    f"stage id '{stage.id}' is used twice (first on line {seen[stage.id]}); "
                    "give each stage its own id",
                    value.line_of(index),
                )
                continue
            seen[stage.id] = stage.line
            stages.append(stage)
        return stages

    def stage(self, data: object, line: int) -> Stage | None:
        if isinstance(data, str):  # a bare id refers to a catalog stage
            data_map = YamlMapping(id=data)
            data_map.line, data_map.key_lines = line, {"id": line}
            data = data_map
        if not isinstance(data, YamlMapping):
            self.report.error(
                f"a stage must be a mapping with at least 'id', not a {_kind(data)}", line
            )
            return None
        self.check_keys(data, STAGE_KEYS, "a stage")
        stage_id = self.text(data, "id")
        if stage_id is None:
            name = self.text(data, "name")
            hint = f"; e.g. 'id: {slugify(name)}'" if name and slugify(name) else ""
            self.report.error(f"a stage needs an 'id'{hint}", data.line)
            return None
        if not is_id(stage_id):
            self.report.error(
                _bad_id(f"stage id '{stage_id}'", stage_id),
                data.line_of("id"),
            )
            return None
        owner = self.text(data, "owner")
        if owner is not None and not is_id(owner):
            self.report.error(f"'owner' must be an actor id, not {owner!r}", data.line_of("owner"))
            owner = None
        return Stage(
            id=stage_id,
            name=self.text(data, "name") or "",
            description=self.text(data, "description"),
            owner=owner,
            responsible=self.id_list(data, "responsible"),
            consulted=self.id_list(data, "consulted"),
            informed=self.id_list(data, "informed"),
            touchpoints=self.id_list(data, "touchpoints"),
            kpis=self.kpis(data),
            sla=self.text(data, "sla"),
            links=self.links(data),
            next=self.id_list(data, "next") if "next" in data else None,
            steps=self.steps(data),
            pains=self.items(data, "pains", self.pain),
            opportunities=self.items(data, "opportunities", self.opportunity),
            detail=self.id_value(data, "detail", "a journey id"),
            line=self.report.file_line(data.line),
            key_lines={key: self.report.file_line(data.line_of(key)) for key in data},
        )

    def id_value(self, data: YamlMapping, key: str, what: str) -> str | None:
        """One id (``owner:``, ``detail:``...), or None with a finding when it is not one."""
        value = self.text(data, key)
        if value is not None and not is_id(value):
            self.report.error(
                f"'{key}' must be {what}, not {value!r}; try '{slugify(value) or 'x'}'",
                data.line_of(key), VALUE_RULE,
            )
            return None
        return value

    def keyword(
        self, data: YamlMapping, key: str, allowed: tuple[str, ...], what: str
    ) -> str | None:
        """One of ``allowed`` (read in any case), or None with a finding naming them."""
        value = self.text(data, key)
        if value is None:
            return None
        word = re.sub(r"[\s_]+", "-", value.strip().lower())
        if word in allowed:
            return word
        hint = _KEYWORD_HINTS.get(value.strip())
        suggestion = (
            f" (did you mean '{hint}'?)" if hint in allowed else did_you_mean(word, allowed)
        )
        self.report.error(
            f"unknown {what} {value!r}{suggestion}; use one of {', '.join(allowed)}",
            data.line_of(key), VALUE_RULE,
        )
        return None

    def items(
        self, data: YamlMapping, key: str, read_item: Callable[[object, int], T | None]
    ) -> list[T]:
        """A list whose items are read one by one (a single item may stand alone)."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, YamlSequence):
            value = _listed(value, line_of(data, key))
        found = []
        for index, item in enumerate(value):
            read = read_item(item, value.line_of(index))
            if read is not None:
                found.append(read)
        return found

    def pain(self, data: object, line: int) -> Pain | None:
        if isinstance(data, str):
            return Pain(data, line=self.report.file_line(line))
        if not isinstance(data, YamlMapping):
            self.report.error(
                "a pain point is a text or {text, severity: high|medium|low}", line, VALUE_RULE
            )
            return None
        self.check_keys(data, PAIN_KEYS, "a pain point")
        text = self.text(data, "text", required=True)
        severity = self.keyword(data, "severity", SEVERITIES, "severity")
        if text is None:
            return None
        return Pain(text, severity or "medium", line=self.report.file_line(line))

    def opportunity(self, data: object, line: int) -> Opportunity | None:
        if isinstance(data, str):
            return Opportunity(data, line=self.report.file_line(line))
        if not isinstance(data, YamlMapping):
            self.report.error(
                "an opportunity is a text or {text, status: idea|planned|doing|done, "
                "owner: actor id}",
                line, VALUE_RULE,
            )
            return None
        self.check_keys(data, OPPORTUNITY_KEYS, "an opportunity")
        text = self.text(data, "text", required=True)
        status = self.keyword(data, "status", STATUSES, "status")
        owner = self.id_value(data, "owner", "an actor id")
        if text is None:
            return None
        return Opportunity(text, status or "idea", owner, line=self.report.file_line(line))

    def kpis(self, data: YamlMapping) -> list[Kpi]:
        return self.items(data, "kpis", self.kpi)

    def kpi(self, data: object, line: int) -> Kpi | None:
        file_line = self.report.file_line(line)
        if isinstance(data, str):
            return Kpi(data, line=file_line)
        if not isinstance(data, YamlMapping):
            self.report.error(
                "a KPI is a text or {name, target, current, unit, id}", line, VALUE_RULE
            )
            return None
        self.check_keys(data, KPI_KEYS, "a KPI")
        name = self.text(data, "name", required=True)
        target, current = self.text(data, "target"), self.text(data, "current")
        unit = self.text(data, "unit")
        if name is None:
            return None
        kpi = Kpi(name, target, current, unit, line=file_line,
                  id=self.id_value(data, "id", "a KPI id"))
        goal = read_target(target, unit) if target is not None else None
        now = read_value(current, unit) if current is not None else None
        if target is not None and goal is None:
            self.report.error(
                f"KPI '{name}': target {target!r} is not a number with an optional "
                "comparison; write e.g. '>= 90%', '<= 2h' or '< 3 days'",
                data.line_of("target"), VALUE_RULE,
            )
            return None
        if current is not None and now is None:
            self.report.error(
                f"KPI '{name}': current value {current!r} is not a number with an optional "
                "unit; write what was measured, e.g. '84%' or '3h'",
                data.line_of("current"), VALUE_RULE,
            )
            return None
        if goal is not None and now is not None and goal.quantity.unit != now.unit:
            self.report.warning(
                f"KPI '{name}': target {target!r} and current value {current!r} are not in "
                "one unit, so met or missed cannot be shown; write both in the same unit "
                "(h, min and d convert)",
                data.line_of("current"), UNITS_RULE,
            )
        return kpi

    def review(self, data: YamlMapping) -> Review | None:
        value = data.get("review")
        if value is None:
            return None
        line = line_of(data, "review")
        if not isinstance(value, YamlMapping):
            self.report.error(
                "'review' must be a mapping {owner, every, last, with}, e.g. "
                "{owner: service-manager, every: 3m, last: 2026-09-01}",
                line, VALUE_RULE,
            )
            return None
        self.check_keys(value, REVIEW_KEYS, "'review'")
        every = self.text(value, "every")
        if every is not None and read_interval(every) is None:
            self.report.error(
                f"'every' must be a number of days, weeks, months or years such as 90d, 2w, "
                f"3m or 1y, not {every!r}{_interval_hint(every)}",
                value.line_of("every"), VALUE_RULE,
            )
            every = None
        last = self.text(value, "last")
        if last is not None and read_date(last) is None:
            self.report.error(
                f"'last' must be a date written YYYY-MM-DD, not {last!r}{_date_hint(last)}",
                value.line_of("last"), VALUE_RULE,
            )
            last = None
        return Review(
            owner=self.id_value(value, "owner", "an actor id"),
            every=every,
            last=last.strip() if last else None,
            participants=self.id_list(value, "with"),
            line=self.report.file_line(line),
            key_lines={key: self.report.file_line(value.line_of(key)) for key in value},
        )

    def links(self, data: YamlMapping) -> list[Link]:
        value = data.get("links")
        if value is None:
            return []
        if not isinstance(value, YamlSequence):
            self.report.error("'links' must be a list of {title, url}", line_of(data, "links"))
            return []
        links: list[Link] = []
        for index, item in enumerate(value):
            line = value.line_of(index)
            if isinstance(item, str):
                title, url = item, item
            elif isinstance(item, YamlMapping):
                self.check_keys(item, ("title", "url"), "a link")
                url = self.text(item, "url", required=True) or ""
                title = self.text(item, "title") or url
            else:
                self.report.error("a link must be {title, url} or a URL", line)
                continue
            problem = url_problem(url) if url else None
            if problem:
                self.report.error(
                    f"link URL {url!r} is not allowed ({problem}); use an http(s), mailto "
                    "or relative link",
                    line,
                )
                continue
            if url:
                links.append(Link(title=title, url=url))
        return links

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
                    head["sender"], head["receiver"], match["text"].strip(),
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
                arrow["sender"], arrow["receiver"], (text or "").strip(),
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
            sender.strip(), receiver.strip(), (self.text(data, "say") or "").strip(),
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

    # -- the whole block -----------------------------------------------------
    def journey(self, data: object, *, fallback_id: str) -> Journey | None:
        if not isinstance(data, YamlMapping):
            self.report.error(
                f"a journey block must be a YAML mapping (key: value lines), not "
                f"{'an empty block' if data is None else _kind_phrase(data)}",
                getattr(data, "line", 0),
            )
            return None
        self.check_keys(data, JOURNEY_KEYS, "a journey block")
        title = self.text(data, "title")
        journey_id = self.text(data, "id")
        if journey_id is not None and not is_id(journey_id):
            self.report.error(
                _bad_id(f"journey id '{journey_id}'", journey_id),
                data.line_of("id"),
            )
            journey_id = None
        if journey_id is None:
            journey_id = slugify(title or "") or fallback_id
        views = self.views(data)
        direction = (self.text(data, "direction") or "").upper()
        if direction == "TB":
            direction = "TD"
        if direction and direction not in DIRECTIONS:
            self.report.error(
                f"'direction' must be LR or TD, not '{data['direction']}'",
                data.line_of("direction"),
            )
            direction = ""
        actors = self.mapping_of(data, "actors", self.actor)
        touchpoints = self.mapping_of(data, "touchpoints", self.touchpoint)
        improves = self.id_value(data, "improves", "a journey id")
        state = self.keyword(data, "state", STATES, "state")
        if improves is not None and state == "as-is":
            self.report.error(
                "an as-is journey improves nothing: write 'state: to-be' for the journey "
                "as it should be, or remove 'improves'",
                data.line_of("improves"), VALUE_RULE,
            )
        review = self.review(data)
        effective = self.effective(data, state or ("to-be" if improves else "as-is"))
        stages = self.stages(data)
        if "stages" not in data:
            self.report.error("a journey needs 'stages' (or 'use' of a template)", data.line)
        elif not stages and not self.report.has_errors:
            self.report.error("a journey needs at least one stage", data.line_of("stages"))
        return Journey(
            id=journey_id,
            title=title or humanize(journey_id),
            description=self.text(data, "description"),
            stages=stages,
            actors=actors,
            touchpoints=touchpoints,
            views=views,
            direction=direction,
            locale=self.text(data, "locale"),
            in_playbook=self.flag(data, "playbook", default=True),
            views_given="views" in data,
            ignore=self.ignored_rules(data),
            file=self.report.file,
            line=self.report.file_line(data.line),
            state=state or ("to-be" if improves else "as-is"),
            improves=improves,
            review=review,
            effective=effective,
            key_lines={key: self.report.file_line(data.line_of(key)) for key in data},
        )

    def effective(self, data: YamlMapping, state: str) -> str | None:
        """``effective:``: the day a to-be journey's change went live."""
        value = self.text(data, "effective")
        if value is None:
            return None
        if read_date(value) is None:
            self.report.error(
                f"'effective' must be the day the change went live (YYYY-MM-DD), not "
                f"{value!r}", data.line_of("effective"), VALUE_RULE)
            return None
        if state != "to-be":
            self.report.error(
                "'effective' is the day a to-be journey went live: write 'state: to-be' "
                "(and 'improves'), or remove 'effective'", data.line_of("effective"), VALUE_RULE)
            return None
        return value

    def ignored_rules(self, data: YamlMapping) -> list[str]:
        """``ignore:``: the rule ids whose findings this block does not report;
        unknown ids, and rules that are always errors, are findings."""
        ignored = []
        for rule_id in self.id_list(data, "ignore"):
            problem = setting_problem(rule_id, None, "'ignore'")
            if problem:
                self.report.error(problem, data.line_of("ignore"), rule="rule-setting")
            elif rule_id not in ignored:
                ignored.append(rule_id)
        return ignored

    def views(self, data: YamlMapping) -> list[str]:
        if "views" not in data:
            return ["flow", "sequence"]
        requested = self.id_list(data, "views")
        views: list[str] = []
        for view in requested:
            if view not in VIEWS:
                self.report.error(
                    f"unknown view '{view}'{did_you_mean(view, VIEWS)}; "
                    f"views are {', '.join(VIEWS)}",
                    data.line_of("views"),
                )
            elif view not in views:
                views.append(view)
        return views

    def catalog(self, data: object, file: str) -> Catalog:
        catalog = Catalog(file=file)
        if data is None:
            return catalog
        if not isinstance(data, YamlMapping):
            self.report.error("the catalog must be a mapping with actors, touchpoints, stages")
            return catalog
        self.check_keys(data, CATALOG_KEYS, "the catalog")
        self.actor_keys = CATALOG_ACTOR_KEYS
        catalog.actors = self.mapping_of(data, "actors", self.actor)
        self.actor_keys = ACTOR_KEYS
        catalog.touchpoints = self.mapping_of(data, "touchpoints", self.touchpoint)
        catalog.stages = {stage.id: stage for stage in self.stages(data)}
        return catalog


_STEP_FORMS = (
    "a step is 'A -> B: text', 'A --> B: text', 'note: text', 'decide: question' "
    "with branches, or {from, to, say}"
)


def _listed(value: object, line: int) -> YamlSequence:
    """A single value where a list is expected, as a one-item list."""
    listed = YamlSequence([value])
    listed.line, listed.item_lines = line, [line]
    return listed


def _interval_hint(text: str) -> str:
    """``; try '3m'`` for an interval written in words (``quarterly``, ``3 months``)."""
    word = text.strip().lower()
    if word in _INTERVAL_WORDS:
        return f"; try '{_INTERVAL_WORDS[word]}'"
    match = _LONG_INTERVAL.match(word)
    if match:
        unit = match["unit"]
        letter = {"天": "d", "周": "w", "月": "m", "年": "y"}.get(unit, unit[0])
        return f"; try '{match['count'] or 1}{letter}'"
    return ""


def _date_hint(text: str) -> str:
    """``; try '2026-09-01'`` for a date written another way (``2026/9/1``)."""
    match = _OTHER_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        candidate = f"{year:04d}-{month:02d}-{day:02d}"
        if read_date(candidate):
            return f"; try '{candidate}'"
    return ""


def _bad_id(what: str, value: str) -> str:
    long = len(value) > MAX_ID_LENGTH and ID_PATTERN.fullmatch(value)
    why = f" ({id_problem(value)})" if long else ""
    return f"{what} is not a valid id{why}; try '{slugify(value) or 'x'}'"


def _kind_phrase(value: object) -> str:
    return "plain text" if isinstance(value, str) else f"a {_kind(value)}"


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "text"
