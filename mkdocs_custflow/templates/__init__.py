"""Journey templates: finding them (``library``), filling their strings in a
sandbox (``expansion``), the merge rules (``merge``), the block's ``use:``
step (``use``) and YAML output for the CLI (``yaml_out``)."""

from mkdocs_custflow.templates.errors import TemplateError
from mkdocs_custflow.templates.library import JourneyTemplate, TemplateLibrary
from mkdocs_custflow.templates.use import use_template

__all__ = ["JourneyTemplate", "TemplateError", "TemplateLibrary", "use_template"]
