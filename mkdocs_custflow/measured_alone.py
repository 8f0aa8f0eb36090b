"""Measured data where the Markdown extension runs alone (Zensical, plain
Python-Markdown): the views of each block show the data as with the plugin,
and the data's findings are reported as far as one page at a time allows.

The plugin and ``custflow validate`` read the whole site before any page, so
they report every rule; the extension alone sees one block at a time. It
reports what reading the files found and stale files once (when its pipeline
is made), and for each journey block its own rows' stages, repeats, leaks,
bottleneck and missed KPIs. Rows naming a journey or a KPI that no block of
the site has need the whole site: ``custflow validate`` reports them. The
dashboard is a generated page: ``custflow playbook --out DIR`` writes it.
"""

from __future__ import annotations

import weakref

from mkdocs_custflow.checks.measured import check_journey_data, stale_findings
from mkdocs_custflow.diagnostics import Diagnostic
from mkdocs_custflow.messages import text_in
from mkdocs_custflow.pipeline import Pipeline
from mkdocs_custflow.structure import Journey


def measured_alone_note(locale: str) -> str:
    """Said once (as info) where the option is set on the extension alone."""
    return text_in(locale, "measure.extension-alone")



def data_findings_alone(pipeline: Pipeline) -> list[Diagnostic]:
    """What reading the data files found, and stale files, with the site's rules."""
    data = pipeline.measured
    if data is None:
        return []
    locale = pipeline.settings.locale
    found = [*data.findings, *stale_findings(data, pipeline.today, data.stale_after, locale)]
    return pipeline.rules.apply(found)


_REPORTED: weakref.WeakKeyDictionary[Pipeline, set[str]] = weakref.WeakKeyDictionary()
"""Journeys whose data findings a pipeline has reported (a host converts a
page again on each rebuild; the findings are said once per pipeline)."""


def journey_data_alone(pipeline: Pipeline, journey: Journey) -> list[Diagnostic]:
    """The data's findings about one journey block, once per pipeline, with
    the site's rules and the block's own ``ignore:``."""
    data = pipeline.measured
    if data is None:
        return []
    reported = _REPORTED.setdefault(pipeline, set())
    if journey.id in reported:
        return []
    reported.add(journey.id)
    found = [d for d in check_journey_data(data, journey, pipeline.settings.locale)
             if d.rule not in journey.ignore]
    return pipeline.rules.apply(found)
