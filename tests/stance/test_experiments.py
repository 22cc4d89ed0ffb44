"""Baselines, leave-one-out and ablation (`arabic_media.stance.experiments`)."""

from __future__ import annotations

import pandas as pd
import pytest

from arabic_media import stance
from arabic_media.annotations import load_stance_gold
from tests.stance.helpers import COMPANIES, LOO_TEXTS, SMALL, label_table, small_corpus
from tests.support import STUDY_ARTICLE, STUDY_TARGET, corpus_of


def test_majority_baseline_takes_the_most_frequent_gold_label():
    gold = label_table(["NONE", "AGAINST", "AGAINST"])
    pred = stance.majority_baseline(corpus_of({"a": ["أ.", "ب.", "ج."]}), gold)
    assert set(pred["label"]) == {"AGAINST"}


def test_labeller_beats_the_majority_baseline_in_sample(study_corpus, study_labels):
    gold = load_stance_gold()
    rules = stance.evaluate(gold, study_labels, STUDY_TARGET)
    majority = stance.evaluate(gold, stance.majority_baseline(study_corpus, gold, STUDY_TARGET), STUDY_TARGET)
    assert rules.accuracy > majority.accuracy
    assert rules.macro_f1 > majority.macro_f1


def test_leave_one_out_matches_the_reviewers_cue_only_figure(study_article):
    """Withholding only the cues, on the study's article alone (selected by id: "found
    nowhere else" means nowhere else in that article, whatever other articles the corpus
    holds): 10 of 14 (the reviewer's hand count was 9 of 14 before the rules were widened), with
    sentences 7, 8 and 12 decided by cues found nowhere else. Sentence 14 no longer
    moves: the general cue حماية (from the development set) still finds it when
    its own cue is withheld."""
    study_corpus = study_article
    gold = load_stance_gold()
    held = stance.leave_one_out(study_corpus, STUDY_TARGET, withhold=("cues",)).labels
    result = stance.evaluate(gold, held, target=STUDY_TARGET)
    assert result.summary() == {
        "n": 14, "accuracy": 0.714, "macro_f1": 0.641, "f_avg": 0.762, "kappa": 0.541
    }
    full = stance.label_sentences(study_corpus, STUDY_TARGET).labels
    differs = held.loc[held["label"] != full["label"], "sentence"].tolist()
    assert differs == [7, 8, 12]
    assert held.set_index(["article_id", "sentence"]).loc[(STUDY_ARTICLE, 8), "withheld_cues"] == "عائق"
    both = stance.leave_one_out(study_corpus, STUDY_TARGET)
    assert stance.evaluate(gold, both, target=STUDY_TARGET).accuracy <= result.accuracy


def test_leave_one_out_withholds_what_only_one_sentence_shows():
    sentences = small_corpus(LOO_TEXTS)
    full = stance.label_sentences(sentences, COMPANIES, SMALL).labels
    assert list(full["label"]) == ["AGAINST", "AGAINST", "FAVOR", "FAVOR"]
    cues_only = stance.leave_one_out(sentences, COMPANIES, SMALL, withhold=("cues",)).labels
    assert list(cues_only["label"]) == ["NONE", "AGAINST", "FAVOR", "FAVOR"]
    assert list(cues_only["withheld_cues"]) == ["تورط", "", "", "استعدادهم للتعاون"]
    assert set(cues_only["withheld_aliases"]) == {""}
    # the long cue withheld, the short one inside it (seen in sentences 2 and 3) decides
    assert cues_only["score"].iloc[3] == 2 and "=تعاون/FAVOR/2" in cues_only["deciding_cue"].iloc[3]
    both = stance.leave_one_out(sentences, COMPANIES, SMALL, topic=False).labels
    assert list(both["label"]) == ["NONE", "NONE", "FAVOR", "FAVOR"]
    # with the topic rule, sentence 2 loses its name but not its subject:
    # the first sentence names the target, so its cue still counts
    with_topic = stance.leave_one_out(sentences, COMPANIES, SMALL).labels
    assert list(with_topic["label"]) == ["NONE", "AGAINST", "FAVOR", "FAVOR"]
    assert both["withheld_aliases"].iloc[1] == "كلاود فلاير"
    assert list(both.columns) == stance.OUTPUT_COLUMNS + ["withheld_cues", "withheld_aliases"]
    nothing = stance.leave_one_out(sentences, COMPANIES, SMALL, withhold=()).labels
    assert nothing[stance.OUTPUT_COLUMNS].equals(full)
    with pytest.raises(ValueError, match="withhold"):
        stance.leave_one_out(sentences, COMPANIES, SMALL, withhold=("negators",))


def test_ablation_shows_what_negation_and_contrast_change():
    sentences = small_corpus([
        "شركات أمريكية رفضت التعاون مع الخلية.",  # negation decides
        "أكدت شركات أمريكية التعاون، إلا أنها أبدت تحفظا.",  # contrast decides
        "أثبتت التحقيقات تورط شركات أمريكية.",  # neither
    ])
    gold = pd.DataFrame({"article_id": "a", "sentence": [1, 2, 3], "target": "companies",
                         "label": ["AGAINST", "AGAINST", "AGAINST"]})
    table = stance.ablation(sentences, COMPANIES, SMALL, gold)
    assert list(table.columns) == ["article_id", "sentence", *stance.ABLATION_VARIANTS, "gold", "changed"]
    assert table["rules"].tolist() == ["AGAINST", "AGAINST", "AGAINST"]
    assert table["no negation"].tolist() == ["FAVOR", "AGAINST", "AGAINST"]
    assert table["no contrast"].tolist() == ["AGAINST", "FAVOR", "AGAINST"]
    assert table["neither"].tolist() == ["FAVOR", "FAVOR", "AGAINST"]
    assert table["changed"].tolist() == [True, True, False]
    assert stance.ablation_changes(table).to_dict() == {"no negation": 1, "no contrast": 1, "neither": 2}
    assert "gold" not in stance.ablation(sentences, COMPANIES, SMALL).columns
