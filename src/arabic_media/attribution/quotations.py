"""Quotations: every span between quote marks, its kind and its speaker.

Marks are paired in text order: a straight ``"`` opens and the next one closes (in the
whole article, so a pair may straddle a line break of the file: ``ترجمته "\\nعربي21"``,
and the span then keeps the newline); curly ``“ ”``, ``« »`` and ``‘ ’`` pair with their
own partner. Offsets cover the text **inside** the marks, as the gold does.

The rule for ``kind`` (in this order):

1. ``name``: the span, stripped, is wholly an actor alias of the gazetteer (``"أرشيف
   أورغ"``, ``"دابق"``, ``"عربي21"``), or the word before the opening mark is a title
   noun of ``quotation_title_nouns.csv`` (``شركة "..."``, ``مجلة "..."``).
2. ``statement``: 8 words or more (a clause-length span), or the span is the whole
   content of an attribution (its marks at the content's two ends).
3. ``borrowed_term``: anything else, a word or short phrase held at a distance
   (``"التواطؤ السلبي"``, ``"تخاذل"``, ``"صعبة ومكلفة"``).

The speaker (not for a name) is the source actor of the innermost attribution whose
content holds the quotation; empty when none does or its source is unnamed.
"""

from __future__ import annotations

import pandas as pd

from arabic_media.actors import find_mentions
from arabic_media.attribution.lexicon import AttributionLexicon, load_attribution_lexicon
from arabic_media.matching import phrase_pattern
from arabic_media.text import normalize

__all__ = ["QUOTATION_COLUMNS", "QUOTATION_KINDS", "quote_spans", "find_quotations", "quotation_kind_counts"]

QUOTATION_COLUMNS = ["article_id", "sentence", "quotation", "start", "end", "text", "kind", "speaker_actor_id", "rule"]
QUOTATION_KINDS = ("statement", "borrowed_term", "name")
_PAIRS = {"“": "”", "«": "»", "‘": "’"}
STATEMENT_WORDS = 8


def quote_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` inside every pair of quote marks in ``text``, in order of the
    opening mark. An unpaired mark is ignored."""
    spans, straight, curly = [], None, []
    for pos, char in enumerate(text):
        if char == '"':
            if straight is None:
                straight = pos
            else:
                spans.append((straight + 1, pos))
                straight = None
        elif char in _PAIRS:
            curly.append((char, pos))
        elif curly and char == _PAIRS[curly[-1][0]]:
            spans.append((curly.pop()[1] + 1, pos))
    return sorted(spans)


def _is_name(inner: str, before: str, lex: AttributionLexicon) -> bool:
    """Is a quoted span a name: wholly an actor alias, or after a title noun?"""
    words = phrase_pattern(inner)
    if words and any(pattern == words for pattern, _alias, _actor in lex.finder.aliases):
        return True
    previous = phrase_pattern(before.split()[-1]) if before.split() else ()
    if previous:
        word = previous[-1]
        return any(word == t or (word[1:] == t and word[0] in "وفبلك") for t in lex.titles)
    return False


def _kind(inner: str, before: str, start: int, end: int, contents: list[tuple[int, int]], lex) -> tuple[str, str]:
    """``(kind, rule)`` of one quotation by the module's rule."""
    if _is_name(inner, before, lex):
        return "name", "an actor alias or after a title noun"
    if len(phrase_pattern(inner)) >= STATEMENT_WORDS:
        return "statement", f"{STATEMENT_WORDS} words or more"
    if any(cs == start - 1 and ce == end + 1 for cs, ce in contents):
        return "statement", "the whole content of an attribution"
    return "borrowed_term", "a short phrase in a clause of the reporter"


def _speaker(start: int, end: int, rows: pd.DataFrame) -> str:
    """The source actor of the innermost attribution whose content holds ``start..end``."""
    holding = rows[(rows["content_start"] <= start) & (rows["content_end"] >= end)]
    if holding.empty:
        return ""
    return str(holding.sort_values(["depth", "content_start"]).iloc[-1]["source_actor_id"] or "")


def find_quotations(corpus, attributions: pd.DataFrame, lex: AttributionLexicon | None = None) -> pd.DataFrame:
    """Every quotation of every article of ``corpus`` (`QUOTATION_COLUMNS`): offsets
    inside the marks, the sentence of the opening mark, kind and speaker by the
    module's rule, and the ``rule`` that decided the kind. ``attributions`` is
    `find_attributions`' table for the same corpus."""
    lex = lex or load_attribution_lexicon()
    rows = []
    for article in corpus.articles.itertuples(index=False):
        text = article.text
        sents = corpus.sentences[corpus.sentences["article_id"] == article.article_id]
        said = attributions[(attributions["article_id"] == article.article_id) & attributions["cue"].notna()]
        contents = list(zip(said["content_start"].astype(int), said["content_end"].astype(int)))
        for number, (start, end) in enumerate(quote_spans(text), start=1):
            sentence = int(sents.loc[(sents["start"] <= start - 1) & (sents["end"] > start - 1), "sentence"].iloc[0])
            kind, rule = _kind(text[start:end], text[sents["start"].min():start - 1][-40:], start, end, contents, lex)
            speaker = "" if kind == "name" else _speaker(start, end, said)
            rows.append([article.article_id, sentence, number, start, end, text[start:end], kind, speaker, rule])
    return pd.DataFrame(rows, columns=QUOTATION_COLUMNS)


def quotation_kind_counts(quotations: pd.DataFrame) -> pd.DataFrame:
    """Quotations per article and kind (every kind listed, zeros included)."""
    counts = quotations.groupby(["article_id", "kind"]).size().unstack(fill_value=0)
    return counts.reindex(columns=list(QUOTATION_KINDS), fill_value=0).reset_index()
