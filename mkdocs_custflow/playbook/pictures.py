"""Pictures on the playbook's overview and pain-points pages.

- :func:`overview_picture`: every journey of the site as a node linking to its
  journey, the stages two or more journeys share, each sub-journey under the
  stage it draws in detail, each to-be journey pointing at the as-is journey it
  improves. A Mermaid flowchart, escaped as every diagram is.
- :func:`pain_picture`: where pain points gather: a bar per stage, in parts
  by severity, as an HTML chart whose counts are written beside the bars (read
  by screen readers and in print as well as seen).

Both are left out where they would tell nothing (one journey, no pain point)
or be too large to read (past :data:`MAX_JOURNEYS` journeys the overview's
table says it all).
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from mkdocs_custflow.playbook.links import PageLinks
from mkdocs_custflow.playbook.model import Playbook
from mkdocs_custflow.renderers.colours import NEUTRAL_COLOUR, PROBLEM_COLOUR, TEAM_COLOURS, fill
from mkdocs_custflow.renderers.escaping import mermaid_plain, mermaid_url, mermaid_wrapped

MAX_JOURNEYS = 40
"""Most journeys the overview draws: past it the picture could not be read."""
MAX_SHARED = 20
"""Most shared stages drawn (those most journeys share)."""
LABEL_COLUMNS = 24
SEVERITIES = ("high", "medium", "low")


def _figure(view: str, source: str, caption: str) -> Markup:
    return Markup(
        f'<figure class="custflow-diagram custflow-{view}"><div class="custflow-scroll">'
        f'<pre class="mermaid" data-search-exclude><code>{escape(source)}</code></pre>'
        f"</div><figcaption>{escape(caption)}</figcaption></figure>"
    )


def overview_picture(playbook: Playbook, links: PageLinks, said: dict[str, str]) -> Markup:
    """The site's journeys and how they connect, or nothing for a single journey."""
    records = playbook.journeys[:MAX_JOURNEYS]
    if len(records) < 2 or len(playbook.journeys) > MAX_JOURNEYS:
        return Markup("")
    node = {record.journey.id: f"J{index}" for index, record in enumerate(records)}
    lines = ["flowchart LR",
             f"    accTitle: {mermaid_plain(said['overview_picture'])}",
             "    accDescr: " + mermaid_plain(", ".join(r.journey.title for r in records))]
    for record in records:
        journey = record.journey
        label = mermaid_wrapped(journey.title, LABEL_COLUMNS)
        if journey.state == "to-be":
            label += f"<br><small>{mermaid_wrapped(said['state_to-be'], LABEL_COLUMNS)}</small>"
        lines.append(f'    {node[journey.id]}["{label}"]')
    common = sorted(
        (stage for stage in playbook.stages.values()
         if len({use.record.journey.id for use in stage.uses if use.record.journey.id in node})
         > 1),
        key=lambda stage: -len(stage.uses),
    )[:MAX_SHARED]
    for index, stage in enumerate(common):
        lines.append(f'    S{index}(["{mermaid_wrapped(stage.name, LABEL_COLUMNS)}"])')
        users = dict.fromkeys(use.record.journey.id for use in stage.uses)
        for journey_id in users:
            if journey_id in node:
                lines.append(f"    {node[journey_id]} --- S{index}")
    for record in records:
        journey = record.journey
        for own in journey.stages:  # the journey's own stage (not the playbook's)
            if own.detail in node and own.detail != journey.id:
                text = mermaid_wrapped(f"{said['subjourney']}{said['colon']}{own.name}",
                                       LABEL_COLUMNS)
                lines.append(f'    {node[journey.id]} ==>|"{text}"| {node[own.detail]}')
        if journey.state == "to-be" and journey.improves in node:
            text = mermaid_wrapped(said["improves"], LABEL_COLUMNS)
            lines.append(f'    {node[journey.id]} -.->|"{text}"| {node[journey.improves]}')
    lines += [f"    classDef asis {fill(TEAM_COLOURS[0])}",
              f"    classDef tobe {fill(TEAM_COLOURS[1])},stroke-dasharray:5 3",
              f"    classDef common {fill(NEUTRAL_COLOUR)}"]
    as_is = [node[r.journey.id] for r in records if r.journey.state != "to-be"]
    to_be = [node[r.journey.id] for r in records if r.journey.state == "to-be"]
    for css_class, ids in (("asis", as_is), ("tobe", to_be),
                           ("common", [f"S{i}" for i in range(len(common))])):
        if ids:
            lines.append(f"    class {','.join(ids)} {css_class}")
    for record in records:
        url = links.urls.diagram_href(links.page, record.page, record.anchor)
        if url:
            lines.append(f'    click {node[record.journey.id]} href "{mermaid_url(url)}"')
    for index, stage in enumerate(common):
        url = links.urls.diagram_href(links.page, links.layout.stage(stage.id))
        if url:
            lines.append(f'    click S{index} href "{mermaid_url(url)}"')
    return _figure("overview", "\n".join(lines) + "\n", said["overview_picture_caption"])


def pain_picture(playbook: Playbook, links: PageLinks, said: dict[str, str]) -> Markup:
    """Where the pain points gather: per stage (most first), by severity."""
    counts: list[tuple[str, dict[str, int]]] = []
    for stage_id, stage in playbook.stages.items():
        by_severity = dict.fromkeys(SEVERITIES, 0)
        for found in stage.all_pains():
            by_severity[found.item.severity] = by_severity.get(found.item.severity, 0) + 1
        if sum(by_severity.values()):
            counts.append((stage_id, by_severity))
    if not counts:
        return Markup("")
    counts.sort(key=lambda item: (-item[1]["high"], -sum(item[1].values())))
    most = max(sum(c.values()) for _, c in counts)
    rows = []
    for stage_id, by_severity in counts:
        parts = "".join(
            f'<span class="custflow-pain-part custflow-pain-{severity}" '
            f'style="flex-grow:{n}" title="{escape(said["severity_" + severity])}'
            f'{escape(said["colon"])}{n}"></span>'
            for severity, n in by_severity.items() if n
        )
        written = " · ".join(
            f"{escape(said['severity_' + severity])} {n}"
            for severity, n in by_severity.items() if n
        )
        width = round(100 * sum(by_severity.values()) / most, 1)
        rows.append(
            f"<tr><th scope=\"row\">{links.stage(stage_id)}</th>"
            f'<td><span class="custflow-pain-bar" style="width:{width}%">{parts}</span></td>'
            f"<td>{written}</td></tr>"
        )
    legend = "".join(
        f'<li><span class="custflow-pain-part custflow-pain-{s}"></span>'
        f"{escape(said['severity_' + s])}</li>" for s in SEVERITIES
    )
    return Markup(
        f'<figure class="custflow-pain-picture" style="--custflow-problem:{PROBLEM_COLOUR}">'
        f'<table class="custflow-pain-chart"><caption>{escape(said["pain_picture"])}</caption>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<ul class="custflow-legend custflow-pain-legend">{legend}</ul></figure>'
    )
