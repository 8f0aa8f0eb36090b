"""MkDocs glue: the only part of mkdocs-custflow that imports MkDocs."""

from mkdocs_custflow.plugin.plugin import CustflowPlugin

__all__ = ["CustflowPlugin"]
