"""What a reviewer of a pull request sees: findings as SARIF or workflow
annotations, the model diff of two git revisions, CODEOWNERS lines.

These turn the core's results (findings, :mod:`mkdocs_custflow.compare`'s
changes) into the formats CI systems read; the ``custflow`` command calls them.
"""
