"""A template under the site's catalog: the catalog's words win.

A built-in template brings its own actors, touchpoints and stages. Where the
site's catalog defines the same id, the catalog is what makes the playbook
one playbook: its names, kinds, teams, channels and owners are the team's
own. So the expanded template yields: each of its values that the catalog
gives otherwise is dropped (the catalog fills it when the journey is
resolved), and a warning names the template, the key and both values. The
block's own keys, merged after, still win over both.
"""

from __future__ import annotations

from mkdocs_custflow.checks.rule import Rule
from mkdocs_custflow.diagnostics import Reporter
from mkdocs_custflow.messages import say
from mkdocs_custflow.reading.located_yaml import YamlMapping, YamlSequence
from mkdocs_custflow.structure import Catalog

TEMPLATE_CATALOG = Rule(
    "template-catalog", "warning",
    "A template gives a catalog actor, touchpoint or stage another value.",
    "A template used with 'use:' defines an actor, touchpoint or stage that the site's "
    "catalog also defines, with another name, kind, team, channel or owner. The "
    "catalog's value is used; the warning names the template, the key and both "
    "values. Write the value in the block to choose another one for this journey, "
    "or ignore the rule for the block if the catalog's value is what you want.",
)

OWN_RULES = (TEMPLATE_CATALOG,)

_FIELDS = {
    "actors": ("name", "kind", "team"),
    "touchpoints": ("name", "channel"),
    "stages": ("name", "owner"),
}


def _block_sets(block: YamlMapping, section: str, item_id: str, field: str) -> bool:
    """Whether the block itself writes ``field`` of ``item_id`` in ``section``."""
    entries = block.get(section)
    if isinstance(entries, YamlSequence):
        return any(isinstance(e, YamlMapping) and e.get("id") == item_id and field in e
                   for e in entries)
    entry = entries.get(item_id) if isinstance(entries, YamlMapping) else None
    return isinstance(entry, YamlMapping) and field in entry


def yield_to_catalog(
    journey: YamlMapping, catalog: Catalog, template: str, report: Reporter, line: int,
    block: YamlMapping | None = None,
) -> None:
    """Drop, in place, each value of the expanded ``journey`` of ``template``
    that the catalog gives otherwise, with a warning at ``line`` (the block's
    ``use:``); not those the ``block`` writes itself, which win over both."""
    for section, fields in _FIELDS.items():
        entries = journey.get(section)
        if section == "stages":
            if not isinstance(entries, YamlSequence):
                continue
            items = [(e.get("id"), e) for e in entries if isinstance(e, YamlMapping)]
            known: dict[str, object] = dict(catalog.stages)
        else:
            if not isinstance(entries, YamlMapping):
                continue
            items = [(key, value) for key, value in entries.items()
                     if isinstance(value, YamlMapping)]
            known = dict(catalog.actors if section == "actors" else catalog.touchpoints)
        for item_id, entry in items:
            shared = known.get(item_id) if isinstance(item_id, str) else None
            if shared is None or not isinstance(entry, YamlMapping) or not isinstance(
                item_id, str
            ):
                continue
            for field in fields:
                ours, theirs = getattr(shared, field, None), entry.get(field)
                if block is not None and _block_sets(block, section, item_id, field):
                    continue
                if ours and isinstance(theirs, str) and theirs != ours:
                    del entry[field]
                    report.warning(
                        say("template.catalog-wins", template=template, id=item_id,
                            what=say(f"section.{section[:-1]}"), field=field, theirs=theirs,
                            ours=ours),
                        line, rule="template-catalog",
                    )
