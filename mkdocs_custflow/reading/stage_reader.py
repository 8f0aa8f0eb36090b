"""Read a journey's stages, actors and touchpoints into the model.

A stage holds steps and improvement keys, so this reader combines the
step and improvement readers; the journey and catalog readers build on it.
"""

from __future__ import annotations

from mkdocs_custflow.diagnostics import did_you_mean
from mkdocs_custflow.messages import say
from mkdocs_custflow.reading.improvement_reader import ImprovementReader
from mkdocs_custflow.reading.keys import STAGE_KEYS, TOUCHPOINT_KEYS
from mkdocs_custflow.reading.located_yaml import YamlMapping, YamlSequence, line_of
from mkdocs_custflow.reading.step_reader import StepReader
from mkdocs_custflow.reading.systems_reader import actor_extras, data_uses
from mkdocs_custflow.reading.value_reader import _bad_id, _kind
from mkdocs_custflow.safe_text import url_problem
from mkdocs_custflow.structure import ACTOR_KINDS, Actor, Link, Stage, Touchpoint
from mkdocs_custflow.structure.ids import is_id, slugify


class StageReader(StepReader, ImprovementReader):
    """Reads stages (with their steps, improvement keys and links), actors and
    touchpoints."""

    # -- actors and touchpoints ---------------------------------------------
    def actor(self, actor_id: str, data: object, line: int) -> Actor | None:
        if data is None or isinstance(data, str):
            return Actor(id=actor_id, name=data or "", kind="", line=self.report.file_line(line))
        if not isinstance(data, YamlMapping):
            self.report.error(say("actor.not-mapping", id=actor_id), line)
            return None
        self.check_keys(data, self.actor_keys, say("what.actor", id=actor_id))
        kind = self.text(data, "kind") or ""
        if kind and kind not in ACTOR_KINDS:
            self.report.error(
                say("actor.unknown-kind", id=actor_id, kind=kind,
                    hint=did_you_mean(kind, ACTOR_KINDS), kinds=", ".join(ACTOR_KINDS)),
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
            key_lines={key: self.report.file_line(data.line_of(key)) for key in data},
            **actor_extras(self, actor_id, data),  # type: ignore[arg-type]  # typed there
        )

    def touchpoint(self, tp_id: str, data: object, line: int) -> Touchpoint | None:
        if data is None or isinstance(data, str):
            return Touchpoint(id=tp_id, name=data or "", line=self.report.file_line(line))
        if not isinstance(data, YamlMapping):
            self.report.error(say("touchpoint.not-mapping", id=tp_id), line)
            return None
        self.check_keys(data, TOUCHPOINT_KEYS, say("what.touchpoint", id=tp_id))
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
            self.report.error(say("stage.not-list", kind=_kind(value)), line_of(data, "stages"))
            return []
        stages: list[Stage] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(value):
            stage = self.stage(item, value.line_of(index))
            if stage is None:
                continue
            if stage.id in seen:
                self.report.error(say("stage.twice", id=stage.id, line=seen[stage.id]),
                                  value.line_of(index))
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
            self.report.error(say("stage.not-mapping", kind=_kind(data)), line)
            return None
        self.check_keys(data, STAGE_KEYS, say("what.stage"))
        stage_id = self.text(data, "id")
        if stage_id is None:
            name = self.text(data, "name")
            self.report.error(say("stage.no-id-named", id=slugify(name))
                              if name and slugify(name) else say("stage.no-id"), data.line)
            return None
        if not is_id(stage_id):
            self.report.error(
                _bad_id(say("what.stage-id", id=stage_id), stage_id),
                data.line_of("id"),
            )
            return None
        owner = self.text(data, "owner")
        if owner is not None and not is_id(owner):
            self.report.error(say("stage.owner-not-id", value=repr(owner)), data.line_of("owner"))
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
            detail=self.id_value(data, "detail", say("names.journey-id")),
            data=data_uses(self, data),
            line=self.report.file_line(data.line),
            key_lines={key: self.report.file_line(data.line_of(key)) for key in data},
        )
    def links(self, data: YamlMapping) -> list[Link]:
        value = data.get("links")
        if value is None:
            return []
        if not isinstance(value, YamlSequence):
            self.report.error(say("link.not-list"), line_of(data, "links"))
            return []
        links: list[Link] = []
        for index, item in enumerate(value):
            line = value.line_of(index)
            if isinstance(item, str):
                title, url = item, item
            elif isinstance(item, YamlMapping):
                self.check_keys(item, ("title", "url"), say("what.link"))
                url = self.text(item, "url", required=True) or ""
                title = self.text(item, "title") or url
            else:
                self.report.error(say("link.bad-form"), line)
                continue
            problem = url_problem(url) if url else None
            if problem:
                self.report.error(say("link.not-allowed", url=repr(url), problem=problem), line)
                continue
            if url:
                links.append(Link(title=title, url=url))
        return links
