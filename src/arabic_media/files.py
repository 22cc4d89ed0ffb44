"""Writing a file of the study in one step: a reader never sees it half-written.

Every file the study writes (a figure and its CSV, the manifest, the reference list, an
extracted article) is written to a hidden file beside it and moved into place with
``os.replace``, which replaces the old file in one step on POSIX and Windows. If the
writing fails, the partial file is removed and the old file is left as it was: a
failed write never leaves a truncated manifest or half a reference behind. (`make
test` also re-executes the notebooks while unit tests read the committed CSVs.)
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

__all__ = ["file_sha256", "replacing", "replacing_all"]


def _partial(path: Path) -> Path:
    """A hidden name beside ``path``, its own for this process and thread."""
    return path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.partial")


@contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """A path to write instead of ``path``, moved onto ``path`` when the block ends.

    Parameters
    ----------
    path : Path or str
        The file to write (its folder must exist).

    Yields
    ------
    Path
        A hidden file in the same folder (so the move is a rename, never a copy
        across file systems): write the whole file there.

    Raises
    ------
    Exception
        Whatever the block raises: then nothing is moved, the partial file is removed
        and ``path`` is left as it was. An `OSError` from the move itself.
    """
    path = Path(path)
    partial = _partial(path)
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def replacing_all(paths: Iterable[Path | str]) -> Iterator[list[Path]]:
    """Paths to write instead of ``paths``, moved into place once all are written.

    `replacing` for several files: nothing is moved until the block has written every
    one of them.

    Parameters
    ----------
    paths : iterable of Path or str
        The files to write, in any folders that exist.

    Yields
    ------
    list of Path
        One hidden partial path per file, in the order given.

    Raises
    ------
    Exception
        Whatever the block raises: then no file is moved, every partial file is
        removed and every file in ``paths`` is left as it was.
    """
    with ExitStack() as stack:
        yield [stack.enter_context(replacing(path)) for path in paths]


def file_sha256(path: Path | str) -> str:
    """The sha256 of a file's bytes, read in blocks (an archive need not fit in memory).

    Parameters
    ----------
    path : Path or str

    Returns
    -------
    str
        64 hex digits.
    """
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
