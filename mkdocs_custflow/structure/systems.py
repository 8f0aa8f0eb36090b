"""Systems and data: what carries the journeys (spec sections 18 and 19).

A system is an actor of kind ``system`` with a ``layer``, an ``owner`` role
and the ``integrates`` exchanges it has with other systems. The catalog's
``data`` items say which customer data exists, whether it is personal, who
owns it, how long it is kept, which roles may see it and which systems hold
it. A stage's ``data`` says what it does with each item, in which system. A
role's ``training`` says what a person in it must know.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DATA_USES = ("collect", "read", "update", "delete", "share")
"""What a stage may do with a data item, in the order pages list them."""
DEFAULT_USE = "read"
"""The use of a data item a stage names by its id alone."""
CHANGES = ("update", "delete", "share")
"""Uses that change or pass on the data (the data page's "changed" list)."""


@dataclass(slots=True)
class Integration:
    """One exchange of a system with another: ``{with, data, how}``."""

    partner: str
    """The other system's id (``with:``)."""
    data: list[str] = field(default_factory=list)
    how: str | None = None
    """How the data moves: ``API``, ``nightly file``, ``manual``..."""
    line: int = 0


@dataclass(slots=True)
class Training:
    """What a person in a role must know: a title, a link, how often."""

    title: str
    url: str | None = None
    every: str | None = None
    line: int = 0


@dataclass(slots=True)
class DataItem:
    """A kind of customer data the company keeps (the catalog's ``data:``)."""

    id: str
    name: str
    description: str | None = None
    personal: bool = False
    owner: str | None = None
    retention: str | None = None
    access: list[str] = field(default_factory=list)
    """The roles that may see it (its owner may too)."""
    held_in: list[str] = field(default_factory=list)
    """The systems that hold it."""
    line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def may_see(self, role_id: str) -> bool:
        """Whether the role is allowed to see the data: listed, or its owner."""
        return role_id == self.owner or role_id in self.access


@dataclass(slots=True)
class DataUse:
    """What a stage does with one data item, and in which system."""

    data: str
    use: str = DEFAULT_USE
    system: str | None = None
    """The system it happens in (``in:``); None: wherever the data is held."""
    line: int = 0

    def systems(self, items: dict[str, DataItem]) -> list[str]:
        """The system named, else every system the data item is held in."""
        if self.system:
            return [self.system]
        item = items.get(self.data)
        return list(item.held_in) if item is not None else []

