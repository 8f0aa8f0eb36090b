"""A :class:`Pipeline` for unit tests, with an in-memory catalog if given."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mkdocs_custflow.pipeline import Pipeline, Settings
from mkdocs_custflow.structure import Catalog


def make_pipeline(
    *,
    catalog: Catalog | None = None,
    templates: Iterable[str | Path] = (),
    **settings: object,
) -> Pipeline:
    pipeline = Pipeline(Settings(templates=tuple(str(t) for t in templates), **settings))  # type: ignore[arg-type]
    if catalog is not None:
        pipeline.catalog = catalog
    return pipeline


def started_cache(folder: Path) -> Path:
    """``folder`` as a first build leaves it: the block cache's store made,
    nothing in it (a first build only starts the store; the builds after it
    keep each block's result). The signing key comes from the environment."""
    from mkdocs_custflow.cache import BlockCache

    cache = BlockCache(folder)
    cache.start("")
    cache.finish()
    return folder
