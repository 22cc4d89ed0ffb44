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
    """``precision = tp / predicted``, ``recall = tp / actual`` and their harmonic mean
    ``f1 = 2 p r / (p + r)``. An empty denominator gives 0.0 (the study's one
    convention: nothing predicted earns no precision), and F1 is 0.0 when p + r = 0."""
    precision = tp / predicted if predicted else 0.0
    recall = tp / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def cohen_kappa(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Cohen's kappa of two labelings of the same items: ``(p_o - p_e) / (1 - p_e)``,
    with ``p_o`` the observed agreement and ``p_e = sum_k p_gold(k) * p_pred(k)`` the
    agreement expected by chance from each side's label shares (Cohen 1960). NaN for
    no items, or when chance agreement is 1 (both sides use one and the same label)."""
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

    Takes ``gold`` and ``predicted``: word -> group key (only words in ``gold`` count).
    Every unordered pair of gold words is a decision "same group or not". A pair put
    together by both is a true positive (tp); by the prediction only a false positive
    (fp); by the gold only a false negative (fn). Returns ``pairs, tp, fp, fn,
    precision = tp/(tp+fp), recall = tp/(tp+fn), f1`` (harmonic mean), and the numbers
    of gold and predicted groups. Precision says how often merging was right (a stemmer
    that cuts too deep loses it); recall how many true merges were found (leaving
    clitics on loses it). An empty denominator gives 0.0 (`precision_recall_f1`): a
    grouping that merges nothing has precision 0, not 1.
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

    Notation (Evert 2008, "Corpora and collocations", surface co-occurrence):
    ``O`` = ``observed`` co-occurrences (collocate tokens inside the node's windows);
    ``f_n`` = ``node_freq``; ``f_c`` = ``coll_freq``; ``R1`` = ``window_positions``,
    the number of token slots in the union of the node's windows (see `collocates`); ``N`` = ``corpus_size``.

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

    Returns ``{"expected", "mi", "t_score", "log_dice", "g2"}``.
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
    """``count / tokens * 1,000,000``: a frequency per million running tokens, so that
    corpora of different sizes can be read side by side. NaN where ``tokens`` is 0."""
    (count, tokens), scalar = _arrays(count, tokens)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(tokens > 0, count / np.where(tokens > 0, tokens, 1) * 1_000_000, np.nan)
    return _result(out, scalar)


def log_likelihood_g2(a, b, c, d):
    """Log-likelihood G2 of a term's frequencies in two corpora (Rayson & Garside 2000,
    the form of the UCREL log-likelihood calculator).

    ``a``, ``b`` = the term's frequency in corpus 1 and 2; ``c``, ``d`` = the corpus
    sizes in tokens. Expected frequencies ``E1 = c (a + b) / (c + d)`` and
    ``E2 = d (a + b) / (c + d)``; ``G2 = 2 (a ln(a / E1) + b ln(b / E2))``, and a cell
    with frequency 0 adds 0 (the limit of ``x ln x``). G2 is never negative: it says how
    much evidence there is for a difference, not in which direction (compare ``a / c``
    with ``b / d``) nor how large it is (`log_ratio`). It sums over the word's row only,
    not over all four cells of the 2x2 table (Dunning 1993, `association_scores`); the
    two agree closely while the term is a small share of each corpus.
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
    """The p-value of a G2 (chi-square with 1 degree of freedom): ``p = erfc(sqrt(G2 / 2))``,
    the chi-square(1) survival function written with the complementary error function
    (no scipy). G2 = 3.84 gives p = 0.05, 6.63 gives 0.01, 10.83 gives 0.001 and 15.13
    gives 0.0001 (`G2_CRITICAL`). With thousands of terms tested at once, a p-value is a
    ranking of evidence, not a licence: the study states its threshold before looking."""
    (g2,), scalar = _arrays(g2)
    out = np.vectorize(lambda x: math.erfc(math.sqrt(x / 2)) if x >= 0 else float("nan"), otypes=[float])(g2)
    return _result(out, scalar)


def log_ratio(a, b, c, d):
    """Log Ratio (Hardie 2014): ``log2((a / c) / (b / d))``, the binary log of the ratio
    of the term's relative frequencies in corpus 1 and corpus 2. 0 means equally
    frequent, +1 twice as frequent in corpus 1, -1 half as frequent, +3 eight times.
    An effect size: unlike G2 it does not grow with the corpus sizes.

    A zero frequency (``a`` or ``b``) is replaced by `LOG_RATIO_ZERO` = 0.5 (a stated
    convention, as in CQPweb), so a term absent from one corpus gets a finite (and conservative)
    ratio instead of an infinite one; both zero gives 0. Read such ratios as a bound.
    """
    (a, b, c, d), scalar = _arrays(a, b, c, d)
    both_zero = (a == 0) & (b == 0)
    a = np.where(a == 0, LOG_RATIO_ZERO, a)
    b = np.where(b == 0, LOG_RATIO_ZERO, b)
    out = np.where(both_zero, 0.0, np.log2((a / c) / (b / d)))
    return _result(out, scalar)
