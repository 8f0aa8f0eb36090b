"""Checks of what was read, one module per level or concern, each with the
rules it raises declared beside it.

=====================  ==========================================================
module                 checks, and the rules declared there
=====================  ==========================================================
:mod:`.block`          one journey block: names, owners, time limits, pains,
                       empty views (``unknown-reference``, ``owner-not-role``,
                       ``no-owner``, ``missing-sla``, ``pain-without-opportunity``,
                       ``empty-view``); runs :mod:`.graph` and :mod:`.size`
:mod:`.graph`          paths through a journey (``unreachable-stage``,
                       ``no-way-out``)
:mod:`.size`           views Mermaid would refuse, the playbook's page count
                       (``diagram-too-large``, ``limit``)
:mod:`.site`           across pages: ``detail``/``improves`` targets, sub-journey
                       cycles (``detail-cycle``, ``duplicate-journey-id``,
                       ``stage-conflict``)
:mod:`.catalog`        the catalog's names, its unused roles (``orphan-role``)
:mod:`.review_cycle`   reviews past due (``review-overdue``)
:mod:`.data`           systems and data: ids, personal data (``personal-data-owner``,
                       ``data-access``, ``data-never-collected``, ``system-unused``)
:mod:`.reading`        no check: the rules the reader raises (``yaml``,
                       ``unknown-key``, ``invalid-value``, ``template``...)
:mod:`.build`          no check: the rules only the MkDocs build raises
                       (``broken-link``, ``playbook-collision``...)
:mod:`.rule`           :class:`~.rule.Rule`, what every module declares
=====================  ==========================================================

**Adding a rule.** Declare it as a :class:`~.rule.Rule` constant in the
module of the check that raises it and add it to that module's
``OWN_RULES``; a rule raised outside the checks goes in :mod:`.reading`
(reading a block, a page, the catalog, a template) or :mod:`.build` (the
MkDocs build). Raise it with its id written out (``rule="no-owner"``): the
tests find every id the code reports that way. Give it its place in
:data:`mkdocs_custflow.rules.ORDER` and a section on the guide's rules page.
:mod:`mkdocs_custflow.rules` collects every module's ``OWN_RULES`` and
applies the site's ``rules:``; a new check module is added to its list.

**Checks only report.** They return findings (and, for the size of views,
what the renderer needs: :func:`.size.oversized_views`); they never change
the journey or the catalog they are given.

Nothing is imported here: import the module you need (this keeps
:mod:`mkdocs_custflow.rules`, which imports every module's rules, free of
cycles).
"""
