"""Python's cyclic garbage collector, paused while a step makes many objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Reading a site, making the playbook or reading a data export creates
    many objects and almost no garbage; each full collection on the way walks
    every one of them (a fifth of the reading's time on a site of 1,500
    journeys, two thirds of reading a large export). Reference counting still
    frees what is dropped; the collector resumes as it was."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
