"""Benchmark: the memory and time of `load_corpus` on the first N ANT articles.

Workload: the ``<TEXT>`` bodies of the first ``limit`` articles (default 5,000) of the ANT
multi-source corpus v2.1 (``arabic_media.paths.ANT_ARCHIVE``, ``../shared/data/``; not
part of the study: a user who cloned it does not have it), read by the study's one ANT
reader (`corpus.sources.TrecArchive`). They are written, as UTF-8, into a
scratch corpus with a manifest (`arabic_media.corpus.write_manifest`), then `load_corpus`
runs in a fresh Python process, so its peak resident memory is the loader's own and not
the preparation's. Printed, one table: articles, sentences, tokens, seconds, peak RSS of
that process (and of any child of it), and bytes per token
(``tokens.memory_usage(deep=True).sum() / len(tokens)``).

Usage: ``python benchmarks/loader.py [--limit N] [--data PATH]``; from code,
``bench_loader(limit=5000)`` returns the numbers as a dict. It needs the study's package
and ``benchmarks/process_memory.py`` beside it (the memory sampling ``benchmarks/run.py``
uses too; psutil, a pinned dependency), not ``benchmarks/run.py``.

Cite the corpus as its licence asks: A. Chouigui, O. Ben Khiroun, B. Elayeb, "An Arabic
Multi-source News Corpus: Experimenting on Single-document Extractive Summarization",
Arabian Journal for Science and Engineering 46(8), 2021, doi:10.1007/s13369-020-05258-z.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from arabic_media.corpus import write_manifest
from arabic_media.corpus.sources import TrecArchive, read_articles
from arabic_media.paths import ANT_ARCHIVE
from process_memory import run_sampled  # beside this file: the memory sampling run.py shares

__all__ = ["bench_loader", "write_scratch_corpus", "main"]


#: Runs in the fresh process: load, measure, print one JSON line.
_CHILD = r"""
import json, resource, sys, time
from arabic_media.corpus import load_corpus
started = time.perf_counter()
corpus = load_corpus(sys.argv[1])
seconds = time.perf_counter() - started
tokens = corpus.tokens
print(json.dumps({
    "articles": len(corpus.articles),
    "sentences": len(corpus.sentences),
    "tokens": len(tokens),
    "seconds": seconds,
    "self_peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "bytes_per_token": float(tokens.memory_usage(deep=True).sum() / max(len(tokens), 1)),
}))
"""


def _bodies(archive: Path, limit: int):
    """``(article_id, body)`` for the first ``limit`` readable articles of the archive,
    read by the study's one ANT reader (`corpus.sources.TrecArchive`: the ``<TEXT>``
    body cut by `corpus.ant.text_body`; members it refuses are skipped)."""
    source = TrecArchive(archive, limit=limit)
    for article in read_articles(source):
        yield article.article_id, article.text


def write_scratch_corpus(corpus_dir: Path, limit: int = 5000, data: Path = ANT_ARCHIVE) -> int:
    """Write the first ``limit`` ANT ``<TEXT>`` bodies to ``corpus_dir/articles/`` with a
    ``manifest.csv``; return how many articles were written."""
    corpus_dir = Path(corpus_dir)
    (corpus_dir / "articles").mkdir(parents=True, exist_ok=True)
    rows = []
    for article_id, body in _bodies(Path(data), limit):
        payload = body.encode("utf-8")
        (corpus_dir / "articles" / f"{article_id}.txt").write_bytes(payload)
        rows.append({"article_id": article_id, "file": f"articles/{article_id}.txt",
                     "sha256": hashlib.sha256(payload).hexdigest()})
    write_manifest(corpus_dir / "manifest.csv", rows)
    return len(rows)


def _run_loader(corpus_dir: Path, interval: float = 0.02) -> dict:
    """Run `load_corpus` on ``corpus_dir`` in a fresh interpreter; return its numbers
    with ``peak_rss_mib``: the larger of the process's own ``ru_maxrss`` (exact, the
    process alone) and the sampled RSS of the process with its children."""
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in [src, env.get("PYTHONPATH", "")] if p)
    run = run_sampled([sys.executable, "-c", _CHILD, str(corpus_dir)], interval=interval, env=env,
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"load_corpus failed in the benchmark process:\n{run.stderr}")
    result = json.loads(run.stdout.strip().splitlines()[-1])
    sampled = run.peak_rss_bytes
    result["sampled_peak_mib"] = sampled / 2**20
    result["peak_rss_mib"] = max(result["self_peak_kib"] / 1024, sampled / 2**20)
    return result


def bench_loader(limit: int = 5000, data: Path = ANT_ARCHIVE) -> dict | None:
    """Write the first ``limit`` ANT articles to a scratch corpus, load it in a fresh
    process, and return ``articles, sentences, tokens, seconds, peak_rss_mib,
    bytes_per_token`` (None, with a note on stderr, when the archive is absent)."""
    data = Path(data)
    if not data.is_file():
        print(f"loader benchmark skipped: the ANT corpus is not at {data}", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as scratch:
        corpus_dir = Path(scratch) / "corpus"
        write_scratch_corpus(corpus_dir, limit, data)
        return _run_loader(corpus_dir)


def format_table(result: dict) -> str:
    rows = [
        ("articles", f"{result['articles']:,}"),
        ("sentences", f"{result['sentences']:,}"),
        ("tokens", f"{result['tokens']:,}"),
        ("seconds", f"{result['seconds']:.1f}"),
        ("peak RSS (MiB)", f"{result['peak_rss_mib']:.0f}"),
        ("bytes per token", f"{result['bytes_per_token']:.1f}"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v:>12}" for k, v in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=5000, help="articles to load (default 5000)")
    parser.add_argument("--data", type=Path, default=ANT_ARCHIVE, help="the ANT corpus .tar.xz")
    args = parser.parse_args(argv)
    result = bench_loader(args.limit, args.data)
    if result is not None:
        print(format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
