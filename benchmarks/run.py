"""Benchmark: count the full ANT news corpus, and show the ratio to a plain yardstick.

Workload: the ANT multi-source corpus v2.1 (31,525 articles, 2018), which CI and
developers find at ``../shared/data/antcorpus-multisource-v2.1.tar.xz``; a user who cloned
the study does not have it, so this is a benchmark, not part of ``make test``.

Each pipeline runs in a fresh subprocess, one after the other in one invocation, in
``--repeat`` interleaved rounds (so the ratios compare runs under the same load, and the
table gives medians); for each the table gives wall seconds,
CPU seconds of all its processes, the peak of the summed resident memory of its
process tree (sampled every 50 ms with psutil), the tokens and types it counted,
tokens per second, and the wall-time ratios to the baseline and to the read floor; then
each pipeline's ratio to the baseline round by round (against the baseline run of the
same round) and the median of those, and the same against the targets' yardstick: 3.3
times the ``tarfile`` read of the round (the baseline the speed targets were set against
took 3.3 times its ``tarfile`` read; this machine's baseline may be slower or faster
than that, and the two yardsticks show how much the verdict rests on it).

Pipelines (``PIPELINES``; add a line by adding a function, e.g. a loader or a stance
labelling line):

``floor``
    The read floor: the study's archive reader (`corpus.sources.TrecArchive`) and the
    ``<TEXT>`` cut (`corpus.ant.text_body`), nothing else. lzma decompression is one
    thread, so no pipeline reading the archive can be faster than this.
``tarfile``
    Python's ``tarfile`` reads the archive (``extractfile``) and the ``<TEXT>`` bodies
    are cut, nothing else: the read the targets' yardstick is a multiple of.
``baseline``
    The yardstick, plain standard library in one process: ``tarfile`` (``extractfile``),
    the same body cut, one regex for words, ``str.translate`` for normalisation,
    ``collections.Counter``.
``study_count``
    The same job the study's way: `counting.count_corpus` without bigrams and without
    groups (the study's tokenizer, `normalize`, categories; words normalised and
    counted, as the baseline does; default workers: on 2 cores, this process reads and
    counts beside one worker process).
``reference``
    All of ``make reference``: words, groups and bigrams counted and the reference
    files written (to a scratch folder).

Usage: ``make bench`` or ``python benchmarks/run.py [--only NAME ...] [--data PATH]``.
Cite the corpus as its licence asks: A. Chouigui, O. Ben Khiroun, B. Elayeb, "An Arabic
Multi-source News Corpus: Experimenting on Single-document Extractive Summarization",
Arabian Journal for Science and Engineering 46(8), 2021, doi:10.1007/s13369-020-05258-z.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from arabic_media.paths import ANT_ARCHIVE as DEFAULT_DATA
from process_memory import run_sampled  # beside this file: the memory sampling loader.py shares

# --- the pipelines: each takes the archive path, returns {"tokens": n, "types": n} ----


def floor(archive: Path) -> dict:
    from arabic_media.corpus.ant import AntFormatError, text_body
    from arabic_media.corpus.sources import TrecArchive

    articles = size = 0
    for member in TrecArchive(archive).members():
        try:
            size += len(text_body(member.data, member.name))
            articles += 1
        except AntFormatError:
            pass
    return {"tokens": 0, "types": 0, "articles": articles, "body_bytes": size}


def tarfile_read(archive: Path) -> dict:
    """Python's `tarfile` reads the archive and the ``<TEXT>`` bodies are cut, nothing
    else (the baseline the speed targets were set against took 3.3 times
    this)."""
    import tarfile

    from arabic_media.corpus.ant import AntFormatError, text_body

    articles = 0
    with tarfile.open(archive, "r:xz") as tar:
        for info in tar:
            if not (info.isfile() and info.name.endswith(".txt")):
                continue
            try:
                text_body(tar.extractfile(info).read(), info.name)
                articles += 1
            except AntFormatError:
                pass
    return {"tokens": 0, "types": 0, "articles": articles}


def baseline(archive: Path) -> dict:
    import re
    import tarfile
    from collections import Counter

    from arabic_media.corpus.ant import AntFormatError, text_body

    words = re.compile(r"[^\W\d_]+")
    table = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "\u0640": None,
                           **{chr(c): None for c in range(0x064B, 0x0653)}})
    counts: Counter[str] = Counter()
    with tarfile.open(archive, "r:xz") as tar:
        for info in tar:
            if not (info.isfile() and info.name.endswith(".txt")):
                continue
            try:
                body = text_body(tar.extractfile(info).read(), info.name)
            except AntFormatError:
                continue
            # the whole body normalised in one call, then one regex and a C-level count
            counts.update(words.findall(body.decode("utf-8").translate(table)))
    return {"tokens": sum(counts.values()), "types": len(counts)}


def study_count(archive: Path) -> dict:
    from arabic_media.corpus.sources import TrecArchive
    from arabic_media.counting import count_corpus

    counts = count_corpus(TrecArchive(archive), bigrams=False, groups=False, progress=False)
    return {"tokens": counts.provenance["words"], "types": counts.provenance["word_types_normalised"]}


def reference(archive: Path) -> dict:
    from arabic_media.reference import build_reference

    with tempfile.TemporaryDirectory() as scratch:
        provenance = build_reference(archive, Path(scratch), progress=False)
    return {"tokens": provenance["words"], "types": provenance["word_types_normalised_before_cut"]}


#: Name -> (pipeline, what it does). Others add lines here (a loader, stance labelling).
PIPELINES = {
    "floor": (floor, "read floor: the study's archive reader + <TEXT> cut"),
    "tarfile": (tarfile_read, "Python's tarfile + <TEXT> cut (the targets' yardstick: baseline = 3.3x this)"),
    "baseline": (baseline, "stdlib: tarfile, 1 regex, str.translate, Counter, 1 process"),
    "study_count": (study_count, "count_corpus: words normalised + counted (no groups, no bigrams), every core"),
    "reference": (reference, "make reference: words, groups, bigrams, files written"),
}


# --- measuring one pipeline in a fresh subprocess ------------------------------------


def measure(name: str, archive: Path) -> dict:
    """Run pipeline ``name`` in a fresh subprocess; sample the summed RSS of its process
    tree (`process_memory.run_sampled`); CPU is the subprocess's and its children's
    (all reaped) user + system time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run = run_sampled([sys.executable, __file__, "--one", name, "--data", str(archive)], stdout=subprocess.PIPE,
                      text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode:
        raise SystemExit(f"pipeline {name} failed (exit code {run.returncode})")
    result = json.loads(run.stdout.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"pipeline": name, "wall_s": wall, "cpu_s": cpu, "peak_rss_mb": run.peak_rss_bytes / 2**20, **result}


def median_row(rows: list[dict]) -> dict:
    """The median of each measured figure over the rounds of one pipeline."""
    import statistics

    merged = dict(rows[0])
    for key in ("wall_s", "cpu_s", "peak_rss_mb"):
        merged[key] = statistics.median(r[key] for r in rows)
    return merged


def table(rows: list[dict]) -> str:
    by_name = {r["pipeline"]: r for r in rows}
    base = by_name.get("baseline", {}).get("wall_s")
    read = by_name.get("floor", {}).get("wall_s")
    lines = [
        "| pipeline | wall s | CPU s | peak RSS MB (all processes) | tokens | types | tokens/s | x baseline | x floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        rate = f"{r['tokens'] / r['wall_s']:,.0f}" if r["tokens"] else ""
        to_base = f"{r['wall_s'] / base:.2f}x" if base else ""
        to_floor = f"{r['wall_s'] / read:.2f}x" if read else ""
        lines.append(
            f"| {r['pipeline']} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | {r['peak_rss_mb']:.0f} | "
            f"{r['tokens']:,} | {r['types']:,} | {rate} | {to_base} | {to_floor} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ANT corpus .tar.xz")
    parser.add_argument("--only", nargs="+", choices=list(PIPELINES), help="run only these pipelines")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of every pipeline, interleaved; the table gives medians (default 3)")
    parser.add_argument("--one", choices=list(PIPELINES), help=argparse.SUPPRESS)  # inside the subprocess
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(PIPELINES[args.one][0](args.data)))
        return 0
    if not args.data.is_file():
        print(f"benchmark skipped: the ANT corpus is not at {args.data.name} beside the project "
              "(../shared/data/); it is not part of the study", file=sys.stderr)
        return 0
    names = args.only or list(PIPELINES)
    print(f"workload: ANT corpus v2.1 ({args.data.name}), {os.cpu_count()} cores, "
          f"load average before {os.getloadavg()[0]:.2f}")
    runs: dict[str, list[dict]] = {name: [] for name in names}
    for round_number in range(1, args.repeat + 1):
        # Rounds interleave the pipelines, so a change of load on a shared machine falls
        # on all of them alike.
        for name in names:
            runs[name].append(measure(name, args.data))
            print(f"  round {round_number} {name}: {runs[name][-1]['wall_s']:.2f} s  ({PIPELINES[name][1]})", flush=True)
    print(f"load average after {os.getloadavg()[0]:.2f}; medians of {args.repeat}:")
    print(table([median_row(runs[name]) for name in names]))
    paired = round_ratios(runs)
    if paired:  # runs of one round are minutes apart: the machine's speed drifts less within a round
        print(paired)
    return 0


#: The plain baseline the speed targets were set against took this many times its
#: `tarfile` read (6.64 s and 2.01 s).
TARGET_BASELINE_OVER_TARFILE = 6.64 / 2.01


def round_ratios(runs: dict[str, list[dict]]) -> str:
    """Each pipeline's wall time over the baseline's in the same round, and their
    median; and, when the `tarfile` read ran, over the targets' yardstick in each round
    (`TARGET_BASELINE_OVER_TARFILE` times that round's `tarfile` read)."""
    import statistics

    yardsticks = {}
    if "baseline" in runs:
        yardsticks["baseline"] = [r["wall_s"] for r in runs["baseline"]]
    if "tarfile" in runs:
        yardsticks[f"{TARGET_BASELINE_OVER_TARFILE:.1f} x tarfile"] = [
            TARGET_BASELINE_OVER_TARFILE * r["wall_s"] for r in runs["tarfile"]]
    counted = {name: rows for name, rows in runs.items() if name not in ("baseline", "tarfile", "floor")}
    lines = []
    for label, base in yardsticks.items() if counted else ():
        lines.append(f"x {label}, round by round (each run against the yardstick of its own round):")
        for name, rows in counted.items():
            ratios = [r["wall_s"] / b for r, b in zip(rows, base)]
            lines.append(f"  {name}: {' '.join(f'{x:.2f}' for x in ratios)} (median {statistics.median(ratios):.2f}x)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
