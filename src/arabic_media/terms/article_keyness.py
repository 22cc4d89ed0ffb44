"""One article against the reference list: every comparison notebook 04 reports, each a
function (`arabic_media.terms.keyness` holds the measures and the shared key).

`load_reference` reads the shipped list once; `article_keyness` compares one article's
annotated tokens with it, terms and bigrams; the other functions read an
`ArticleKeyness` for one finding each: which reference counts belong to other words,
which terms the list does not hold, how far under-use is out of reach, what the
reference's most frequent terms do in the article, how a merged spelling changes a
term, and which frequent terms are not key.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from arabic_media.stats import g2_p_value, log_likelihood_g2, log_ratio
from arabic_media.terms.keyness import (
    G2_THRESHOLD,
    MIN_COUNT,
    OVER,
    UNDER,
    article_bigrams,
    article_forms_in_reference,
    article_terms,
    keyness,
    reference_bigrams,
    regroup_counts,
    shared_grouper,
    top_keywords,
)
from arabic_media.terms.tables import running_tokens, term_frequencies

__all__ = [
    "ReferenceList", "ArticleKeyness", "load_reference", "reference_lines", "article_keyness",
    "keyness_summary", "borrowed_counts", "absent_terms", "under_use_reach", "reference_top_terms",
    "spellings_merged", "frequent_and_key",
]


@dataclass
class ReferenceList:
    """The shipped reference list: its word forms, its bigrams and its provenance.

    Attributes
    ----------
    norms : DataFrame
        ``term, category, count, documents``: one row per normalised word form kept.
    bigrams : DataFrame
        ``bigram, count, documents``.
    provenance : dict
        The record beside them (``provenance.json``).
    """

    norms: pd.DataFrame
    bigrams: pd.DataFrame
    provenance: dict

    @property
    def running_tokens(self) -> int:
        """The denominator: every running token of the archive (not only the kept rows')."""
        return int(self.provenance["running_tokens"])


def load_reference(folder: Path | str | None = None) -> ReferenceList:
    """Read the reference list's two tables and its provenance.

    Parameters
    ----------
    folder : Path or str, optional
        Default ``corpus/reference/``.

    Returns
    -------
    ReferenceList
        The ``norms`` and ``bigrams`` tables (`arabic_media.reference.read_reference`)
        and ``provenance.json``.
    """
    from arabic_media.reference import REFERENCE_DIR, read_reference

    folder = Path(folder) if folder is not None else REFERENCE_DIR
    provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    return ReferenceList(read_reference("norms", folder), read_reference("bigrams", folder), provenance)


def reference_lines(reference: ReferenceList) -> list[str]:
    """What the reference is, in lines for a notebook to print.

    Parameters
    ----------
    reference : ReferenceList
        The loaded list (`load_reference`).

    Returns
    -------
    list of str
        Articles read and refused (by reason), running tokens, the minimum counts,
        and the rows kept (normalised forms, content words among them, bigrams).
    """
    p, norms, bigrams = reference.provenance, reference.norms, reference.bigrams
    return [
        f"articles read: {p['articles_read']:,} (refused: {p['articles_refused']}, {', '.join(p['refused_by_reason'])})",
        f"running tokens: {reference.running_tokens:,}",
        f"minimum count of a kept row: {p['min_counts']['norms.csv']} (norms), {p['min_counts']['bigrams.csv']} (bigrams)",
        f"rows kept: {len(norms):,} normalised forms ({int((norms['category'] == 'content').sum()):,} content words), "
        f"{len(bigrams):,} bigrams",
    ]


@dataclass
class ArticleKeyness:
    """One article compared with the reference.

    Attributes
    ----------
    article_id : str
        The article.
    size : int
        Its running tokens.
    reference_tokens : int
        The reference's running tokens.
    grouper : CliticGrouper
        The grouper shared by both sides (`shared_grouper`).
    counts : DataFrame
        The article's term counts (`article_terms`).
    reference_terms : DataFrame
        The reference's forms regrouped with the same grouper (`regroup_counts`).
    terms : DataFrame
        `keyness` of its content terms.
    bigrams : DataFrame
        `keyness` of its bigrams.
    own_forms : DataFrame
        `article_forms_in_reference`.
    tokens : DataFrame
        Its annotated tokens.
    """

    article_id: str
    size: int
    reference_tokens: int
    grouper: object
    counts: pd.DataFrame
    reference_terms: pd.DataFrame
    terms: pd.DataFrame
    bigrams: pd.DataFrame
    own_forms: pd.DataFrame
    tokens: pd.DataFrame


def article_keyness(tokens: pd.DataFrame, reference: ReferenceList) -> ArticleKeyness:
    """Compare one article with the reference, terms and bigrams, with one shared key.

    Parameters
    ----------
    tokens : DataFrame
        One article's annotated tokens (`annotate`).
    reference : ReferenceList
        The reference list (`load_reference`).

    Returns
    -------
    ArticleKeyness
        The terms and bigrams compared, and what the findings read from them.

    Raises
    ------
    ValueError
        When ``tokens`` hold more than one article (each is compared on its own).
    """
    ids = set(tokens["article_id"].astype(str))
    if len(ids) != 1:
        raise ValueError(f"article_keyness compares one article at a time, not {len(ids)}: {sorted(ids)[:3]}")
    size = running_tokens(tokens)
    grouper = shared_grouper(reference.norms["term"], tokens.loc[tokens["kind"] == "word", "norm"])
    regrouped = regroup_counts(reference.norms, grouper)
    counts = article_terms(tokens, grouper)
    return ArticleKeyness(
        article_id=ids.pop(), size=size, reference_tokens=reference.running_tokens, grouper=grouper,
        counts=counts, reference_terms=regrouped,
        terms=keyness(counts, regrouped, tokens_target=size, tokens_reference=reference.running_tokens),
        bigrams=keyness(article_bigrams(tokens), reference_bigrams(reference.bigrams), tokens_target=size,
                        tokens_reference=reference.running_tokens),
        own_forms=article_forms_in_reference(tokens, grouper, reference.norms), tokens=tokens,
    )


def keyness_summary(results: dict[str, ArticleKeyness]) -> pd.DataFrame:
    """One row per article: how many terms are listed, key, under-used, absent.

    Parameters
    ----------
    results : dict of str to ArticleKeyness
        Article id -> `ArticleKeyness`.

    Returns
    -------
    DataFrame
        ``article_id``, ``terms listed``, ``used at least 3 times`` (`MIN_COUNT`),
        ``over-used key``, ``under-used listed``, ``under-used key``,
        ``key, absent from the reference`` and ``bigrams key``.
    """
    rows = []
    for article_id, result in results.items():
        table = result.terms
        rows.append({
            "article_id": article_id, "terms listed": len(table),
            "used at least 3 times": int((table["count_article"] >= MIN_COUNT).sum()),
            "over-used key": int((table["key"] & (table["direction"] == OVER)).sum()),
            "under-used listed": int((table["direction"] == UNDER).sum()),
            "under-used key": int((table["key"] & (table["direction"] == UNDER)).sum()),
            "key, absent from the reference": int((table["key"] & table["absent_in_reference"]).sum()),
            "bigrams key": int(result.bigrams["key"].sum()),
        })
    return pd.DataFrame(rows)


@dataclass
class BorrowedCounts:
    """Rows whose reference count is not the article's word (`borrowed_counts`).

    Attributes
    ----------
    other_words : DataFrame
        The article's forms are not in the reference list at all: the key's count
        belongs to other words; not to be read.
    mostly_other : DataFrame
        Keywords whose reference count is mostly (more than half) other forms of the
        group.
    readable : DataFrame
        The keyness table without ``other_words``: what the figures draw.
    """

    other_words: pd.DataFrame
    mostly_other: pd.DataFrame
    readable: pd.DataFrame


def borrowed_counts(result: ArticleKeyness) -> BorrowedCounts:
    """Which reference counts belong to other words than the article's.

    A shared key can gather, on the reference side, words the article never uses (the
    grouper strips a clitic whenever the rest is a word of its large vocabulary:
    ``فلاير`` is read as ف + ل + ``اير``, the key of ``ايران``).

    Parameters
    ----------
    result : ArticleKeyness
        One article's comparison (`article_keyness`).

    Returns
    -------
    BorrowedCounts
        ``other_words`` and ``mostly_other`` have the keyness columns plus
        ``forms_article``, ``count_reference_forms`` and ``reference_label`` (the
        reference group's most frequent member); ``readable`` has the keyness columns
        alone.
    """
    checked = result.terms.merge(result.own_forms, on="term", how="left")
    labels = result.reference_terms.set_index("term")["display"]
    checked["reference_label"] = checked["term"].map(labels).fillna("")
    other = checked[(checked["count_reference_forms"] == 0) & (checked["count_reference"] > 0)]
    mostly = checked[checked["key"] & (checked["count_reference_forms"] < checked["count_reference"] / 2)]
    readable = result.terms[~result.terms["term"].isin(other["term"])]
    return BorrowedCounts(other.reset_index(drop=True), mostly.reset_index(drop=True), readable.reset_index(drop=True))


def absent_terms(result: ArticleKeyness) -> pd.DataFrame:
    """The article's terms with no form in the reference list.

    Their G2 and Log Ratio are upper bounds (the 0 taken as 0.5).

    Parameters
    ----------
    result : ArticleKeyness
        One article's comparison (`article_keyness`).

    Returns
    -------
    DataFrame
        Their keyness rows (those the article uses), by G2.
    """
    table = result.terms
    return table[table["absent_in_reference"] & (table["count_article"] > 0)].reset_index(drop=True)


def under_use_reach(result: ArticleKeyness) -> dict[str, float]:
    """How far under-use is out of reach for an article of this size.

    A term absent from the article has G2 = 2 b ln((c + d) / d) (b its reference count,
    c and d the two sizes); it reaches `G2_THRESHOLD` when b reaches the count returned
    here.

    Parameters
    ----------
    result : ArticleKeyness
        One article's comparison (`article_keyness`).

    Returns
    -------
    dict of str to float
        ``needed`` (reference occurrences), ``needed_predicted`` (what they predict in
        the article), ``top_term``, ``top_count`` and ``top_predicted`` (the reference's
        most frequent content term), ``under_listed`` and ``under_key``.
    """
    size, total = result.size, result.reference_tokens
    needed = G2_THRESHOLD / (2 * math.log((size + total) / total))
    top = result.reference_terms.iloc[0]
    under = result.terms[result.terms["direction"] == UNDER]
    return {"needed": needed, "needed_predicted": needed * size / total, "top_term": top["display"],
            "top_count": int(top["count"]), "top_predicted": int(top["count"]) * size / total,
            "under_listed": len(under), "under_key": int(under["key"].sum())}


def reference_top_terms(result: ArticleKeyness, n: int = 15) -> pd.DataFrame:
    """The reference's ``n`` most frequent content terms and what the article does with them.

    Every term is compared (``min_count=0``): description, not evidence.

    Parameters
    ----------
    result : ArticleKeyness
        One article's comparison (`article_keyness`).
    n : int, default 15
        How many terms.

    Returns
    -------
    DataFrame
        Keyness rows sorted by reference count (descending), then term.
    """
    every = keyness(result.counts, result.reference_terms, tokens_target=result.size,
                    tokens_reference=result.reference_tokens, min_count=0)
    return every.sort_values(["count_reference", "term"], ascending=[False, True]).head(n).reset_index(drop=True)


def spellings_merged(result: ArticleKeyness, term: str, other: str) -> dict[str, float]:
    """A term's keyness when the reference counts of two spellings of it are added.

    Parameters
    ----------
    result : ArticleKeyness
        One article's comparison (`article_keyness`).
    term : str
        The key the article's term has (``امريكي``).
    other : str
        The key of the other spelling (``اميركي``).

    Returns
    -------
    dict of str to float
        ``count_article``, ``count_term``, ``count_other``, ``count_both``, ``g2`` and
        ``log_ratio`` (against one spelling), ``g2_both``, ``log_ratio_both``,
        ``p_both`` and ``key_both`` (against both).

    Raises
    ------
    KeyError
        ``term`` is not one of the article's listed terms.
    """
    reference = result.reference_terms.set_index("term")["count"]
    row = result.terms.set_index("term").loc[term]
    both = int(reference.get(term, 0) + reference.get(other, 0))
    a, size, total = int(row["count_article"]), result.size, result.reference_tokens
    g2_both = float(log_likelihood_g2(a, both, size, total))
    return {"count_article": a, "count_term": int(reference.get(term, 0)), "count_other": int(reference.get(other, 0)),
            "count_both": both, "g2": float(row["g2"]), "log_ratio": float(row["log_ratio"]), "g2_both": g2_both,
            "log_ratio_both": float(log_ratio(a, both, size, total)), "p_both": float(g2_p_value(g2_both)),
            "key_both": bool(g2_both >= G2_THRESHOLD)}


@dataclass
class FrequentAndKey:
    """The article's most frequent terms against its keywords (`frequent_and_key`).

    Attributes
    ----------
    frequent : DataFrame
        The top terms of `term_frequencies` by group, each with its ``shared`` keys,
        whether any is ``key``, and the ``g2`` and ``log_ratio`` of the first.
    not_key : DataFrame
        Frequent but not key.
    key_not_frequent : DataFrame
        Over-used keywords none of whose keys is among the frequent terms'.
    tied : int
        How many terms share the count of the last frequent one.
    """

    frequent: pd.DataFrame
    not_key: pd.DataFrame
    key_not_frequent: pd.DataFrame
    tied: int


def frequent_and_key(result: ArticleKeyness, n: int = 20) -> FrequentAndKey:
    """Which of the article's ``n`` most frequent terms are key, and which keywords are not.

    The frequent terms are grouped by the article's own grouper (notebook 02's
    groups); each is looked up under the shared keys of its forms.

    Parameters
    ----------
    result : ArticleKeyness
        One article's comparison (`article_keyness`).
    n : int, default 20
        How many frequent terms.

    Returns
    -------
    FrequentAndKey
        The frequent terms, those not key, the keywords not frequent, and the ties.
    """
    tokens = result.tokens
    all_frequent = term_frequencies(tokens, form="group")
    frequent = all_frequent.head(n).copy()
    content = tokens[tokens["category"] == "content"]
    shared = content.assign(shared=[result.grouper(w) for w in content["norm"]]).groupby("group")["shared"].agg(set)
    by_key = result.terms.set_index("term")
    frequent["shared"] = [sorted(shared[t]) for t in frequent["term"]]
    frequent["key"] = [any(k in by_key.index and bool(by_key.loc[k, "key"]) for k in keys) for keys in frequent["shared"]]
    frequent["g2"] = [float(by_key.loc[keys[0], "g2"]) for keys in frequent["shared"]]
    frequent["log_ratio"] = [float(by_key.loc[keys[0], "log_ratio"]) for keys in frequent["shared"]]
    over = top_keywords(result.terms, n=len(result.terms))
    frequent_keys = {k for keys in frequent["shared"] for k in keys}
    tied = int((all_frequent["count"] == frequent["count"].iloc[-1]).sum()) if len(frequent) else 0
    return FrequentAndKey(frequent.reset_index(drop=True), frequent[~frequent["key"]].reset_index(drop=True),
                          over[~over["term"].isin(frequent_keys)].reset_index(drop=True), tied)
