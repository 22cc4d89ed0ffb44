"""Benchmark: stance and attribution time grows in proportion to the text.

Workloads, all built from the study's own article (no outside data needed), each at a
base size and at four times it, labelled by stance (`stance.label_sentences`) and
traced by attribution (`attribution.find_attributions` and `find_quotations`):

* ``short sentences``: the study's sentences cut to their first 8 tokens, repeated;
* ``one long sentence``: the study's text with its sentence ends made commas and its
  line breaks spaces, repeated into a single sentence (the case that was quadratic);
* ``one long sentence, nested reporting``: the same with ``وقالت الصحيفة إن`` before
  every clause, so that each attribution sits inside the one before.

Printed for each: characters, sentences, tokens, seconds at the base size and at 4x
(the shortest of three runs), and their ratio. Linear time gives a ratio near 4; the target is at most 6. Usage:
``python benchmarks/analyses.py [--chars 100000]``.
"""

from __future__ import annotations

import argparse
import re
import time

from arabic_media import attribution, stance
from arabic_media.corpus import corpus_from_texts, load_corpus
from arabic_media.corpus.select import select_articles
from arabic_media.text import tokenize

STUDY_ARTICLE = "arabi21-lefigaro-isis-propaganda"
TARGET = "us_tech_companies"
RATIO_TARGET = 6.0


def _study_text() -> str:
    return select_articles(load_corpus(), STUDY_ARTICLE).articles["text"].iloc[0]


def short_sentences(chars: int) -> str:
    sentences = re.split(r"(?<=[.!?؟])\s+", _study_text())
    shorts = []
    for text in sentences:
        spans = tokenize(text)[:8]
        shorts.append(re.sub(r"[.!?؟]+$", "", text[: spans[-1].end].strip()) + ".")
    text, i = "", 0
    while len(text) < chars:
        text += shorts[i % len(shorts)] + " "
        i += 1
    return text.strip()


def long_sentence(chars: int, nested: bool = False) -> str:
    base = re.sub(r"[.!?؟…]", "،", _study_text()).replace("\n", " ")
    if nested:
        base = " ".join("وقالت الصحيفة إن " + part for part in base.split("،") if part.strip())
    text = (base + " ") * (chars // len(base) + 1)
    return text[:chars].rsplit(" ", 1)[0] + "."


WORKLOADS = {
    "short sentences": short_sentences,
    "one long sentence": long_sentence,
    "one long sentence, nested reporting": lambda chars: long_sentence(chars, nested=True),
}


def _seconds(run, repeat: int = 3) -> float:
    """The shortest of ``repeat`` runs: the machine's noise only ever adds time."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - began)
    return best


def bench_growth(chars: int = 100_000) -> list[dict]:
    """Time each analysis on each workload at ``chars`` and 4 x ``chars``; print a table."""
    target, lexicon, lex = stance.load_target(TARGET), stance.load_lexicon(), attribution.load_attribution_lexicon()
    analyses = {
        "stance": lambda corpus: stance.label_sentences(corpus, target, lexicon),
        "attribution": lambda corpus: attribution.find_quotations(
            corpus, attribution.find_attributions(corpus, lex), lex),
    }
    rows = []
    print(f"{'analysis':<12} {'workload':<36} {'chars':>8} {'sentences':>9} {'tokens':>8} "
          f"{'seconds':>8} {'at 4x':>8} {'ratio':>6}")
    for workload, build in WORKLOADS.items():
        corpora = [corpus_from_texts({"bench": build(size)}) for size in (chars, 4 * chars)]
        for analysis, run in analyses.items():
            run(corpora[0])  # warm: lexicon indexes and caches
            small, large = (_seconds(lambda c=c: run(c)) for c in corpora)
            row = {"analysis": analysis, "workload": workload, "chars": chars, "sentences": len(corpora[0].sentences),
                   "tokens": len(corpora[0].tokens), "seconds": small, "seconds_4x": large, "ratio": large / small}
            rows.append(row)
            print(f"{analysis:<12} {workload:<36} {chars:>8} {row['sentences']:>9} {row['tokens']:>8} "
                  f"{small:>8.2f} {large:>8.2f} {row['ratio']:>6.2f}", flush=True)
    worst = max(row["ratio"] for row in rows)
    print(f"largest ratio for 4x the text: {worst:.2f} (target at most {RATIO_TARGET}: "
          f"{'met' if worst <= RATIO_TARGET else 'NOT met'})")
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000, help="base size of each workload, in characters")
    bench_growth(parser.parse_args(argv).chars)


if __name__ == "__main__":
    main()
