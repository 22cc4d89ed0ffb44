"""Each token's category and group: the step every term count starts from.

`annotate` adds to the loader's ``tokens`` table:

``category``
    ``content``, ``stopword``, ``reporting_verb``, ``attribution`` (word tokens),
    ``number`` or ``punct``. Reporting verbs (``قال``, ``وذكرت``, ``أكدوا`` ...) and the
    attribution word ``الصحيفة`` are *not* stop words: they are counted under their own
    categories, because the attribution analysis needs them.
``group_key``
    The word's group key: ``grouper(norm)``, a function of the word and of the
    grouper's stated vocabulary (`arabic_media.terms.grouping.CliticGrouper`), so two
    corpora grouped with the same grouper can be joined on it.
``group``
    The group's label for reading: its most frequent normalised member in the
    annotated tokens (``شركات`` for the key ``شركة``). A label depends on the tokens
    it was counted on; join on ``group_key``, show ``group``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from arabic_media.categories import CATEGORIES, NGRAM_EDGE_EXCLUDE, categorize
from arabic_media.lexicons import load_reporting_terms, load_stopwords
from arabic_media.terms.grouping import CliticGrouper

__all__ = ["CATEGORIES", "CONTENT", "REPORTING", "FORMS", "NGRAM_EDGE_EXCLUDE", "annotate", "categorize"]





#: The categories counted as content terms by default.
CONTENT = ("content",)


#: The categories of the attribution analysis, counted and shown apart.
REPORTING = ("reporting_verb", "attribution")


#: The three forms a term can be counted in.
FORMS = ("surface", "norm", "group")




def annotate(
    tokens: pd.DataFrame,
    *,
    stopwords: Iterable[str] | None = None,
    reporting: pd.DataFrame | None = None,
    grouper: Callable[[str], str] | None = None,
) -> pd.DataFrame:
    """Return a copy of the loader's ``tokens`` with ``category``, ``group_key`` and ``group``.

    The word lists are matched on the ``norm`` column; a form in the reporting list is
    never a stop word (`categorize`).

    Parameters
    ----------
    tokens : DataFrame
        The loader's ``tokens`` table (`arabic_media.corpus.Corpus.tokens`).
    stopwords : iterable of str, optional
        Normalised stop words (default `load_stopwords`).
    reporting : DataFrame, optional
        ``norm, category`` of the reporting verbs and attribution words (default
        `load_reporting_terms`).
    grouper : callable, optional
        Maps a norm to a group key (default: a `CliticGrouper` built on the word norms
        of ``tokens``).

    Returns
    -------
    DataFrame
        ``tokens`` with ``category`` (one of `CATEGORIES`), ``group`` and
        ``group_key`` added. ``group_key`` is the grouper's key; ``group`` is the
        key's label: its most frequent member norm in ``tokens`` (ties: the shortest,
        then alphabetical). Numbers and punctuation get their kind as category and
        their norm as group and group key.
    """
    stop = frozenset(load_stopwords() if stopwords is None else stopwords)
    reporting = load_reporting_terms() if reporting is None else reporting
    report_category = dict(zip(reporting["norm"], reporting["category"]))
    out = tokens.copy()
    is_word = (out["kind"] == "word").to_numpy()
    if grouper is None:
        grouper = CliticGrouper(out.loc[is_word, "norm"])
    norms = out["norm"].tolist()
    out["category"] = [
        categorize(n, stop, report_category) if w else k for n, w, k in zip(norms, is_word, out["kind"])
    ]
    keys = pd.Series([grouper(n) if w else n for n, w in zip(norms, is_word)], index=out.index)
    counts = out.assign(_key=keys).groupby(["_key", "norm"]).size().reset_index(name="n")
    counts["len"] = counts["norm"].str.len()
    counts = counts.sort_values(["_key", "n", "len", "norm"], ascending=[True, False, True, True])
    label = counts.drop_duplicates("_key").set_index("_key")["norm"]
    out["group"] = keys.map(label)
    out["group_key"] = keys
    return out
