"""Where a term occurs and with what: KWIC concordance, collocates, dispersion.

The Arabic trap handled here: in a right-to-left concordance line the *left* context is
the text that comes *after* the keyword (see `concordance`).

A term is one word or several (``تنظيم الدولة``). A term of several words is matched
word by word, each word in the chosen ``form`` exactly as a single-word term would be,
on consecutive running tokens (words, numbers) of one sentence with no punctuation
between them; an occurrence stands at its first token. An empty or blank term, or one
with punctuation in it, is a ValueError. A term that does not occur is never a silent
empty answer: `concordance` and `collocates` (one term) raise ValueError naming it;
`dispersion` and `dispersion_summary` (several terms) keep their explicit result (no
rows; a row with count 0) and warn with `TermNotFoundWarning` naming the absent terms.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from arabic_media.affixes import PROCLITICS
from arabic_media.lexicons import lookup_glosses
from arabic_media.stats import association_scores
from arabic_media.terms.annotate import CONTENT, FORMS
from arabic_media.terms.tables import _most_frequent, _running, _select, running_tokens
from arabic_media.text import normalize, token_kind, tokenize

__all__ = ["TermNotFoundWarning", "concordance", "collocates", "dispersion", "dispersion_summary"]


class TermNotFoundWarning(UserWarning):
    """A term given to `dispersion` or `dispersion_summary` does not occur in the tokens."""


def term_words(term: str) -> list[str]:
    """The words of ``term`` (one or more), as written.

    Parameters
    ----------
    term : str
        One word or several (``تنظيم الدولة``).

    Returns
    -------
    list of str
        Its tokens (`arabic_media.text.tokenize`), as written.

    Raises
    ------
    ValueError
        A term that is not a string, is empty or blank, or has punctuation in it (a
        term is words, not a pattern).
    """
    if not isinstance(term, str):
        raise ValueError(f"a term must be a string, not {type(term).__name__}")
    text = term.strip()
    pieces = [text[s.start : s.end] for s in tokenize(text)]
    if not pieces:
        raise ValueError(f"the term {term!r} is empty: give one or more words")
    if any(token_kind(piece) == "punct" for piece in pieces):
        raise ValueError(f"the term {term!r} has punctuation in it: give one or more words")
    return pieces


def _occurrences(ordered: pd.DataFrame, term: str, form: str) -> tuple[np.ndarray, int]:
    """Where ``term`` starts in ``ordered`` (tokens in text order, one row per token,
    punctuation included): a boolean array over its rows, and the term's length in
    tokens. A word of the term matches as `_matches` decides; several words must be
    consecutive running tokens of one sentence."""
    words = term_words(term)
    if len(words) == 1:
        return _matches(ordered, words[0], form).to_numpy(dtype=bool), 1
    k, n = len(words), len(ordered)
    starts = np.zeros(n, dtype=bool)
    if n < k:
        return starts, k
    running = (ordered["kind"] != "punct").to_numpy(dtype=bool)
    article = ordered["article_id"].to_numpy(dtype=object)
    sentence = ordered["sentence"].to_numpy()
    m = n - k + 1
    ok = np.ones(m, dtype=bool)
    for j, word in enumerate(words):
        ok &= _matches(ordered, word, form).to_numpy(dtype=bool)[j : j + m] & running[j : j + m]
        if j:
            ok &= (article[j : j + m] == article[:m]) & (sentence[j : j + m] == sentence[:m])
    starts[:m] = ok
    return starts, k


def _absent(term: str, form: str) -> str:
    return f"the term {term!r} does not occur in the tokens (form {form!r}); check its spelling or the form"



def _matches(tokens: pd.DataFrame, term: str, form: str) -> pd.Series:
    """Rows of ``tokens`` that are ``term`` in ``form``; for ``group``, ``term`` may be
    any member of the group (``لشركات`` finds the whole ``شركات`` group), its label, or
    a bare form seen only with proclitics (``شركات`` when the text has ``الشركات``)."""
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}, not {form!r}")
    if form == "surface":
        return tokens["surface"] == term
    norm = normalize(term)
    if form == "norm":
        return tokens["norm"] == norm
    groups = set(tokens.loc[tokens["norm"] == norm, "group"]) | ({norm} & set(tokens["group"]))
    if not groups:  # a bare form the text only has with clitics (شركات for الشركات)
        spellings = {prefix + norm for prefix in PROCLITICS}
        groups = set(tokens.loc[tokens["norm"].isin(spellings), "group"])
    return tokens["group"].isin(groups)


def _texts(articles: pd.DataFrame | Mapping[str, str]) -> Mapping[str, str]:
    if isinstance(articles, pd.DataFrame):
        return dict(zip(articles["article_id"], articles["text"]))
    return articles


_SPACE_RE = re.compile(r"\s+")


def _display(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def concordance(
    tokens: pd.DataFrame,
    articles: pd.DataFrame | Mapping[str, str],
    term: str,
    *,
    form: str = "group",
    window: int = 6,
) -> pd.DataFrame:
    """Key word in context (KWIC) lines for ``term``.

    The Arabic trap: the three text columns are named for where they stand on a
    right-to-left line, which is how Arabic is read. **right** is the text that comes
    *before* the keyword in logical (reading) order, ``text[context_start:start]``,
    and **left** is the text that comes *after* it, ``text[end:context_end]``. So a
    reader's eye meets right, keyword, left, in that order.

    Parameters
    ----------
    tokens : DataFrame
        Annotated tokens (`annotate`).
    articles : DataFrame or mapping of str to str
        The loader's ``articles`` table, or a dict article_id -> text.
    term : str
        The keyword. It may be several words (``تنظيم الدولة``): the keyword is then
        the whole phrase and the window counts from its first and last tokens.
    form : str, default "group"
        What the term is matched in: ``group`` (any member of its group), ``norm`` or
        ``surface``.
    window : int, default 6
        Tokens (punctuation included) of context on each side, within the article.

    Returns
    -------
    DataFrame
        One row per occurrence, in text order: ``article_id, sentence,
        article_token, start, end`` (the keyword's character offsets), ``right,
        keyword, left`` and ``context_start, context_end`` (offsets of the whole
        line). The strings have their runs of whitespace (line breaks) collapsed to
        one space for display; the offsets point into the untouched text.

    Raises
    ------
    ValueError
        An empty term, one with punctuation, one that does not occur, or an unknown
        ``form``.
    """
    texts = _texts(articles)
    columns = ["article_id", "sentence", "article_token", "start", "end", "right", "keyword", "left",
               "context_start", "context_end"]
    term_words(term)
    rows = []
    for article_id, article in tokens.groupby("article_id", sort=True):
        article = article.sort_values("article_token").reset_index(drop=True)
        text = texts[article_id]
        starts, k = _occurrences(article, term, form)
        for i in np.flatnonzero(starts):
            first = article.loc[max(0, i - window)]
            last = article.loc[min(len(article) - 1, i + k - 1 + window)]
            hit, hit_end = article.loc[i], int(article.loc[i + k - 1, "end"])
            rows.append({
                "article_id": article_id,
                "sentence": int(hit["sentence"]),
                "article_token": int(hit["article_token"]),
                "start": int(hit["start"]),
                "end": hit_end,
                "right": _display(text[int(first["start"]) : int(hit["start"])]),
                "keyword": text[int(hit["start"]) : hit_end],
                "left": _display(text[hit_end : int(last["end"])]),
                "context_start": int(first["start"]),
                "context_end": int(last["end"]),
            })
    if not rows:
        raise ValueError(_absent(term, form))
    return pd.DataFrame(rows, columns=columns)


def collocates(
    tokens: pd.DataFrame,
    node: str,
    *,
    form: str = "group",
    window: int = 4,
    categories: Iterable[str] | None = CONTENT,
    min_count: int = 1,
    positive_only: bool = True,
) -> pd.DataFrame:
    """Collocates of ``node`` within ``window`` words on each side, with association scores.

    Parameters
    ----------
    tokens : DataFrame
        Annotated tokens (`annotate`).
    node : str
        The node term. It may be several words (``تنظيم الدولة``): each occurrence is
        one node (its words are none of them collocates or slots), and its window
        runs ``window`` words before its first word and after its last.
    form : str, default "group"
        What the node and the collocates are matched and counted in (``group``,
        ``norm`` or ``surface``).
    window : int, default 4
        Words on each side.
    categories : iterable of str, optional
        List collocates whose category is one of these (default `CONTENT`: content
        words; None for all).
    min_count : int, default 1
        List collocates observed at least this often.
    positive_only : bool, default True
        Keep only pairs seen more often than expected (``observed > expected``): G2 is
        large for pairs seen much *less* often than expected too.

    Returns
    -------
    DataFrame
        ``term, observed, expected, node_freq, collocate_freq, mi, t_score, log_dice,
        g2`` (formulas: `association_scores`), sorted by G2 then observed then term.

    Raises
    ------
    ValueError
        An empty node, one with punctuation, one that does not occur, or an unknown
        ``form``.

    Notes
    -----
    Counting is over word tokens only (punctuation and numbers are skipped, not counted
    as positions) and stays inside the sentence. ``N`` is the number of word tokens in
    ``tokens``. The span of the node is the *union* of its windows, less the node
    occurrences themselves: a token within the window of two node occurrences
    (``A x A``, ``x`` between two nodes) is one slot of ``R1`` and, if it is a
    collocate, one co-occurrence in ``observed``, not two (Evert 2008: overlapping
    spans are merged, so ``observed <= collocate_freq`` and ``observed <= R1`` always,
    and the 2x2 table of `association_scores` is never negative). Windows cut by a
    sentence edge are smaller. The node term itself is not its own collocate, nor a
    slot of the span.
    """
    ordered = _select(tokens, None).sort_values(["article_id", "article_token"]).reset_index(drop=True)
    starts, k = _occurrences(ordered, node, form)
    is_word = (ordered["kind"] == "word").to_numpy()
    words = ordered[is_word].reset_index(drop=True)
    if k == 1:
        is_node = _matches(words, node, form).to_numpy()
        node_freq = int(is_node.sum())
    else:  # every token of each occurrence is the node
        covered = np.zeros(len(ordered), dtype=bool)
        for j in range(k):
            covered[np.flatnonzero(starts) + j] = True
        is_node = covered[is_word]
        node_freq = int(starts.sum())
    if not node_freq:
        raise ValueError(_absent(node, form))
    terms = words[form].to_numpy()
    cats = words["category"].to_numpy()
    sentence = list(zip(words["article_id"], words["sentence"]))
    n_words = len(words)
    freq = Counter(terms)
    wanted = None if categories is None else set(categories)
    span: set[int] = set()  # the union of the node's windows: each token counted once
    for i in range(n_words):
        if not is_node[i]:
            continue
        for j in range(max(0, i - window), min(n_words, i + window + 1)):
            if sentence[j] == sentence[i] and not is_node[j]:
                span.add(j)
    window_positions = len(span)
    observed: Counter[str] = Counter(
        terms[j] for j in sorted(span) if wanted is None or cats[j] in wanted
    )
    columns = ["term", "observed", "expected", "node_freq", "collocate_freq", "mi", "t_score", "log_dice", "g2"]
    rows = []
    for term, o in observed.items():
        if o < min_count:
            continue
        scores = association_scores(o, node_freq, freq[term], window_positions, n_words)
        if positive_only and o <= scores["expected"]:
            continue
        rows.append({"term": term, "observed": o, "node_freq": node_freq, "collocate_freq": freq[term], **scores})
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["g2", "observed", "term"], ascending=[False, False, True]).reset_index(drop=True)


def _spelling(tokens: pd.DataFrame, term: str) -> str:
    """The most frequent surface spelling (ties: code-point order) of ``term``'s
    normalised form in ``tokens``; ``term`` itself when that form never occurs."""
    written = tokens.loc[tokens["norm"] == normalize(term), "surface"]
    return _most_frequent(written) if len(written) else term


def _phrase_spelling(ordered: pd.DataFrame, starts: np.ndarray, k: int, term: str) -> str:
    """The most frequent written form of a term's occurrences (its tokens' surfaces,
    joined by a space); ``term`` itself when it never occurs."""
    surfaces = ordered["surface"].to_numpy(dtype=object)
    written = [" ".join(surfaces[i : i + k]) for i in np.flatnonzero(starts)]
    return _most_frequent(pd.Series(written, dtype=object)) if written else term


def dispersion(tokens: pd.DataFrame, terms: Iterable[str], *, form: str = "group",
               glossary: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Where each of ``terms`` occurs along its article.

    Parameters
    ----------
    tokens : DataFrame
        Annotated tokens (`annotate`).
    terms : iterable of str
        The terms, one word or several each.
    form : str, default "group"
        What the terms are matched in (``group``, ``norm`` or ``surface``).
    glossary : mapping of str to str, optional
        For the glosses (default `load_glossary`).

    Returns
    -------
    DataFrame
        One row per occurrence: ``article_id, term, display, gloss_en, sentence,
        article_token, start, position``; ``term`` is as given; ``display`` is the
        label a figure draws for it (the most frequent written spelling of its
        normalised form, as in `term_frequencies`, so ``أمريكية`` with its hamza);
        ``gloss_en`` its English gloss (`lookup_glosses`); ``position`` =
        article_token / the article's last ``article_token`` in ``tokens`` (0-1, so
        articles of different lengths can share an axis). A term of several words has
        one row per occurrence, at its first token.

    Raises
    ------
    ValueError
        An empty term, one with punctuation, or an unknown ``form``.

    Warns
    -----
    TermNotFoundWarning
        Naming the terms that do not occur (they have no rows).
    """
    terms = list(terms)
    ordered = tokens.sort_values(["article_id", "article_token"]).reset_index(drop=True)
    size = ordered.groupby("article_id")["article_token"].max()
    glosses = dict(zip(terms, lookup_glosses(terms, glossary)))
    parts, absent = [], []
    for term in terms:
        starts, k = _occurrences(ordered, term, form)
        if not starts.any():
            absent.append(term)
        hits = ordered[starts]
        part = hits[["article_id", "sentence", "article_token", "start"]].copy()
        part.insert(1, "term", term)
        part.insert(2, "display", _spelling(tokens, term) if k == 1 else _phrase_spelling(ordered, starts, k, term))
        part.insert(3, "gloss_en", glosses[term])
        # float even when the term never occurs (an empty map keeps the id column's string dtype)
        part["position"] = part["article_token"] / part["article_id"].map(size).astype("float64")
        parts.append(part)
    columns = ["article_id", "term", "display", "gloss_en", "sentence", "article_token", "start", "position"]
    if absent:
        warnings.warn(f"no occurrence of {absent} (form {form!r}): they have no rows", TermNotFoundWarning,
                      stacklevel=2)
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def dispersion_summary(tokens: pd.DataFrame, terms: Iterable[str], *, form: str = "group") -> pd.DataFrame:
    """How evenly each term spreads over the sentences of the article(s).

    Parameters
    ----------
    tokens : DataFrame
        Annotated tokens (`annotate`).
    terms : iterable of str
        The terms, one word or several each.
    form : str, default "group"
        What the terms are matched in (``group``, ``norm`` or ``surface``).

    Returns
    -------
    DataFrame
        ``term, count, sentences, range, dp``, one row per term in the order given:
        ``range`` = share of sentences that contain the term; ``dp`` = Gries'
        deviation of proportions (see Notes). A term of several words counts its
        occurrences (at their first token). A term that does not occur keeps its row
        (count 0, ``dp`` NaN).

    Raises
    ------
    ValueError
        An empty term, one with punctuation, or an unknown ``form``.

    Warns
    -----
    TermNotFoundWarning
        Naming the terms that do not occur.

    Notes
    -----
    ``DP = 0.5 * sum_i |v_i / f - s_i|`` over sentences ``i``, where ``v_i`` is the
    term's count in sentence ``i``, ``f`` its total, and ``s_i`` the sentence's share
    of the running tokens (`running_tokens`). 0 = spread in proportion to sentence
    length; near 1 = bunched in one place.

    References
    ----------
    S. Th. Gries, "Dispersions and adjusted frequencies in corpora", International
    Journal of Corpus Linguistics 13(4), 2008.
    """
    running = _running(tokens)
    ordered = tokens.sort_values(["article_id", "article_token"]).reset_index(drop=True)
    sizes = running_tokens(tokens, by_sentence=True)
    share = sizes / sizes.sum()
    rows, absent = [], []
    for term in terms:
        starts, k = _occurrences(ordered, term, form) if len(term_words(term)) > 1 else (None, 1)
        hits = running[_matches(running, term_words(term)[0], form)] if k == 1 else ordered[starts]
        if hits.empty:
            absent.append(term)
        per_sentence = hits.groupby(["article_id", "sentence"]).size().reindex(share.index, fill_value=0)
        total = int(per_sentence.sum())
        dp = 0.5 * float((per_sentence / total - share).abs().sum()) if total else float("nan")
        rows.append({"term": term, "count": total, "sentences": int((per_sentence > 0).sum()),
                     "range": float((per_sentence > 0).mean()), "dp": dp})
    if absent:
        warnings.warn(f"no occurrence of {absent} (form {form!r}): count 0", TermNotFoundWarning, stacklevel=2)
    return pd.DataFrame(rows, columns=["term", "count", "sentences", "range", "dp"])
