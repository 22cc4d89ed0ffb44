"""The peak memory of a process and its children, sampled while it runs: the one
measurement both benchmarks make (`benchmarks/run.py`: a pipeline with its worker
processes; `benchmarks/loader.py`: `load_corpus` in a fresh interpreter).

psutil (a pinned dependency) reads each process's resident set size; the sum over the
process tree is sampled every ``interval`` seconds from a thread, while this process
reads the child's output (so a child that writes much cannot block on a full pipe).
A sample can miss a peak shorter than the interval: the figure is a lower bound.
"""

from __future__ import annotations

import subprocess
import threading
from dataclasses import dataclass

import psutil

__all__ = ["Sampled", "run_sampled", "tree_rss"]


def tree_rss(process: psutil.Process) -> int:
    """The resident bytes of a process and of all its children now.

    Parameters
    ----------
    process
        The process at the top of the tree.

    Returns
    -------
    int
        The sum of their resident set sizes; a process that has gone counts 0 (0 for
        a tree that has gone altogether).
    """
    try:
        processes = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for each in processes:
        try:
            total += each.memory_info().rss
        except psutil.Error:
            pass
    return total


@dataclass(frozen=True)
class Sampled:
    """A finished process: its exit status, what it wrote (None when not captured),
    and the largest sum of resident bytes of its process tree sampled."""

    returncode: int
    stdout: str | None
    stderr: str | None
    peak_rss_bytes: int


def run_sampled(args: list[str], *, interval: float = 0.05, **popen) -> Sampled:
    """Run a command to its end, sampling the memory of its process tree.

    Parameters
    ----------
    args
        The command (``[sys.executable, ...]``).
    interval
        Seconds between samples.
    **popen
        Passed to `subprocess.Popen` (``stdout=subprocess.PIPE``, ``text=True``,
        ``env=...``).

    Returns
    -------
    Sampled
        Its exit status, output and sampled peak of the process tree's resident
        memory.
    """
    child = subprocess.Popen(args, **popen)
    watched = psutil.Process(child.pid)
    peak = 0
    finished = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not finished.is_set():
            peak = max(peak, tree_rss(watched))
            finished.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        stdout, stderr = child.communicate()
    finally:
        finished.set()
        sampler.join()
    return Sampled(child.returncode, stdout, stderr, peak)
