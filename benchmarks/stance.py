"""Benchmark: stance labelling (`arabic_media.stance.label_sentences`) on long input.

Labelling must take time linear in the tokens: before the matcher indexed its
lexicon entries by the words they can start on, one 5 MB article took 138 s to label and
an article of 100k short sentences 55 s, while loading took 3 s.

Workloads, all built from the study's own article (no outside data needed):

* ``N short sentences``: the study's sentences cut to their first 8 tokens and closed
  with a full stop, repeated to N sentences in one article;
* ``one long sentence``: the study's text, its sentence-ending punctuation replaced by
  commas, repeated into a single sentence of about 100k tokens.

Printed for each: sentences, tokens, seconds to label, tokens per second. Usage:
``python benchmarks/stance.py [--sizes 10000 100000] [--long-tokens 100000]``.
"""

from __future__ import annotations

import argparse
import re
import time

import pandas as pd

from arabic_media.corpus import load_corpus
from arabic_media.lexicons import load_lexicon
from arabic_media.actors import load_target
from arabic_media.stance import label_sentences
from arabic_media.text import normalize, segment_article, token_kind, tokenize

STUDY_ARTICLE = "arabi21-lefigaro-isis-propaganda"


def _tables(article_id: str, text: str, pieces) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentence and token tables in the loader's shape from ``(sentence span, token
    spans)`` pairs over ``text``."""
    sentence_rows, token_rows = [], []
    norms: dict[str, str] = {}
    article_token = 0
    for number, (sent, toks) in enumerate(pieces, start=1):
        sentence_rows.append((article_id, number, sent.start, sent.end, text[sent.start : sent.end]))
        for position, tok in enumerate(toks, start=1):
            article_token += 1
            surface = text[tok.start : tok.end]
            norm = norms.get(surface)
            if norm is None:
                norm = norms[surface] = normalize(surface)
            token_rows.append((article_id, number, position, article_token, tok.start, tok.end, surface, norm,
                               token_kind(surface)))
    sentences = pd.DataFrame(sentence_rows, columns=["article_id", "sentence", "start", "end", "text"])
    tokens = pd.DataFrame(token_rows, columns=["article_id", "sentence", "token", "article_token", "start",
                                               "end", "surface", "norm", "kind"])
    return sentences, tokens


def short_sentences(n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One article of ``n`` short sentences (the study's, cut to 8 tokens)."""
    study = load_corpus().sentences
    study = study[study["article_id"] == STUDY_ARTICLE]
    shorts = []
    for text in study["text"]:
        spans = tokenize(text)[:8]
        shorts.append(re.sub(r"[.!?؟]+$", "", text[: spans[-1].end].strip()) + ".")
    text = " ".join(shorts[i % len(shorts)] for i in range(n))
    return _tables("bench-short", text, segment_article(text))


def long_sentence(n_tokens: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One article that is a single sentence of about ``n_tokens`` tokens."""
    study = load_corpus().articles
    base = re.sub(r"[.!?؟]", "،", study.loc[study["article_id"] == STUDY_ARTICLE, "text"].iloc[0])
    per_copy = len(tokenize(base))
    text = " ".join([base] * max(1, round(n_tokens / per_copy)))
    whole = tokenize(text)
    from arabic_media.text import Span

    return _tables("bench-long", text, [(Span(0, len(text)), whole)])


def _time(sentences: pd.DataFrame, tokens: pd.DataFrame, target, lexicon) -> float:
    began = time.perf_counter()
    label_sentences(sentences, tokens, target, lexicon)
    return time.perf_counter() - began


def bench_stance(sizes=(10_000, 100_000), long_tokens: int = 100_000) -> list[dict]:
    """Label each workload once; print and return ``name, sentences, tokens, seconds``."""
    target, lexicon = load_target("us_tech_companies"), load_lexicon()
    workloads = [(f"{n} short sentences", lambda n=n: short_sentences(n)) for n in sizes]
    if long_tokens:
        workloads.append((f"one sentence of ~{long_tokens} tokens", lambda: long_sentence(long_tokens)))
    results = []
    print(f"{'workload':<36} {'sentences':>10} {'tokens':>10} {'seconds':>9} {'tokens/s':>10}")
    for name, build in workloads:
        sentences, tokens = build()
        seconds = _time(sentences, tokens, target, lexicon)
        results.append({"name": name, "sentences": len(sentences), "tokens": len(tokens), "seconds": seconds})
        print(f"{name:<36} {len(sentences):>10} {len(tokens):>10} {seconds:>9.2f} {len(tokens) / seconds:>10.0f}",
              flush=True)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time stance labelling on long synthetic articles.")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000],
                        help="numbers of short sentences (default 10000 100000)")
    parser.add_argument("--long-tokens", type=int, default=100_000,
                        help="tokens of the single long sentence (0: skip; default 100000)")
    options = parser.parse_args(argv)
    bench_stance(options.sizes, options.long_tokens)


if __name__ == "__main__":
    main()
