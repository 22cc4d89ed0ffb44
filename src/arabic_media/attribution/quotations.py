"""Quotations: every span between quote marks, its kind and its speaker.

Marks are paired in text order within a paragraph (`arabic_media.text.paragraph_break_re`):
a straight ``"`` opens and the next one closes, so a pair may straddle a line break of
the file (``ترجمته "\\nعربي21"``, and the span then keeps the newline); curly ``“ ”``,
``« »`` and ``‘ ’`` pair with their own partner. Offsets cover the text **inside** the
marks, as the gold does. A mark left unpaired at the end of its paragraph (a stray
``"``) makes the pairing of that paragraph uncertain: the paragraph's quotations say so
in their ``rule`` and `find_quotations` warns (`QuotationWarning`), naming the article
and the mark's offset; the damage stops at the paragraph's end. An empty pair (``""``)
is no quotation: it is left out, with a warning.

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

import heapq
import warnings
from bisect import bisect_right
from dataclasses import dataclass

import pandas as pd

from arabic_media.annotations import QUOTATION_KINDS
from arabic_media.attribution.lexicon import AttributionLexicon, load_attribution_lexicon
from arabic_media.matching import phrase_pattern

from arabic_media.text import paragraph_break_re

__all__ = ["QUOTATION_COLUMNS", "QUOTATION_KINDS", "QuotationWarning", "QuoteMarks", "pair_quote_marks",
           "quote_spans", "find_quotations", "quotation_kind_counts"]

#: Columns of `find_quotations`' table: ``quotation`` numbers an article's quotations
#: from 1, ``start, end`` are the offsets inside the marks, ``rule`` says what decided
#: the kind.
QUOTATION_COLUMNS = ["article_id", "sentence", "quotation", "start", "end", "text", "kind", "speaker_actor_id", "rule"]
_PAIRS = {"“": "”", "«": "»", "‘": "’"}
#: The fewest words of a quotation that is a statement by its length alone.
STATEMENT_WORDS = 8


class QuotationWarning(UserWarning):
    """Quote marks that could not be paired with confidence, or an empty pair."""


@dataclass(frozen=True)
class QuoteMarks:
    """How a text's quote marks pair up.

    Attributes
    ----------
    spans : list of (int, int)
        ``(start, end)`` inside every non-empty pair, in order of the opening mark.
    empty : list of int
        The offsets of the opening marks of empty pairs (``""``).
    unpaired : list of int
        The offsets of marks left without a partner at the end of their paragraph.
    uncertain : list of (int, int)
        The paragraphs (``(start, end)`` offsets) that hold an unpaired mark.
    """

    spans: list
    empty: list
    unpaired: list
    uncertain: list


def pair_quote_marks(text: str) -> QuoteMarks:
    """Pair the quote marks of ``text`` paragraph by paragraph (the module's rule).

    Parameters
    ----------
    text : str
        An article.

    Returns
    -------
    QuoteMarks
        The spans inside the pairs, the empty pairs, the marks left unpaired and the
        paragraphs that hold them.
    """
    breaks = [m.start() for m in paragraph_break_re().finditer(text)] + [len(text)]
    spans, empty, unpaired, uncertain = [], [], [], []
    begin = 0
    for stop in breaks:
        straight, curly, odd = None, [], []
        for pos in range(begin, stop):
            char = text[pos]
            if char == '"':
                if straight is None:
                    straight = pos
                else:
                    (spans if pos > straight + 1 else empty).append((straight + 1, pos) if pos > straight + 1
                                                                  else straight)
                    straight = None
            elif char in _PAIRS:
                curly.append((char, pos))
            elif curly and char == _PAIRS[curly[-1][0]]:
                opened = curly.pop()[1]
                (spans if pos > opened + 1 else empty).append((opened + 1, pos) if pos > opened + 1 else opened)
        odd = ([straight] if straight is not None else []) + [pos for _, pos in curly]
        if odd:
            unpaired += odd
            uncertain.append((begin, stop))
        begin = stop
    return QuoteMarks(sorted(spans), sorted(empty), sorted(unpaired), uncertain)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The spans inside every non-empty pair of quote marks of a text.

    Paired by `pair_quote_marks`.

    Parameters
    ----------
    text : str
        An article.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` of the text inside each pair, in order of the opening mark.
    """
    return pair_quote_marks(text).spans


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


def _kind(inner: str, before: str, start: int, end: int, contents: set[tuple[int, int]], lex) -> tuple[str, str]:
    """``(kind, rule)`` of one quotation by the module's rule."""
    if _is_name(inner, before, lex):
        return "name", "an actor alias or after a title noun"
    if len(phrase_pattern(inner)) >= STATEMENT_WORDS:
        return "statement", f"{STATEMENT_WORDS} words or more"
    if (start - 1, end + 1) in contents:
        return "statement", "the whole content of an attribution"
    return "borrowed_term", "a short phrase in a clause of the reporter"


class _Speakers:
    """The innermost attribution holding a span, for spans asked in order of their
    start: contents enter a heap (deepest, then latest start, then latest row first)
    once their start is reached and leave it once their end is passed, so the
    look-ups of an article take time in proportion to its rows and spans."""

    def __init__(self, said: pd.DataFrame):
        order = said.reset_index(drop=True)
        self._rows = sorted(
            zip(order["content_start"].astype(int), order["content_end"].astype(int), order["depth"].astype(int),
                range(len(order)), order["source_actor_id"].fillna("").astype(str)),
        )
        self._next = 0
        self._open: list[tuple] = []

    def at(self, start: int, end: int) -> str:
        rows = self._rows
        while self._next < len(rows) and rows[self._next][0] <= start:
            c_start, c_end, depth, number, actor = rows[self._next]
            heapq.heappush(self._open, (-depth, -c_start, -number, c_end, actor))
            self._next += 1
        aside, found = [], ""
        while self._open:
            top = self._open[0]
            if top[3] < start:
                heapq.heappop(self._open)  # ended before this span, so before every later one
                continue
            if top[3] >= end:
                found = top[4]
                break
            aside.append(heapq.heappop(self._open))  # holds the start, not the end
        for item in aside:
            heapq.heappush(self._open, item)
        return found


def find_quotations(corpus, attributions: pd.DataFrame, lex: AttributionLexicon | None = None) -> pd.DataFrame:
    """Every quotation of every article of ``corpus``.

    Parameters
    ----------
    corpus : Corpus
        The articles.
    attributions : DataFrame
        `find_attributions`' table for the same corpus.
    lex : AttributionLexicon, optional
        Default: the study's lexicons.

    Returns
    -------
    DataFrame
        `QUOTATION_COLUMNS`: offsets inside the marks, the sentence of the opening mark,
        kind and speaker by the module's rule, and the ``rule`` that decided the kind
        (with a note when an unpaired mark in the paragraph makes the pairing uncertain).

    Warns
    -----
    QuotationWarning
        For each article with an unpaired quote mark or an empty pair, naming the
        article and the offsets.
    """
    lex = lex or load_attribution_lexicon()
    rows = []
    sentences_of = {key: group for key, group in corpus.sentences.groupby("article_id", sort=False, observed=True)}
    said_of = {key: group for key, group in attributions[attributions["cue"].notna()].groupby(
        "article_id", sort=False, observed=True)}
    for article in corpus.articles.itertuples(index=False):
        text = article.text
        sents = sentences_of.get(article.article_id)
        if sents is None or sents.empty:
            continue
        sents = sents.sort_values("start")
        starts, numbers = sents["start"].astype(int).tolist(), sents["sentence"].astype(int).tolist()
        said = said_of.get(article.article_id, attributions.iloc[0:0])
        contents = set(zip(said["content_start"].astype(int), said["content_end"].astype(int)))
        speakers = _Speakers(said)
        marks = pair_quote_marks(text)
        _warn(article.article_id, marks)
        first_start = starts[0]
        for number, (start, end) in enumerate(marks.spans, start=1):
            sentence = numbers[max(bisect_right(starts, start - 1) - 1, 0)]
            before = text[max(first_start, start - 1 - 40):start - 1]
            kind, rule = _kind(text[start:end], before, start, end, contents, lex)
            if any(a <= start < b for a, b in marks.uncertain):
                rule += "; pairing uncertain: an unpaired quote mark in this paragraph"
            speaker = "" if kind == "name" else speakers.at(start, end)
            rows.append([article.article_id, sentence, number, start, end, text[start:end], kind, speaker, rule])
    return pd.DataFrame(rows, columns=QUOTATION_COLUMNS)


def _warn(article_id: str, marks: QuoteMarks) -> None:
    if marks.unpaired:
        warnings.warn(f"{article_id}: {len(marks.unpaired)} quote mark(s) without a partner in their paragraph, "
                      f"at character(s) {marks.unpaired[:5]}; that paragraph's quotations may be paired wrongly",
                      QuotationWarning, stacklevel=3)
    if marks.empty:
        warnings.warn(f"{article_id}: {len(marks.empty)} empty pair(s) of quote marks, at character(s) "
                      f"{marks.empty[:5]}; left out", QuotationWarning, stacklevel=3)


def quotation_kind_counts(quotations: pd.DataFrame) -> pd.DataFrame:
    """Quotations per article and kind.

    Parameters
    ----------
    quotations : DataFrame
        `find_quotations`' table.

    Returns
    -------
    DataFrame
        One row per article with a quotation: ``article_id``, then one column per kind
        of `QUOTATION_KINDS` (every kind, zeros included).
    """
    counts = quotations.groupby(["article_id", "kind"]).size().unstack(fill_value=0)
    return counts.reindex(columns=list(QUOTATION_KINDS), fill_value=0).reset_index()
