"""The ``custflow`` plugin's options, each documented where it is declared."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_custflow.pipeline import Settings

_DEFAULTS = Settings()


class CustflowConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Set to false to build the site without expanding journey blocks
    (e.g. `enabled: !ENV [CUSTFLOW, true]` for fast drafts)."""

    catalog = c.Optional(c.File(exists=True))
    """YAML file of actors, touchpoints and stages shared by every journey,
    relative to mkdocs.yml."""

    templates = c.ListOfItems(c.Dir(exists=True), default=[])
    """Folders of your own journey templates (`<name>.<locale>.yaml`), relative
    to mkdocs.yml; a template here wins over a built-in one of the same name."""

    locale = c.Optional(c.Type(str))
    """Language of the words the plugin writes (`en`, `zh`). Default: the
    theme's `language`, else `en`."""

    playbook = c.Type(bool, default=True)
    """Generate the playbook: an overview, a page per stage, touchpoint and
    role, a RACI matrix and `playbook.json`."""

    playbook_dir = c.Type(str, default="playbook")
    """Folder (inside the site) of the generated playbook pages."""

    nav = c.Type(bool, default=True)
    """Add a Playbook section to the navigation (appended to an explicit
    `nav`); false leaves the navigation alone."""

    nav_limit = c.Type(int, default=30)
    """Most pages of one kind (stages, touchpoints, roles) the Playbook section
    lists. A kind with more is reached from the overview, which lists them
    all: every page of the site carries the navigation, so a long one costs
    build time and reader attention on each."""

    nav_title = c.Optional(c.Type(str))
    """Title of the Playbook section. Default: `Playbook` (`客户旅程手册` in zh)."""

    page_templates = c.Optional(c.Dir(exists=True))
    """Folder of Jinja templates that replace the built-in playbook page
    templates of the same name (`overview.md.j2`, `stage.md.j2`,
    `touchpoint.md.j2`, `role.md.j2`, `raci.md.j2`)."""

    fence = c.Type(str, default=_DEFAULTS.fence)
    """The word after the backticks that makes a fence a journey block. Change
    it (e.g. `customer-journey`) to keep a `journey` fence of your own in
    pymdownx.superfences' `custom_fences`."""

    mermaid_js = c.Optional(c.Type(str))
    """Where pages load Mermaid from instead of a CDN, for sites on closed
    networks: a local file (relative to mkdocs.yml, copied into the site) or a
    URL. Material uses this Mermaid instead of fetching its own; other themes
    get Mermaid from it too."""

    cache = c.Type(bool, default=True)
    """Keep each block's result on disk (in `cache_dir`) so the next build
    reads only the blocks that changed. Entries are found only for the same
    block text, place, plugin version, catalog, templates and options, and
    are used only when signed with this user's key (or `CUSTFLOW_CACHE_KEY`),
    so turning this off is never needed for correctness."""

    cache_dir = c.Type(str, default=".cache/plugin/custflow")
    """Folder of the block cache, relative to mkdocs.yml. Keep it between CI
    runs (like Material's `.cache`) to make builds there fast too."""

    max_block_chars = c.Type(int, default=_DEFAULTS.max_block_chars)
    """Largest journey block, in characters, before it is refused."""

    max_yaml_nodes = c.Type(int, default=_DEFAULTS.max_yaml_nodes)
    """Most YAML values one block may expand to; stops alias bombs."""

    max_expanded_chars = c.Type(int, default=_DEFAULTS.max_expanded_chars)
    """Most characters of text one block may expand to, aliases and template
    values counted each time they are used."""

    rules = c.Type(dict, default={})
    """Severity of each rule, by rule id: `error`, `warning`, `info` or `off`
    (e.g. `rules: {missing-sla: warning, orphan-role: off}`). Errors and
    warnings fail `mkdocs build --strict`, infos are only shown, `off` drops the
    rule's findings. The rules that find a block unusable are always errors.
    The guide's rules page lists every rule with its default."""

    max_playbook_pages = c.Type(int, default=_DEFAULTS.max_playbook_pages)
    """Most pages the playbook may add to the site; over it, no playbook is
    made and the build reports which journey took it over."""
