"""From a merged `Tally` to the tables of `Counts`: categories, the grouping on the
whole vocabulary, labels, document frequencies, bigrams, articles and failures."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from arabic_media.corpus.errors import CorpusWarning
from arabic_media.counting.tally import ARTICLE_COLUMNS, Tally, _unique, settings_difference
from arabic_media.counting.vocabulary import Settings, _categories, _study_grouper


# --- from a merged tally to tables -----------------------------------------------------


@dataclass
class Counts:
    """The counts of a source: frequency tables, articles, failures, provenance.

    The three frequency tables are each sorted by count (descending), then term;
    ``documents`` is the number of articles holding the term.

    Attributes
    ----------
    norms : DataFrame
        ``term, category, count, documents``: one row per normalised word form.
    groups : DataFrame
        ``group, label, category, count, documents, forms`` (`GROUP_COLUMNS`): one row
        per group key and category. The key is ``CliticGrouper(vocabulary)(norm)``,
        ``label`` the group's most frequent member as `annotate` shows it, ``forms``
        how many normalised forms it holds. Empty when groups were not counted.
    bigrams : DataFrame
        ``bigram, count, documents``: the two normalised words joined by a space, in
        reading order.
    articles : DataFrame
        One row per article read (`ARTICLE_COLUMNS`), in reading order.
    failures : DataFrame
        ``source, reason, detail`` for each article refused.
    provenance : dict
        What was counted, how, and the totals (strings and numbers).
    """

    norms: object
    groups: object
    bigrams: object
    articles: object
    failures: object
    provenance: dict


def tally_tables(tally: Tally, settings: Settings, source_description: dict | None = None, *,
                 bigram_min_count: int = 1, consume: bool = False) -> Counts:
    """The tables of `Counts` from a merged `Tally`.

    Categories, the grouping on the whole vocabulary (the normalised word types of the
    tally; none with ``settings.groups`` false), labels and document frequencies,
    bigrams, articles, failures and provenance.

    The numbers are worked out with numpy first and pandas is imported last, for the
    tables alone: pandas and pyarrow take about 70 MB, which then come on top of the
    tally's arrays, not of the grouper's sets and the per-article word lists.

    Parameters
    ----------
    tally : Tally
        The merged tally of a source.
    settings : Settings
        The settings it was counted with.
    source_description : dict, optional
        What was counted (`describe` of the source), for the provenance.
    bigram_min_count : int, default 1
        Bigrams counted fewer times are left out of the table (they are most of the
        distinct bigrams; ``provenance["bigram_types"]`` counts them all).
    consume : bool, default False
        The tally is the caller's to give away (`count_corpus`): its per-article word
        lists are dropped once the groups are counted.

    Returns
    -------
    Counts
        The tables and the provenance.

    Raises
    ------
    ValueError
        The tally was counted with other settings than ``settings`` (naming the
        difference).

    Warns
    -----
    CorpusWarning
        Articles that share an id, naming both members of each.
    """
    if tally.counted_with is not None and tally.counted_with != settings.fingerprint:
        raise ValueError("the tally was counted with other settings than those given for its tables: "
                         f"{settings_difference(tally.counted_with, settings.fingerprint)}")
    norms = tally.norms
    size = len(norms)
    categories = _categories(norms, settings)
    # Sorting by term: rank the forms once; a bigram sorts as its pair of ranks, which
    # is the order of the joined string (a space sorts before any word character).
    rank = _ranks(norms)
    order = np.lexsort((rank, -tally.count))
    groups = _group_columns(tally, categories, rank) if settings.groups and size else None
    if consume:
        tally.article_words = tally.article_sizes = np.zeros(0, np.int32)
    bigrams = _bigram_columns(tally, rank, bigram_min_count)
    del rank

    # pandas comes in from here on (`_frame`, `failures_table`)
    from arabic_media.corpus.sources import count_reasons, duplicate_id_message, duplicate_ids, failures_table

    norm_table = _frame({
        "term": [norms[i] for i in order.tolist()],
        "category": [categories[i] for i in order.tolist()],
        "count": tally.count[order],
        "documents": tally.documents[order],
    })
    del categories, order
    if groups is None:
        group_table = _frame({name: [] if dtype is str else np.zeros(0, dtype) for name, dtype in GROUP_COLUMNS.items()})
    else:
        group_table = _frame(groups)
    del groups
    bigram_table = _frame(bigrams)
    del bigrams

    # rows in reading order (each starts with its position in the source), built once
    rows = [row[1:] for row in sorted(tally.articles)]
    repeated = duplicate_ids([row[0] for row in rows], [row[1] for row in rows])
    if repeated:  # two members of one id: a table keyed by article_id would merge them
        warnings.warn(duplicate_id_message(repeated), CorpusWarning, stacklevel=2)
    columns = list(zip(*rows)) or [()] * len(ARTICLE_COLUMNS)
    articles = _frame({name: np.array(column, np.int64) if name in ARTICLE_NUMBERS else list(column)
                       for name, column in zip(ARTICLE_COLUMNS, columns)})
    del rows, columns
    refused = [failure for _, failure in sorted(tally.failures, key=lambda pair: pair[0])]
    failures = failures_table(refused)
    provenance = {
        "source": dict(source_description or {}),
        "articles_read": len(articles),
        "articles_refused": len(failures),
        "refused_by_reason": count_reasons(refused),
        "decoding_warnings": len(tally.warnings),
        "duplicate_article_ids": len(repeated),
        "tokens": int(articles["tokens"].sum()) if len(articles) else 0,
        "words": int(articles["words"].sum()) if len(articles) else 0,
        "running_tokens": int(articles["running_tokens"].sum()) if len(articles) else 0,
        "word_types_normalised": size,
        "groups": group_table["group"].nunique() if settings.groups else None,
        "bigram_types": len(tally.bigrams) if tally.bigram_types is None else tally.bigram_types,
        "definitions": settings.describe(),
    }
    return Counts(norm_table, group_table, bigram_table, articles, failures, provenance)


#: The most bytes `_ranks` sorts with numpy; more (some very long forms), in Python.
RANK_BYTES = 64 << 20


def _ranks(norms: list[str]) -> np.ndarray:
    """Each of the distinct ``norms``' place in sorted order (of code points, as Python
    sorts strings). Sorted by numpy as UTF-8 bytes, which keep that order (0.1 s
    instead of 0.2 s for 200,000 forms), when the fixed-width array takes at most
    `RANK_BYTES` and no form holds a NUL (numpy drops trailing NULs); else by Python."""
    size = len(norms)
    encoded = [norm.encode("utf-8", "surrogatepass") for norm in norms]
    width = max(map(len, encoded), default=0)
    if size * width <= RANK_BYTES and not any(b"\0" in form for form in encoded):
        order = np.argsort(np.array(encoded, f"S{max(width, 1)}"), kind="stable")
    else:
        order = sorted(range(size), key=norms.__getitem__)
    rank = np.empty(size, np.int64)
    rank[order] = np.arange(size)
    return rank


def _frame(columns: dict):
    """A DataFrame of ``columns``: lists of strings, and numpy arrays. A list of strings
    goes to pandas as an Arrow array, which pandas takes as its ``str`` column as it is
    (from a list, pandas checks each value again: 0.14 s instead of 0.04 s for 200,000
    words); a value that is not a string raises."""
    import pandas as pd
    import pyarrow as pa

    return pd.DataFrame({name: pd.Series(pa.array(values, pa.large_string()), dtype="str")
                         if isinstance(values, list) else values for name, values in columns.items()})


#: The columns of `Counts.groups` and their types (`str`: pandas' string type).
GROUP_COLUMNS = {"group": str, "label": str, "category": str, "count": np.int64,
                 "documents": np.int64, "forms": np.int64}
#: The columns of `Counts.articles` that are numbers (the others are strings).
ARTICLE_NUMBERS = ("tokens", "words", "running_tokens")


def _numbered(values: list[str]) -> tuple[np.ndarray, list[str]]:
    """Each value's number among the distinct ``values`` in sorted order, and those
    (`pandas.factorize` with ``sort=True``, without pandas)."""
    distinct = sorted(set(values))
    number = dict(zip(distinct, range(len(distinct))))
    return np.fromiter(map(number.__getitem__, values), np.int64, len(values)), distinct


def _group_columns(tally: Tally, categories: list[str], rank: np.ndarray) -> dict:
    """The columns of `Counts.groups` for a tally of one form or more:
    ``CliticGrouper(vocabulary)`` keys, one row per key and category, labelled by the
    key's most frequent member (``rank``: each form's place in sorted order)."""
    norms, size = tally.norms, len(tally.norms)
    grouper = _study_grouper(norms)
    key_of_norm, keys = _numbered(grouper.keys(norms))
    del grouper  # its sets and caches (a few hundred thousand entries each) are done with
    # A group's label: its most frequent member (ties: the shortest, then alphabetical),
    # over every category, as annotate() labels it.
    lengths = np.fromiter(map(len, norms), np.int64, size)
    by_key = np.lexsort((rank, lengths, -tally.count, key_of_norm))
    firsts = by_key[np.flatnonzero(np.diff(key_of_norm[by_key], prepend=-1))]
    label = np.empty(len(keys), np.int64)
    label[key_of_norm[firsts]] = firsts
    # cells: (key, category); keys are numbered in sorted order, categories too
    category_of_norm, category_names = _numbered(categories)
    cells, cell_of_norm = np.unique(key_of_norm * len(category_names) + category_of_norm, return_inverse=True)
    n_cells = len(cells)
    cell_count = np.bincount(cell_of_norm, weights=tally.count, minlength=n_cells).astype(np.int64)
    cell_forms = np.bincount(cell_of_norm, minlength=n_cells).astype(np.int64)
    cell_documents = _documents(tally.article_words, tally.article_sizes, cell_of_norm, n_cells)
    # by count (descending), then key, then category: cells are numbered in that order
    order = np.lexsort((np.arange(n_cells), -cell_count))
    cell_key = (cells[order] // len(category_names)).tolist()
    return {
        "group": [keys[k] for k in cell_key],
        "label": [norms[i] for i in label[cell_key].tolist()],
        "category": [category_names[c] for c in (cells[order] % len(category_names)).tolist()],
        "count": cell_count[order],
        "documents": cell_documents[order],
        "forms": cell_forms[order],
    }


def _documents(words: np.ndarray, sizes: np.ndarray, cell_of_word: np.ndarray, n_cells: int,
               block: int = 1 << 18) -> np.ndarray:
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


def _bigram_columns(tally: Tally, rank: np.ndarray, bigram_min_count: int) -> dict:
    """The columns of `Counts.bigrams` for a tally: the bigrams counted at least
    ``bigram_min_count`` times, by count, then by the rank of the first word and of the
    second."""
    norms = tally.norms
    kept = tally.bigram_count >= bigram_min_count
    first, second = tally.bigrams[kept] >> 32, tally.bigrams[kept] & 0xFFFFFFFF
    order = np.lexsort((rank[second], rank[first], -tally.bigram_count[kept]))
    return {
        "bigram": [f"{norms[a]} {norms[b]}" for a, b in zip(first[order].tolist(), second[order].tolist())],
        "count": tally.bigram_count[kept][order],
        "documents": tally.bigram_documents[kept][order],
    }
