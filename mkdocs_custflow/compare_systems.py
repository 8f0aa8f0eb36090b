"""What changed in a stage's use of customer data, for :mod:`.compare`.

A use is matched by its data item, what is done with it and the system it is
done in: a use added or removed is a change (``data-added``,
``data-removed``), and a stage that starts collecting a personal data item
is the change a privacy reviewer must see, reported as its own kind
(``personal-data-collected``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from mkdocs_custflow.structure import DataUse, Stage

PERSONAL_COLLECTED = "personal-data-collected"

MakeChange = Callable[[str, str, str, object, object, int], object]


def use_label(use: DataUse) -> str:
    """``contact: collect in crm`` (``in`` left out when not written)."""
    where = f" in {use.system}" if use.system else ""
    return f"{use.data}: {use.use}{where}"


def data_changes(
    before: Stage, after: Stage, personal: Collection[str], change: MakeChange
) -> list[object]:
    """The stage's data uses added and removed; ``change(kind, stage, summary,
    before, after, line)`` makes each change."""
    old = {(u.data, u.use, u.system): u for u in before.data}
    new = {(u.data, u.use, u.system): u for u in after.data}
    line = after.line_of("data")
    found = []
    for key, use in new.items():
        if key in old:
            continue
        if use.use == "collect" and use.data in personal:
            found.append(change(PERSONAL_COLLECTED, after.id,
                                f"starts collecting personal data: {use_label(use)}",
                                None, use_label(use), use.line or line))
        else:
            found.append(change("data-added", after.id, f"data added: {use_label(use)}",
                                None, use_label(use), use.line or line))
    for key, use in old.items():
        if key not in new:
            found.append(change("data-removed", after.id, f"data removed: {use_label(use)}",
                                use_label(use), None, line))
    return found


def systems_used(stage: Stage) -> set[str]:
    """The systems a stage names in its data uses (``in:``)."""
    return {use.system for use in stage.data if use.system}
