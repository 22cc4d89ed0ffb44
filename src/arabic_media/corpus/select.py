"""A part of a loaded corpus: some of its articles, with every table cut to them."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = ["select_articles"]


def _cut(table: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    part = table[table["article_id"].isin(ids)].reset_index(drop=True)
    if isinstance(part["article_id"].dtype, pd.CategoricalDtype):
        part["article_id"] = part["article_id"].cat.remove_unused_categories()
    return part


def select_articles(corpus, article_ids: str | Iterable[str]):
    """The articles ``article_ids`` of ``corpus`` alone, as a `Corpus` of their own.

    Every table keeps the rows of those articles, in the corpus's order, with fresh
    indexes; ``article_id`` keeps only their categories. What an analysis finds in the
    result does not depend on which other articles the corpus holds, which is how the
    notebooks report the study's article.

    Parameters
    ----------
    corpus : Corpus
        A loaded corpus.
    article_ids : str or iterable of str
        One id, or several.

    Returns
    -------
    Corpus

    Raises
    ------
    KeyError
        Naming the ids the corpus does not have.
    """
    from arabic_media.corpus.load import Corpus

    ids = [article_ids] if isinstance(article_ids, str) else list(article_ids)
    missing = sorted(set(ids) - set(corpus.articles["article_id"].astype(str)))
    if missing:
        raise KeyError(f"the corpus has no article {missing}; its articles are "
                       f"{sorted(corpus.articles['article_id'].astype(str))}")
    return Corpus(corpus.root, _cut(corpus.articles, ids), _cut(corpus.sentences, ids), _cut(corpus.tokens, ids))
