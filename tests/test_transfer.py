"""How the rules carry over (`arabic_media.transfer`): the recorded first test run still
holds, the study article's labels do not move with the mechanisms, and the agreement
tables compare what they say they compare."""

from __future__ import annotations

import pandas as pd
import pytest

from arabic_media import transfer
from tests.support import STUDY_TARGET


@pytest.fixture(scope="module")
def test_split():
    return transfer.load_split("extremism_test")


def test_the_rules_still_give_the_recorded_first_test_run(test_split):
    """The rules were frozen before the test set was scored; a change since would be a
    re-run, to be recorded as one (scripts/record_first_test_run.py --rerun)."""
    assert transfer.first_run_drift(test_split, STUDY_TARGET) == {}


def test_a_changed_record_is_reported_as_drift(test_split, tmp_path):
    record = transfer.FIRST_RUN.read_text(encoding="utf-8").replace('"kappa": 0.369', '"kappa": 0.5')
    (tmp_path / "run.json").write_text(record, encoding="utf-8")
    assert transfer.first_run_drift(test_split, STUDY_TARGET, tmp_path / "run.json") == {
        ("stance", "kappa"): (0.5, 0.369)}
    # a recorded re-run is the run the rules must now give
    import json

    rerun = json.loads(transfer.FIRST_RUN.read_text(encoding="utf-8"))
    rerun["reruns"] = [{"rules_commit": "x", "note": "changed", "stance": {**rerun["stance"], "kappa": 0.4},
                        "attribution": rerun["attribution"]}]
    (tmp_path / "rerun.json").write_text(json.dumps(rerun), encoding="utf-8")
    assert transfer.first_run_drift(test_split, STUDY_TARGET, tmp_path / "rerun.json") == {
        ("stance", "kappa"): (0.4, 0.369)}
    with pytest.raises(FileNotFoundError, match="no record of the first test run"):
        transfer.first_run_drift(test_split, STUDY_TARGET, tmp_path / "absent.json")


def test_the_mechanisms_change_one_score_of_the_study_article_and_no_label(study_article):
    """Sentence 10: ``لمواجهة`` after ``أجهزة المخابرات`` is read as the intelligence
    services' act (agents), so the score drops by its weight; the label stays FAVOR."""
    changes = transfer.mechanism_changes(study_article, STUDY_TARGET)
    assert changes["sentence"].tolist() == [10]
    row = changes.iloc[0]
    assert (row["label_without"], row["label_with"], row["score_without"], row["score_with"]) == (
        "FAVOR", "FAVOR", 2.5, 2.0)
    assert "agents: another actor's act" in row["explanation"]


def test_agreement_is_read_on_the_sentences_both_annotators_labelled():
    first = pd.DataFrame({"article_id": ["a"] * 4 + ["b"] * 2, "sentence": [1, 2, 3, 4, 1, 2],
                          "target": STUDY_TARGET, "label": ["FAVOR", "NONE", "AGAINST", "NONE", "NONE", "FAVOR"]})
    second = first[first["article_id"] == "a"].assign(label=["FAVOR", "NONE", "AGAINST", "AGAINST"])
    rules = first[["article_id", "sentence", "label"]].assign(label="NONE")
    table = transfer.stance_agreement(first, second, rules, STUDY_TARGET, resamples=50)
    assert table.loc["annotator 2 against annotator 1", ["sentences", "articles", "agree"]].tolist() == [4, 1, 3]
    assert table.loc["rules against annotator 1", "agree"] == 2  # the two NONE of article a
    assert table.loc["rules against annotator 2", "agree"] == 1


def test_only_the_two_kinds_of_second_annotation_exist():
    assert len(transfer.load_second_annotation("stance")) == 93
    with pytest.raises(ValueError, match="use 'stance' or 'attribution'"):
        transfer.load_second_annotation("quotation")


def test_the_targets_table_says_which_target_was_reached():
    stance = pd.DataFrame({"split": ["extremism_test"], "kappa": [0.369]})
    attribution = pd.DataFrame({"split": ["extremism_test"], "cue_precision": [0.87], "cue_recall": [0.674],
                                "source_right": [0.506]})
    table = transfer.targets_table(stance, attribution).set_index("target")
    assert table["met"].to_dict() == {"stance kappa": False, "attribution cue precision": True,
                                      "attribution cue recall": False, "right source, of the cues found": False}
    assert list(transfer.targets_table(stance, attribution.iloc[0:0])["target"]) == ["stance kappa"]
