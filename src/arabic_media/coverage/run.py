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


def _analyse_chunk(source, members: list, target: str, query: str | None, slice_only: bool,
                   keep_text: bool = False) -> list[dict]:
    tools = load_tools(target, query)
    return [analyse_member(source, member, tools, slice_only=slice_only, keep_text=keep_text) for member in members]


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
                   progress: bool | None = None, keep_text: bool = False,
                   reader_analyses: bool = True) -> list[dict]:
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
    keep_text : bool
        Return each analysed report's text too.
    reader_analyses : bool
        With several processes, this one (the reader) also analyses a chunk when every
        worker has two waiting: the fastest use of every core. False keeps the reader
        lean (it never loads the analyses' lexicons, nor pandas): a process's memory
        less, for a pass where reading is most of the work.

    Returns
    -------
    list of dict
        One per member, in reading order.
    """
    from arabic_media.counting.run import _progress

    workers = workers or os.cpu_count() or 1
    results: dict[int, list[dict]] = {}
    with _progress(progress, "analysing") as bar:
        options = (target, query, slice_only, keep_text)
        if scheduler is not None:
            _on_dask(source, options, scheduler, chunk_size, results, bar)
        elif workers == 1:
            for number, chunk in enumerate(_chunks(source, chunk_size)):
                results[number] = _analyse_chunk(source, chunk, *options)
                bar.update(len(chunk))
        else:
            _in_processes(source, options, workers, chunk_size, results, bar, reader_analyses)
    return [row for number in sorted(results) for row in results[number]]


def _in_processes(source, options, workers, chunk_size, results, bar, reader_analyses: bool = True) -> None:
    """This process reads; ``workers - 1`` processes analyse; when they all have two
    chunks waiting, this one analyses the next chunk itself (``reader_analyses``) or
    waits for one to finish."""
    import multiprocessing

    pending = {}

    def take(finished) -> None:
        for future in finished:
            key, size = pending.pop(future)
            results[key] = future.result()  # a worker's error is raised here, naming it
            bar.update(size)

    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=multiprocessing.get_context("spawn")) as pool:
        for number, chunk in enumerate(_chunks(source, chunk_size)):
            if len(pending) >= 2 * (workers - 1):
                if reader_analyses:
                    results[number] = _analyse_chunk(source, chunk, *options)
                    bar.update(len(chunk))
                    take(wait(list(pending), timeout=0, return_when=FIRST_COMPLETED)[0])
                    continue
                take(wait(list(pending), return_when=FIRST_COMPLETED)[0])
            pending[pool.submit(_analyse_chunk, source, chunk, *options)] = (number, len(chunk))
            take([f for f in list(pending) if f.done()])
        take(list(pending))


def _on_dask(source, options, scheduler, chunk_size, results, bar) -> None:
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        source_future = client.scatter(source, broadcast=True)
        futures = {}
        for number, chunk in enumerate(_chunks(source, chunk_size)):
            futures[client.submit(_analyse_chunk, source_future, chunk, *options, pure=False)] = (
                number, len(chunk))
        for future in as_completed(futures):
            number, size = futures[future]
            results[number] = future.result()
            bar.update(size)
    finally:
        if client is not scheduler:
            client.close()
