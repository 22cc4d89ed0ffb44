"""The study's token categories, and `categorize`, its one rule for a word's category
(`arabic_media.terms` re-exports it, and `terms.annotate` applies it to the loader's
tokens).

The category names are defined here once: `WORD_CATEGORIES` (a word token's),
`CATEGORIES` (every value of the ``category`` column `terms.annotate` adds), and
`NGRAM_EDGE_EXCLUDE` (the categories an n-gram may not start or end with). The corpus
count (`arabic_media.counting`) and `terms` both use these.

A module of its own, outside `arabic_media.terms`, because it needs no pandas: the
corpus count applies it in processes that do not import pandas
(`arabic_media.counting.vocabulary`).
"""

from __future__ import annotations

__all__ = ["CATEGORIES", "NGRAM_EDGE_EXCLUDE", "WORD_CATEGORIES", "categorize"]

#: A word token's categories, in the order tables list them.
WORD_CATEGORIES = ("content", "stopword", "reporting_verb", "attribution")
#: Every value of the ``category`` column `terms.annotate` adds: a word's, or the kind
#: of a token that is no word.
CATEGORIES = (*WORD_CATEGORIES, "number", "punct")
#: Categories a content n-gram (a bigram of the corpus count) may not start or end with.
NGRAM_EDGE_EXCLUDE = ("stopword", "reporting_verb", "attribution")


def categorize(norm: str, stopwords: frozenset[str], reporting: dict[str, str]) -> str:
    """The category of a word token, from its normalised form.

    The one rule for categories: `annotate` and the corpus-scale counter both use it.
    A reporting form is never a stop word: reporting verbs and the attribution word
    are counted under their own categories, which the attribution analysis needs.

    Parameters
    ----------
    norm : str
        The token's normalised form (`arabic_media.text.normalize`).
    stopwords : frozenset of str
        The stop words, normalised.
    reporting : dict of str to str
        Normalised form -> ``reporting_verb`` or ``attribution``.

    Returns
    -------
    str
        Its ``reporting`` category when listed there, else ``stopword`` when in
        ``stopwords``, else ``content`` (one of `WORD_CATEGORIES`).
    """
    if norm in reporting:
        return reporting[norm]
    return "stopword" if norm in stopwords else "content"
