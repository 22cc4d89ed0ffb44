"""Benchmark: sentence splitting on long runs of punctuation and blank space.

`arabic_media.text.split_sentences` must take time linear in the length of the text,
whatever the text holds. Earlier versions were quadratic on a long run of sentence-final
punctuation not followed by a space (``"....x"``): the sentence-end pattern was tried at
every position of the run and rescanned the rest of it each time (about 6 s for a 20,000
character run, 24 s for 40,000).

Each workload is built at 10k, 20k, 40k and 80k characters and split once; the table
shows seconds and microseconds per character. Linear time shows as a flat last column.
Part of ``make bench``, not of ``make test``.

Usage: ``python benchmarks/segmentation.py [--sizes 10000 20000 ...]``.
"""

from __future__ import annotations

import argparse
import time

from arabic_media.text import split_sentences

#: name -> function building a text of about ``n`` characters.
WORKLOADS = {
    "full stops then a letter": lambda n: "." * n + "x",
    "?! then a closing quote and a letter": lambda n: "قال" + "؟!" * (n // 2) + "»x",
    "full stop + closer pairs": lambda n: ".)" * (n // 2) + "x",
    "no-break spaces after a line break": lambda n: "عنوان\n" + "\u00a0" * n + "x",
    "alternating line breaks and spaces": lambda n: "x" + "\n " * (n // 2) + "x",
    "zero-width spaces, then one line break": lambda n: "x" + "\u200b" * n + "\ny",
    "ordinary sentences": lambda n: ("نشرت صحيفة لوفيغارو تقريرا. " * (n // 28 + 1))[:n],
}
SIZES = (10_000, 20_000, 40_000, 80_000)


def time_split(text: str) -> float:
    """Seconds for one `split_sentences` call on ``text``."""
    start = time.perf_counter()
    split_sentences(text)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args(argv)
    split_sentences("x")  # builds the patterns (a one-off pass over the Unicode database)
    print(f"{'workload':<40} {'chars':>8} {'seconds':>9} {'us/char':>8}")
    for name, build in WORKLOADS.items():
        for size in args.sizes:
            text = build(size)
            seconds = time_split(text)
            print(f"{name:<40} {len(text):>8} {seconds:>9.4f} {seconds / len(text) * 1e6:>8.3f}")


if __name__ == "__main__":
    main()
