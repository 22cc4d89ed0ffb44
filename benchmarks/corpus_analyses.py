"""Benchmark: stance and attribution over 10,000 ANT reports, on every core.

The first ``--reports`` reports of the ANT archive outside Sky News Arabia (reserved for
evaluation: skipped by path, never read) are each labelled for stance toward the US
technology companies and traced for attribution, as a corpus-scale pass does it
(`arabic_media.coverage.analyse_source` with ``slice_only=False``: one reading process,
one worker per other core, no tables built). The target: at most 60 s for 10,000
reports on these 2-core machines.

The yardstick, run in the same invocation: reading and cutting the same reports in one
process (`TrecArchive.prepare`), the part of the pass the analyses cannot avoid. The
ratio of the two says what the analyses cost on top of reading, whatever the machine's
speed on the day. Each run is a fresh interpreter, its process tree's peak resident
memory sampled (`process_memory.run_sampled`). Usage:
``python benchmarks/corpus_analyses.py [--reports 10000] [--workers N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from process_memory import run_sampled

TARGET_SECONDS = 60.0
TARGET = "us_tech_companies"
QUERY = "us_tech_extremism"  # for its reserved folders only


@dataclass(frozen=True)
class FirstReports:
    """The first ``limit`` members of an archive outside its ``excluded`` folders."""

    archive: object
    limit: int
    excluded: tuple

    def members(self):
        taken = 0
        for member in self.archive.members():
            if any(folder in member.name.split("/") for folder in self.excluded):
                continue
            if taken >= self.limit:
                return
            taken += 1
            yield member

    def prepare(self, member):
        return self.archive.prepare(member)


def _child(mode: str, archive: str, reports: int, workers: int) -> None:
    from arabic_media.corpus.sources import Failure, TrecArchive
    from arabic_media.coverage import analyse_source
    from arabic_media.slices import load_query

    source = FirstReports(TrecArchive(Path(archive)), reports, load_query(QUERY).excluded_folders)
    start = time.perf_counter()
    if mode == "read":
        read = sum(not isinstance(source.prepare(m), Failure) for m in source.members())
        result = {"reports": read}
    else:
        rows = analyse_source(source, target=TARGET, query=None, slice_only=False, workers=workers, progress=False)
        analysed = [r for r in rows if "labels" in r]
        result = {"reports": len(analysed), "sentences": sum(r["sentences"] for r in analysed),
                  "attributions": sum(len(r["attributions"]) for r in analysed)}
    result["seconds"] = time.perf_counter() - start
    print(json.dumps(result))


def _run(mode: str, archive: Path, reports: int, workers: int) -> dict:
    run = run_sampled([sys.executable, __file__, "--child", mode, "--archive", str(archive), "--reports", str(reports),
                       "--workers", str(workers)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode:
        sys.exit(f"{mode} failed:\n{run.stderr}")
    return {**json.loads(run.stdout.strip().splitlines()[-1]), "peak_mb": run.peak_rss_bytes / 1e6}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes that analyse, this one included")
    parser.add_argument("--archive", type=Path, default=None)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, str(args.archive), args.reports, args.workers)
        return 0
    from arabic_media import paths

    archive = args.archive or paths.ANT_ARCHIVE
    if not archive.is_file():
        print(f"{archive.name} not found beside the project: nothing measured", file=sys.stderr)
        return 1
    read = _run("read", archive, args.reports, 1)
    analysed = _run("analyse", archive, args.reports, args.workers)
    print(f"stance and attribution over {analysed['reports']:,} ANT reports ({analysed['sentences']:,} sentences, "
          f"{analysed['attributions']:,} attributions), {args.workers} process(es), {os.cpu_count()} core(s)")
    print(f"  reading and cutting them, one process (yardstick): {read['seconds']:.1f} s, peak {read['peak_mb']:.0f} MB")
    print(f"  analysing them:                                     {analysed['seconds']:.1f} s, "
          f"peak {analysed['peak_mb']:.0f} MB (all processes)")
    print(f"  ratio to the yardstick: {analysed['seconds'] / read['seconds']:.1f}x; "
          f"{analysed['reports'] / analysed['seconds']:.0f} reports/s")
    scaled = analysed["seconds"] * 10_000 / max(analysed["reports"], 1)
    verdict = "within" if scaled <= TARGET_SECONDS else "over"
    print(f"  per 10,000 reports: {scaled:.1f} s, {verdict} the {TARGET_SECONDS:.0f} s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
