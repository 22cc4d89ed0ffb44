"""The bootstrap intervals, the per-article accuracy and the error causes, on small
hand-made label tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from arabic_media import stance


def _table(rows):
    return pd.DataFrame(rows, columns=["article_id", "sentence", "label"])


GOLD = _table([("a", 1, "FAVOR"), ("a", 2, "AGAINST"), ("b", 1, "NONE"), ("b", 2, "AGAINST"),
               ("c", 1, "FAVOR"), ("c", 2, "NONE")]).assign(target="t")
PRED = _table([("a", 1, "FAVOR"), ("a", 2, "NONE"), ("b", 1, "NONE"), ("b", 2, "FAVOR"),
               ("c", 1, "FAVOR"), ("c", 2, "AGAINST")])


def test_scores_of_equals_evaluate():
    whole = stance.evaluate(PRED, GOLD, "t")
    merged = GOLD.merge(PRED, on=["article_id", "sentence"])
    scores = stance.scores_of(merged["label_x"], merged["label_y"])
    for name in stance.SCORES:
        assert scores[name] == pytest.approx(getattr(whole, name))


@pytest.mark.parametrize("unit", ["article", "sentence"])
def test_bootstrap_is_fixed_by_its_seed_and_brackets_the_value(unit):
    first = stance.bootstrap_scores(PRED, GOLD, "t", unit=unit, resamples=300, seed=7)
    again = stance.bootstrap_scores(PRED, GOLD, "t", unit=unit, resamples=300, seed=7)
    pd.testing.assert_frame_equal(first, again)
    assert list(first.index) == list(stance.SCORES)
    assert first.loc["accuracy", "value"] == pytest.approx(0.5)
    for name in stance.SCORES:
        row = first.loc[name]
        assert row["low"] <= row["value"] <= row["high"] or math.isnan(row["value"])
        assert 0 <= row["nan_draws"] <= 300


def test_bootstrap_of_a_perfect_labeller_is_a_point():
    result = stance.bootstrap_scores(GOLD[["article_id", "sentence", "label"]], GOLD, "t", resamples=200)
    assert result.loc["accuracy", ["low", "high"]].tolist() == [1.0, 1.0]


def test_bootstrap_rejects_an_unknown_unit():
    with pytest.raises(ValueError, match="unit"):
        stance.bootstrap_scores(PRED, GOLD, "t", unit="word")


def test_accuracy_by_article():
    table = stance.accuracy_by_article(PRED, GOLD, "t")
    assert table["article_id"].tolist() == ["a", "b", "c"]
    assert table["correct"].tolist() == [1, 1, 1]
    assert table["gold_AGAINST"].tolist() == [1, 1, 0]


def test_error_causes_follow_the_stated_order():
    labelling = stance.Labelling(PRED.assign(deciding_cue=""), pd.DataFrame())
    referred = {("a", 1), ("b", 1), ("b", 2), ("c", 1), ("c", 2)}  # a/2 not referred
    causes = stance.error_causes(labelling, GOLD, referred, "t")
    assert causes[["article_id", "sentence", "cause"]].values.tolist() == [
        ["a", 2, "missed mention"], ["b", 2, "wrong polarity"], ["c", 2, "scope"],
    ]
    referred.add(("a", 2))
    assert stance.error_causes(labelling, GOLD, referred, "t").loc[0, "cause"] == "missed cue"
