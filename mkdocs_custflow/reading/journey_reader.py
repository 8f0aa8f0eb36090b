"""Read a block's YAML values (parsed by :mod:`.located_yaml`) into the model
(:mod:`mkdocs_custflow.structure`): the whole block, and the catalog file.

This step checks shape only: keys, types, forms of steps. Whether the names
a block uses exist is :mod:`mkdocs_custflow.checks`' job, because that
depends on the catalog and on templates. The parts are read by the readers
this one builds on: :mod:`.stage_reader`, :mod:`.step_reader`,
:mod:`.improvement_reader` and :mod:`.value_reader`.
"""

from __future__ import annotations

from mkdocs_custflow.diagnostics import did_you_mean
from mkdocs_custflow.messages import say
from mkdocs_custflow.reading.keys import (
    ACTOR_KEYS,
    CATALOG_ACTOR_KEYS,
    CATALOG_KEYS,
    JOURNEY_KEYS,
)
from mkdocs_custflow.reading.located_yaml import YamlMapping
from mkdocs_custflow.reading.stage_reader import StageReader
from mkdocs_custflow.reading.systems_reader import data_item
from mkdocs_custflow.reading.value_reader import VALUE_RULE, _bad_id, _kind_phrase
from mkdocs_custflow.rules import setting_problem
from mkdocs_custflow.structure import DIRECTIONS, STATES, VIEWS, Catalog, Journey
from mkdocs_custflow.structure.ids import humanize, is_id, slugify


class JourneyReader(StageReader):
    """Reads one block's mapping into a :class:`Journey` (or the catalog's into
    a :class:`Catalog`), reporting as it goes."""

    # -- the whole block -----------------------------------------------------
    def journey(self, data: object, *, fallback_id: str) -> Journey | None:
        if not isinstance(data, YamlMapping):
            self.report.error(
                say("block.not-mapping",
                    kind=say("shape.empty-block") if data is None else _kind_phrase(data)),
                getattr(data, "line", 0),
            )
            return None
        self.check_keys(data, JOURNEY_KEYS, say("what.journey-block"))
        title = self.text(data, "title")
        journey_id = self.text(data, "id")
        if journey_id is not None and not is_id(journey_id):
            self.report.error(
                _bad_id(say("what.journey-id", id=journey_id), journey_id),
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
            self.report.error(say("block.bad-direction", value=data["direction"]),
                              data.line_of("direction"))
            direction = ""
        actors = self.mapping_of(data, "actors", self.actor)
        touchpoints = self.mapping_of(data, "touchpoints", self.touchpoint)
        improves = self.id_value(data, "improves", say("names.journey-id"))
        state = self.keyword(data, "state", STATES, say("keyword.state"))
        if improves is not None and state == "as-is":
            self.report.error(say("block.as-is-improves"), data.line_of("improves"), VALUE_RULE)
        review = self.review(data)
        effective = self.effective(data, state or ("to-be" if improves else "as-is"))
        stages = self.stages(data)
        if "stages" not in data:
            self.report.error(say("block.no-stages"), data.line)
        elif not stages and not self.report.has_errors:
            self.report.error(say("block.empty-stages"), data.line_of("stages"))
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

    def ignored_rules(self, data: YamlMapping) -> list[str]:
        """``ignore:``: the rule ids whose findings this block does not report;
        unknown ids, and rules that are always errors, are findings."""
        ignored = []
        for rule_id in self.id_list(data, "ignore"):
            problem = setting_problem(rule_id, None, say("where.ignore"))
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
                    say("block.unknown-view", view=view, hint=did_you_mean(view, VIEWS),
                        views=", ".join(VIEWS)),
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
            self.report.error(say("catalog.not-mapping"))
            return catalog
        self.check_keys(data, CATALOG_KEYS, say("what.catalog"))
        self.actor_keys = CATALOG_ACTOR_KEYS
        catalog.actors = self.mapping_of(data, "actors", self.actor)
        self.actor_keys = ACTOR_KEYS
        catalog.touchpoints = self.mapping_of(data, "touchpoints", self.touchpoint)
        catalog.stages = {stage.id: stage for stage in self.stages(data)}
        catalog.data = self.mapping_of(
            data, "data", lambda item_id, item, line: data_item(self, item_id, item, line)
        )
        return catalog

