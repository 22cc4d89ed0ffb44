"""Counting chunks of articles into a `Tally` (numbers keyed by normalised form), and
merging tallies: the one per-chunk function every way of running maps (`count_chunk`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from arabic_media.counting.memory import release_memory
from arabic_media.counting.vocabulary import _BREAK, _NUMBER, Settings, _Vocabulary, _vocabulary

# --- the tally: mergeable counts keyed by normalised form ------------------------------


@dataclass
class Tally:
    """Counts of some articles, keyed by normalised form; `merge_tallies` adds two.

    Positions (in ``articles`` and ``failures``) put articles back in reading order,
    whichever process counted them.

    Attributes
    ----------
    norms : list of str
        The normalised word forms (position = id).
    count, documents : numpy.ndarray
        Per id: occurrences, and articles holding the form.
    article_words, article_sizes : numpy.ndarray
        Each article's distinct word ids, one run of ``article_sizes[i]`` per article
        (for the grouped forms' document frequencies, which need the whole
        vocabulary).
    bigrams : numpy.ndarray
        Codes ``first_id << 32 | second_id``, distinct and sorted.
    bigram_count, bigram_documents : numpy.ndarray
        Per bigram: occurrences, and articles holding it.
    articles : list of tuple
        Per-article rows: the position in the source, then `ARTICLE_COLUMNS`.
    failures : list of tuple
        ``(position, Failure)`` per article refused.
    warnings : list of tuple of (str, str)
        ``(source, message)`` from decoding.
    bigram_types : int, optional
        Distinct bigrams counted, when the arrays hold only the frequent ones
        (`keep_frequent_bigrams`); None: the arrays hold them all.
    counted_with : tuple of tuple of (str, str), optional
        The settings counted with (`Settings.fingerprint`); None: a tally made by
        hand. Tallies of different settings are not merged (`merge_tallies`).
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
    #: Distinct bigrams counted, when the arrays hold only the frequent ones
    #: (`keep_frequent_bigrams`); None: the arrays hold them all.
    bigram_types: int | None = None
    #: The settings counted with (`Settings.fingerprint`); None: a tally made by hand.
    #: Tallies of different settings are not merged (`merge_tallies`).
    counted_with: tuple[tuple[str, str], ...] | None = None


def keep_frequent_bigrams(tally: Tally, min_count: int) -> Tally:
    """``tally`` with only the bigrams counted at least ``min_count`` times.

    For the end of a count, before `tally_tables`: a cut tally cannot be merged any
    more.

    Parameters
    ----------
    tally : Tally
        A tally not cut yet.
    min_count : int
        The least count of a bigram kept.

    Returns
    -------
    Tally
        A new `Tally` sharing the rest, ``bigram_types`` keeping the number before
        the cut; ``tally`` itself when ``min_count`` is 1 or less or it was cut
        already.
    """
    if min_count <= 1 or tally.bigram_types is not None:
        return tally
    kept = tally.bigram_count >= min_count
    return dataclasses.replace(tally, bigrams=tally.bigrams[kept], bigram_count=tally.bigram_count[kept],
                               bigram_documents=tally.bigram_documents[kept], bigram_types=len(tally.bigrams))


#: A bigram's count and document frequency, packed in one int64 while a process counts
#: (``count << _PACK | documents``): the two add as one, and the tables take 16 bytes a
#: bigram instead of 24. Each stays below 2**31 while a process has counted fewer
#: bigrams than `_PACK_LIMIT` (the accumulator refuses more).
_PACK = 32
_PACK_MASK = (1 << _PACK) - 1
_PACK_LIMIT = 1 << 31

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
        # Sorted tables of bigram codes, each with its count and document frequency
        # packed in one int64 (`_PACK`); the first is the merged table, the rest wait
        self.bigram_parts: list[tuple[np.ndarray, np.ndarray]] = []
        self.edge = np.zeros(3, bool)
        self.bigram_pending = 0
        self.bigram_merged = 0
        self.bigram_tokens = 0
        self.articles: list[tuple] = []
        self.failures: list = []
        self.warnings: list[tuple[str, str]] = []

    def add(self, numbered: list) -> None:
        """Count ``numbered`` articles: ``(position in the source, Article)`` pairs."""
        vocab = self.vocab
        if not numbered:
            return
        for _, item in numbered:
            if item.warnings:
                self.warnings.extend((item.source, w) for w in item.warnings)
        scanned = vocab.scan([article.text for _, article in numbered])
        token_ids = vocab.ids_of(scanned)
        article = scanned.article
        n = len(numbered)
        size = len(vocab.norms)
        if len(self.count) < size:
            self.count = np.concatenate([self.count, np.zeros(size - len(self.count), np.int64)])
            self.documents = np.concatenate([self.documents, np.zeros(size - len(self.documents), np.int64)])
        is_word = token_ids >= 0
        tokens = np.bincount(article, minlength=n)
        words = np.bincount(article[is_word], minlength=n)
        running = np.bincount(article[token_ids >= _NUMBER], minlength=n)
        for (position, item), t, w, r in zip(numbered, tokens.tolist(), words.tolist(), running.tolist()):
            self.articles.append((position, item.article_id, item.source, item.sha256, item.outlet,
                                  item.section, item.published, item.encoding, t, w, r))
        word_ids = token_ids[is_word]
        self.count += np.bincount(word_ids, minlength=size)
        pairs = _unique((article[is_word] << 32) | word_ids)
        distinct = pairs & 0xFFFFFFFF
        self.documents += np.bincount(distinct, minlength=size)
        if vocab.settings.groups:
            self.article_words.append(distinct.astype(np.int32))
            self.article_sizes.append(np.bincount(pairs >> 32, minlength=n).astype(np.int32))
        if vocab.settings.bigrams:
            # The id stream: each article's tokens in order, a `_BREAK` before a token
            # that follows a paragraph break, and a `_BREAK` closing each article.
            breaks = scanned.break_before
            slot = np.arange(len(breaks)) + np.cumsum(breaks) + article
            stream = np.full(len(breaks) + int(breaks.sum()) + n, _BREAK, np.int64)
            stream[slot] = token_ids
            per_article = tokens + np.bincount(article[breaks], minlength=n)
            self._add_bigrams(stream, np.repeat(np.arange(n), per_article + 1))

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
        self.bigram_tokens += len(codes)
        if self.bigram_tokens >= _PACK_LIMIT:
            raise OverflowError(f"more than {_PACK_LIMIT:,} bigrams counted in one process: count the source "
                                "in more processes (workers=) or on Dask (scheduler=)")
        self.bigram_parts.append((unique, (count << _PACK) | documents))
        self.bigram_pending += len(unique)
        # Merge the pending parts once they outgrow half of what is merged: the work is
        # linear in the bigrams counted, amortised (each merge copies the table once, after
        # at least half its size of new parts), and memory stays near the distinct bigrams
        # seen: the parts waiting hold at most half as many again. (Waiting for as many
        # again put the reference count's peak about 10 MB higher.)
        if self.bigram_pending > max(self.bigram_merged // 2, 1 << 16):
            self._merge_bigrams()

    def _edge_array(self) -> np.ndarray:
        """May an id start or end a bigram: indexed by id + 3 (the three negative ids
        never); grown as the vocabulary grows, not rebuilt for every chunk."""
        edge = self.vocab.edge
        if len(self.edge) < len(edge) + 3:
            self.edge = np.concatenate([self.edge, np.array(edge[len(self.edge) - 3:], bool)])
        return self.edge

    def _merge_bigrams(self) -> None:
        """The pending parts summed (they are small), then merged into the first part
        (the merged table, which is large) in one sorted pass: the merge's scratch is
        the new table and the pending parts, not a sort of all of it. A count and a
        document frequency packed in one integer add as one (neither reaches 2**31:
        `_PACK_LIMIT`)."""
        if len(self.bigram_parts) > 1:
            (codes, packed), *pending = self.bigram_parts
            pending = (_sum_by_code(*(np.concatenate(p) for p in zip(*pending))) if len(pending) > 1
                       else pending[0])
            self.bigram_parts = []
            codes, (packed,) = _merge_sorted(codes, (packed,), pending[0], pending[1:])
            self.bigram_parts = [(codes, packed)]
            del codes, packed, pending
            release_memory()  # the old table and the parts: a large share of the process
        self.bigram_merged = len(self.bigram_parts[0][0]) if self.bigram_parts else 0
        self.bigram_pending = 0

    def tally(self) -> Tally:
        """The counts so far, keyed by normalised form (ids renumbered densely). The
        accumulator's parts are handed over, not copied, where they can be: use the
        accumulator no more afterwards."""
        self._merge_bigrams()
        words = np.concatenate(self.article_words) if self.article_words else np.zeros(0, np.int32)
        sizes = np.concatenate(self.article_sizes) if self.article_sizes else np.zeros(0, np.int32)
        self.article_words, self.article_sizes = [], []
        codes, packed = self.bigram_parts[0] if self.bigram_parts else (np.zeros(0, np.int64),) * 2
        self.bigram_parts = []
        count, documents = packed >> _PACK, packed & _PACK_MASK
        del packed
        used = np.flatnonzero(self.count)
        if len(used) == len(self.count):
            # Every form learnt was counted (a form is learnt from a token, which is then
            # counted): the ids stay, and the bigram codes stay sorted.
            tally = Tally(norms=list(self.vocab.norms[:len(used)]), count=self.count, documents=self.documents,
                          article_words=words, article_sizes=sizes, bigrams=codes, bigram_count=count,
                          bigram_documents=documents)
        else:
            renumber = np.full(max(len(self.count), 1), -1, np.int32)
            renumber[used] = np.arange(len(used))
            tally = Tally(norms=[self.vocab.norms[i] for i in used.tolist()], count=self.count[used],
                          documents=self.documents[used], article_words=renumber[words], article_sizes=sizes)
            if len(codes):
                renumbered = (renumber[codes >> 32].astype(np.int64) << 32) | renumber[codes & 0xFFFFFFFF]
                order = np.argsort(renumbered, kind="stable")
                tally.bigrams, tally.bigram_count, tally.bigram_documents = (
                    renumbered[order], count[order], documents[order])
        tally.articles, tally.failures, tally.warnings = self.articles, self.failures, self.warnings
        tally.counted_with = self.vocab.settings.fingerprint
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
    """Count one chunk of a source's members: prepare, tokenize, normalise, count.

    The one per-chunk function of every way of running (one process, several
    processes, Dask). The process's vocabulary is kept across chunks, so each surface
    form is normalised once per process.

    Parameters
    ----------
    source : ManifestFolder or TextFolder or TrecArchive
        The source the members come from (its ``prepare`` decodes each).
    members : list of Member
        The chunk, as ``source.members()`` yields them.
    settings : Settings
        What to count with.
    first : int, default 0
        The first member's position in the source.

    Returns
    -------
    Tally
        The chunk's counts, its failures and decoding warnings.
    """
    accumulator = _Accumulator(_vocabulary(settings))
    accumulator.add(_prepared(source, members, first, accumulator))
    return accumulator.tally()


def merge_tallies(tallies: Iterable[Tally], *, consume: bool = False, bigram_min_count: int = 1) -> Tally:
    """One `Tally` holding the sum of ``tallies`` (articles and failures in the order given).

    Ids are renumbered over the union of their normalised forms, in order of first
    appearance: the first tally keeps its ids, so its bigram table (sorted by code)
    stays sorted, and each other tally's table is sorted and merged into it.

    Parameters
    ----------
    tallies : iterable of Tally
        Tallies counted with the same settings (or made by hand, stating none).
    consume : bool, default False
        The tallies are the caller's to give away (`count_corpus`): each one's arrays
        are dropped as soon as they are merged, which lowers the merge's peak memory;
        do not use them afterwards.
    bigram_min_count : int, default 1
        For the last merge of a count: `keep_frequent_bigrams` done in the merge (the
        same tally), without making the whole merged bigram table.

    Returns
    -------
    Tally
        The sum (the one tally itself when only one is given; an empty one for none).

    Raises
    ------
    ValueError
        Tallies counted with different settings (with and without bigrams or groups,
        other word lists: their sum would mean nothing; the message names what
        differs), a tally already cut to its frequent bigrams, a tally given twice to
        be consumed, or a tally holding a form twice.
    """
    tallies = list(tallies)
    if any(tally.bigram_types is not None for tally in tallies):
        raise ValueError("a tally whose rare bigrams were cut (keep_frequent_bigrams) cannot be merged")
    counted_with = _same_settings(tallies)
    if consume and len({id(tally) for tally in tallies}) < len(tallies):
        raise ValueError("a tally given twice cannot be consumed: its arrays would be gone the second time")
    if not tallies:
        return Tally()
    if len(tallies) == 1:
        return tallies[0]
    # each tally holds each form once (its counts are added by form); the first
    # tally's forms keep their ids
    if any(len(set(tally.norms)) != len(tally.norms) for tally in tallies):
        raise ValueError("a tally holds a normalised form twice")
    index = dict(zip(tallies[0].norms, range(len(tallies[0].norms))))
    norms = list(tallies[0].norms)
    maps = [np.arange(len(norms), dtype=np.int64)]
    for tally in tallies[1:]:
        new = [norm for norm in tally.norms if norm not in index]
        index.update(zip(new, range(len(norms), len(norms) + len(new))))
        norms += new
        maps.append(np.fromiter(map(index.__getitem__, tally.norms), np.int64, len(tally.norms)))
    del index
    empty = np.zeros(0, np.int64)
    # The bigram tables first (the largest arrays), each dropped once merged when the
    # tallies are consumed. The first tally's forms are numbered first, in their order:
    # its codes are unchanged.
    first = tallies[0]
    codes, count, documents = first.bigrams, first.bigram_count, first.bigram_documents
    if consume:
        first.bigrams = first.bigram_count = first.bigram_documents = empty
    if len(codes) > 1 and not (codes[1:] > codes[:-1]).all():  # a tally made by hand
        codes, count, documents = _sum_by_code(codes, count, documents)
    bigram_types = None
    for number, (tally, mapped) in enumerate(zip(tallies[1:], maps[1:]), start=2):
        # renumbered, the codes are no longer sorted; summed per code, they are again
        # (and a tally made by hand with a code twice is summed, not inserted twice)
        other, *other_values = _sum_by_code(
            (mapped[tally.bigrams >> 32] << 32) | mapped[tally.bigrams & 0xFFFFFFFF],
            tally.bigram_count, tally.bigram_documents)
        if consume:
            tally.bigrams = tally.bigram_count = tally.bigram_documents = empty
        if number == len(tallies) and bigram_min_count > 1:
            codes, (count, documents), bigram_types = _merge_frequent(
                codes, (count, documents), other, other_values, bigram_min_count)
        elif len(other):
            codes, (count, documents) = _merge_sorted(codes, (count, documents), other, other_values)
        del other, other_values
    size = len(norms)
    merged = Tally(norms=norms, count=np.zeros(size, np.int64), documents=np.zeros(size, np.int64),
                   bigrams=codes, bigram_count=count, bigram_documents=documents, bigram_types=bigram_types,
                   counted_with=counted_with)
    del codes, count, documents
    # the per-article word lists, written straight into one array
    merged.article_words = np.empty(sum(len(t.article_words) for t in tallies), np.int32)
    merged.article_sizes = np.concatenate([t.article_sizes for t in tallies])
    at = 0
    for tally, mapped in zip(tallies, maps):
        # a tally holds each form once, so ``mapped`` has no repeats: a plain += adds
        merged.count[mapped] += tally.count
        merged.documents[mapped] += tally.documents
        merged.article_words[at:at + len(tally.article_words)] = mapped.astype(np.int32)[tally.article_words]
        at += len(tally.article_words)
        if consume:
            tally.article_words = tally.article_sizes = np.zeros(0, np.int32)
        merged.articles += tally.articles
        merged.failures += tally.failures
        merged.warnings += tally.warnings
    return merged


def settings_difference(first: tuple[tuple[str, str], ...], second: tuple[tuple[str, str], ...]) -> str:
    """What differs between two tallies' settings (`Tally.counted_with`).

    Parameters
    ----------
    first, second : tuple of tuple of (str, str)
        Two `Settings.fingerprint` records.

    Returns
    -------
    str
        ``<name>: <first's value> in one, <second's value> in the other`` for each
        setting that differs (``not stated`` for a setting a record lacks), joined by
        ``"; "``; empty when none does.
    """
    mine, theirs = dict(first), dict(second)
    return "; ".join(f"{name}: {mine.get(name, 'not stated')} in one, {theirs.get(name, 'not stated')} in the other"
                     for name in dict.fromkeys([*mine, *theirs]) if mine.get(name) != theirs.get(name))


def _same_settings(tallies: list[Tally]) -> tuple[tuple[str, str], ...] | None:
    """The settings every tally was counted with (tallies made by hand state none);
    `ValueError` naming the difference when two differ: a tally counted without
    bigrams merged with one counted with them would halve the bigrams' share without
    a word."""
    stated = [(number, tally.counted_with) for number, tally in enumerate(tallies, start=1)
              if tally.counted_with is not None]
    for number, counted_with in stated[1:]:
        if counted_with != stated[0][1]:
            raise ValueError(f"tallies counted with different settings cannot be merged (tally {stated[0][0]} and "
                             f"tally {number}): {settings_difference(stated[0][1], counted_with)}")
    return stated[0][1] if stated else None


def _places(codes: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of ``other`` goes in the sorted ``codes``, and whether it is there."""
    at = np.searchsorted(codes, other)
    found = at < len(codes)
    found[found] = codes[at[found]] == other[found]
    return at, found


def _merge_frequent(codes: np.ndarray, values: tuple[np.ndarray, np.ndarray], other: np.ndarray,
                    other_values: tuple[np.ndarray, np.ndarray], min_count: int):
    """`_merge_sorted` of two tables of ``(count, documents)``, keeping only the codes
    whose summed count is at least ``min_count``; also returns how many distinct codes
    the sum holds. The sum is worked out where the codes are (the first table's
    places, the other's new codes), and only what is kept is put together and sorted."""
    (count, documents), (other_count, other_documents) = values, other_values
    at, found = _places(codes, other)
    total = count.copy()
    total[at[found]] += other_count[found]  # ``other`` holds each code once
    all_documents = documents.copy()
    all_documents[at[found]] += other_documents[found]
    keep = total >= min_count
    new = ~found
    keep_new = new & (other_count >= min_count)
    kept = np.concatenate([codes[keep], other[keep_new]])
    order = np.argsort(kept, kind="stable")
    kept_count = np.concatenate([total[keep], other_count[keep_new]])[order]
    kept_documents = np.concatenate([all_documents[keep], other_documents[keep_new]])[order]
    return kept[order], (kept_count, kept_documents), len(codes) + int(new.sum())


def _merge_sorted(codes: np.ndarray, values: tuple[np.ndarray, ...], other: np.ndarray,
                  other_values: tuple[np.ndarray, ...]) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """Add a table (``other``: distinct codes, sorted, and its columns ``other_values``)
    into another (the same); returns the codes and columns of the sorted sum (new
    arrays, one of each; the inputs are not changed)."""
    at, found = _places(codes, other)
    new = ~found
    at_new = at[new]
    # where each code found lands once the new ones are in (``at_new`` is sorted, and a
    # new code inserted at ``i`` goes before the code that was at ``i``)
    landed = at[found] + np.searchsorted(at_new, at[found], side="right")
    summed = []
    for column, other_column in zip(values, other_values):
        column = np.insert(column, at_new, other_column[new])
        # ``other`` holds each code once, so each place found is added to once
        column[landed] += other_column[found]
        summed.append(column)
    return np.insert(codes, at_new, other[new]), tuple(summed)
