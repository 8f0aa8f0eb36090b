"""Rules only the MkDocs build raises: the plugin (``plugin/``) finds these
while it writes the playbook's pages and builds the site, so ``custflow
validate`` never reports them. No check here: they are declared in this one
table beside the checks' rules.
"""

from __future__ import annotations

from mkdocs_custflow.checks.rule import Rule

PLAYBOOK_COLLISION = Rule(
    "playbook-collision", "error", "A file of yours stands where a playbook page goes.",
    "A page or file of the site would have the address of a generated playbook page. "
    "Your file is kept and the playbook page is left out. Rename your file, or move "
    "the playbook with 'playbook_dir'.", fixed=True,
)

BROKEN_LINK = Rule(
    "broken-link", "warning", "A playbook page links to no page or file of the site.",
    "A stage's 'links' (read from the docs folder), or a page template of yours, names a "
    "path that is neither a page nor a file of the site. The page shows the name without "
    "a link. Correct the link, or add the file. Only the build sees this.",
)

NOT_IN_PLAYBOOK = Rule(
    "not-in-playbook", "warning", "A journey drawn on a page but missing from the playbook.",
    "The page's file does not hold the block as written: another plugin added or changed "
    "it while the page was built, so the playbook, which is gathered from the files, "
    "does not have it. Write the block in the page, or in a file the page includes with "
    "pymdownx.snippets, or add 'playbook: false' to it. Only the build sees this.",
)

FENCE_TAKEN = Rule(
    "fence-taken", "warning", "The site's own superfences fence has the journey fence name.",
    "A custom fence of pymdownx.superfences has the name of the journey blocks' fence "
    "(journey, or the custflow option 'fence'). The journey blocks take it over, so that "
    "fence never runs. Give the journey blocks another name with 'fence', or rename "
    "yours. Only the build sees this.",
)

OWN_RULES = (PLAYBOOK_COLLISION, BROKEN_LINK, NOT_IN_PLAYBOOK, FENCE_TAKEN)
