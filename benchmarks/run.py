"""Benchmark: load a large real Arabic news corpus through the study's loader.

Workload: the ANT multi-source corpus v2.1 (31,525 articles from AlArabiya, BBC Arabic,
CNN Arabic, France24 Arabic and Sky News Arabia, 2018), which CI and developers find at
``../shared/data/antcorpus-multisource-v2.1.tar.xz``. A user who cloned the study does
not have it, so this is a benchmark, not part of the study or of ``make test``.

The ``<TEXT>`` body of each article is written, as UTF-8, into a scratch corpus with a
manifest, and `load_corpus` is timed on it end to end (manifest checks, sha256, decoding,
sentence and token segmentation, normalisation, DataFrames). Printed: articles,
characters, sentences, tokens, seconds, throughput, peak resident memory, and what
normalisation does on this messier text (presentation forms, word types before/after).

Usage: ``make bench`` or ``python benchmarks/run.py [--limit N | --all] [--data PATH]``.
Cite the corpus as its licence asks: A. Chouigui, O. Ben Khiroun, B. Elayeb, "An Arabic
Multi-source News Corpus: Experimenting on Single-document Extractive Summarization",
Arabian Journal for Science and Engineering 46(8), 2021, doi:10.1007/s13369-020-05258-z.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import resource
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from arabic_media.corpus import MANIFEST_COLUMNS, load_corpus
from arabic_media.paths import ANT_ARCHIVE as DEFAULT_DATA
from arabic_media.text import PRESENTATION_FORMS
_TEXT_RE = re.compile(r"<TEXT>\s*(.*?)\s*(?:</TEXT>|</DOC>|$)", re.S)


def read_bodies(archive: Path, limit: int | None):
    """Yield ``(name, body)`` for the first ``limit`` articles with a non-empty ``<TEXT>``
    (unclosed tags are tolerated: the body runs to ``</DOC>`` or the end)."""
    with tarfile.open(archive, "r:xz") as tar:
        count = 0
        for member in tar:
            if not (member.isfile() and member.name.endswith(".txt")) or member.name.endswith("README.txt"):
                continue
            raw = tar.extractfile(member).read().decode("utf-8", errors="strict")
            match = _TEXT_RE.search(raw)
            if not match or not match.group(1).strip():
                continue
            yield Path(member.name).stem, match.group(1)
            count += 1
            if limit is not None and count >= limit:
                return


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--limit", type=int, default=2000, help="articles to load (default 2000)")
    group.add_argument("--all", action="store_true", help="load every article (about 10 minutes)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ANT corpus .tar.xz")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"benchmark skipped: the ANT corpus is not at {args.data.name} beside the project "
              "(../shared/data/); it is not part of the study", file=sys.stderr)
        return 0
    limit = None if args.all else args.limit

    with tempfile.TemporaryDirectory() as scratch:
        corpus_dir = Path(scratch) / "corpus"
        (corpus_dir / "articles").mkdir(parents=True)
        rows = [",".join(MANIFEST_COLUMNS)]
        started = time.perf_counter()
        for name, body in read_bodies(args.data, limit):
            data = body.encode("utf-8")
            (corpus_dir / "articles" / f"{name}.txt").write_bytes(data)
            cells = {c: "" for c in MANIFEST_COLUMNS}
            cells.update(article_id=name.lower(), file=f"articles/{name}.txt", sha256=hashlib.sha256(data).hexdigest())
            rows.append(",".join(cells[c] for c in MANIFEST_COLUMNS))
        (corpus_dir / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        prepared = time.perf_counter() - started

        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        corpus = load_corpus(corpus_dir)
        seconds = time.perf_counter() - started
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    chars = int(corpus.articles["n_chars"].sum())
    words = corpus.tokens[corpus.tokens["kind"] == "word"]
    presentation = int(corpus.articles["text"].str.count(PRESENTATION_FORMS).sum())
    print(f"workload        ANT corpus v2.1, first {len(corpus.articles):,} articles with a <TEXT> body")
    print(f"prepared in     {prepared:.1f} s (reading the .tar.xz, writing the scratch corpus)")
    print(f"characters      {chars:,}")
    print(f"sentences       {len(corpus.sentences):,}")
    print(f"tokens          {len(corpus.tokens):,} ({len(words):,} words)")
    print(f"load_corpus     {seconds:.2f} s")
    print(f"throughput      {chars / seconds / 1e6:.2f} M characters/s, {len(corpus.tokens) / seconds:,.0f} tokens/s")
    print(f"peak RSS        {rss_after / 1024:.0f} MiB (grew {max(rss_after - rss_before, 0) / 1024:.0f} MiB while loading)")
    print(f"presentation-form characters in the text  {presentation:,}")
    print(f"word types as written      {words['surface'].nunique():,}")
    print(f"word types after normalize {words['norm'].nunique():,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
