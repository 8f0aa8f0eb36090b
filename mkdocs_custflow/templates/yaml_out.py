"""An expanded journey as YAML a writer can paste, for ``custflow templates show``."""

from __future__ import annotations

import yaml

from mkdocs_custflow.reading.located_yaml import YamlMapping


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def to_yaml(journey: YamlMapping) -> str:
    """An expanded journey as block YAML a writer could paste and edit."""
    return yaml.safe_dump(
        _plain(journey), allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
