"""Read systems and data (spec sections 18 and 19) into the model: a system
actor's ``layer``, ``owner`` and ``integrates``, a role's ``training``, the
catalog's ``data`` items and a stage's ``data`` uses.

Shape only, like the other readers: whether the ids exist is checked by
:mod:`mkdocs_custflow.checks.data`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs_custflow.messages import say
from mkdocs_custflow.reading.keys import (
    DATA_KEYS,
    DATA_USE_KEYS,
    INTEGRATION_KEYS,
    TRAINING_KEYS,
)
from mkdocs_custflow.reading.located_yaml import YamlMapping, YamlSequence, line_of
from mkdocs_custflow.safe_text import url_problem
from mkdocs_custflow.structure.ids import is_id
from mkdocs_custflow.structure.systems import (
    DATA_USES,
    DEFAULT_USE,
    DataItem,
    DataUse,
    Integration,
    Training,
)

if TYPE_CHECKING:
    from mkdocs_custflow.reading.value_reader import ValueReader
VALUE_RULE = "invalid-value"
_USE_HINTS = {
    "收集": "collect", "采集": "collect", "录入": "collect", "create": "collect",
    "读取": "read", "查看": "read", "查询": "read", "view": "read",
    "更新": "update", "修改": "update", "change": "update", "edit": "update",
    "删除": "delete", "remove": "delete", "共享": "share", "分享": "share", "send": "share",
    "export": "share",
}


def actor_extras(reader: ValueReader, actor_id: str, data: YamlMapping) -> dict[str, object]:
    """The actor's ``layer``, ``owner``, ``integrates`` and ``training``."""
    return {
        "layer": reader.text(data, "layer"),
        "owner": reader.id_value(data, "owner", say("names.role-id")),
        "integrates": reader.items(
            data, "integrates", lambda item, line: integration(reader, actor_id, item, line)
        ),
        "training": reader.items(data, "training", lambda item, line: training(reader, item, line)),
    }


def integration(reader: ValueReader, actor_id: str, data: object, line: int) -> Integration | None:
    if isinstance(data, str) and is_id(data):
        return Integration(data, line=reader.report.file_line(line))
    if not isinstance(data, YamlMapping):
        reader.report.error(say("integrates.bad-form", id=actor_id), line, VALUE_RULE)
        return None
    reader.check_keys(data, INTEGRATION_KEYS, say("what.integrates-item", id=actor_id))
    partner = reader.id_value(data, "with", say("names.system-id"))
    if partner is None:
        if "with" not in data:
            reader.report.error(say("integrates.no-with", id=actor_id), line, VALUE_RULE)
        return None
    return Integration(
        partner, reader.id_list(data, "data"), reader.text(data, "how"),
        line=reader.report.file_line(line),
    )


def training(reader: ValueReader, data: object, line: int) -> Training | None:
    if isinstance(data, str):
        return Training(data, line=reader.report.file_line(line))
    if not isinstance(data, YamlMapping):
        reader.report.error(say("training.bad-form"), line, VALUE_RULE)
        return None
    reader.check_keys(data, TRAINING_KEYS, say("what.training-item"))
    title = reader.text(data, "title", required=True)
    url = reader.text(data, "url")
    if url is not None and url_problem(url):
        reader.report.error(say("training.bad-url", url=repr(url), problem=url_problem(url)),
                            data.line_of("url"), VALUE_RULE)
        url = None
    if title is None:
        return None
    return Training(title, url, reader.text(data, "every"), line=reader.report.file_line(line))


def data_item(reader: ValueReader, item_id: str, data: object, line: int) -> DataItem | None:
    """One of the catalog's ``data:`` items (a bare name is a name)."""
    if data is None or isinstance(data, str):
        return DataItem(item_id, data or "", line=reader.report.file_line(line))
    if not isinstance(data, YamlMapping):
        reader.report.error(say("data-item.bad-form", id=item_id), line, VALUE_RULE)
        return None
    reader.check_keys(data, DATA_KEYS, say("what.data-item", id=item_id))
    return DataItem(
        id=item_id,
        name=reader.text(data, "name") or "",
        description=reader.text(data, "description"),
        personal=reader.flag(data, "personal", default=False),
        owner=reader.id_value(data, "owner", say("names.role-id")),
        retention=reader.text(data, "retention"),
        access=reader.id_list(data, "access"),
        held_in=reader.id_list(data, "held_in"),
        line=reader.report.file_line(line),
        key_lines={key: reader.report.file_line(data.line_of(key)) for key in data},
    )


def data_uses(reader: ValueReader, stage: YamlMapping) -> list[DataUse]:
    """A stage's ``data``: ids, or ``{data, use, in}``."""
    value = stage.get("data")
    if value is None:
        return []
    if not isinstance(value, YamlSequence):
        if isinstance(value, (str, YamlMapping)):
            listed = YamlSequence([value])
            listed.line, listed.item_lines = line_of(stage, "data"), [line_of(stage, "data")]
            value = listed
        else:
            reader.report.error(say("data-use.not-list"), line_of(stage, "data"), VALUE_RULE)
            return []
    uses = []
    for index, item in enumerate(value):
        use = data_use(reader, item, value.line_of(index))
        if use is not None:
            uses.append(use)
    return uses


def data_use(reader: ValueReader, data: object, line: int) -> DataUse | None:
    file_line = reader.report.file_line(line)
    if isinstance(data, str) and is_id(data):
        return DataUse(data, line=file_line)
    if not isinstance(data, YamlMapping):
        reader.report.error(say("data-use.bad-form", uses="|".join(DATA_USES), value=repr(data)),
                            line, VALUE_RULE)
        return None
    reader.check_keys(data, DATA_USE_KEYS, say("what.data-use"))
    item = reader.id_value(data, "data", say("names.data-id"))
    if item is None:
        if "data" not in data:
            reader.report.error(say("data-use.no-data"), line, VALUE_RULE)
        return None
    use = _use(reader, data)
    return DataUse(item, use or DEFAULT_USE, reader.id_value(data, "in", say("names.system-id")),
                   line=file_line)


def _use(reader: ValueReader, data: YamlMapping) -> str | None:
    value = reader.text(data, "use")
    if value is None:
        return None
    hint = _USE_HINTS.get(value.strip().lower())
    if hint is not None and value.strip().lower() not in DATA_USES:
        reader.report.error(
            say("data-use.unknown-use", value=repr(value), hint=say("hint.did-you-mean", name=hint),
                uses=", ".join(DATA_USES)),
            data.line_of("use"), VALUE_RULE,
        )
        return None
    return reader.keyword(data, "use", DATA_USES, say("keyword.use"))
