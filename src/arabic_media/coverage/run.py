"""A pass over every report of a source: in this process, in several (this one reading
and analysing beside one worker per other core), or on a Dask cluster; results in
reading order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from arabic_media.coverage.report import analyse_member, load_tools

__all__ = ["CHUNK_REPORTS", "analyse_source"]

#: Reports handed to a worker at a time.
CHUNK_REPORTS = 100


def _analyse_chunk(source, members: list, target: str, query: str | None, slice_only: bool) -> list[dict]:
    tools = load_tools(target, query)
    return [analyse_member(source, member, tools, slice_only=slice_only) for member in members]


def _chunks(source, size: int) -> Iterator[list]:
    chunk = []
    for member in source.members():
        chunk.append(member)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def analyse_source(source, *, target: str, query: str | None = None, slice_only: bool = True,
                   workers: int | None = None, scheduler=None, chunk_size: int = CHUNK_REPORTS,
                   progress: bool | None = None) -> list[dict]:
    """Analyse every report of ``source`` (`arabic_media.coverage.report.analyse_member`).

    Parameters
    ----------
    source : TrecArchive or another source of `arabic_media.corpus.sources`
        Read once, as a stream, by this process.
    target : str
        The stance target's name.
    query : str, optional
        A committed query's name: its reserved folders are skipped by path, and (with
        ``slice_only``) only the reports it selects are analysed.
    slice_only : bool
    workers : int, optional
        Processes that analyse, this one included (default: one per core).
    scheduler : str or distributed.Client, optional
        A Dask scheduler: the chunks are analysed on that cluster instead.
    chunk_size : int
        Reports per task.
    progress : bool, optional
        A progress bar (None: on a terminal or in a notebook only).

    Returns
    -------
    list of dict
        One per member, in reading order.
    """
    from arabic_media.counting.run import _progress

    workers = workers or os.cpu_count() or 1
    results: dict[int, list[dict]] = {}
    with _progress(progress, "analysing") as bar:
        if scheduler is not None:
            _on_dask(source, target, query, slice_only, scheduler, chunk_size, results, bar)
        elif workers == 1:
            for number, chunk in enumerate(_chunks(source, chunk_size)):
                results[number] = _analyse_chunk(source, chunk, target, query, slice_only)
                bar.update(len(chunk))
        else:
            _in_processes(source, target, query, slice_only, workers, chunk_size, results, bar)
    return [row for number in sorted(results) for row in results[number]]


def _in_processes(source, target, query, slice_only, workers, chunk_size, results, bar) -> None:
    """This process reads; ``workers - 1`` processes analyse; when they all have two
    chunks waiting, this one analyses the next chunk itself."""
    import multiprocessing

    pending = {}
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=multiprocessing.get_context("spawn")) as pool:
        for number, chunk in enumerate(_chunks(source, chunk_size)):
            if len(pending) >= 2 * (workers - 1):
                results[number] = _analyse_chunk(source, chunk, target, query, slice_only)
                bar.update(len(chunk))
                done, _ = wait(list(pending), timeout=0, return_when=FIRST_COMPLETED)
            else:
                pending[pool.submit(_analyse_chunk, source, chunk, target, query, slice_only)] = (number, len(chunk))
                done = [f for f in list(pending) if f.done()]
            for future in done:
                key, size = pending.pop(future)
                results[key] = future.result()  # a worker's error is raised here, naming it
                bar.update(size)
        for future, (key, size) in pending.items():
            results[key] = future.result()
            bar.update(size)


def _on_dask(source, target, query, slice_only, scheduler, chunk_size, results, bar) -> None:
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        source_future = client.scatter(source, broadcast=True)
        futures = {}
        for number, chunk in enumerate(_chunks(source, chunk_size)):
            futures[client.submit(_analyse_chunk, source_future, chunk, target, query, slice_only, pure=False)] = (
                number, len(chunk))
        for future in as_completed(futures):
            number, size = futures[future]
            results[number] = future.result()
            bar.update(size)
    finally:
        if client is not scheduler:
            client.close()
