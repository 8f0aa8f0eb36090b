"""The playbook: every journey of a site gathered (``gather``) into one model
(``model``), written as pages (``pages``, from ``page_templates/``, at the
addresses ``layout`` gives and with the links of ``links``) and as
data (``export``: ``playbook.json``, the RACI CSV)."""
