"""Build the study's reference frequency list, ``corpus/reference/``, from the ANT corpus.

    python scripts/build_reference.py [--archive PATH] [--scheduler tcp://host:8786]

Reads ``../shared/data/antcorpus-multisource-v2.1.tar.xz`` (beside the project; see
``arabic_media.paths.ANT_ARCHIVE``) as a stream, counts it with
`arabic_media.counting.count_corpus` (on every core here, or on the Dask cluster at
``--scheduler``), and writes ``norms.csv``, ``groups.csv``, ``bigrams.csv`` and
``provenance.json`` (`arabic_media.reference`). The result is the same bytes on every
rebuild and on any cluster. ``make reference SCHEDULER=tcp://host:8786`` runs it there.
An archive that cannot be read to its end, or from which no article is read, writes
nothing (exit status 1): the reference stays as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from arabic_media import paths
from arabic_media.corpus import CorpusError
from arabic_media.reference import FILES, MIN_COUNTS, REFERENCE_DIR, build_reference


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=paths.ANT_ARCHIVE, help="the ANT corpus .tar.xz")
    parser.add_argument("--out", type=Path, default=REFERENCE_DIR, help="folder to write (default corpus/reference)")
    parser.add_argument("--scheduler", default=None, help="a Dask scheduler address, e.g. tcp://host:8786")
    parser.add_argument("--workers", type=int, default=None, help="processes that count here, this one included (default: one per core)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if not args.archive.is_file():
        print(f"{args.archive.name} not found beside the project (../shared/data/); the committed "
              "corpus/reference/ stays as it is", file=sys.stderr)
        return 1
    try:
        provenance = build_reference(args.archive, args.out, scheduler=args.scheduler or None,
                                     workers=args.workers, progress=False if args.no_progress else None)
    except CorpusError as err:  # a damaged archive, or no article read: nothing was written
        print(err, file=sys.stderr)
        return 1
    print(f"articles read {provenance['articles_read']:,}, refused {provenance['articles_refused']:,} "
          f"{provenance['refused_by_reason']}")
    print(f"running tokens {provenance['running_tokens']:,}; word types {provenance['word_types_normalised_before_cut']:,}")
    for name, file in FILES.items():
        size = (args.out / file).stat().st_size
        print(f"{paths.relative(args.out / file)}: {provenance['rows_kept'][file]:,} rows with count >= "
              f"{MIN_COUNTS[name]}, {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
