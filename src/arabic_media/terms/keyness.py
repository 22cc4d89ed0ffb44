"""Keywords: which of the article's terms are unusually frequent (or rare) against a
reference corpus, as AntConc's Keyword List and quanteda's ``textstat_keyness`` do.

Raw counts cannot tell a report's angle from what all news says: ``شركات`` may top the
article's list because the article is about companies, or because every news text
mentions companies. Keyness compares the article's relative frequency of each term with
the reference corpus's: log-likelihood G2 says how much evidence there is for a
difference, Log Ratio how large it is (`arabic_media.stats`).

**One key on both sides.** Two count tables can only be compared when a term means the
same thing in both. Both sides are counted in the study's normalised form, content
words only (the category rule `arabic_media.terms.categorize`), and grouped by ONE
`CliticGrouper` built on ONE stated vocabulary, `shared_grouper`: the union of the
reference's normalised word forms and the article's. The grouper strips a clitic only
when the rest is attested in its vocabulary, so a grouper built on the article alone
and one built on the reference alone can give the same word different keys; the shared
one cannot. The reference's own group table (keyed by a grouper on the reference
vocabulary alone) is therefore not joined as is: its normalised forms are regrouped
with the shared grouper (`regroup_counts`). Bigrams need no grouper: both sides are
two normalised words joined by a space (`arabic_media.terms.ngrams`, n = 2).

**Denominators.** ``tokens_article`` and ``tokens_reference`` are running tokens
(words and numbers, no punctuation: `arabic_media.terms.running_tokens`, and the
reference's provenance ``running_tokens``), stop words included.

**Thresholds, chosen before any result was looked at** (module constants): a keyword
has G2 >= `G2_THRESHOLD` (15.13, p < 0.0001 with 1 df; many terms are tested at once,
so the 5% point 3.84 would pass dozens by chance) and occurs at least `MIN_COUNT` (3)
times in the article. Under-use is the mirror image: a term the reference predicts at
least `MIN_COUNT` times in the article (``expected_article``) but the article uses
less; in a text of a few hundred tokens only very frequent words can reach the G2
threshold this way, and that itself is worth saying.

**Absent from the reference.** A reference list cut at a minimum count does not hold
its rarest terms; a term not in it is counted 0 there (``absent_in_reference``), so
its G2 and Log Ratio are upper bounds (Log Ratio replaces the 0 by 0.5, `arabic_media.stats.LOG_RATIO_ZERO`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from arabic_media.stats import g2_p_value, log_likelihood_g2, log_ratio, per_million
from arabic_media.terms.annotate import CONTENT
from arabic_media.terms.grouping import CliticGrouper
from arabic_media.terms.tables import _most_frequent, ngrams

__all__ = [
    "G2_THRESHOLD",
    "MIN_COUNT",
    "OVER",
    "UNDER",
    "KEYNESS_COLUMNS",
    "shared_grouper",
    "regroup_counts",
    "article_terms",
    "article_bigrams",
    "reference_bigrams",
    "article_forms_in_reference",
    "keyness",
    "top_keywords",
]

#: G2 a keyword must reach: 15.13 is chi-square(1)'s point for p < 0.0001
#: (`arabic_media.stats.G2_CRITICAL`). Fixed before any result was seen.
G2_THRESHOLD = 15.13

#: The fewest times a keyword must occur in the article (and, for under-use, the fewest
#: times the reference must predict it there). Fixed before any result was seen.
MIN_COUNT = 3

#: The two values of ``direction``: relatively more frequent in the article than in the
#: reference, or less (a tie counts as under-used: nothing to report either way).
OVER, UNDER = "over-used", "under-used"

#: The columns `keyness` returns, in order.
KEYNESS_COLUMNS = [
    "term", "display", "count_article", "count_reference", "tokens_article", "tokens_reference",
    "per_million_article", "per_million_reference", "expected_article", "g2", "p_value",
    "log_ratio", "absent_in_reference", "direction", "key",
]


def shared_grouper(*vocabularies: Iterable[str]) -> CliticGrouper:
    """The one `CliticGrouper` both sides of a comparison are grouped with.

    Built on the union of ``vocabularies``, sorted, so the same words give the same
    grouper whatever their order.

    Parameters
    ----------
    *vocabularies : iterable of str
        Normalised word forms: the reference list's ``term`` column and the article's
        word ``norm`` column.

    Returns
    -------
    CliticGrouper
        With suffix rewrites (the study's grouper).
    """
    words: set[str] = set()
    for vocabulary in vocabularies:
        words.update(str(w) for w in vocabulary)
    return CliticGrouper(sorted(words))


def _label(members: pd.DataFrame) -> pd.Series:
    """Each key's label: its most frequent member (ties: the shortest, then
    alphabetical), the rule `annotate` labels groups by."""
    ordered = members.assign(_len=members["norm"].str.len()).sort_values(
        ["term", "count", "_len", "norm"], ascending=[True, False, True, True])
    return ordered.drop_duplicates("term").set_index("term")["norm"]


def regroup_counts(norms: pd.DataFrame, grouper: Callable[[str], str], *,
                   categories: Iterable[str] | None = CONTENT) -> pd.DataFrame:
    """Group a table of normalised forms with ``grouper``.

    Parameters
    ----------
    norms : DataFrame
        ``term`` (a normalised word form), ``count`` and, when ``categories`` is not
        None, ``category``.
    grouper : callable
        Normalised form -> group key (`shared_grouper`).
    categories : iterable of str, optional
        Keep only the rows of these categories (default `CONTENT`: content words);
        None keeps every row.

    Returns
    -------
    DataFrame
        ``term`` (the group key), ``display`` (the key's most frequent member: ties,
        the shortest, then alphabetical) and ``count`` (summed over members), sorted
        by count then term.

    Raises
    ------
    ValueError
        A column missing.
    """
    needed = {"term", "count"} | ({"category"} if categories is not None else set())
    missing = sorted(needed - set(norms.columns))
    if missing:
        raise ValueError(f"the norms table has no column {missing}")
    if categories is not None:
        norms = norms[norms["category"].isin(list(categories))]
    forms = norms.groupby("term", as_index=False)["count"].sum().rename(columns={"term": "norm"})
    forms["term"] = [grouper(n) for n in forms["norm"]]
    labels = _label(forms)
    table = forms.groupby("term", as_index=False)["count"].sum()
    table["display"] = table["term"].map(labels)
    table = table.sort_values(["count", "term"], ascending=[False, True]).reset_index(drop=True)
    return table[["term", "display", "count"]]


def article_terms(tokens: pd.DataFrame, grouper: Callable[[str], str], *,
                  categories: Iterable[str] | None = CONTENT) -> pd.DataFrame:
    """The article's terms in the reference's key: ``term, display, count``.

    Parameters
    ----------
    tokens : DataFrame
        Annotated tokens (`arabic_media.terms.annotate`): its ``category`` is used,
        its ``group_key`` is not, since annotate's default grouper knows only the
        article.
    grouper : callable
        The grouper shared with the reference (`shared_grouper`).
    categories : iterable of str, optional
        The word tokens counted (default `CONTENT`: content words; None: every word).

    Returns
    -------
    DataFrame
        ``term`` (``grouper(norm)``), ``display`` (the key's most frequent member as
        written: its most frequent surface spelling, so ``أمريكية`` keeps its hamza,
        for labels) and ``count``, sorted by count then term.

    Raises
    ------
    ValueError
        The tokens have no ``category`` column (not annotated).
    """
    if "category" not in tokens:
        raise ValueError("tokens have no 'category' column: pass them through annotate() first")
    words = tokens[tokens["kind"] == "word"]
    if categories is not None:
        words = words[words["category"].isin(list(categories))]
    norms = words.groupby("norm").size().rename("count").reset_index().rename(columns={"norm": "term"})
    table = regroup_counts(norms, grouper, categories=None)
    spellings = words.groupby("norm")["surface"].agg(_most_frequent)
    table["display"] = [spellings.get(label, label) for label in table["display"]]
    return table


def article_bigrams(tokens: pd.DataFrame) -> pd.DataFrame:
    """The article's bigrams as the reference counts them.

    Through `arabic_media.terms.ngrams`: n = 2, no stop word, reporting verb or
    attribution word at either edge, never across punctuation or a sentence.

    Parameters
    ----------
    tokens : DataFrame
        Annotated tokens (`annotate`).

    Returns
    -------
    DataFrame
        ``term`` (two normalised words joined by a space, in reading order),
        ``display`` (as most often written) and ``count``.
    """
    table = ngrams(tokens, 2, form="norm")
    return table.rename(columns={"ngram": "term"})[["term", "display", "count"]]


def article_forms_in_reference(tokens: pd.DataFrame, grouper: Callable[[str], str], norms: pd.DataFrame, *,
                               categories: Iterable[str] | None = CONTENT) -> pd.DataFrame:
    """How much of each article term's reference count comes from the article's own forms.

    A shared key can gather, on the reference side, words the article never uses: the
    grouper strips a clitic whenever the rest is a word of its (large) vocabulary, so
    ``فلاير`` (the "flare" of Cloudflare) is read as ف + ل + ``اير``, the key under which
    the reference counts ``ايران`` (Iran). Such a row compares the article's word with
    other words. When ``count_reference_forms`` is 0 but the key has a reference
    count, that count belongs to other words: the comparison is not to be read.

    Parameters
    ----------
    tokens : DataFrame
        Annotated tokens (`annotate`).
    grouper : callable
        The shared grouper (`shared_grouper`).
    norms : DataFrame
        The reference's ``norms`` table (``term, count[, category]``).
    categories : iterable of str, optional
        The categories counted on both sides (default `CONTENT`; None: all).

    Returns
    -------
    DataFrame
        Per article term (key), sorted by term: ``term``, ``forms_article`` (its
        normalised forms in the article, sorted, joined by ``"، "``) and
        ``count_reference_forms`` (the reference count of exactly those forms, 0 when
        none is in the list).

    Raises
    ------
    ValueError
        Tokens without a ``category`` column, or ``norms`` without ``term`` or
        ``count``.
    """
    if "category" not in tokens:
        raise ValueError("tokens have no 'category' column: pass them through annotate() first")
    missing = sorted({"term", "count"} - set(norms.columns))
    if missing:
        raise ValueError(f"the norms table has no column {missing}")
    words = tokens[tokens["kind"] == "word"]
    if categories is not None:
        words = words[words["category"].isin(list(categories))]
        if "category" in norms:
            norms = norms[norms["category"].isin(list(categories))]
    reference = norms.groupby("term")["count"].sum()
    forms = pd.DataFrame({"norm": sorted(set(words["norm"]))})
    forms["term"] = [grouper(n) for n in forms["norm"]]
    forms["count_reference_forms"] = forms["norm"].map(reference).fillna(0).astype(np.int64)
    table = forms.groupby("term", as_index=False).agg(
        forms_article=("norm", "، ".join), count_reference_forms=("count_reference_forms", "sum"))
    return table.sort_values("term").reset_index(drop=True)


def reference_bigrams(bigrams: pd.DataFrame) -> pd.DataFrame:
    """The reference's bigram table in the columns `keyness` takes.

    Parameters
    ----------
    bigrams : DataFrame
        ``bigram, count[, documents]`` (`arabic_media.reference.read_reference`).

    Returns
    -------
    DataFrame
        ``term, display, count`` (``display`` = the normalised bigram itself; a bigram
        listed twice is summed).
    """
    table = bigrams.rename(columns={"bigram": "term"})
    table = table.groupby("term", as_index=False)["count"].sum()
    table["display"] = table["term"]
    return table[["term", "display", "count"]]


def _by_term(table: pd.DataFrame, side: str) -> pd.DataFrame:
    missing = sorted({"term", "count"} - set(table.columns))
    if missing:
        raise ValueError(f"the {side} table has no column {missing}")
    if table["term"].duplicated().any():
        raise ValueError(f"the {side} table repeats terms, e.g. {list(table.loc[table['term'].duplicated(), 'term'][:3])}"
                         " (group both sides with one grouper first)")
    display = table["display"] if "display" in table else table["term"]
    return pd.DataFrame({"count": table["count"].to_numpy(), "display": display.to_numpy()},
                        index=pd.Index(table["term"].to_numpy(), name="term"))


def keyness(target: pd.DataFrame, reference: pd.DataFrame, *, tokens_target: int, tokens_reference: int,
            min_count: int = MIN_COUNT, g2_threshold: float = G2_THRESHOLD) -> pd.DataFrame:
    """Compare the article's term counts with the reference's, term by term.

    A term is listed when it occurs at least ``min_count`` times in the article, or when
    the reference predicts it at least ``min_count`` times there (``expected_article =
    count_reference / tokens_reference * tokens_article``), so that under-use is seen
    too, down to terms the article never uses.

    Parameters
    ----------
    target, reference : DataFrame
        The article's and the reference's counts: one row per term, columns ``term``
        and ``count`` (``display`` optional), keyed the SAME way (`article_terms` and
        `regroup_counts` with one `shared_grouper`, or `article_bigrams` and
        `reference_bigrams`).
    tokens_target, tokens_reference : int
        The running tokens of each side.
    min_count : int, default `MIN_COUNT`
        The least count in the article (or predicted there) for a term to be listed,
        and the least count of an over-used keyword.
    g2_threshold : float, default `G2_THRESHOLD`
        The G2 a keyword must reach.

    Returns
    -------
    DataFrame
        `KEYNESS_COLUMNS`, sorted by G2 (descending), then term: ``count_article``,
        ``count_reference`` (0 when absent), both ``tokens_*``, both
        ``per_million_*`` (`per_million`); ``expected_article``; ``g2``
        (`log_likelihood_g2`, article = corpus 1), ``p_value`` (`g2_p_value`);
        ``log_ratio`` (`log_ratio`, Hardie: positive when the article uses the term
        more, a 0 taken as 0.5); ``absent_in_reference`` (not in the reference table:
        its numbers are upper bounds); ``direction`` (`OVER` when the article's
        relative frequency is higher, else `UNDER`); ``key`` (G2 >= ``g2_threshold``
        and, when over-used, a count of at least ``min_count``). ``display`` comes
        from the article, else the reference, else the term.

    Raises
    ------
    ValueError
        A side with no running token, a table without ``term`` or ``count``, or one
        that repeats a term (group both sides with one grouper first).
    """
    if tokens_target <= 0 or tokens_reference <= 0:
        raise ValueError("both corpora need at least one running token")
    article, ref = _by_term(target, "article"), _by_term(reference, "reference")
    terms = article.index.union(ref.index)
    a = article["count"].reindex(terms, fill_value=0).to_numpy(dtype=np.int64)
    b = ref["count"].reindex(terms, fill_value=0).to_numpy(dtype=np.int64)
    expected = b / tokens_reference * tokens_target
    listed = (a >= min_count) | (expected >= min_count)
    display = article["display"].reindex(terms).fillna(ref["display"].reindex(terms))
    display = display.fillna(pd.Series(terms, index=terms)).to_numpy()
    table = pd.DataFrame({
        "term": terms[listed],
        "display": display[listed],
        "count_article": a[listed],
        "count_reference": b[listed],
        "tokens_article": int(tokens_target),
        "tokens_reference": int(tokens_reference),
    })
    a, b = table["count_article"], table["count_reference"]
    table["per_million_article"] = per_million(a, tokens_target)
    table["per_million_reference"] = per_million(b, tokens_reference)
    table["expected_article"] = expected[listed]
    table["g2"] = log_likelihood_g2(a, b, tokens_target, tokens_reference)
    table["p_value"] = g2_p_value(table["g2"])
    table["log_ratio"] = log_ratio(a, b, tokens_target, tokens_reference)
    table["absent_in_reference"] = ~table["term"].isin(ref.index)
    over = a / tokens_target > b / tokens_reference
    table["direction"] = np.where(over, OVER, UNDER)
    table["key"] = (table["g2"] >= g2_threshold) & (~over | (a >= min_count))
    table = table.sort_values(["g2", "term"], ascending=[False, True]).reset_index(drop=True)
    return table[KEYNESS_COLUMNS]


def top_keywords(table: pd.DataFrame, n: int = 20, *, direction: str = OVER) -> pd.DataFrame:
    """The ``n`` strongest keywords of a `keyness` table in one ``direction``.

    Log Ratio orders them because it is the size of the difference; G2 only admits
    them (Hardie 2014).

    Parameters
    ----------
    table : DataFrame
        A `keyness` table.
    n : int, default 20
        How many.
    direction : str, default `OVER`
        `OVER` or `UNDER`.

    Returns
    -------
    DataFrame
        Rows with ``key`` True in that direction, ordered by Log Ratio (largest first
        for `OVER`, most negative first for `UNDER`), ties by G2 (descending) then
        term; at most ``n``.

    Raises
    ------
    ValueError
        A ``direction`` other than `OVER` and `UNDER`.
    """
    if direction not in (OVER, UNDER):
        raise ValueError(f"direction must be {OVER!r} or {UNDER!r}, not {direction!r}")
    rows = table[table["key"] & (table["direction"] == direction)].copy()
    rows["_size"] = rows["log_ratio"].abs()
    rows = rows.sort_values(["_size", "g2", "term"], ascending=[False, False, True])
    return rows.drop(columns="_size").head(n).reset_index(drop=True)
