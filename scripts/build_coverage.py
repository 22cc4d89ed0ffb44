"""Build ``corpus/coverage/``: the reports of the committed query, labelled and traced.

    python scripts/build_coverage.py [--archive PATH] [--scheduler tcp://host:8786]

Streams ``../shared/data/antcorpus-multisource-v2.1.tar.xz`` once, never unpacking it
(Sky News Arabia skipped by path, unread), on every core here or on the Dask cluster at
``--scheduler`` (`arabic_media.coverage.build.build_coverage`). The result is the same
bytes on every rebuild. ``make coverage SCHEDULER=tcp://host:8786`` runs it there. An
archive that cannot be read to its end, or that holds no report of the slice, writes
nothing (exit status 1): the folder stays as it was.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from arabic_media import paths
from arabic_media.corpus import CorpusError
from arabic_media.coverage.build import COVERAGE_DIR, FILES, build_coverage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=paths.ANT_ARCHIVE, help="the ANT corpus .tar.xz")
    parser.add_argument("--out", type=Path, default=COVERAGE_DIR, help="folder to write (default corpus/coverage)")
    parser.add_argument("--scheduler", default=None, help="a Dask scheduler address, e.g. tcp://host:8786")
    parser.add_argument("--workers", type=int, default=None, help="processes that analyse, this one included")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if not args.archive.is_file():
        print(f"{args.archive.name} not found beside the project (../shared/data/); the committed "
              "corpus/coverage/ stays as it is", file=sys.stderr)
        return 1
    start = time.perf_counter()
    try:
        provenance = build_coverage(args.archive, args.out, scheduler=args.scheduler or None, workers=args.workers,
                                    progress=False if args.no_progress else None)
    except CorpusError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"members {provenance['members']:,}: skipped by path {provenance['skipped_by_path']:,}, refused "
          f"{provenance['refused']:,}, read {provenance['read']:,}; in the slice {provenance['in_slice']:,}")
    for file in FILES.values():
        print(f"{paths.relative(args.out / file)}: {provenance['rows'][file]:,} rows")
    print(f"{time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
