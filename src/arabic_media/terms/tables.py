"""Term frequency tables: running tokens, processing steps, terms in three forms,
n-grams and attribution openings.

Terms are counted in three forms side by side: ``surface`` (as written), ``norm``
(`arabic_media.text.normalize`) and ``group`` (`arabic_media.terms.annotate`). Shares
are per 1,000 *running tokens*: word and number tokens of the article(s), stop words
included, punctuation excluded. Every function takes annotated tokens.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pandas as pd

from arabic_media.terms.annotate import CONTENT, FORMS, NGRAM_EDGE_EXCLUDE, REPORTING

__all__ = [
    "running_tokens",
    "processing_steps",
    "term_frequencies",
    "frequency_comparison",
    "attribution_openings",
    "ngrams",
    "reporting_frequencies",
    "phrase_ranks",
]



def _running(tokens: pd.DataFrame) -> pd.DataFrame:
    """The running tokens themselves: words and numbers, not punctuation."""
    return tokens[tokens["kind"] != "punct"]


def running_tokens(tokens: pd.DataFrame, *, by_article: bool = False,
                   by_sentence: bool = False) -> int | pd.Series:
    """Number of running tokens: words and numbers, not punctuation.

    The denominator of every per-1,000 share and of `dispersion_summary`'s sentence
    shares.

    Parameters
    ----------
    tokens : DataFrame
        The loader's tokens (annotated or not).
    by_article : bool, default False
        Count per ``article_id``.
    by_sentence : bool, default False
        Count per ``(article_id, sentence)``; takes precedence over ``by_article``.

    Returns
    -------
    int or Series
        The pooled count; or a Series by ``article_id`` (``by_article``), or by
        ``(article_id, sentence)`` (``by_sentence``; sentences without a running token
        are absent).
    """
    running = _running(tokens)
    if by_sentence:
        return running.groupby(["article_id", "sentence"]).size()
    if by_article:
        return running.groupby("article_id").size()
    return len(running)


def processing_steps(tokens: pd.DataFrame) -> pd.DataFrame:
    """Counts at each step from tokens to grouped terms, for the README's methods.

    Parameters
    ----------
    tokens : DataFrame
        Annotated tokens (`annotate`).

    Returns
    -------
    DataFrame
        ``step, count, what``, one row per step in order: ``tokens`` (all,
        punctuation included), ``words`` (word tokens: no punctuation, no numbers),
        ``after stop words`` (words not in the stop list), ``content words`` (those
        left once reporting verbs and the attribution word are set apart, the tokens
        `term_frequencies` counts by default), ``distinct normalised`` and
        ``distinct grouped`` (distinct ``norm`` and ``group`` values of the content
        words).

    Raises
    ------
    ValueError
        The tokens have no ``category`` column (not annotated).
    """
    _select(tokens, None)
    words = tokens[tokens["kind"] == "word"]
    not_stop = words[words["category"] != "stopword"]
    content = not_stop[~not_stop["category"].isin(list(REPORTING))]
    steps = [
        ("tokens", len(tokens), "all tokens, punctuation included"),
        ("words", len(words), "no punctuation, no numbers"),
        ("after stop words", len(not_stop), "words not in stopwords_ar.txt"),
        ("content words", len(content), "less reporting and attribution"),
        ("distinct normalised", content["norm"].nunique(), "norms of the content words"),
        ("distinct grouped", content["group"].nunique(), "groups of the content words"),
    ]
    return pd.DataFrame(steps, columns=["step", "count", "what"])


def _select(tokens: pd.DataFrame, categories: Iterable[str] | None) -> pd.DataFrame:
    if "category" not in tokens:
        raise ValueError("tokens have no 'category' column: pass them through annotate() first")
    if categories is None:
        return tokens
    return tokens[tokens["category"].isin(list(categories))]


def _rank(table: pd.DataFrame, keys: list[str], term_col: str) -> pd.DataFrame:
    """Sort by count (desc) then term, and add a competition rank (1, 2, 2, 4) per key."""
    table = table.sort_values(keys + ["count", term_col], ascending=[True] * len(keys) + [False, True])
    if keys:
        table["rank"] = table.groupby(keys)["count"].rank(method="min", ascending=False).astype(int)
    else:
        table["rank"] = table["count"].rank(method="min", ascending=False).astype(int)
    return table.reset_index(drop=True)


def term_frequencies(
    tokens: pd.DataFrame,
    *,
    form: str = "group",
    categories: Iterable[str] | None = CONTENT,
    by_article: bool = False,
) -> pd.DataFrame:
    """Frequency table of terms in one ``form`` (``surface``, ``norm`` or ``group``).

    Parameters
    ----------
    tokens : DataFrame
        Annotated tokens (`annotate`).
    form : str, default "group"
        ``surface``, ``norm`` or ``group`` (`FORMS`).
    categories : iterable of str, optional
        Count the tokens whose ``category`` is one of these (default `CONTENT`:
        content words only, so stop words, reporting verbs, numbers and punctuation
        are left out); None counts every token.
    by_article : bool, default False
        Count and rank every article on its own; otherwise all articles are pooled.

    Returns
    -------
    DataFrame
        ``[article_id,] term, display, count, per_1000, sentences, rank, forms``,
        sorted by count, then term. ``display`` = the term as written, for labels
        (the most frequent surface spelling of the term's own normalised form, so
        ``أمريكية`` with its hamza, not ``امريكية``); ``per_1000`` = count / running
        tokens x 1000 (`running_tokens`, of the article or of the pool);
        ``sentences`` = number of sentences containing the term; ``rank`` =
        competition rank by count; ``forms`` = the normalised forms counted, most
        frequent first (``norm (n)``, joined by ``"، "``).

    Raises
    ------
    ValueError
        A ``form`` not in `FORMS`, or tokens without a ``category`` column.
    """
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}, not {form!r}")
    selected = _select(tokens, categories)
    keys = ["article_id"] if by_article else []
    term_keys = keys + [form]
    columns = keys + ["term", "display", "count", "per_1000", "sentences", "rank", "forms"]
    if selected.empty:
        return pd.DataFrame(columns=columns)
    grouped = selected.groupby(term_keys, sort=False)
    table = grouped.size().rename("count").to_frame()
    table["sentences"] = grouped[["article_id", "sentence"]].apply(lambda g: len(g.drop_duplicates()))
    members = selected.groupby(term_keys + ["norm"] if form != "norm" else term_keys).size()
    members = members.rename("n").reset_index()
    if form == "norm":
        members["_member"] = members["norm"]
    else:
        members = members.rename(columns={"norm": "_member"})
    members = members.sort_values(term_keys + ["n", "_member"], ascending=[True] * len(term_keys) + [False, True])
    members["_text"] = members["_member"] + " (" + members["n"].astype(str) + ")"
    table["forms"] = members.groupby(term_keys, sort=False)["_text"].agg("، ".join)
    table = table.reset_index().rename(columns={form: "term"})
    denominators = running_tokens(tokens, by_article=by_article)
    if by_article:
        table["per_1000"] = table["count"] / table["article_id"].map(denominators).astype("int64") * 1000
    else:
        table["per_1000"] = table["count"] / denominators * 1000
    table = _rank(table, keys, "term")
    table["display"] = _display_forms(selected, table, keys, form)
    return table[columns]


def _most_frequent(values: pd.Series) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def _display_forms(selected: pd.DataFrame, table: pd.DataFrame, keys: list[str], form: str) -> list[str]:
    """Most frequent surface spelling (ties: code-point order) of each term's normalised
    form; for ``group`` the term is its label, itself a normalised form."""
    if form == "surface":
        return list(table["term"])
    spelled = selected[selected["norm"] == selected[form]] if form == "group" else selected
    surfaces = spelled.groupby(keys + ["norm"])["surface"].agg(_most_frequent)
    index = list(zip(*[table[k] for k in keys], table["term"])) if keys else list(table["term"])
    return [surfaces.get(i, i if isinstance(i, str) else i[-1]) for i in index]


def frequency_comparison(
    tokens: pd.DataFrame,
    *,
    top: int = 20,
    categories: Iterable[str] | None = CONTENT,
) -> pd.DataFrame:
    """The top ``top`` terms by surface, normalised and grouped form, side by side.

    Reading across a row shows how normalising and grouping merge spellings: a grouped
    term's count is the sum of its forms' counts.

    Parameters
    ----------
    tokens : DataFrame
        Annotated tokens (`annotate`).
    top : int, default 20
        How many terms of each form.
    categories : iterable of str, optional
        As in `term_frequencies` (default `CONTENT`).

    Returns
    -------
    DataFrame
        One row per position (index ``row``, 1..top) and, for each form, the columns
        ``<form>``, ``<form>_count``, ``<form>_per_1000``, ``<form>_sentences`` (all
        articles pooled).
    """
    parts = []
    for form in FORMS:
        table = term_frequencies(tokens, form=form, categories=categories).head(top)
        table = table[["term", "count", "per_1000", "sentences"]].reset_index(drop=True)
        table.columns = [form, f"{form}_count", f"{form}_per_1000", f"{form}_sentences"]
        parts.append(table)
    combined = pd.concat(parts, axis=1)
    combined.index = pd.RangeIndex(1, len(combined) + 1, name="row")
    return combined


def attribution_openings(tokens: pd.DataFrame, *, first: int = 3,
                         categories: Iterable[str] = ("attribution",)) -> pd.DataFrame:
    """Which sentences name the source early, among their first tokens.

    "The first three tokens" are the loader's ``token`` positions 1..``first`` within
    the sentence, punctuation included (an opening quote mark takes a position).

    Parameters
    ----------
    tokens : DataFrame
        Annotated tokens (`annotate`).
    first : int, default 3
        How many tokens open a sentence.
    categories : iterable of str, default ("attribution",)
        The categories that name the source (default the attribution word,
        ``الصحيفة``).

    Returns
    -------
    DataFrame
        One row per sentence: ``article_id, sentence, opening`` (the first ``first``
        tokens as written, joined by spaces, in reading order), ``named`` (True when
        one of them is in ``categories``) and ``position`` (the first such token's
        position, 0 when none).
    """
    _select(tokens, None)
    wanted = set(categories)
    rows = []
    ordered = tokens.sort_values(["article_id", "sentence", "token"])
    for (article_id, sentence), sent in ordered.groupby(["article_id", "sentence"], sort=True):
        head = sent[sent["token"] <= first]
        hits = head.loc[head["category"].isin(wanted), "token"]
        rows.append({
            "article_id": article_id,
            "sentence": int(sentence),
            "opening": " ".join(head["surface"]),
            "named": bool(len(hits)),
            "position": int(hits.min()) if len(hits) else 0,
        })
    return pd.DataFrame(rows, columns=["article_id", "sentence", "opening", "named", "position"])


def ngrams(
    tokens: pd.DataFrame,
    n: int,
    *,
    form: str = "norm",
    exclude_edges: Iterable[str] = NGRAM_EDGE_EXCLUDE,
    by_article: bool = False,
) -> pd.DataFrame:
    """Count the n-grams (``n`` >= 2) of annotated ``tokens``.

    An n-gram is ``n`` consecutive word tokens in one sentence with no punctuation or
    number between them: n-grams never cross a sentence boundary, a comma or a quote.
    It may not start or end with a word whose category is in ``exclude_edges``; words
    inside may be anything (``مواقع التواصل الاجتماعي``). Terms are the ``form`` column
    joined by spaces, in logical (reading) order.

    Parameters
    ----------
    tokens : DataFrame
        Annotated tokens (`annotate`).
    n : int
        The n-gram's length, at least 2.
    form : str, default "norm"
        The column the words are taken from (``surface``, ``norm`` or ``group``).
    exclude_edges : iterable of str, default `NGRAM_EDGE_EXCLUDE`
        Categories an n-gram may not start or end with (stop words, and
        reporting/attribution words, which are counted apart).
    by_article : bool, default False
        Count and rank every article on its own; otherwise all articles are pooled.

    Returns
    -------
    DataFrame
        ``[article_id,] ngram, display, n, count, per_1000, sentences, rank``
        (``display``: the most frequent spelling as written; ``per_1000``: per 1,000
        running tokens), sorted by count then n-gram.

    Raises
    ------
    ValueError
        ``n`` below 2, or tokens without a ``category`` column.
    """
    if n < 2:
        raise ValueError("n must be at least 2 (single words: term_frequencies)")
    _select(tokens, None)
    ordered = tokens.sort_values(["article_id", "article_token"])
    breaks = (
        (ordered["kind"] != "word")
        | (ordered["article_id"] != ordered["article_id"].shift())
        | (ordered["sentence"] != ordered["sentence"].shift())
    )
    words = ordered.assign(_run=breaks.cumsum())[ordered["kind"] == "word"].reset_index(drop=True)
    edge_ok = ~words["category"].isin(list(exclude_edges))
    valid = edge_ok.copy()
    parts = [words[form]]
    spelled = [words["surface"]]
    for k in range(1, n):
        valid &= words["_run"].shift(-k).eq(words["_run"])
        parts.append(words[form].shift(-k))
        spelled.append(words["surface"].shift(-k))
    valid &= edge_ok.shift(-(n - 1), fill_value=False)
    found = words.loc[valid, ["article_id", "sentence"]].copy()
    found["ngram"] = [" ".join(str(p.iloc[i]) for p in parts) for i in found.index]
    found["_surface"] = [" ".join(str(p.iloc[i]) for p in spelled) for i in found.index]
    keys = ["article_id"] if by_article else []
    columns = keys + ["ngram", "display", "n", "count", "per_1000", "sentences", "rank"]
    if found.empty:
        return pd.DataFrame(columns=columns)
    grouped = found.groupby(keys + ["ngram"])
    table = grouped.size().rename("count").to_frame()
    table["sentences"] = grouped[["article_id", "sentence"]].apply(lambda g: len(g.drop_duplicates()))
    table["display"] = grouped["_surface"].agg(_most_frequent)
    table = table.reset_index()
    table["n"] = n
    denominators = running_tokens(tokens, by_article=by_article)
    if by_article:
        table["per_1000"] = table["count"] / table["article_id"].map(denominators).astype("int64") * 1000
    else:
        table["per_1000"] = table["count"] / denominators * 1000
    return _rank(table, keys, "ngram")[columns]


def reporting_frequencies(tokens: pd.DataFrame, reporting_terms: pd.DataFrame) -> pd.DataFrame:
    """The reporting verbs and attribution words of annotated ``tokens``, counted.

    Parameters
    ----------
    tokens : DataFrame
        Annotated tokens (`annotate`).
    reporting_terms : DataFrame
        ``norm, lemma, category`` (`arabic_media.lexicons.load_reporting_terms`).

    Returns
    -------
    DataFrame
        `term_frequencies` of the normalised forms of `REPORTING` categories, with the
        term's ``category`` (``reporting_verb`` or ``attribution``) added.
    """
    table = term_frequencies(tokens, form="norm", categories=REPORTING)
    table["category"] = table["term"].map(dict(zip(reporting_terms["norm"], reporting_terms["category"])))
    return table


def phrase_ranks(phrases: Iterable[str], tables: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """Where each of ``phrases`` stands among the n-grams of its length.

    Parameters
    ----------
    phrases : iterable of str
        Phrases in any spelling (looked up normalised).
    tables : dict
        ``n -> ngrams(tokens, n)``, for the lengths of the phrases.

    Returns
    -------
    DataFrame
        ``phrase, n, count, rank`` (0 and ``<NA>`` for a phrase not found).
    """
    from arabic_media.text import normalize

    rows = []
    for phrase in phrases:
        n = len(phrase.split())
        table = tables[n]
        found = table[table["ngram"] == normalize(phrase)]
        rows.append({"phrase": phrase, "n": n, "count": int(found["count"].iloc[0]) if len(found) else 0,
                     "rank": int(found["rank"].iloc[0]) if len(found) else pd.NA})
    return pd.DataFrame(rows, columns=["phrase", "n", "count", "rank"])
