"""Counting a corpus without per-token rows: term and bigram frequencies at any scale.

`count_corpus` reads a source (`arabic_media.corpus.sources`) one article at a time and
returns `Counts`: a frequency table per term in normalised form and in grouped form (with
category, count and document frequency), bigram counts, per-article totals, the
failures table and a provenance record. It gives the numbers `load_corpus` +
`arabic_media.terms.annotate` / `ngrams(..., 2)` give (``tests/test_counting.py`` checks
that), without keeping a row per token:

* **Chunks mapped, tallies merged.** Articles are counted in chunks (`count_chunk`)
  into a `Tally`: numbers keyed by normalised form, mergeable (`merge_tallies`), so the
  same function runs in one process, in several (the default from `POOL_MIN_CORES`
  cores on: this process reads and hands chunks to one worker process per other core,
  and counts a chunk itself whenever they are all busy), or on a Dask cluster
  (``scheduler=...``); `finish` turns the merged tally into tables.
* **Each distinct form once.** A worker normalises and classifies each distinct
  surface form the first time it meets it; tokens become integer ids by a dict
  look-up, and counting is done on arrays of ids. Memory grows with the vocabulary
  (and with one entry per distinct word of each article, for the grouped document
  frequencies), not with the running text.

Definitions (the study's, imported from where they live; see the block below):

* tokens are the study's tokenizer (`arabic_media.text.tokenize`), kinds by
  `token_kind`, the normalised form `normalize` with its defaults;
* a word's category is ``reporting_verb`` / ``attribution`` (``reporting_terms.csv``),
  else ``stopword`` (``stopwords_ar.txt``), else ``content``: as `terms.annotate`;
* the group key is ``CliticGrouper(vocabulary)(norm)`` where the vocabulary is the set
  of normalised word types of the source counted (as `annotate` builds it); the group
  table also gives the label `annotate` displays (the key's most frequent member);
* a bigram is two consecutive word tokens of one sentence with no punctuation or
  number between them, neither a stop word, a reporting verb nor an attribution word,
  in normalised form (`terms.ngrams(..., 2)`). Sentence boundaries matter only where
  no punctuation token separates the two words, and with `split_sentences`' rule that
  is exactly a paragraph break (`text.paragraph_break_re`; a sentence otherwise ends
  on terminal punctuation, itself a token); ``tests/test_counting.py`` checks this
  against `segment_article`.
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import operator
import os
import queue
import re
import sys
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# --- the study's definitions, imported in this one place (repoint here when they move) ---
from arabic_media.text import (  # noqa: E402
    _LINE_BREAKS, _PARAGRAPH_SEPARATOR, _token_re, normalize, paragraph_break_re, token_kind)


def _study_lexicons() -> tuple[frozenset[str], dict[str, str]]:
    """Stop words and reporting/attribution categories (``norm -> category``), as
    `terms.annotate` uses them: the files `lexicons.load_stopwords` and
    `load_reporting_terms` read, read here with the csv module (``tests/test_counting.py``
    checks they give the same), so that the reader process does not import pandas (80 MB)
    while it streams; it imports it in `finish`, once the workers have exited."""
    import csv

    from arabic_media.paths import LEXICONS_DIR

    lines = (LEXICONS_DIR / "stopwords_ar.txt").read_text(encoding="utf-8").splitlines()
    stopwords = frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    with open(LEXICONS_DIR / "reporting_terms.csv", encoding="utf-8", newline="") as file:
        reporting = {row["norm"]: row["category"] for row in csv.DictReader(file)}
    return stopwords, reporting


def _study_grouper(vocabulary: Iterable[str]):
    """The study's grouper built on ``vocabulary`` (`terms.CliticGrouper`)."""
    from arabic_media.terms import CliticGrouper

    return CliticGrouper(vocabulary)


# -------------------------------------------------------------------------------------

__all__ = [
    "Counts",
    "Settings",
    "Tally",
    "count_chunk",
    "count_corpus",
    "finish",
    "merge_tallies",
    "study_settings",
]

#: Word categories, in the order tables list them.
WORD_CATEGORIES = ("content", "stopword", "reporting_verb", "attribution")
#: Categories a bigram may not start or end with (`terms.NGRAM_EDGE_EXCLUDE`).
EDGE_EXCLUDE = ("stopword", "reporting_verb", "attribution")
#: Articles per chunk: enough to amortise a hand-over between processes, few enough to
#: keep every core busy to the end.
CHUNK_ARTICLES = 200

# Token ids: a word's id is >= 0 (its normalised form); these mark the others.
_NUMBER, _PUNCT, _BREAK = -1, -2, -3
#: Ends an article in the id stream; never a token (whitespace), nor a paragraph break.
_BREAK_MARK = "\n"
#: What a paragraph break starts with (`text.paragraph_break_re`), and no token does.
_BREAK_STARTS = frozenset(_LINE_BREAKS + _PARAGRAPH_SEPARATOR)


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs besides the study's code, picklable: the stop words,
    the reporting categories, and whether bigrams are counted. (Each process builds
    the tokenizer itself, `_token_re`, so the reader is not held up building it.)"""

    stopwords: frozenset[str]
    reporting: tuple[tuple[str, str], ...]  # (norm, category), sorted
    bigrams: bool = True
    groups: bool = True

    @functools.cached_property
    def categories(self) -> dict[str, str]:
        """``norm -> reporting category`` (a dict, built once)."""
        return dict(self.reporting)

    def describe(self) -> dict[str, str]:
        return {
            "tokenizer": "arabic_media.text.tokenize",
            "normalisation": "arabic_media.text.normalize (defaults)",
            "stopwords": f"corpus/lexicons/stopwords_ar.txt ({len(self.stopwords)} forms)",
            "reporting_terms": f"corpus/lexicons/reporting_terms.csv ({len(self.reporting)} forms)",
            "grouping": "arabic_media.terms.CliticGrouper(vocabulary); vocabulary = the normalised word "
            "types of the source counted; key = the grouper's return value" if self.groups else "not counted",
            "bigrams": "two consecutive word tokens in one sentence, no punctuation or number between, "
            "neither edge a stop word, reporting verb or attribution word (terms.ngrams n=2), normalised"
            if self.bigrams else "not counted",
        }


def study_settings(*, bigrams: bool = True, groups: bool = True) -> Settings:
    """The study's tokenizer, stop words and reporting categories, as `Settings`
    (``groups=False``: no grouped table, and no per-article word lists kept for it)."""
    stopwords, reporting = _study_lexicons()
    return Settings(frozenset(stopwords), tuple(sorted(reporting.items())), bigrams, groups)


# --- the per-process vocabulary: each distinct surface form classified once ------------


def _bmp_only(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with every character-class item above U+FFFF removed.

    The tokenizer's classes list hundreds of ranges beyond the BMP, and `re` tries them
    one by one at every character that does not match (the end of every word), which
    makes it six times slower. On a text without astral characters those items can
    never match, so the stripped pattern finds exactly the same tokens; texts with
    astral characters (emoji) use the full pattern.
    """
    from re import _compiler, _parser  # the parsed form is the only way to edit a class
    from re._constants import BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, RANGE, SUBPATTERN

    def strip(sub) -> None:
        for i, (op, av) in enumerate(sub.data):
            if op is IN:
                kept = []
                for item_op, item in av:
                    if item_op is RANGE:
                        if item[0] <= 0xFFFF:
                            kept.append((item_op, (item[0], min(item[1], 0xFFFF))))
                    elif not (item_op is LITERAL and item > 0xFFFF):
                        kept.append((item_op, item))
                sub.data[i] = (op, kept)
            elif op in (MAX_REPEAT, MIN_REPEAT):
                strip(av[2])
            elif op is SUBPATTERN:
                strip(av[3])
            elif op is BRANCH:
                for branch in av[1]:
                    strip(branch)

    parsed = _parser.parse(pattern.pattern, pattern.flags)
    strip(parsed)
    return _compiler.compile(parsed, pattern.flags)


def _plain_letters() -> tuple[str, dict[int, int]]:
    """Strings whose normal form is a plain ``str.translate``: ASCII letters and digits
    and the Arabic letters U+0621-U+064A but tatweel; the table maps the hamza alefs and
    alef maqsura as `normalize` does (`text._ALEF_VARIANTS`, `_ALEF_MAQSURA`), and the
    other letters are their own normal form (each checked here). None of them is a
    combining mark, an invisible or a presentation form, and no two of them compose
    under NFC, so `normalize` maps a string of them letter by letter;
    ``tests/test_counting.py`` checks this."""
    from arabic_media.text import _ALEF_MAQSURA, _ALEF_VARIANTS

    table = {**_ALEF_VARIANTS, **_ALEF_MAQSURA}
    candidates = [chr(c) for c in range(0x30, 0x7B) if chr(c).isalnum()]
    candidates += [chr(c) for c in range(0x0621, 0x064B) if chr(c) != "\u0640"]
    plain = "".join(c for c in candidates if normalize(c) == c.translate(table))
    return plain, table


class _Vocabulary:
    """Per process: surface form -> token id, normalised forms by id, and which ids may
    start or end a bigram. Kept across chunks, so each surface form is normalised once
    per process."""

    def __init__(self, settings: Settings, patterns: tuple[str, str] | None = None):
        self.settings = settings
        # ``patterns``: `_study_patterns()`, built by the parent process once (they take
        # half a second, from the Unicode database); else built here.
        token_pattern, break_pattern = patterns or _study_patterns()
        self.full_re = re.compile(token_pattern)
        self.fast_re = _bmp_only(self.full_re)
        self.full_breaks_re = re.compile(f"{break_pattern}|{token_pattern}")
        self.fast_breaks_re = _bmp_only(self.full_breaks_re)
        self.plain_letters, self.plain_table = _plain_letters()
        self.ids = _Ids({_BREAK_MARK: _BREAK})
        self.ids.learn = self.learn
        self.norm_ids: dict[str, int] = {}
        self.norms: list[str] = []
        self.edge: list[bool] = []

    def tokens(self, text: str, breaks: bool = False) -> list[str]:
        """The token surfaces of ``text`` (`text.tokenize`); with ``breaks``, each
        paragraph break (`text.paragraph_break_re`, the rule `split_sentences` uses) is
        a token too, whose id is ``_BREAK``: the only sentence ends that can fall
        between two words (every other sentence ends on punctuation, itself a token).
        A break holds only whitespace and invisible characters, which no token holds,
        so one scan finds both as cutting the text at the breaks first would."""
        # an astral character takes 4 bytes in UTF-16 (a C-level pass, 3x a regex search)
        astral = len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)
        if breaks:
            return (self.full_breaks_re if astral else self.fast_breaks_re).findall(text)
        return (self.full_re if astral else self.fast_re).findall(text)

    def learn(self, surface: str) -> int:
        """The id of a surface form not seen before (normalised here, once): called by
        `_Ids` on a look-up that misses."""
        if surface[0] in _BREAK_STARTS:  # a paragraph break (`tokens`)
            self.ids[surface] = _BREAK
            return _BREAK
        if not surface.strip(self.plain_letters):  # every letter plain (a C-level test)
            if surface.isdigit():
                self.ids[surface] = _NUMBER
                return _NUMBER
            norm = surface.translate(self.plain_table)
        else:
            kind = token_kind(surface)
            if kind != "word":
                token_id = self.ids[surface] = _NUMBER if kind == "number" else _PUNCT
                return token_id
            norm = normalize(surface)
        norm_id = self.norm_ids.get(norm)
        if norm_id is None:
            norm_id = self.norm_ids[norm] = len(self.norms)
            self.norms.append(norm)
            self.edge.append(_category(norm, self.settings) not in EDGE_EXCLUDE)
        self.ids[surface] = norm_id
        return norm_id


class _Ids(dict):
    """``surface -> token id``; a surface not seen before is learnt on look-up (so one
    C-level pass of look-ups both numbers the tokens and finds the new forms)."""

    __slots__ = ("learn",)

    def __missing__(self, surface: str) -> int:
        return self.learn(surface)


def _category(norm: str, settings: Settings) -> str:
    """A word's category as `terms.annotate` gives it: the reporting list first."""
    category = settings.categories.get(norm)
    if category is not None:
        return category
    return "stopword" if norm in settings.stopwords else "content"


_VOCABULARIES: dict[Settings, _Vocabulary] = {}


def _study_patterns() -> tuple[str, str]:
    """The study's token pattern (`text.tokenize`) and paragraph-break pattern
    (`text.paragraph_break_re`), as strings a worker process compiles."""
    return _token_re().pattern, paragraph_break_re().pattern


def _vocabulary(settings: Settings, patterns: tuple[str, str] | None = None) -> _Vocabulary:
    """This process's vocabulary for ``settings`` (one per process, reused by chunks)."""
    if settings not in _VOCABULARIES:
        _VOCABULARIES.clear()
        _VOCABULARIES[settings] = _Vocabulary(settings, patterns)
    return _VOCABULARIES[settings]


# --- the tally: mergeable counts keyed by normalised form ------------------------------


@dataclass
class Tally:
    """Counts of some articles, keyed by normalised form; `merge_tallies` adds two.

    ``norms``: the normalised word forms (position = id); ``count`` and ``documents``:
    per id; ``article_words``/``article_sizes``: each article's distinct word ids, one
    run per article (for the grouped forms' document frequencies, which need the
    whole vocabulary); ``bigrams``: codes ``first_id << 32 | second_id`` with
    ``bigram_count`` and ``bigram_documents``; ``articles``: per-article rows (the
    position in the source, then `ARTICLE_COLUMNS`); ``failures``: ``(position,
    Failure)``; ``warnings``: ``(source, message)`` from decoding. Positions put
    articles back in reading order, whichever process counted them.
    """

    norms: list[str] = field(default_factory=list)
    count: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    documents: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    article_words: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    article_sizes: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    bigrams: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    bigram_count: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    bigram_documents: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    articles: list[tuple] = field(default_factory=list)
    failures: list = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


#: The per-article rows of a tally, and of `Counts.articles`.
ARTICLE_COLUMNS = ["article_id", "source", "sha256", "outlet", "section", "published", "encoding",
                   "tokens", "words", "running_tokens"]


def _unique(values: np.ndarray) -> np.ndarray:
    """The distinct ``values``, sorted (a sort; numpy's hash-based `np.unique` is many
    times slower on these arrays of 64-bit codes)."""
    values = np.sort(values)
    keep = np.ones(len(values), bool)
    keep[1:] = values[1:] != values[:-1]
    return values[keep]


def _sum_by_code(codes: np.ndarray, *values: np.ndarray) -> tuple[np.ndarray, ...]:
    """Distinct ``codes`` (sorted) and each of ``values`` summed per code."""
    order = np.argsort(codes, kind="stable")
    codes = codes[order]
    starts = np.flatnonzero(np.concatenate([[True], codes[1:] != codes[:-1]])) if len(codes) else np.zeros(0, np.int64)
    return (codes[starts], *(np.add.reduceat(np.asarray(v, np.int64)[order], starts) if len(starts)
                             else np.zeros(0, np.int64) for v in values))


class _Accumulator:
    """Counts in one process's id space; `tally` turns them into a `Tally`."""

    def __init__(self, vocabulary: _Vocabulary):
        self.vocab = vocabulary
        self.count = np.zeros(0, np.int64)
        self.documents = np.zeros(0, np.int64)
        self.article_words: list[np.ndarray] = []
        self.article_sizes: list[np.ndarray] = []
        self.bigram_parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.edge = np.zeros(3, bool)
        self.bigram_pending = 0
        self.bigram_merged = 0
        self.articles: list[tuple] = []
        self.failures: list = []
        self.warnings: list[tuple[str, str]] = []

    def add(self, numbered: list) -> None:
        """Count ``numbered`` articles: ``(position in the source, Article)`` pairs."""
        vocab = self.vocab
        streams = []
        for _, article in numbered:
            stream = vocab.tokens(article.text, breaks=vocab.settings.bigrams)
            stream.append(_BREAK_MARK)
            streams.append(stream)
            if article.warnings:
                self.warnings.extend((article.source, w) for w in article.warnings)
        if not streams:
            return
        flat = list(itertools.chain.from_iterable(streams))
        # itemgetter looks every token up in C (a tuple; a lone item comes back bare)
        ids = np.array(operator.itemgetter(*flat)(vocab.ids) if len(flat) > 1 else [vocab.ids[flat[0]]],
                       dtype=np.int64)
        article_of = np.repeat(np.arange(len(streams)), [len(s) for s in streams])
        size = len(vocab.norms)
        if len(self.count) < size:
            self.count = np.concatenate([self.count, np.zeros(size - len(self.count), np.int64)])
            self.documents = np.concatenate([self.documents, np.zeros(size - len(self.documents), np.int64)])
        n = len(streams)
        is_word = ids >= 0
        tokens = np.bincount(article_of, weights=ids != _BREAK, minlength=n).astype(np.int64)
        words = np.bincount(article_of, weights=is_word, minlength=n).astype(np.int64)
        running = np.bincount(article_of, weights=ids >= _NUMBER, minlength=n).astype(np.int64)
        for (position, article), t, w, r in zip(numbered, tokens.tolist(), words.tolist(), running.tolist()):
            self.articles.append((position, article.article_id, article.source, article.sha256, article.outlet,
                                  article.section, article.published, article.encoding, t, w, r))
        word_ids = ids[is_word]
        self.count += np.bincount(word_ids, minlength=size)
        pairs = _unique((article_of[is_word] << 32) | word_ids)
        distinct = pairs & 0xFFFFFFFF
        self.documents += np.bincount(distinct, minlength=size)
        if vocab.settings.groups:
            self.article_words.append(distinct.astype(np.int32))
            self.article_sizes.append(np.bincount(pairs >> 32, minlength=n).astype(np.int32))
        if vocab.settings.bigrams:
            self._add_bigrams(ids, article_of)

    def _add_bigrams(self, ids: np.ndarray, article_of: np.ndarray) -> None:
        edge = self._edge_array()[ids + 3]
        valid = edge[:-1] & edge[1:]
        codes = (ids[:-1][valid] << 32) | ids[1:][valid]
        if not len(codes):
            return
        # One stable sort by code: the articles (numbered in reading order) stay in order
        # within a code's run, so an article's first use of a code is where either changes.
        order = np.argsort(codes, kind="stable")
        codes, owners = codes[order], article_of[:-1][valid][order]
        changed = np.empty(len(codes), bool)
        changed[0] = True
        np.not_equal(codes[1:], codes[:-1], out=changed[1:])
        starts = np.flatnonzero(changed)
        first_in_article = changed.copy()
        first_in_article[1:] |= owners[1:] != owners[:-1]
        unique = codes[starts]
        count = np.diff(np.append(starts, len(codes)))
        documents = np.add.reduceat(first_in_article.astype(np.int64), starts)
        self.bigram_parts.append((unique, count, documents))
        self.bigram_pending += len(unique)
        # Merge the pending parts once they outgrow what is merged (each code is merged
        # O(log n) times in all), so memory stays near the distinct bigrams seen.
        if self.bigram_pending > max(self.bigram_merged, 1 << 16):
            self._merge_bigrams()

    def _edge_array(self) -> np.ndarray:
        """May an id start or end a bigram: indexed by id + 3 (the three negative ids
        never); grown as the vocabulary grows, not rebuilt for every chunk."""
        edge = self.vocab.edge
        if len(self.edge) < len(edge) + 3:
            self.edge = np.concatenate([self.edge, np.array(edge[len(self.edge) - 3:], bool)])
        return self.edge

    def _merge_bigrams(self) -> None:
        if len(self.bigram_parts) > 1:
            codes, count, documents = (np.concatenate(p) for p in zip(*self.bigram_parts))
            self.bigram_parts = [_sum_by_code(codes, count, documents)]
        self.bigram_merged = len(self.bigram_parts[0][0]) if self.bigram_parts else 0
        self.bigram_pending = 0

    def tally(self) -> Tally:
        """The counts so far, keyed by normalised form (ids renumbered densely)."""
        self._merge_bigrams()
        used = np.flatnonzero(self.count)
        renumber = np.full(max(len(self.count), 1), -1, np.int64)
        renumber[used] = np.arange(len(used))
        norms = [self.vocab.norms[i] for i in used.tolist()]
        words = np.concatenate(self.article_words) if self.article_words else np.zeros(0, np.int32)
        sizes = np.concatenate(self.article_sizes) if self.article_sizes else np.zeros(0, np.int32)
        tally = Tally(
            norms=norms,
            count=self.count[used],
            documents=self.documents[used],
            article_words=renumber[words].astype(np.int32),
            article_sizes=sizes,
            articles=self.articles,
            failures=self.failures,
            warnings=self.warnings,
        )
        if self.bigram_parts:
            codes, count, documents = self.bigram_parts[0]
            tally.bigrams = (renumber[codes >> 32] << 32) | renumber[codes & 0xFFFFFFFF]
            tally.bigram_count, tally.bigram_documents = count, documents
            order = np.argsort(tally.bigrams, kind="stable")
            tally.bigrams, tally.bigram_count, tally.bigram_documents = (
                a[order] for a in (tally.bigrams, tally.bigram_count, tally.bigram_documents))
        return tally


def _prepared(source, members: list, first: int, accumulator: _Accumulator) -> list:
    """``members`` prepared by ``source``, as ``(position, Article)`` pairs (``first``
    is the position of the first in the source); failures go to the accumulator."""
    from arabic_media.corpus.sources import Failure

    articles = []
    for position, member in enumerate(members, start=first):
        item = source.prepare(member)
        if isinstance(item, Failure):
            accumulator.failures.append((position, item))
        else:
            articles.append((position, item))
    return articles


def count_chunk(source, members: list, settings: Settings, first: int = 0) -> Tally:
    """Count one chunk of a source's members (`Member` records, as ``source.members()``
    yields them; ``first`` is the first one's position in the source): prepare each
    (``source.prepare``), tokenize, normalise, count. The one per-chunk function of
    every way of running (one process, several processes, Dask)."""
    accumulator = _Accumulator(_vocabulary(settings))
    accumulator.add(_prepared(source, members, first, accumulator))
    return accumulator.tally()


def merge_tallies(tallies: Iterable[Tally]) -> Tally:
    """One `Tally` holding the sum of ``tallies`` (articles and failures in the order
    given). Ids are renumbered over the union of their normalised forms."""
    tallies = list(tallies)
    if not tallies:
        return Tally()
    if len(tallies) == 1:
        return tallies[0]
    index: dict[str, int] = {}
    norms: list[str] = []
    maps = []
    for tally in tallies:
        new = [norm for norm in tally.norms if norm not in index]
        index.update(zip(new, range(len(norms), len(norms) + len(new))))
        norms += new
        maps.append(np.fromiter(map(index.__getitem__, tally.norms), np.int64, len(tally.norms)))
    size = len(norms)
    merged = Tally(norms=norms, count=np.zeros(size, np.int64), documents=np.zeros(size, np.int64))
    words, sizes, codes, counts, docs = [], [], [], [], []
    for tally, mapped in zip(tallies, maps):
        # a tally holds each form once, so ``mapped`` has no repeats: a plain += adds
        merged.count[mapped] += tally.count
        merged.documents[mapped] += tally.documents
        words.append(mapped[tally.article_words].astype(np.int32))
        sizes.append(tally.article_sizes)
        if len(tally.bigrams):
            codes.append((mapped[tally.bigrams >> 32] << 32) | mapped[tally.bigrams & 0xFFFFFFFF])
            counts.append(tally.bigram_count)
            docs.append(tally.bigram_documents)
        merged.articles += tally.articles
        merged.failures += tally.failures
        merged.warnings += tally.warnings
    merged.article_words = np.concatenate(words)
    merged.article_sizes = np.concatenate(sizes)
    if codes:
        merged.bigrams, merged.bigram_count, merged.bigram_documents = _sum_by_code(
            np.concatenate(codes), np.concatenate(counts), np.concatenate(docs))
    return merged


# --- from a merged tally to tables -----------------------------------------------------


@dataclass
class Counts:
    """The counts of a source.

    ``norms``: ``term, category, count, documents`` (one row per normalised word form);
    ``groups``: ``group, label, category, count, documents, forms`` (one row per group
    key and category: the key is ``CliticGrouper(vocabulary)(norm)``, ``label`` the
    group's most frequent member as `annotate` shows it, ``forms`` how many
    normalised forms it holds); ``bigrams``: ``bigram, count, documents`` (the two
    normalised words joined by a space, in reading order); each sorted by count
    (descending), then term. ``documents`` is the number of articles holding the term.
    ``articles``: one row per article read (`ARTICLE_COLUMNS`); ``failures``:
    ``source, reason, detail`` for each article refused; ``provenance``: what was
    counted, how, and the totals (a dict of strings and numbers).
    """

    norms: object
    groups: object
    bigrams: object
    articles: object
    failures: object
    provenance: dict


def finish(tally: Tally, settings: Settings, source_description: dict | None = None, *,
           bigram_min_count: int = 1) -> Counts:
    """Tables from a merged `Tally`: categories, the grouping on the whole vocabulary
    (the normalised word types of the tally; none with ``settings.groups`` false),
    labels and document frequencies. Bigrams counted fewer than ``bigram_min_count``
    times are left out of the table (they are most of the distinct bigrams;
    ``provenance["bigram_types"]`` counts them all)."""
    import pandas as pd

    from arabic_media.corpus.sources import count_reasons, failures_table

    norms = tally.norms
    size = len(norms)
    categories = [_category(n, settings) for n in norms]
    # Sorting by term: rank the forms once; a bigram sorts as its pair of ranks, which
    # is the order of the joined string (a space sorts before any word character).
    rank = np.empty(size, np.int64)
    rank[sorted(range(size), key=norms.__getitem__)] = np.arange(size)
    order = np.lexsort((rank, -tally.count)).tolist()
    norm_table = pd.DataFrame({
        "term": [norms[i] for i in order],
        "category": [categories[i] for i in order],
        "count": tally.count[order],
        "documents": tally.documents[order],
    })
    if settings.groups:
        group_table = _group_table(tally, categories, rank)
    else:
        group_table = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in GROUP_COLUMNS.items()})
    bigram_table = _bigram_table(tally, rank, bigram_min_count)

    articles = pd.DataFrame(sorted(tally.articles), columns=["_position", *ARTICLE_COLUMNS])
    articles = articles.drop(columns="_position")
    refused = [failure for _, failure in sorted(tally.failures, key=lambda pair: pair[0])]
    failures = failures_table(refused)
    provenance = {
        "source": dict(source_description or {}),
        "articles_read": len(articles),
        "articles_refused": len(failures),
        "refused_by_reason": count_reasons(refused),
        "decoding_warnings": len(tally.warnings),
        "tokens": int(articles["tokens"].sum()) if len(articles) else 0,
        "words": int(articles["words"].sum()) if len(articles) else 0,
        "running_tokens": int(articles["running_tokens"].sum()) if len(articles) else 0,
        "word_types_normalised": size,
        "groups": group_table["group"].nunique() if settings.groups else None,
        "bigram_types": len(tally.bigrams),
        "definitions": settings.describe(),
    }
    return Counts(norm_table, group_table, bigram_table, articles, failures, provenance)


#: The columns of `Counts.groups` and their types.
GROUP_COLUMNS = {"group": object, "label": object, "category": object, "count": np.int64,
                 "documents": np.int64, "forms": np.int64}


def _group_table(tally: Tally, categories: list[str], rank: np.ndarray):
    """`Counts.groups` of a tally: ``CliticGrouper(vocabulary)`` keys, one row per key
    and category, labelled by the key's most frequent member (``rank``: each form's
    place in sorted order)."""
    import pandas as pd

    norms, size = tally.norms, len(tally.norms)
    if not size:
        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in GROUP_COLUMNS.items()})
    grouper = _study_grouper(norms)
    key_of_norm, keys = pd.factorize(np.array(list(map(grouper, norms)), dtype=object), sort=True)
    del grouper  # its sets and caches (a few hundred thousand entries each) are done with
    # A group's label: its most frequent member (ties: the shortest, then alphabetical),
    # over every category, as annotate() labels it.
    lengths = np.fromiter(map(len, norms), np.int64, size)
    by_key = np.lexsort((rank, lengths, -tally.count, key_of_norm))
    firsts = by_key[np.flatnonzero(np.diff(key_of_norm[by_key], prepend=-1))]
    label = np.empty(len(keys), np.int64)
    label[key_of_norm[firsts]] = firsts
    # cells: (key, category); keys are numbered in sorted order, categories too
    category_of_norm, category_names = pd.factorize(np.array(categories, dtype=object), sort=True)
    cells, cell_of_norm = np.unique(key_of_norm * len(category_names) + category_of_norm, return_inverse=True)
    n_cells = len(cells)
    cell_count = np.bincount(cell_of_norm, weights=tally.count, minlength=n_cells).astype(np.int64)
    cell_forms = np.bincount(cell_of_norm, minlength=n_cells).astype(np.int64)
    cell_documents = _documents(tally.article_words, tally.article_sizes, cell_of_norm, n_cells)
    # by count (descending), then key, then category: cells are numbered in that order
    order = np.lexsort((np.arange(n_cells), -cell_count))
    cell_key = cells[order] // len(category_names)
    return pd.DataFrame({
        "group": keys[cell_key],
        "label": np.array(norms, dtype=object)[label[cell_key]],
        "category": category_names[cells[order] % len(category_names)],
        "count": cell_count[order],
        "documents": cell_documents[order],
        "forms": cell_forms[order],
    })


def _documents(words: np.ndarray, sizes: np.ndarray, cell_of_word: np.ndarray, n_cells: int,
               block: int = 1 << 20) -> np.ndarray:
    """How many articles hold each cell: ``words`` lists each article's distinct word
    ids, one run of ``sizes[i]`` per article; a cell counts once per article however
    many of its words the article holds. Done a block of about ``block`` words at a
    time, so the working arrays stay a few MB whatever the corpus."""
    documents = np.zeros(n_cells, np.int64)
    ends = np.cumsum(sizes, dtype=np.int64)
    first_article = 0
    while first_article < len(sizes):
        start = int(ends[first_article - 1]) if first_article else 0
        last = max(int(np.searchsorted(ends, start + block, side="right")), first_article + 1)
        end = int(ends[last - 1])
        article_of = np.repeat(np.arange(last - first_article, dtype=np.int64), sizes[first_article:last])
        pairs = _unique(article_of * n_cells + cell_of_word[words[start:end]])
        documents += np.bincount(pairs % n_cells, minlength=n_cells)
        first_article = last
    return documents


def _bigram_table(tally: Tally, rank: np.ndarray, bigram_min_count: int):
    """`Counts.bigrams` of a tally: those counted at least ``bigram_min_count`` times,
    by count, then by the rank of the first word and of the second."""
    import pandas as pd

    norms = tally.norms
    kept = tally.bigram_count >= bigram_min_count
    first, second = tally.bigrams[kept] >> 32, tally.bigrams[kept] & 0xFFFFFFFF
    order = np.lexsort((rank[second], rank[first], -tally.bigram_count[kept]))
    return pd.DataFrame({
        "bigram": [f"{norms[a]} {norms[b]}" for a, b in zip(first[order].tolist(), second[order].tolist())],
        "count": tally.bigram_count[kept][order],
        "documents": tally.bigram_documents[kept][order],
    })


# --- running it: one process, several processes, or Dask --------------------------------


def _chunks(items: Iterable, size: int) -> Iterator[tuple[int, list]]:
    """``(position of the first, chunk)`` for chunks of ``size`` items."""
    iterator = iter(items)
    first = 0
    while chunk := list(itertools.islice(iterator, size)):
        yield first, chunk
        first += len(chunk)


def _progress(progress: bool | None, description: str):
    """A tqdm bar counting articles (``tqdm.auto``: a widget in a notebook, text in a
    terminal); ``progress=None`` shows it on a terminal or in a notebook only, ``False``
    never (tests, logs)."""
    from tqdm.auto import tqdm

    if progress is None:
        progress = sys.stderr.isatty() or _in_notebook()
    return tqdm(desc=description, unit=" articles", disable=not progress, leave=False, mininterval=0.5)


def _in_notebook() -> bool:
    """True inside a Jupyter kernel (whose output is no terminal, yet shows a bar)."""
    shell = sys.modules.get("IPython")
    try:
        return bool(shell) and type(shell.get_ipython()).__name__ == "ZMQInteractiveShell"
    except Exception:  # noqa: BLE001 - no IPython, or no shell: not a notebook
        return False


def _worker(source, setup, tasks, results) -> None:
    """A worker process: take the `Settings` from ``setup``, then count chunks from
    ``tasks`` into one tally until ``None``; put the tally (or the error) in ``results``."""
    try:
        settings, patterns = setup.get()
        accumulator = _Accumulator(_vocabulary(settings, patterns))
        while (task := tasks.get()) is not None:
            first, chunk = task
            accumulator.add(_prepared(source, chunk, first, accumulator))
        tally = accumulator.tally()
        del accumulator
        _VOCABULARIES.clear()  # every surface form seen: freed before the tally is sent
        results.put(("tally", tally))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        results.put(("error", traceback.format_exc()))
        sys.exit(1)  # a non-zero exit is what the parent watches for (`_check_workers`)


def _count_in_processes(source, settings: Settings, workers: int, chunk_size: int, bar) -> Tally:
    """This process reads the source and counts beside ``workers - 1`` worker
    processes: each chunk of members goes to a short queue (one chunk waiting per
    worker) when there is room, and is counted here when there is none. So every core
    counts, the reader's included, none waits for the reader, and no core holds an idle
    process's memory. Each process counts into its own tally; the tallies are merged."""
    context = multiprocessing.get_context("spawn")
    tasks = context.Queue(maxsize=workers - 1)
    results = context.Queue()
    processes, setups = [], []
    for _ in range(workers - 1):
        # The settings (7,000 stop words) go through a queue, not the process arguments:
        # those are written to a pipe that blocks this reader until the child has started.
        setups.append(context.Queue())
        processes.append(context.Process(target=_worker, args=(source, setups[-1], tasks, results), daemon=True))
    for process in processes:
        process.start()
    # The patterns are built once, here (half a second), while the workers start.
    patterns = _study_patterns()
    for setup in setups:
        setup.put((settings, patterns))
    here = _Accumulator(_vocabulary(settings, patterns))
    tallies = []
    try:
        for first, chunk in _chunks(source.members(), chunk_size):
            try:
                tasks.put_nowait((first, chunk))
            except queue.Full:
                _check_workers(processes, results)
                here.add(_prepared(source, chunk, first, here))
            bar.update(len(chunk))
        for _ in processes:
            _put(tasks, None, processes, results)
        tallies.append(here.tally())
        del here
        _VOCABULARIES.clear()  # every surface form seen here: not needed by the merge
        while len(tallies) < workers:
            kind, payload = _get(results, processes)
            if kind == "error":
                raise RuntimeError(f"a counting worker failed:\n{payload}")
            tallies.append(payload)
    finally:
        # Do not wait at exit for chunks no worker will take (after an error).
        tasks.cancel_join_thread()
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
    return merge_tallies(tallies)


def _put(tasks, item, processes, results) -> None:
    while True:
        try:
            tasks.put(item, timeout=1)
            return
        except queue.Full:
            _check_workers(processes, results)


def _get(results, processes):
    while True:
        try:
            return results.get(timeout=1)
        except queue.Empty:
            _check_workers(processes, results)


def _check_workers(processes, results) -> None:
    for process in processes:
        if process.exitcode not in (None, 0):
            try:
                kind, payload = results.get_nowait()
            except queue.Empty:
                payload = f"exit code {process.exitcode}"
            raise RuntimeError(f"a counting worker died: {payload}")


def _count_on_dask(source, settings: Settings, scheduler, chunk_size: int, bar) -> Tally:
    """Partitions of ``chunk_size`` members, read here and mapped by `count_chunk` on
    the Dask cluster at ``scheduler`` (an address or a `distributed.Client`), at most
    a few per worker thread in flight; the tallies are merged as they come back, in
    batches, and the result does not depend on their order."""
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        threads = max(sum(client.nthreads().values()), 1)
        in_flight = as_completed()
        settings_future = client.scatter(settings, broadcast=True)
        source_future = client.scatter(source, broadcast=True)
        done: list[Tally] = []
        merged: list[Tally] = []
        for first, chunk in _chunks(source.members(), chunk_size):
            future = client.submit(count_chunk, source_future, chunk, settings_future, first, pure=False)
            in_flight.add(future)
            bar.update(len(chunk))
            while in_flight.count() >= 2 * threads:
                done.append(next(in_flight).result())
                if len(done) >= 16:  # merge in batches: memory stays near the vocabulary
                    merged = [merge_tallies(merged + done)]
                    done = []
        for future in in_flight:
            done.append(future.result())
        return merge_tallies(merged + done) if merged or done else Tally()
    finally:
        if client is not scheduler:
            client.close()


#: Cores from which the count runs in several processes (this one reading and counting,
#: one worker per other core); below, in this process alone. Measured on the ANT archive
#: (words normalised and counted; `benchmarks/run.py`, README "Benchmark").
POOL_MIN_CORES = 2


def _default_workers() -> int:
    """Every core, from `POOL_MIN_CORES` on; else 1 (count in this process)."""
    cores = os.cpu_count() or 1
    return cores if cores >= POOL_MIN_CORES else 1


def count_corpus(
    source=None,
    *,
    bigrams: bool = True,
    groups: bool = True,
    workers: int | None = None,
    scheduler=None,
    chunk_size: int = CHUNK_ARTICLES,
    progress: bool | None = None,
    settings: Settings | None = None,
    bigram_min_count: int = 1,
) -> Counts:
    """Count a corpus, one article at a time; return `Counts`.

    ``source``: a source of `arabic_media.corpus.sources` (`ManifestFolder`,
    `TextFolder`, `TrecArchive`) or a path (`open_source`); default the study's corpus
    folder. ``bigrams``: count bigrams too. ``groups``: the grouped table too
    (`CliticGrouper` over the vocabulary; ``False`` leaves ``Counts.groups`` empty and
    keeps no per-article word lists). ``workers``: processes that count, this one
    included (default: one per core on a machine of `POOL_MIN_CORES` cores or more,
    else ``1``: this process alone). ``scheduler``: a Dask
    scheduler address (``tcp://host:8786``) or a `distributed.Client`: the chunks are
    then counted on that cluster, which must be able to import this package.
    ``progress``: the tqdm bar (``None``: only on a terminal). ``bigram_min_count``:
    the least count of a bigram in the table (`finish`). The result is the same
    whichever way it runs; articles are listed in reading order.
    """
    from arabic_media.corpus.sources import ManifestFolder, open_source

    if source is None:
        source = ManifestFolder()
    elif isinstance(source, (str, Path)):
        source = open_source(source)
    settings = settings or study_settings(bigrams=bigrams, groups=groups)
    workers = workers or _default_workers()
    with _progress(progress, "counting") as bar:
        if scheduler is not None:
            tally = _count_on_dask(source, settings, scheduler, chunk_size, bar)
        elif workers == 1:
            accumulator = _Accumulator(_vocabulary(settings))
            for first, chunk in _chunks(source.members(), chunk_size):
                accumulator.add(_prepared(source, chunk, first, accumulator))
                bar.update(len(chunk))
            tally = accumulator.tally()
            del accumulator
            _VOCABULARIES.clear()  # every surface form seen: not needed by finish
        else:
            tally = _count_in_processes(source, settings, workers, chunk_size, bar)
    return finish(tally, settings, source.describe(), bigram_min_count=bigram_min_count)
