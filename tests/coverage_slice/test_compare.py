"""The coverage comparisons (`arabic_media.coverage.compare`) and their figures, on tables
small enough to work out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from arabic_media import charts
from arabic_media.coverage import compare as C


def tiny() -> C.Coverage:
    members = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"]})
    sentences = pd.DataFrame({"article_id": ["a", "a", "b", "b", "c", "c"], "sentence": [1, 2, 1, 2, 1, 2],
                              "label": ["AGAINST", "NONE", "FAVOR", "NONE", "NONE", "NONE"]})
    attributions = pd.DataFrame({"article_id": ["a", "a", "b", "c"], "sentence": [1, 2, 1, 1],
                                 "source_type": ["company", "media", "company", "other"]})
    confusion = pd.DataFrame({"article_id": ["t1"] * 3 + ["t2"] * 3, "gold": list(C.LABELS) * 2,
                              "predicted": list(C.LABELS) * 2, "sentences": [3, 1, 5, 1, 2, 4]})
    terms = pd.DataFrame({"outlet": ["X", "X", "Y"], "term": ["فيسبوك", "كراهية", "فيسبوك"],
                          "category": ["content"] * 3, "count": [4, 3, 2], "documents": [2, 1, 1]})
    outlets = pd.DataFrame({"outlet": ["X", "Y"], "reports_read": [10, 5], "reports_in_slice": [2, 1],
                            "sentences": [4, 2], "running_tokens": [40, 20]})
    counts = pd.DataFrame({"outlet": ["X", "X", "Y"], "month": ["2018-03", "2018-04", "2018-04"],
                           "reports_read": [6, 4, 5], "reports_in_slice": [0, 2, 1]})
    return C.Coverage(members, counts, sentences, attributions, terms, outlets, confusion, {})


def test_adjusted_classify_and_count_undoes_known_errors():
    rates = np.array([[0.5, 0.0, 0.5], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])  # half the AGAINST read as NONE
    truth = np.array([0.4, 0.2, 0.4])
    assert np.allclose(C.adjusted_shares(truth @ rates, rates), truth)
    assert np.allclose(C.adjusted_shares(truth, np.eye(3)), truth)
    assert np.isnan(C.adjusted_shares(truth, np.zeros((3, 3)))).all()
    # an observed share the rates cannot give: the negative solution is set to 0
    assert C.adjusted_shares(np.array([0.0, 0.0, 1.0]), rates).tolist() == [0.0, 0.0, 1.0]


def test_stance_prevalence_with_a_perfect_labeller_is_the_raw_count():
    table = C.stance_prevalence(tiny(), resamples=200).set_index(["outlet", "label"])
    assert table.loc[("X", "AGAINST"), "share"] == pytest.approx(0.25)
    assert table.loc[("X", "AGAINST"), "raw_share"] == pytest.approx(0.25)
    assert table.loc[(C.ALL_OUTLETS, "NONE"), "share"] == pytest.approx(4 / 6)
    assert (table["ci_low"] <= table["share"] + 1e-9).all() and (table["share"] <= table["ci_high"] + 1e-9).all()
    assert set(table["failed_draws"]) == {0} and table.loc[("Y", "NONE"), "reports"] == 1
    # a test report without FAVOR resampled alone leaves FAVOR's error rate unknown: counted, left out
    gaps = C.stance_prevalence(tiny(), tiny().confusion.iloc[[0, 1, 2, 3, 5]], resamples=200)
    assert 0 < gaps["failed_draws"].iloc[0] < 200
    usable = C.prevalence_usable(table.reset_index())
    assert usable.loc[(usable["outlet"] == "Y") & (usable["label"] == "NONE"), "usable"].item()


def test_voice_shares_sum_to_one_per_outlet_with_intervals_around_them():
    shares = C.voice_shares(tiny(), resamples=200)
    assert shares.groupby("outlet")["share"].sum().round(9).eq(1).all()
    x = shares[(shares["outlet"] == "X")].set_index("source_type")
    assert x.at["company", "share"] == pytest.approx(2 / 3) and x.at["company", "reports"] == 2
    said = pd.DataFrame({"cue_start": [0, 5, None], "source_type": ["media", "media", None]})
    assert C.article_voice_shares(said, "article").to_dict("records")[0]["share"] == 1.0


def test_slice_counts_and_precision_per_outlet():
    counts = C.slice_counts(tiny()).set_index("outlet")
    assert counts.loc[C.ALL_OUTLETS, ["in slice", "read"]].tolist() == [3, 15]
    on_topic = pd.DataFrame({"article_id": ["a", "b", "c"], "split": "slice", "on_topic": ["yes", "no", "yes"],
                             "reason": ""})
    precision = C.query_precision(tiny(), on_topic).set_index("outlet")
    assert precision.loc["X", ["judged", "on_topic"]].tolist() == [2, 1]
    low, high = precision.loc[C.ALL_OUTLETS, ["ci_low", "ci_high"]]
    assert low < 2 / 3 < high
    with pytest.raises(ValueError, match=r"no on-topic judgement: \['c'\]"):
        C.query_precision(tiny(), on_topic.iloc[:2])


def test_slice_keyness_compares_with_the_reference_less_the_slice():
    class Reference:
        norms = pd.DataFrame({"term": ["فيسبوك", "كراهية", "شركة"], "category": "content", "count": [26, 13, 500]})
        running_tokens = 10_000

    table = C.slice_keyness(tiny(), Reference()).set_index("term")
    assert table.at["فيسبوك", "count_article"] == 6 and table.at["فيسبوك", "count_reference"] == 20
    assert table.at["فيسبوك", "tokens_reference"] == 10_000 - 60
    x = C.slice_keyness(tiny(), Reference(), "X").set_index("term")
    assert x.at["فيسبوك", "count_reference"] == 22
    with pytest.raises(ValueError, match="has no report in the slice"):
        C.slice_keyness(tiny(), Reference(), "Z")


def test_the_figures_draw_every_row_and_refuse_nothing_to_draw():
    cov = tiny()
    prevalence = C.stance_prevalence(cov, resamples=50)
    article = pd.DataFrame({"outlet": "article", "label": list(C.LABELS), "share": [0.5, 0.3, 0.2], "sentences": 10})
    fig, data = charts.stance_prevalence_figure(prevalence, C.prevalence_usable(prevalence), article)
    assert {"outlet", "label", "share", "ci_low", "ci_high", "reports", "sentences", "usable"} <= set(data.columns)
    assert len(data) == len(prevalence)
    fig, data = charts.voices_by_outlet_figure(C.voice_shares(cov, resamples=50),
                                               C.article_voice_shares(pd.DataFrame({"cue_start": [1],
                                                                                    "source_type": ["media"]}), "article"))
    assert "article" in set(data["outlet"])
    with pytest.raises(ValueError):
        charts.voices_by_outlet_figure(pd.DataFrame(), pd.DataFrame())


def test_the_busiest_month_pools_the_outlets():
    assert C.busiest_month(C.slice_counts(tiny())) == ("2018-04", 3)
