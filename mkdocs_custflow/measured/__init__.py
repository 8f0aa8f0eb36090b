"""Measured data: the team's exports of customer flow and KPI history.

=====================  ==========================================================
module                 pipeline step
=====================  ==========================================================
:mod:`.sources`        the ``measures:`` option's entries (path, columns,
                       encoding, sheet), checked to stay inside the project
:mod:`.files`          one file's rows as text, each with its line (CSV in
                       UTF-8, UTF-8 with BOM or GB18030; ``.xlsx``)
:mod:`.rows`           those rows read as flow rows and KPI rows (dates,
                       counts, values), findings for what cannot be read
:mod:`.flow`           customer flow per journey and period: entering,
                       transitions, exits, conversion, drop, bottleneck
:mod:`.kpis`           KPI history: the series of each KPI, its latest value,
                       status and direction
:mod:`.data`           all of it for a site, matched against its journeys
=====================  ==========================================================

The core is free of MkDocs; the checks that raise the rules live in
:mod:`mkdocs_custflow.checks.measured`.
"""
