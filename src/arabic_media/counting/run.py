"""Running a count: in this process, in several (this one reading and counting beside
one worker per other core), or on a Dask cluster; then `tally_tables`."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import queue
import shutil
import sys
import tempfile
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path

from arabic_media.counting.memory import release_memory
from arabic_media.files import replacing
from arabic_media.counting.tables import Counts, tally_tables
from arabic_media.counting.tally import Tally, _Accumulator, _prepared, count_chunk, keep_frequent_bigrams, merge_tallies
from arabic_media.counting.scan import _study_table
from arabic_media.counting.vocabulary import _VOCABULARIES, Settings, _vocabulary, study_settings

#: Articles per chunk: small enough to keep every core busy to the end.
CHUNK_ARTICLES = 200
#: Chunks waiting in the queue per worker. With one, a worker that finished its chunk
#: while this process was counting one waited for it to read the next: 0.4 s of a
#: worker's 3 s on the ANT archive (two cores); with two, 0.15 to 0.2 s (the start).
#: A chunk of ANT articles is under a MB.
WAITING_CHUNKS = 2


# --- running it: one process, several processes, or Dask --------------------------------


def _chunks(items: Iterable, size: int) -> Iterator[tuple[int, list]]:
    """``(position of the first, chunk)`` for chunks of ``size`` items."""
    iterator = iter(items)
    first = 0
    while chunk := list(itertools.islice(iterator, size)):
        yield first, chunk
        first += len(chunk)


def _progress(progress: bool | None, description: str):
    """A tqdm bar counting articles (``tqdm.auto``: a widget in a notebook, text in a
    terminal); ``progress=None`` shows it on a terminal or in a notebook only, ``False``
    never (tests, logs)."""
    from tqdm.auto import tqdm

    if progress is None:
        progress = sys.stderr.isatty() or _in_notebook()
    return tqdm(desc=description, unit=" articles", disable=not progress, leave=False, mininterval=0.5)


def _in_notebook() -> bool:
    """True inside a Jupyter kernel (whose output is no terminal, yet shows a bar)."""
    shell = sys.modules.get("IPython")
    try:
        return bool(shell) and type(shell.get_ipython()).__name__ == "ZMQInteractiveShell"
    except Exception:  # noqa: BLE001 - no IPython, or no shell: not a notebook
        return False


def _worker(source, setup, tasks, results) -> None:
    """A worker process: take the `Settings`, the scanner's table and the hand-over
    folder from ``setup``, then count chunks from ``tasks`` into one tally until
    ``None``; put where the tally is (`_hand_over`), or the error, in ``results``."""
    try:
        settings, table, folder = setup.get()
        accumulator = _Accumulator(_vocabulary(settings, table))
        while (task := tasks.get()) is not None:
            first, chunk = task
            accumulator.add(_prepared(source, chunk, first, accumulator))
        release_memory()  # before the tally's arrays are made (they then take fresh pages)
        tally = accumulator.tally()
        del accumulator
        _VOCABULARIES.clear()  # every surface form seen: freed before the tally is sent
        release_memory()
        results.put(("tally", _hand_over(tally, Path(folder))))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        results.put(("error", traceback.format_exc()))
        sys.exit(1)  # a non-zero exit is what the parent watches for (`_check_workers`)


def _count_in_processes(source, settings: Settings, workers: int, chunk_size: int, bar,
                        bigram_min_count: int = 1) -> Tally:
    """This process reads the source and counts beside ``workers - 1`` worker
    processes: each chunk of members goes to a short queue (`WAITING_CHUNKS` waiting
    per worker) when there is room, and is counted here when there is none. So every core
    counts, the reader's included, none waits for the reader, and no core holds an idle
    process's memory. Each process counts into its own tally; the tallies are merged."""
    context = multiprocessing.get_context("spawn")
    tasks = context.Queue(maxsize=WAITING_CHUNKS * (workers - 1))
    results = context.Queue()
    processes, setups = [], []
    # the workers' tallies come back as files here (`_hand_over`): in the system's
    # temporary folder (TMPDIR), removed at the end whatever happens
    folder = tempfile.mkdtemp(prefix="arabic-media-count-")
    try:
        for _ in range(workers - 1):
            # The settings (7,000 stop words) go through a queue, not the process arguments:
            # those are written to a pipe that blocks this reader until the child has started.
            setups.append(context.Queue())
            processes.append(context.Process(target=_worker, args=(source, setups[-1], tasks, results),
                                             daemon=True))
        for process in processes:
            process.start()
        # The scanner's table is loaded (or built, half a second) once, here, while the
        # workers start.
        table = _study_table()
        for setup in setups:
            setup.put((settings, table, folder))
        here = _Accumulator(_vocabulary(settings, table))
        tallies = []
        for first, chunk in _chunks(source.members(), chunk_size):
            try:
                tasks.put_nowait((first, chunk))
            except queue.Full:
                _check_workers(processes, results)
                here.add(_prepared(source, chunk, first, here))
            bar.update(len(chunk))
        for _ in processes:
            _put(tasks, None, processes, results)
        release_memory()
        tallies.append(here.tally())
        del here
        _VOCABULARIES.clear()  # every surface form seen here: not needed by the merge
        release_memory()
        while len(tallies) < workers:
            kind, payload = _get(results, processes)
            if kind == "error":
                raise RuntimeError(f"a counting worker failed:\n{payload}")
            tallies.append(_take_over(payload))
    except BaseException:
        _stop(processes, [tasks, *setups], failed=True)
        raise
    else:
        _stop(processes, [tasks, *setups], failed=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # a tally no one took (after an error)
    # the last merge: the rare bigrams are left out as it goes (`keep_frequent_bigrams`)
    return merge_tallies(tallies, consume=True, bigram_min_count=bigram_min_count)


def _stop(processes, queues, *, failed: bool) -> None:
    """End the worker processes and let go of the queues this process puts into.

    A queue's feeder thread writes what was put into a pipe; if no worker reads it (a
    worker that died at start-up never takes its settings, and no worker takes the
    chunks left after an error), the thread blocks, and the interpreter waits for it
    at exit: the count would print its error and never end. So no queue is waited for
    (``cancel_join_thread``). After an error (``failed``) the workers are stopped at
    once instead of waited for: one may still be starting, and would otherwise wait
    for chunks that never come."""
    for waiting in queues:
        waiting.cancel_join_thread()
    for process in processes:
        if process.pid is None:  # never started (an error while starting them)
            continue
        if failed:
            process.terminate()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)
    for waiting in queues:
        waiting.close()


def _hand_over(tally: Tally, folder: Path) -> str:
    """Write a worker's tally to a file in ``folder`` (the parent's scratch folder) for
    the parent to read (`_take_over`); return its path.

    Not through the results queue: a queue pickles the whole tally into memory first
    (tens of MB for half of the ANT archive: the worker then holds its tally twice)
    and the parent holds the pickle while it rebuilds the tally from it. Pickled to a
    file (protocol 5), the arrays go to the file as they are, and are read from it
    straight into the parent's arrays."""
    path = folder / f"tally-{os.getpid()}.pickle"
    with replacing(path) as partial, open(partial, "wb") as file:
        pickle.dump(tally, file, protocol=5)
    return str(path)


def _take_over(path: str) -> Tally:
    """The tally a worker wrote (`_hand_over`); the file is removed."""
    with open(path, "rb") as file:
        tally = pickle.load(file)
    os.unlink(path)
    return tally


def _put(tasks, item, processes, results) -> None:
    while True:
        try:
            tasks.put(item, timeout=1)
            return
        except queue.Full:
            _check_workers(processes, results)


def _get(results, processes):
    while True:
        try:
            return results.get(timeout=1)
        except queue.Empty:
            _check_workers(processes, results)


def _check_workers(processes, results) -> None:
    for process in processes:
        if process.exitcode not in (None, 0):
            try:
                kind, payload = results.get_nowait()
            except queue.Empty:
                payload = (f"exit code {process.exitcode}, without reporting an error (it failed while starting, "
                           "or was killed; what it printed is on standard error)")
            raise RuntimeError(f"a counting worker died: {payload}")


def _count_on_dask(source, settings: Settings, scheduler, chunk_size: int, bar) -> Tally:
    """Partitions of ``chunk_size`` members, read here and mapped by `count_chunk` on
    the Dask cluster at ``scheduler`` (an address or a `distributed.Client`), at most
    a few per worker thread in flight; the tallies are merged as they come back, in
    batches, and the result does not depend on their order."""
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        threads = max(sum(client.nthreads().values()), 1)
        in_flight = as_completed()
        settings_future = client.scatter(settings, broadcast=True)
        source_future = client.scatter(source, broadcast=True)
        done: list[Tally] = []
        merged: list[Tally] = []
        for first, chunk in _chunks(source.members(), chunk_size):
            future = client.submit(count_chunk, source_future, chunk, settings_future, first, pure=False)
            in_flight.add(future)
            bar.update(len(chunk))
            while in_flight.count() >= 2 * threads:
                done.append(next(in_flight).result())
                if len(done) >= 16:  # merge in batches: memory stays near the vocabulary
                    # not consumed: a future's result may be the very object a Dask
                    # worker holds (an in-process cluster)
                    merged = [merge_tallies(merged + done)]
                    done = []
        for future in in_flight:
            done.append(future.result())
        return merge_tallies(merged + done) if merged or done else Tally()
    finally:
        if client is not scheduler:
            client.close()


#: Cores from which the count runs in several processes (this one reading and counting,
#: one worker per other core); below, in this process alone. Measured on the ANT archive
#: (words normalised and counted; `benchmarks/run.py`, README "Benchmark").
POOL_MIN_CORES = 2


def _default_workers() -> int:
    """Every core, from `POOL_MIN_CORES` on; else 1 (count in this process)."""
    cores = os.cpu_count() or 1
    return cores if cores >= POOL_MIN_CORES else 1


def count_corpus(
    source=None,
    *,
    bigrams: bool = True,
    groups: bool = True,
    workers: int | None = None,
    scheduler=None,
    chunk_size: int = CHUNK_ARTICLES,
    progress: bool | None = None,
    settings: Settings | None = None,
    bigram_min_count: int = 1,
) -> Counts:
    """Count a corpus, one article at a time.

    The result is the same whichever way it runs (in this process, in several, or on
    Dask); articles are listed in reading order.

    Parameters
    ----------
    source : ManifestFolder or TextFolder or TrecArchive or Path or str, optional
        A source of `arabic_media.corpus.sources`, or a path to open as one
        (`open_source`); default the study's corpus folder.
    bigrams : bool, default True
        Count bigrams too.
    groups : bool, default True
        Count the grouped table too (`CliticGrouper` over the vocabulary); False
        leaves ``Counts.groups`` empty and keeps no per-article word lists.
    workers : int, optional
        Processes that count, this one included (default: one per core on a machine
        of `POOL_MIN_CORES` cores or more, else 1: this process alone).
    scheduler : str or distributed.Client, optional
        A Dask scheduler address (``tcp://host:8786``) or client: the chunks are then
        counted on that cluster, which must be able to import this package.
    chunk_size : int, default `CHUNK_ARTICLES`
        Articles per chunk (a task of a worker or of the cluster).
    progress : bool, optional
        The tqdm bar; None: shown on a terminal or in a notebook only.
    settings : Settings, optional
        What to count with (default `study_settings` with ``bigrams`` and ``groups``;
        when given, those two are ignored).
    bigram_min_count : int, default 1
        The least count of a bigram in the table (`tally_tables`).

    Returns
    -------
    Counts
        The frequency tables, articles, failures and provenance.

    Raises
    ------
    CorpusError
        The source cannot be read (a manifest that does not check out, a damaged
        archive); a refused article is a row of ``Counts.failures`` instead.
    OverflowError
        One process counted 2**31 bigram tokens or more (`tally._PACK_LIMIT`; the ANT
        archive has 7.7 million words): count on more processes or on Dask.
    RuntimeError
        A worker process failed or died (its traceback in the message).

    Warns
    -----
    CorpusWarning
        Articles that share an id (`tally_tables`).
    """
    from arabic_media.corpus.sources import ManifestFolder, open_source

    if source is None:
        source = ManifestFolder()
    elif isinstance(source, (str, Path)):
        source = open_source(source)
    settings = settings or study_settings(bigrams=bigrams, groups=groups)
    workers = workers or _default_workers()
    with _progress(progress, "counting") as bar:
        if scheduler is not None:
            tally = _count_on_dask(source, settings, scheduler, chunk_size, bar)
        elif workers == 1:
            accumulator = _Accumulator(_vocabulary(settings))
            for first, chunk in _chunks(source.members(), chunk_size):
                accumulator.add(_prepared(source, chunk, first, accumulator))
                bar.update(len(chunk))
            tally = accumulator.tally()
            del accumulator
            _VOCABULARIES.clear()  # every surface form seen: not needed by tally_tables
        else:
            tally = _count_in_processes(source, settings, workers, chunk_size, bar, bigram_min_count)
    # Only the bigrams the table keeps go on to `tally_tables` (for the reference list, 2% of
    # them): the others' arrays are freed before pandas and the tables are built. (A
    # count in several processes left them out in its last merge already.)
    tally = keep_frequent_bigrams(tally, bigram_min_count)
    release_memory()
    return tally_tables(tally, settings, source.describe(), bigram_min_count=bigram_min_count, consume=True)
