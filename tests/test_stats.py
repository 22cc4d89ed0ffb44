"""The study's statistics: one convention each, checked against hand-computed values."""

from __future__ import annotations

import math

import pytest

from arabic_media.stats import cohen_kappa, pairwise_scores, precision_recall_f1


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
