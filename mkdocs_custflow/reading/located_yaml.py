"""YAML reading that keeps line numbers and refuses what a playbook never needs.

Every scalar is read as the text the writer typed (``No`` stays ``"No"``,
``1.10`` stays ``"1.10"``, a bare ``yes:`` key stays ``"yes"``); the journey
reader converts the few numeric and boolean fields itself. Only ``null``-like
plain scalars become ``None``. Tags, duplicate keys, alias bombs and deep
nesting are errors, because a journey block is data, not a program.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from sys import intern as _intern

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mkdocs_custflow.messages import Text, say
from mkdocs_custflow.reading.yaml_help import explain

try:  # The C loader is much faster; marks (line numbers) work the same.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_SCALAR_TAGS: dict[tuple[str, bool], str] = {}


class _Loader(_BaseLoader):
    """The safe loader, remembering each plain scalar's tag: the same words
    (ids, actors, yes/no) recur in every block, and PyYAML's resolver tries its
    patterns in Python for each one."""

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is not ScalarNode or len(value) > 64:
            return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]
        key = (value, implicit[0])
        tag = _SCALAR_TAGS.get(key)
        if tag is None:
            if len(_SCALAR_TAGS) > 50_000:
                _SCALAR_TAGS.clear()
            tag = _SCALAR_TAGS[key] = super().resolve(kind, value, implicit)
        return tag

# Every scalar is read as the text written, so a yes/no flag is one of these words.
TRUE_WORDS = ("true", "yes", "on")
FALSE_WORDS = ("false", "no", "off")

_STANDARD = "tag:yaml.org,2002:"
_ALLOWED_SCALAR_TAGS = {
    f"{_STANDARD}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
}
_NULL = f"{_STANDARD}null"
_MERGE = f"{_STANDARD}merge"


@dataclass(frozen=True)
class YamlLimits:
    """Bounds that keep a hostile block from exhausting the build."""

    max_nodes: int = 100_000
    max_depth: int = 40
    max_chars: int = 1_000_000
    """Characters of text the values may add up to, aliases counted each time
    they are used: what the build has to carry, not what the writer typed."""


class YamlReadError(Exception):
    """A block's YAML cannot be used; ``line`` is 0-based within the text.
    ``rule``: ``yaml``, or ``limit`` for text over a size limit."""

    def __init__(self, said: Text, line: int = 0, rule: str = "yaml") -> None:
        super().__init__(str(said))
        self.said = said
        """The message, to be written in the site's language."""
        self.message = str(said)
        """The message in English."""
        self.line = line
        self.rule = rule


class YamlMapping(dict):  # type: ignore[type-arg]
    """A mapping that remembers where it and each of its keys stand."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlSequence(list):  # type: ignore[type-arg]
    """A sequence that remembers where it and each of its items stand."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


def line_of(container: object, key: object, default: int = 0) -> int:
    """Line of ``key`` inside a mapping or sequence read by this module."""
    if isinstance(container, YamlMapping) and isinstance(key, str):
        return container.line_of(key)
    if isinstance(container, YamlSequence) and isinstance(key, int):
        return container.line_of(key)
    return getattr(container, "line", default)


_HIDDEN_TEXT = re.compile(r"[ \t]+#\S")


def text_size(value: object) -> int:
    """Characters of text in a value read by this module (keys included)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(len(k) + text_size(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(text_size(item) for item in value)
    return 0


# PyYAML ends a line at these too; Markdown (and so every file:line) only at "\n".
_OTHER_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")


def _line_map(text: str) -> list[int] | None:
    """For each line as PyYAML counts them, the line as Markdown counts them;
    None when they agree (no line break but "\n" in the text)."""
    if not _OTHER_BREAKS.search(text):
        return None
    lines = [0]
    newlines = 0
    for match in re.finditer("\r\n|[\n\r\x85\u2028\u2029]", text):
        if "\n" in match[0]:
            newlines += 1
        lines.append(newlines)
    return lines


def parse(
    text: str,
    limits: YamlLimits | None = None,
    notes: list[tuple[int, Text]] | None = None,
    first_line: int = 1,
) -> object:
    """Read one YAML document into plain values with line information.

    ``first_line`` is the file line of the text's first line, for line
    numbers quoted inside messages. ``notes`` collects ``(line, message)``
    warnings about likely mistakes that are still valid YAML (text silently
    cut off by a ``#`` comment).
    """
    limits = limits or YamlLimits()
    _check_depth(text, limits)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        line = _real_line(_line_map(text), mark.line if mark else 0)
        if "nesting depth" in problem:  # newer libyaml stops deep nesting itself
            raise too_deep(limits, line) from None
        message, line = explain(text, line, f"{problem}{context}", first_line)
        raise YamlReadError(message, line) from None
    except yaml.YAMLError as exc:
        raise YamlReadError(say("yaml.syntax", problem=exc)) from None
    finally:
        loader.dispose()
    if node is None:
        return None
    converter = _Converter(limits, text.split("\n"), notes, first_line, _line_map(text))
    return converter.convert(node, 0)


_NESTING_SIGNS = ("[", "{", "-", ":")
_PRESCAN_FROM = 2_000
"""Nesting signs from which a text is checked for depth before it is composed:
libyaml's composer recurses in C, and thousands of levels end the process."""


def too_deep(limits: YamlLimits, line: int) -> YamlReadError:
    """The one message for nesting past the limit (found by events or by the converter)."""
    return YamlReadError(say("yaml.too-deep", depth=limits.max_depth), line, "limit")


def _check_depth(text: str, limits: YamlLimits) -> None:
    """Refuse nesting deeper than the limit from YAML's events, which need no
    recursion, before the composer sees it (only texts that could be deep)."""
    if sum(text.count(sign) for sign in _NESTING_SIGNS) < _PRESCAN_FROM:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > limits.max_depth:
                    line = event.start_mark.line if event.start_mark else 0
                    raise too_deep(limits, _real_line(_line_map(text), line))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # the composer reports the syntax error, with its line


def _real_line(lines: list[int] | None, line: int) -> int:
    if lines is None:
        return line
    return lines[min(line, len(lines) - 1)]


class _Converter:
    def __init__(
        self,
        limits: YamlLimits,
        lines: list[str],
        notes: list[tuple[int, Text]] | None,
        first_line: int,
        line_map: list[int] | None = None,
    ) -> None:
        self.first_line = first_line
        self.line_map = line_map
        self.chars = 0
        self.limits = limits
        self.lines = lines
        self.notes = notes
        self.count = 0

    def line(self, mark: yaml.Mark) -> int:
        return _real_line(self.line_map, mark.line)

    def convert(self, node: Node, depth: int) -> object:
        self.count += 1
        if self.count > self.limits.max_nodes:
            raise YamlReadError(say("yaml.too-many-values", limit=self.limits.max_nodes),
                                self.line(node.start_mark), "limit")
        if depth > self.limits.max_depth:
            raise too_deep(self.limits, self.line(node.start_mark))
        if isinstance(node, ScalarNode):
            value = self._scalar(node)
            self.chars += len(value or "")
            if self.chars > self.limits.max_chars:
                raise YamlReadError(say("yaml.too-many-chars", limit=self.limits.max_chars),
                                    self.line(node.start_mark), "limit")
            return value
        if isinstance(node, SequenceNode):
            self._check_tag(node, f"{_STANDARD}seq")
            seq = YamlSequence()
            seq.line = self.line(node.start_mark)
            seq.item_lines = []
            for item in node.value:
                seq.append(self.convert(item, depth + 1))
                seq.item_lines.append(self.line(item.start_mark))
            return seq
        if isinstance(node, MappingNode):
            self._check_tag(node, f"{_STANDARD}map")
            return self._mapping(node, depth)
        raise YamlReadError(say("yaml.unsupported-node"),  # pragma: no cover
                            self.line(node.start_mark))

    def _mapping(self, node: MappingNode, depth: int) -> YamlMapping:
        mapping = YamlMapping()
        mapping.line = self.line(node.start_mark)
        mapping.key_lines = {}
        merged: list[YamlMapping] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                value = self.convert(value_node, depth + 1)
                sources = value if isinstance(value, list) else [value]
                for source in sources:
                    if not isinstance(source, YamlMapping):
                        raise YamlReadError(say("yaml.bad-merge"), self.line(key_node.start_mark))
                    merged.append(source)
                continue
            if not isinstance(key_node, ScalarNode):
                raise YamlReadError(say("yaml.complex-key"), self.line(key_node.start_mark))
            self._check_scalar_tag(key_node)
            key = _intern(key_node.value)  # the same few keys in every block: one str each
            if key in mapping.key_lines:
                raise YamlReadError(
                    say("yaml.duplicate-key", key=key,
                        line=mapping.key_lines[key] + self.first_line),
                    self.line(key_node.start_mark),
                )
            mapping.key_lines[key] = self.line(key_node.start_mark)
            mapping[key] = self.convert(value_node, depth + 1)
        for source in merged:  # explicit keys win over merged ones
            for key, value in source.items():
                if key not in mapping:
                    mapping[key] = value
                    mapping.key_lines[key] = source.line_of(key)
        return mapping

    def _scalar(self, node: ScalarNode) -> str | None:
        self._check_scalar_tag(node)
        if node.tag == _NULL and not node.style:
            return None
        if not node.style and self.notes is not None:
            self._check_cut_off(node)
        value = str(node.value)
        # Ids, names and short values recur across a site's blocks: the model
        # keeps one string of each instead of one per place it is written.
        return _intern(value) if len(value) <= INTERNED_LENGTH else value

    def _check_cut_off(self, node: ScalarNode) -> None:
        """Warn when ``text #1`` lost ``#1`` to a YAML comment (a space before
        ``#`` starts one); ``# note`` with a space after looks deliberate."""
        end = node.end_mark
        if self.notes is None or self.line_map is not None or end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column :]
        if _HIDDEN_TEXT.match(rest):
            cut = rest.strip()
            self.notes.append((end.line, say("yaml.comment", cut=cut, text=node.value)))

    def _check_scalar_tag(self, node: ScalarNode) -> None:
        if node.tag not in _ALLOWED_SCALAR_TAGS:
            raise YamlReadError(_tag_message(node.tag), self.line(node.start_mark))

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            raise YamlReadError(_tag_message(node.tag), self.line(node.start_mark))


INTERNED_LENGTH = 40
"""Text up to this long is kept once however often a site writes it."""


def _tag_message(tag: str) -> Text:
    shown = "!!" + tag[len(_STANDARD):] if tag.startswith(_STANDARD) else tag
    return say("yaml.tag", tag=shown)
