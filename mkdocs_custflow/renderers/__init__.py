"""Renderers turn a resolved :class:`~mkdocs_custflow.structure.Journey` into text.

Each Mermaid renderer is a pure function of the journey and
:class:`RenderOptions`; none of them sees raw YAML or user-chosen ids.
"""

from mkdocs_custflow.renderers.options import RenderOptions

__all__ = ["RenderOptions"]
