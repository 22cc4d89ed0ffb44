"""The study's statistics: one convention each, checked against hand-computed values."""

from __future__ import annotations

import math

import pytest

import numpy as np
import pandas as pd

from arabic_media.stats import (
    G2_CRITICAL,
    association_scores,
    cohen_kappa,
    g2_p_value,
    log_likelihood_g2,
    log_ratio,
    pairwise_scores,
    per_million,
    precision_recall_f1,
)


def test_precision_recall_f1_by_hand():
    p, r, f = precision_recall_f1(tp=3, predicted=4, actual=6)
    assert (p, r) == (0.75, 0.5)
    assert f == pytest.approx(2 * 0.75 * 0.5 / 1.25)


def test_an_empty_denominator_is_zero_everywhere():
    # the one convention: nothing predicted earns no precision, nothing to find no recall
    assert precision_recall_f1(0, 0, 5) == (0.0, 0.0, 0.0)
    assert precision_recall_f1(0, 3, 0) == (0.0, 0.0, 0.0)
    # a grouping that merges nothing has pairwise precision 0, as a stance label never predicted
    none = pairwise_scores({"a": "x", "b": "x", "c": "y"}, {"a": "a", "b": "b", "c": "c"})
    assert none["precision"] == 0.0 and none["recall"] == 0.0 and none["f1"] == 0.0


def test_cohen_kappa_by_hand():
    gold = ["A", "A", "B", "B"]
    pred = ["A", "B", "B", "B"]
    # p_o = 3/4; p_e = (2/4)(1/4) + (2/4)(3/4) = 1/2; kappa = (0.75 - 0.5) / 0.5
    assert cohen_kappa(gold, pred) == pytest.approx(0.5)
    assert cohen_kappa(gold, gold) == pytest.approx(1.0)
    assert math.isnan(cohen_kappa(["A", "A"], ["A", "A"]))  # chance agreement 1
    with pytest.raises(ValueError):
        cohen_kappa(["A"], ["A", "B"])


def test_log_likelihood_by_hand():
    # a = 10 in corpus 1 of c = 1,000 tokens; b = 20 in corpus 2 of d = 10,000 tokens.
    # a + b = 30, c + d = 11,000
    # E1 = 1000 * 30 / 11000 = 30/11 = 2.727273;  E2 = 10000 * 30 / 11000 = 300/11 = 27.272727
    # a ln(a/E1) = 10 ln(11/3)  = 10 * 1.2992830 = 12.992830
    # b ln(b/E2) = 20 ln(11/15) = 20 * -0.3101549 = -6.203099
    # G2 = 2 * (12.992830 - 6.203099) = 13.579463
    assert log_likelihood_g2(10, 20, 1000, 10000) == pytest.approx(13.579463, abs=1e-6)
    # a zero cell adds 0: a = 0, b = 5, c = 100, d = 900; E2 = 900 * 5 / 1000 = 4.5
    # G2 = 2 * 5 ln(5 / 4.5) = 10 * 0.1053605 = 1.053605
    assert log_likelihood_g2(0, 5, 100, 900) == pytest.approx(1.053605, abs=1e-6)
    assert log_likelihood_g2(0, 0, 100, 900) == 0.0
    # the same relative frequency in both corpora: no evidence at all
    assert log_likelihood_g2(3, 30, 1000, 10000) == pytest.approx(0.0, abs=1e-12)
    # symmetric in the corpora; never negative
    assert log_likelihood_g2(20, 10, 10000, 1000) == pytest.approx(13.579463, abs=1e-6)


def test_log_likelihood_is_close_to_the_full_2x2_table():
    # Rayson & Garside sum over the word's row; Dunning's G2 over all four cells. With the
    # term a small share of each corpus they nearly agree (13.58 against 13.64 here).
    full = association_scores(10, 0, 30, 1000, 11000)["g2"]
    assert full == pytest.approx(13.637932, abs=1e-5)
    assert log_likelihood_g2(10, 20, 1000, 10000) == pytest.approx(full, rel=0.01)


def test_p_value_at_the_critical_values():
    # chi-square with 1 df: the table every keyness study quotes
    assert G2_CRITICAL == {3.84: 0.05, 6.63: 0.01, 10.83: 0.001, 15.13: 0.0001}
    for g2, p in G2_CRITICAL.items():
        assert g2_p_value(g2) == pytest.approx(p, rel=0.01)
    assert g2_p_value(0.0) == 1.0
    assert g2_p_value(3.84) > 0.05 > g2_p_value(3.85)  # 3.841 is the exact 5% point


def test_log_ratio_published_example_and_zeros():
    # Hardie (2014), "Log Ratio - an informal introduction" (CASS blog): a relative
    # frequency of 0.0006 in corpus A against 0.0002 in corpus B is 3 times bigger;
    # twice as common is Log Ratio 1, four times 2, the same frequency 0.
    assert log_ratio(6, 2, 10000, 10000) == pytest.approx(math.log2(3))  # 1.585
    assert log_ratio(2, 1, 100, 100) == pytest.approx(1.0)
    assert log_ratio(4, 1, 100, 100) == pytest.approx(2.0)
    assert log_ratio(1, 10, 100, 1000) == pytest.approx(0.0)
    assert log_ratio(1, 4, 100, 100) == pytest.approx(-2.0)
    # a zero frequency is replaced by 0.5 (Hardie): 3 in 100 against 0 in 1,000
    # -> log2((3/100) / (0.5/1000)) = log2(60) = 5.906891
    assert log_ratio(3, 0, 100, 1000) == pytest.approx(5.906891, abs=1e-6)
    assert log_ratio(0, 0, 100, 1000) == 0.0


def test_keyness_measures_take_series():
    a, b = pd.Series([10, 0, 3]), pd.Series([20, 5, 0])
    g2 = log_likelihood_g2(a, b, 1000, 10000)
    assert isinstance(g2, np.ndarray) and g2.shape == (3,)
    assert g2[0] == pytest.approx(log_likelihood_g2(10, 20, 1000, 10000))
    assert list(g2_p_value(g2)) == pytest.approx([g2_p_value(float(x)) for x in g2])
    assert log_ratio(a, b, 1000, 10000)[2] == pytest.approx(math.log2((3 / 1000) / (0.5 / 10000)))
    assert list(per_million(pd.Series([1, 5]), 500)) == [2000.0, 10000.0]
    assert per_million(3, 1_000_000) == 3.0
    assert math.isnan(per_million(3, 0))
