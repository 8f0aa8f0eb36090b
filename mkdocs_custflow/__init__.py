"""mkdocs-custflow: customer-journey playbooks from fenced ``journey`` blocks."""

__version__ = "0.1.0"
