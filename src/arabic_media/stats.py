"""The study's statistics, one convention each: 2x2 association measures, keyness
(log-likelihood G2, its p-value, Log Ratio, per million), precision,
recall and F1, pairwise clustering scores, Cohen's kappa.

One convention for an empty denominator, everywhere: a precision or recall whose
denominator is 0 is 0.0 (scikit-learn's ``zero_division=0``, SemEval's scorer), and
F1 is 0.0 when precision + recall is 0. Every formula is in its function's docstring.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

__all__ = [
    "precision_recall_f1", "pairwise_scores", "cohen_kappa", "association_scores",
    "LOG_RATIO_ZERO", "G2_CRITICAL", "per_million", "log_likelihood_g2", "g2_p_value", "log_ratio",
]


def precision_recall_f1(tp: int, predicted: int, actual: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts.

    ``precision = tp / predicted``, ``recall = tp / actual`` and their harmonic mean
    ``f1 = 2 p r / (p + r)``. An empty denominator gives 0.0 (the study's one
    convention: nothing predicted earns no precision), and F1 is 0.0 when p + r = 0.

    Parameters
    ----------
    tp : int
        True positives: predictions that are right.
    predicted : int
        Everything predicted (true and false positives).
    actual : int
        Everything in the gold (true positives and false negatives).

    Returns
    -------
    tuple of (float, float, float)
        ``(precision, recall, f1)``.

    Examples
    --------
    >>> precision_recall_f1(3, 4, 6)
    (0.75, 0.5, 0.6)
    >>> precision_recall_f1(0, 0, 5)
    (0.0, 0.0, 0.0)
    """
    precision = tp / predicted if predicted else 0.0
    recall = tp / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def cohen_kappa(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Cohen's kappa of two labelings of the same items.

    ``kappa = (p_o - p_e) / (1 - p_e)``, with ``p_o`` the observed agreement and
    ``p_e = sum_k p_gold(k) * p_pred(k)`` the agreement expected by chance from each
    side's label shares.

    Parameters
    ----------
    gold, predicted : sequence of str
        The two labelings, item by item, in the same order.

    Returns
    -------
    float
        Kappa; NaN for no items, or when chance agreement is 1 (both sides use one
        and the same label).

    Raises
    ------
    ValueError
        The two labelings differ in length.

    References
    ----------
    J. Cohen, "A coefficient of agreement for nominal scales", Educational and
    Psychological Measurement 20(1), 1960.
    """
    n = len(gold)
    if n != len(predicted):
        raise ValueError(f"{n} gold labels for {len(predicted)} predictions")
    if not n:
        return float("nan")
    observed = sum(g == p for g, p in zip(gold, predicted)) / n
    g_counts, p_counts = Counter(gold), Counter(predicted)
    chance = sum(g_counts[k] * p_counts[k] for k in g_counts) / (n * n)
    return (observed - chance) / (1 - chance) if chance != 1 else float("nan")



def pairwise_scores(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    """Score a grouping against the gold by its same-group decisions on pairs of words.

    Every unordered pair of gold words is a decision "same group or not". A pair put
    together by both is a true positive (tp); by the prediction only a false positive
    (fp); by the gold only a false negative (fn). Precision says how often merging was
    right (a stemmer that cuts too deep loses it); recall how many true merges were
    found (leaving clitics on loses it). An empty denominator gives 0.0
    (`precision_recall_f1`): a grouping that merges nothing has precision 0, not 1.

    Parameters
    ----------
    gold : mapping of str to str
        Word -> gold group key. Only these words count.
    predicted : mapping of str to str
        Word -> predicted group key, for every word of ``gold`` at least.

    Returns
    -------
    dict of str to float
        ``words`` (gold words), ``pairs`` (their unordered pairs), ``tp``, ``fp``,
        ``fn``, ``precision = tp/(tp+fp)``, ``recall = tp/(tp+fn)``, ``f1`` (harmonic
        mean), ``gold_groups`` and ``predicted_groups`` (the numbers of groups).

    Raises
    ------
    KeyError
        A gold word that ``predicted`` has no key for.
    """
    words = sorted(gold)
    gold_groups = Counter(gold[w] for w in words)
    pred_groups = Counter(predicted[w] for w in words)
    joint = Counter((gold[w], predicted[w]) for w in words)

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    tp = sum(pairs(n) for n in joint.values())
    pred_same = sum(pairs(n) for n in pred_groups.values())
    gold_same = sum(pairs(n) for n in gold_groups.values())
    fp, fn = pred_same - tp, gold_same - tp
    precision, recall, f1 = precision_recall_f1(tp, pred_same, gold_same)
    return {
        "words": len(words),
        "pairs": pairs(len(words)),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "gold_groups": len(gold_groups),
        "predicted_groups": len(pred_groups),
    }


def association_scores(observed: float, node_freq: float, coll_freq: float, window_positions: float,
                       corpus_size: float) -> dict[str, float]:
    """Association measures of a node word and a collocate, from window counts.

    Notation of Evert (2008), surface co-occurrence: ``O`` = ``observed``, ``f_n`` =
    ``node_freq``, ``f_c`` = ``coll_freq``, ``R1`` = ``window_positions``, ``N`` =
    ``corpus_size``.

    Parameters
    ----------
    observed : float
        ``O``: co-occurrences (collocate tokens inside the node's windows).
    node_freq : float
        ``f_n``: the node's frequency.
    coll_freq : float
        ``f_c``: the collocate's frequency.
    window_positions : float
        ``R1``: the number of token slots in the union of the node's windows (see
        `collocates`).
    corpus_size : float
        ``N``: the tokens of the corpus.

    Returns
    -------
    dict of str to float
        ``expected``, ``mi``, ``t_score``, ``log_dice`` and ``g2``, as defined in the
        Notes. ``mi`` and ``log_dice`` are ``-inf`` and ``t_score`` NaN when ``O`` is
        0 (``mi`` also when ``E`` is 0).

    Notes
    -----
    * expected ``E = R1 * f_c / N`` (the collocate's share of the corpus, spread over
      the window slots).
    * ``MI = log2(O / E)`` (pointwise mutual information; favours rare pairs).
    * ``t = (O - E) / sqrt(O)`` (t-score; favours frequent pairs).
    * ``logDice = 14 + log2(2 O / (f_n + f_c))`` (Rychly 2008; 14 at most, independent
      of corpus size).
    * ``G2 = 2 * sum_ij O_ij * ln(O_ij / E_ij)`` (log-likelihood, Dunning 1993) over the
      2x2 table of window slots against collocate tokens:
      ``O11 = O``, ``O12 = R1 - O``, ``O21 = f_c - O``, ``O22 = N - R1 - f_c + O``, with
      ``E_ij = row_i * col_j / N``; a cell with ``O_ij = 0`` adds 0. NaN when a cell
      would be negative (windows larger than the corpus allows).

    References
    ----------
    S. Evert, "Corpora and collocations", in A. Lüdeling and M. Kytö (eds.), Corpus
    Linguistics: An International Handbook, 2008.

    P. Rychlý, "A lexicographer-friendly association score", RASLAN 2008.

    T. Dunning, "Accurate methods for the statistics of surprise and coincidence",
    Computational Linguistics 19(1), 1993.
    """
    o, fn_, fc, r1, n = map(float, (observed, node_freq, coll_freq, window_positions, corpus_size))
    expected = r1 * fc / n
    mi = math.log2(o / expected) if o > 0 and expected > 0 else float("-inf")
    t_score = (o - expected) / math.sqrt(o) if o > 0 else float("nan")
    log_dice = 14 + math.log2(2 * o / (fn_ + fc)) if o > 0 else float("-inf")
    table = ((o, r1 - o), (fc - o, n - r1 - fc + o))
    if min(min(r) for r in table) < 0:
        g2 = float("nan")
    else:
        rows = (r1, n - r1)
        cols = (fc, n - fc)
        g2 = 0.0
        for i in range(2):
            for j in range(2):
                cell = table[i][j]
                if cell > 0:
                    g2 += cell * math.log(cell / (rows[i] * cols[j] / n))
        g2 *= 2
    return {"expected": expected, "mi": mi, "t_score": t_score, "log_dice": log_dice, "g2": g2}


# --- keyness: one word's frequency in two corpora ---------------------------------------
#
# Notation of Rayson & Garside (2000) and of the UCREL log-likelihood calculator: a term
# occurs ``a`` times in corpus 1 of ``c`` tokens and ``b`` times in corpus 2 of ``d``
# tokens. Each function takes numbers or array-likes (pandas Series, numpy arrays) of the
# same length, and returns a float for numbers and a numpy array otherwise.

#: The stand-in for a zero frequency in `log_ratio` (a word absent from one corpus would
#: otherwise have an infinite ratio): a stated convention of the study, the zero
#: adjustment of 0.5 that CQPweb applies to Log Ratio.
LOG_RATIO_ZERO = 0.5

#: Critical values of chi-square with 1 degree of freedom, G2 -> p (Rayson, Berridge &
#: Francis 2004, and the UCREL calculator's table): the thresholds the study may state.
G2_CRITICAL = {3.84: 0.05, 6.63: 0.01, 10.83: 0.001, 15.13: 0.0001}

def _arrays(*values):
    """Float arrays of ``values``, and whether every one was a plain number."""
    scalar = all(np.ndim(v) == 0 for v in values)
    return [np.asarray(v, dtype=float) for v in values], scalar


def _result(array, scalar: bool):
    return float(array) if scalar else array


def per_million(count, tokens):
    """A frequency per million running tokens: ``count / tokens * 1,000,000``.

    So that corpora of different sizes can be read side by side.

    Parameters
    ----------
    count : float or array_like
        The term's frequency.
    tokens : float or array_like
        The corpus size in running tokens (of the same length as ``count``).

    Returns
    -------
    float or numpy.ndarray
        A float for numbers, an array otherwise; NaN where ``tokens`` is 0.
    """
    (count, tokens), scalar = _arrays(count, tokens)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(tokens > 0, count / np.where(tokens > 0, tokens, 1) * 1_000_000, np.nan)
    return _result(out, scalar)


def log_likelihood_g2(a, b, c, d):
    """Log-likelihood G2 of a term's frequencies in two corpora.

    The form of Rayson & Garside (2000) and of the UCREL log-likelihood calculator.
    G2 says how much evidence there is for a difference, not in which direction
    (compare ``a / c`` with ``b / d``) nor how large it is (`log_ratio`).

    Parameters
    ----------
    a, b : float or array_like
        The term's frequency in corpus 1 and in corpus 2.
    c, d : float or array_like
        The sizes of corpus 1 and corpus 2, in tokens.

    Returns
    -------
    float or numpy.ndarray
        G2, never negative: a float for numbers, an array otherwise.

    Notes
    -----
    Expected frequencies ``E1 = c (a + b) / (c + d)`` and ``E2 = d (a + b) / (c + d)``;
    ``G2 = 2 (a ln(a / E1) + b ln(b / E2))``, and a cell with frequency 0 adds 0 (the
    limit of ``x ln x``). It sums over the word's row only, not over all four cells of
    the 2x2 table (Dunning 1993, `association_scores`); the two agree closely while the
    term is a small share of each corpus.

    References
    ----------
    P. Rayson and R. Garside, "Comparing corpora using frequency profiling", Workshop
    on Comparing Corpora, ACL 2000.
    """
    (a, b, c, d), scalar = _arrays(a, b, c, d)
    total = a + b
    e1 = c * total / (c + d)
    e2 = d * total / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        first = np.where(a > 0, a * np.log(a / e1), 0.0)
        second = np.where(b > 0, b * np.log(b / e2), 0.0)
    return _result(2 * (first + second), scalar)


def g2_p_value(g2):
    """The p-value of a G2, read as chi-square with 1 degree of freedom.

    ``p = erfc(sqrt(G2 / 2))``, the chi-square(1) survival function written with the
    complementary error function (no scipy). G2 = 3.84 gives p = 0.05, 6.63 gives 0.01,
    10.83 gives 0.001 and 15.13 gives 0.0001 (`G2_CRITICAL`). With thousands of terms
    tested at once, a p-value is a ranking of evidence, not a licence: the study states
    its threshold before looking.

    Parameters
    ----------
    g2 : float or array_like
        G2 values (`log_likelihood_g2`).

    Returns
    -------
    float or numpy.ndarray
        The p-values: a float for a number, an array otherwise; NaN for a negative G2.
    """
    (g2,), scalar = _arrays(g2)
    out = np.vectorize(lambda x: math.erfc(math.sqrt(x / 2)) if x >= 0 else float("nan"), otypes=[float])(g2)
    return _result(out, scalar)


def log_ratio(a, b, c, d):
    """Log Ratio: the binary log of the ratio of a term's relative frequencies.

    ``log2((a / c) / (b / d))``, corpus 1 against corpus 2. 0 means equally frequent,
    +1 twice as frequent in corpus 1, -1 half as frequent, +3 eight times. An effect
    size: unlike G2 it does not grow with the corpus sizes.

    A zero frequency (``a`` or ``b``) is replaced by `LOG_RATIO_ZERO` = 0.5 (a stated
    convention, as in CQPweb), so a term absent from one corpus gets a finite (and
    conservative) ratio instead of an infinite one; both zero gives 0. Read such
    ratios as a bound.

    Parameters
    ----------
    a, b : float or array_like
        The term's frequency in corpus 1 and in corpus 2.
    c, d : float or array_like
        The sizes of corpus 1 and corpus 2, in tokens.

    Returns
    -------
    float or numpy.ndarray
        Log Ratio: a float for numbers, an array otherwise.

    References
    ----------
    A. Hardie, "Log Ratio: an informal introduction", ESRC Centre for Corpus Approaches
    to Social Science (CASS), 2014.
    """
    (a, b, c, d), scalar = _arrays(a, b, c, d)
    both_zero = (a == 0) & (b == 0)
    a = np.where(a == 0, LOG_RATIO_ZERO, a)
    b = np.where(b == 0, LOG_RATIO_ZERO, b)
    out = np.where(both_zero, 0.0, np.log2((a / c) / (b / d)))
    return _result(out, scalar)
