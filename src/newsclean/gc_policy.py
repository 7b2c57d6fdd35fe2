"""How newsclean's batch entry points run Python's cycle collector.

A batch (:func:`newsclean.find_duplicates`, ``newsclean dedupe``) allocates millions of
short-lived objects (features, candidate pairs, explanations) and keeps hundreds of
thousands of long-lived ones, which every full collection walks; it makes no reference
cycles that need collecting before it ends.  :func:`fewer_collections` runs such a batch
with the collector mostly out of the way and restores it afterwards.

>>> import gc
>>> before = gc.get_threshold()
>>> with fewer_collections():
...     gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
True
>>> gc.get_threshold() == before
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["GC_YOUNG_THRESHOLD", "fewer_collections"]

#: Allocations between two young-generation collections during a batch (Python's default:
#: 700).
GC_YOUNG_THRESHOLD = 20_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run with fewer garbage collections: what exists when the run starts (modules,
    tables, compiled patterns, the caller's documents) is frozen out of every collection
    (``gc.freeze``, which also spares forked workers copying those pages), and young
    collections run every :data:`GC_YOUNG_THRESHOLD` allocations.  Both are restored
    afterwards; a freeze made before (by the caller, or by an enclosing run) is kept, and
    an enclosing run's threshold comes back when a nested one ends."""
    old = gc.get_threshold()
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    gc.set_threshold(max(GC_YOUNG_THRESHOLD, old[0]), old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        if not frozen_before:
            gc.unfreeze()
