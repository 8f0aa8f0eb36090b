"""Did the change work? A to-be journey with ``effective: DATE`` shows each
of its KPIs and conversions before and after that day: the mean of the
periods on each side, and how many periods that is. A period that spans the
day counts on neither side (and is named)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from mkdocs_custflow.i18n import counted, words
from mkdocs_custflow.measured.data import effective_split
from mkdocs_custflow.measured.flow import JourneyFlow
from mkdocs_custflow.measured.rows import Period
from mkdocs_custflow.renderers.funnel import percent
from mkdocs_custflow.renderers.options import RenderOptions
from mkdocs_custflow.structure import Journey
from mkdocs_custflow.structure.measures import DURATION, Quantity
from mkdocs_custflow.structure.review_cycle import read_date


def shown_mean(values: Sequence[Quantity]) -> str:
    """The mean of values in one unit, written in it (durations in h or min)."""
    unit = values[0].unit
    mean = sum(v.value for v in values) / len(values)
    if unit == DURATION:
        for size, name in ((86400, "d"), (3600, "h"), (60, "min")):
            if mean >= size:
                return f"{mean / size:.1f}".removesuffix(".0") + f" {name}"
        return f"{mean:.0f} s"
    number = f"{mean:.1f}".removesuffix(".0")
    return f"{number}%" if unit == "%" else f"{number} {unit}".strip()


def _side(values: list[Quantity], locale: str) -> str:
    if not values or len({v.unit for v in values}) != 1:
        return escape(words(locale)["no_data_side"])
    return f"{escape(shown_mean(values))} ({escape(counted(locale, 'periods', len(values)))})"


def _share_side(shares: list[float], locale: str) -> str:
    if not shares:
        return escape(words(locale)["no_data_side"])
    mean = sum(shares) / len(shares)
    return f"{percent(mean)} ({escape(counted(locale, 'periods', len(shares)))})"


def render_effective(journey: Journey, options: RenderOptions) -> str:
    """The before/after table (empty without ``effective`` or data)."""
    measured = options.measured
    day = read_date(journey.effective) if journey.effective else None
    if measured is None or day is None:
        return ""
    locale = options.locale
    text = words(locale)
    rows: list[tuple[str, str, str]] = []
    spanning: set[str] = set()
    for stage in journey.stages:
        for kpi in stage.kpis:
            history = measured.kpi_history(kpi, journey.id, stage.id, stage.name)
            if history is None and journey.improves:
                history = measured.kpi_history(kpi, journey.improves, stage.id, stage.name)
            if history is None:
                continue
            by_period = {p.period: p.value for p in history.points}
            before, after, across = effective_split(by_period, day)
            spanning.update(p.key for p in across)
            rows.append((kpi.name, _side([by_period[p] for p in before], locale),
                         _side([by_period[p] for p in after], locale)))
    flow = measured.flow_of(journey)
    if flow is not None:
        rows.extend(_conversions(journey, flow, day, locale, spanning))
    if not rows:
        return ""
    body = "".join(f"<tr><th scope=\"row\">{escape(name)}</th><td>{b}</td><td>{a}</td></tr>"
                   for name, b, a in rows)
    caption = text["effective_caption"].format(date=day.isoformat())
    note = (f"<p>{escape(text['across_left_out'].format(periods=', '.join(sorted(spanning))))}"
            "</p>" if spanning else "")
    return (
        f'<div class="custflow-effective"><p><strong>{escape(text["effective"].format(date=day))}'
        f'</strong></p><div class="custflow-grid" tabindex="0">'
        '<table class="custflow-grid-table custflow-figures"><caption>'
        f"{escape(caption)}</caption><thead><tr><th>{escape(text['measure'])}</th>"
        f"<th>{escape(text['before'])}</th><th>{escape(text['after'])}</th></tr></thead>"
        f"<tbody>{body}</tbody></table></div>{note}</div>"
    )


def _conversions(journey: Journey, flow: JourneyFlow, day: date, locale: str,
                 spanning: set[str]) -> list[tuple[str, str, str]]:
    text = words(locale)
    by_period = {p.period: p for p in flow.periods}
    before, after, across = effective_split(by_period, day)
    spanning.update(p.key for p in across)
    rows = []
    names = {stage.id: stage.name for stage in journey.stages}
    taken = {key for p in flow.periods for key in p.transitions}
    for stage in journey.stages:
        for _label, target in dict.fromkeys(journey.successors(stage)):
            if target not in names or target == stage.id or (stage.id, target) not in taken:
                continue  # only the ways on that customers took

            def shares(side: list[Period], source: str = stage.id, to: str = target
                       ) -> list[float]:
                found = []
                for period in side:
                    entered = by_period[period].stage(source)
                    if entered is not None and entered.entered:
                        moved = by_period[period].transitions.get((source, to), 0)
                        found.append(moved / entered.entered)
                return found

            name = f"{text['conversion']}{text['colon']}{stage.name} → {names[target]}"
            rows.append((name, _share_side(shares(before), locale),
                         _share_side(shares(after), locale)))
    overall_before = [o for p in before if (o := by_period[p].overall) is not None]
    overall_after = [o for p in after if (o := by_period[p].overall) is not None]
    rows.append((text["overall_conversion"], _share_side(overall_before, locale),
                 _share_side(overall_after, locale)))
    return rows
