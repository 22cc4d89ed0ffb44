"""Handing the memory a count has freed back to the operating system (`release_memory`),
between the phases of a count: after each bigram merge (`tally`), and before and after
a process's tally is made and before `tally_tables` (`run`)."""

from __future__ import annotations

import functools


def release_memory() -> None:
    """Hand the memory freed by the count back to the operating system.

    Where the C library can: glibc's ``malloc_trim``; elsewhere nothing is done.

    A count allocates and frees many arrays of a few MB. glibc keeps freed memory of
    that size in the process for reuse, so after the count a process holds about twice
    what it uses (measured after the reference count of the ANT archive: 371 MB
    resident, 164 MB after the trim), and the tables built next (`tally_tables`) come on top.
    ``malloc_trim(0)`` hands free pages back, in every arena (malloc_trim(3)). Called
    between the phases of a count, and after each merge of a process's bigram table
    (the merges are what leave the most freed memory behind), not after every chunk:
    trimming every few chunks cost time (the pages are faulted in again) and, with the
    merges trimmed, did not lower the reference's peak."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim`` from the symbols already loaded, or None (musl, macOS,
    Windows)."""
    import ctypes

    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None
