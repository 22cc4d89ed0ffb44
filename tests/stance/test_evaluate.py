"""Scoring stance labels (`arabic_media.stance.evaluate`) on hand-computed values: the
scores, the bootstrap intervals, the per-article accuracy and the error causes."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from arabic_media import stance
from tests.stance.helpers import COMPANIES, label_table
from tests.support import corpus_of


def test_metrics_against_hand_computed_values():
    gold = label_table(["FAVOR", "FAVOR", "AGAINST", "AGAINST", "NONE"])
    pred = label_table(["FAVOR", "AGAINST", "AGAINST", "AGAINST", "FAVOR"])
    result = stance.evaluate(gold, pred)
    # FAVOR: P 1/2 R 1/2 F1 1/2; AGAINST: P 2/3 R 1 F1 4/5; NONE: no prediction, F1 0
    assert result.accuracy == pytest.approx(3 / 5)
    assert result.per_label.loc["FAVOR", "f1"] == pytest.approx(0.5)
    assert result.per_label.loc["AGAINST", "f1"] == pytest.approx(0.8)
    assert result.per_label.loc["NONE", "f1"] == 0
    assert result.macro_f1 == pytest.approx((0.5 + 0.8 + 0) / 3)
    assert result.f_avg == pytest.approx((0.5 + 0.8) / 2)
    # observed 0.6; chance 0.4*0.4 + 0.4*0.6 + 0.2*0 = 0.4; kappa (0.6-0.4)/(1-0.4)
    assert result.kappa == pytest.approx(1 / 3)
    assert result.confusion.loc["FAVOR", "AGAINST"] == 1
    assert result.confusion.loc["NONE", "FAVOR"] == 1
    assert int(result.confusion.to_numpy().sum()) == 5
    assert list(result.disagreements["sentence"]) == [2, 5]


def test_perfect_agreement_and_chance_level():
    gold = label_table(["FAVOR", "AGAINST", "NONE", "AGAINST"])
    perfect = stance.evaluate(gold, gold)
    assert perfect.accuracy == 1 and perfect.kappa == pytest.approx(1) and perfect.macro_f1 == 1
    constant = stance.evaluate(gold, label_table(["AGAINST"] * 4))
    assert constant.kappa == pytest.approx(0)
    assert constant.accuracy == pytest.approx(0.5)


def test_kappa_is_nan_when_chance_agreement_is_total():
    gold = label_table(["NONE", "NONE"])
    assert math.isnan(stance.evaluate(gold, gold).kappa)


def test_evaluate_refuses_a_missing_prediction_or_an_unknown_label():
    gold = label_table(["FAVOR", "NONE"])
    with pytest.raises(ValueError, match="no label"):
        stance.evaluate(gold, label_table(["FAVOR"]))
    with pytest.raises(ValueError, match="unknown labels"):
        stance.evaluate(gold, label_table(["FAVOR", "NEUTRAL"]))


def test_evaluate_takes_the_gold_rows_of_the_named_target():
    pred = label_table(["FAVOR", "AGAINST"])
    gold = pd.concat(
        [
            label_table(["FAVOR", "AGAINST"]).assign(target="companies"),
            label_table(["NONE", "NONE"]).assign(target="authorities"),
        ]
    )
    assert stance.evaluate(gold, pred, target="companies").accuracy == 1
    assert stance.evaluate(gold, pred, target="authorities").accuracy == 0
    assert stance.evaluate(gold, pred, target=COMPANIES).n == 2  # a Target, by its name
    with pytest.raises(ValueError, match="several targets"):
        stance.evaluate(gold, pred)
    with pytest.raises(ValueError, match="no rows for target 'nobody'"):
        stance.evaluate(gold, pred, target="nobody")
    # one target in the file, or no target column: target may be left out
    assert stance.evaluate(gold[gold["target"] == "companies"], pred).n == 2
    assert stance.evaluate(label_table(["FAVOR", "AGAINST"]), pred).n == 2
    majority = stance.majority_baseline(corpus_of({"a": ["أ.", "ب."]}), gold, target="authorities")
    assert set(majority["label"]) == {"NONE"}


def test_score_table_puts_labellers_side_by_side():
    gold = label_table(["FAVOR", "AGAINST", "NONE", "AGAINST"])
    scores = stance.score_table(
        {"perfect": stance.evaluate(gold, gold), "constant": stance.evaluate(gold, label_table(["AGAINST"] * 4))}
    )
    assert list(scores.index) == ["perfect", "constant"]
    assert scores.loc["perfect", "correct"] == 4 and scores.loc["constant", "correct"] == 2
    assert scores.loc["constant", "kappa"] == pytest.approx(0)
    assert scores.loc["constant", "f1_FAVOR"] == 0
    assert {"accuracy", "macro_f1", "f_avg", "f1_AGAINST", "f1_NONE"} <= set(scores.columns)


def _rows(rows):
    return pd.DataFrame(rows, columns=["article_id", "sentence", "label"])


GOLD = _rows([("a", 1, "FAVOR"), ("a", 2, "AGAINST"), ("b", 1, "NONE"), ("b", 2, "AGAINST"),
               ("c", 1, "FAVOR"), ("c", 2, "NONE")]).assign(target="t")
PRED = _rows([("a", 1, "FAVOR"), ("a", 2, "NONE"), ("b", 1, "NONE"), ("b", 2, "FAVOR"),
               ("c", 1, "FAVOR"), ("c", 2, "AGAINST")])


def test_scores_of_equals_evaluate():
    whole = stance.evaluate(GOLD, PRED, "t")
    merged = GOLD.merge(PRED, on=["article_id", "sentence"])
    scores = stance.scores_of(merged["label_x"], merged["label_y"])
    for name in stance.SCORES:
        assert scores[name] == pytest.approx(getattr(whole, name))


@pytest.mark.parametrize("unit", ["article", "sentence"])
def test_bootstrap_is_fixed_by_its_seed_and_brackets_the_value(unit):
    first = stance.bootstrap_scores(GOLD, PRED, "t", unit=unit, resamples=300, seed=7)
    again = stance.bootstrap_scores(GOLD, PRED, "t", unit=unit, resamples=300, seed=7)
    pd.testing.assert_frame_equal(first, again)
    assert list(first.index) == list(stance.SCORES)
    assert first.loc["accuracy", "value"] == pytest.approx(0.5)
    for name in stance.SCORES:
        row = first.loc[name]
        assert row["low"] <= row["value"] <= row["high"] or math.isnan(row["value"])
        assert 0 <= row["nan_draws"] <= 300


def test_bootstrap_of_a_perfect_labeller_is_a_point():
    result = stance.bootstrap_scores(GOLD, GOLD[["article_id", "sentence", "label"]], "t", resamples=200)
    assert result.loc["accuracy", ["low", "high"]].tolist() == [1.0, 1.0]


def test_bootstrap_rejects_an_unknown_unit():
    with pytest.raises(ValueError, match="unit"):
        stance.bootstrap_scores(GOLD, PRED, "t", unit="word")


def test_accuracy_by_article():
    table = stance.accuracy_by_article(GOLD, PRED, "t")
    assert table["article_id"].tolist() == ["a", "b", "c"]
    assert table["correct"].tolist() == [1, 1, 1]
    assert table["gold_AGAINST"].tolist() == [1, 1, 0]


def test_error_causes_follow_the_stated_order():
    labelling = stance.Labelling(PRED.assign(deciding_cue=""), pd.DataFrame())
    referred = {("a", 1), ("b", 1), ("b", 2), ("c", 1), ("c", 2)}  # a/2 not referred
    causes = stance.error_causes(GOLD, labelling, referred, "t")
    assert causes[["article_id", "sentence", "cause"]].values.tolist() == [
        ["a", 2, "missed mention"], ["b", 2, "wrong polarity"], ["c", 2, "scope"],
    ]
    referred.add(("a", 2))
    assert stance.error_causes(GOLD, labelling, referred, "t").loc[0, "cause"] == "missed cue"


def test_stage_scores_split_whether_from_which_way():
    gold = _rows([("a", 1, "FAVOR"), ("a", 2, "AGAINST"), ("a", 3, "NONE"), ("a", 4, "AGAINST"), ("a", 5, "NONE")])
    pred = _rows([("a", 1, "AGAINST"), ("a", 2, "AGAINST"), ("a", 3, "FAVOR"), ("a", 4, "NONE"), ("a", 5, "NONE")])
    table = stance.stage_scores(gold, pred)
    first, second = table.loc["stance or not"], table.loc["which way"]
    # gold takes a stance in 1, 2, 4; the labeller in 1, 2, 3: 2 of 3 right each way
    assert (first["gold_stance"], first["predicted_stance"], first["agree"]) == (3, 3, 3)
    assert first["precision"] == pytest.approx(2 / 3) and first["recall"] == pytest.approx(2 / 3)
    # binary kappa: observed 3/5; chance (3/5)(3/5) + (2/5)(2/5) = 13/25; (15/25 - 13/25) / (12/25) = 1/6
    assert first["kappa"] == pytest.approx(1 / 6)
    # which way: sentences 1 and 2 take a stance on both sides; only 2 agrees
    assert (second["sentences"], second["agree"], second["accuracy"]) == (2, 1, 0.5)
