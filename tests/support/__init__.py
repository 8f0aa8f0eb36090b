"""Test tools for mkdocs-custflow: Mermaid parser (Node), real-browser checks, site builds.

Why a package: the suite's tests and fixtures share these helpers; `bash tests/run.sh`
installs what they need (chromium, mermaid@11, jsdom) into CUSTFLOW_TEST_CACHE.
"""
