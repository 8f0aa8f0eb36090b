"""The merge rules: a block's keys (or an ``extends``) laid over a template.

Scalars replace; ``actors`` and ``touchpoints`` merge by id, field by field;
``stages`` merge by ``id`` (fields replace; a new id is appended or placed
``after:`` a stage; ``remove: true`` drops one).
"""

from __future__ import annotations

from mkdocs_custflow.diagnostics import name_hint
from mkdocs_custflow.messages import Text, say
from mkdocs_custflow.reading.located_yaml import TRUE_WORDS, YamlMapping, YamlSequence


def _copy_mapping(source: YamlMapping) -> YamlMapping:
    out = YamlMapping(source)
    out.line, out.key_lines = source.line, dict(source.key_lines)
    return out


def _set(mapping: YamlMapping, key: str, value: object, line: int) -> None:
    mapping[key] = value
    mapping.key_lines[key] = line


class MergeError(Exception):
    def __init__(self, said: Text, line: int) -> None:
        super().__init__(str(said))
        self.said = said
        self.line = line


def merge_journey(base: YamlMapping, over: YamlMapping) -> YamlMapping:
    """``over`` onto ``base``: scalars replace, ``actors``/``touchpoints`` merge by
    id (field by field), ``stages`` merge by ``id`` (fields replace; a new id is
    appended or placed ``after:`` a stage; ``remove: true`` drops one)."""
    merged = _copy_mapping(base)
    for key, value in over.items():
        line = over.line_of(key)
        if key in ("actors", "touchpoints") and isinstance(value, YamlMapping) and isinstance(
            merged.get(key), YamlMapping
        ):
            _set(merged, key, _merge_by_id(merged[key], value), line)
        elif key == "stages" and isinstance(value, YamlSequence) and isinstance(
            merged.get(key), YamlSequence
        ):
            _set(merged, key, _merge_stages(merged[key], value), line)
        else:
            _set(merged, key, value, line)
    return merged


def _merge_by_id(base: YamlMapping, over: YamlMapping) -> YamlMapping:
    merged = _copy_mapping(base)
    for item_id, value in over.items():
        current = merged.get(item_id)
        if isinstance(current, YamlMapping) and isinstance(value, YamlMapping):
            combined = _overlay(current, value)
            combined.line = value.line
            value = combined
        _set(merged, item_id, value, over.line_of(item_id))
    return merged


def _overlay(base: YamlMapping, over: YamlMapping) -> YamlMapping:
    """A copy of ``base`` with each key of ``over`` set, keeping its line."""
    combined = _copy_mapping(base)
    for key, value in over.items():
        _set(combined, key, value, over.line_of(key))
    return combined


def _stage_id(stage: object) -> str | None:
    if isinstance(stage, str):
        return stage
    if isinstance(stage, YamlMapping) and isinstance(stage.get("id"), str):
        return stage["id"]
    return None


def _merge_stages(base: YamlSequence, over: YamlSequence) -> YamlSequence:
    stages: list[object] = list(base)
    lines: list[int] = list(base.item_lines)
    for index, item in enumerate(over):
        line = over.line_of(index)
        stage_id = _stage_id(item)
        ids = [_stage_id(s) for s in stages]
        if stage_id is None:
            raise MergeError(say("merge.no-id"), line)
        after = item.get("after") if isinstance(item, YamlMapping) else None
        remove = item.get("remove") if isinstance(item, YamlMapping) else None
        if remove is not None and str(remove).lower() in TRUE_WORDS:
            if stage_id not in ids:
                hint = name_hint(stage_id, [i for i in ids if i])
                raise MergeError(say("merge.cannot-remove", stage=stage_id, hint=hint), line)
            position = ids.index(stage_id)
            del stages[position], lines[position]
            continue
        if isinstance(item, YamlMapping):
            item = _copy_mapping(item)
            item.pop("after", None)
            item.pop("remove", None)
            item.key_lines.pop("after", None)
            item.key_lines.pop("remove", None)
        if stage_id in ids:
            position = ids.index(stage_id)
            current = stages[position]
            if isinstance(current, YamlMapping) and isinstance(item, YamlMapping):
                item = _overlay(current, item)
            if after is None:
                stages[position], lines[position] = item, line
                continue
            del stages[position], lines[position]
            ids = [_stage_id(s) for s in stages]
        if after is not None:
            if not isinstance(after, str) or after not in ids:
                hint = name_hint(str(after), [i for i in ids if i])
                raise MergeError(say("merge.no-after", after=after, hint=hint), line)
            position = ids.index(after) + 1
            stages.insert(position, item)
            lines.insert(position, line)
        else:
            stages.append(item)
            lines.append(line)
    merged = YamlSequence(stages)
    merged.line, merged.item_lines = over.line, lines
    return merged
