"""`categorize`, the study's one rule for a word's category (`arabic_media.terms`
re-exports it, and `terms.annotate` applies it to the loader's tokens).

A module of its own, outside `arabic_media.terms`, because it needs no pandas: the
corpus count applies it in processes that do not import pandas
(`arabic_media.counting.vocabulary`).
"""

from __future__ import annotations

__all__ = ["categorize"]


def categorize(norm: str, stopwords: frozenset[str], reporting: dict[str, str]) -> str:
    """The category of a word token from its normalised form: its ``reporting`` category
    (``reporting_verb`` or ``attribution``) when listed there, else ``stopword`` when in
    ``stopwords``, else ``content``. A reporting form is never a stop word. The one rule
    for categories: `annotate` and the corpus-scale counter both use it."""
    if norm in reporting:
        return reporting[norm]
    return "stopword" if norm in stopwords else "content"
