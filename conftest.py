"""Project-wide pytest hook: how pytest-xdist shares the run between workers.

`make test` runs the unit tests and nbval over the notebooks in one pytest session on
two workers (``-n 2``). A notebook's cells depend on the cells before them, so every
cell of a notebook goes to one worker, together and in collection order; every other
test is scheduled on its own, to whichever worker is free. (xdist's own
``--dist loadgroup`` would do the first part, but the pytest pinned here ignores the
group it appends to the node id, so the grouping is done here.)

Without xdist (``.venv-mpl310``) or without ``-n``, this hook is not used.

The tests marked ``slow`` (a few seconds each: the reference rebuild, the Dask
cluster, nbval's own check...) are collected first, so they start right after the
notebooks, and the short tests fill in at the end instead of one worker finishing a
long test alone.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config, items):
    # a stable sort: every other test (a notebook's cells among them) keeps its order
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "load":  # an explicit --dist other than the default
        return None
    from xdist.scheduler import LoadScopeScheduling

    class NotebookScheduling(LoadScopeScheduling):
        """One work unit per notebook (all its cells, in order), one per other test.
        Units with more tests go first (xdist's --loadscope-reorder, on by default),
        so the notebooks start at once and the short unit tests fill in around them."""

        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path.endswith(".ipynb") else nodeid

    return NotebookScheduling(config, log)
