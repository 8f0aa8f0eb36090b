"""The playbook: every journey of a site gathered (``gather``) into one model
(``model``), written as pages (``pages``, from ``page_templates/``) and as
data (``export``: ``playbook.json``, the RACI CSV)."""
