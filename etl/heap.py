"""Python's cyclic garbage collector, paused while the build's main process holds every
file's results.

A build of 20,000 reports receives, assembles and writes millions of small tuples and
strings; every few thousand allocations the collector walks the objects it tracks, so it
walked the growing results again and again: with it running, unpickling the results of
20,000 reports took 1.9 s instead of 0.8 s, and turning their 230,000 fact rows into
columns (as the build did then) 0.84 s instead of 0.2 s. These objects hold no reference cycles (tuples, strings, numbers, flat
records), so nothing is left uncollected for long: whatever cycles appear meanwhile are
collected when the collector resumes. The pool's workers, forked while it is paused,
resume it for themselves, and a build that extracts in its own process (a few files, or
--workers 1) extracts with it running (etl/process.py): reading a file may make cycles.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (reference counting goes on); the
    collector is back as it was after it."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@contextlib.contextmanager
def collector_running() -> Iterator[None]:
    """Cyclic garbage collection inside the block (where a file is read and extracted),
    paused or not around it; as it was after it."""
    was_on = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_on:
            gc.disable()
