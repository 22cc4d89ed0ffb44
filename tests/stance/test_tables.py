"""The labeller's output as tables (`arabic_media.stance.tables`)."""

from __future__ import annotations

import pandas as pd
import pytest

from arabic_media import stance
from tests.stance.helpers import two_articles


def test_label_counts_and_sequence_per_article():
    labels = pd.DataFrame(
        {"article_id": ["b"] * 4 + ["a"] * 2, "sentence": [3, 1, 4, 2, 1, 2],
         "label": ["FAVOR", "AGAINST", "AGAINST", "NONE", "AGAINST", "AGAINST"]}
    )
    gold = labels.assign(target="t", label=["FAVOR", "AGAINST", "FAVOR", "NONE", "NONE", "AGAINST"])
    counts = stance.label_counts(labels, gold, "t")
    assert list(counts.index) == list(stance.LABELS)
    assert counts["labeller"].tolist() == [1, 4, 1] and counts["gold"].tolist() == [2, 2, 2]
    assert list(stance.label_counts(labels).columns) == ["labeller"]
    sequence = stance.label_sequence(labels, gold, "t").set_index("article_id")
    assert sequence.loc["b", "labels"] == "AGAINST NONE FAVOR AGAINST"
    assert sequence.loc["b", "gold_labels"] == "AGAINST NONE FAVOR FAVOR"
    assert sequence.loc["b", "first_sentence"] == 3 and sequence.loc["b", "sentences"] == 4
    assert sequence.loc["b", ["before_FAVOR", "before_AGAINST", "before_NONE"]].tolist() == [0, 1, 1]
    # no FAVOR in article a: <NA>, and the counts cover the whole article
    assert pd.isna(sequence.loc["a", "first_sentence"]) and sequence.loc["a", "before_AGAINST"] == 2
    assert stance.label_sequence(labels, first="NONE").set_index("article_id").loc["b", "first_sentence"] == 2
    with pytest.raises(ValueError, match="first"):
        stance.label_sequence(labels, first="NEUTRAL")


def test_stance_table_shows_offsets_negation_and_the_text():
    corpus, labels, _ = two_articles()
    table = stance.stance_table(labels, corpus.sentences)
    assert list(table.columns) == [
        "article_id", "sentence", "label", "score", "mentions", "deciding_cue", "cues", "text"
    ]
    refusal = table[(table["article_id"] == "b-article") & (table["sentence"] == 2)].iloc[0]
    at = corpus.articles["text"].iloc[0].index("شركات أمريكية رفضت")  # b-article comes first
    assert refusal["mentions"] == f"شركات أمريكية [{at}-{at + 13}] us_companies"
    assert refusal["deciding_cue"] == f"التعاون [{at + 19}-{at + 26}] AGAINST 2 (negated by رفضت)"
    assert refusal["text"] == "شركات أمريكية رفضت التعاون مع الخلية."
    assert "text" not in stance.stance_table(labels).columns


def test_strip_data_has_one_row_per_sentence_and_says_why_a_none_has_no_cue():
    _, labels, gold = two_articles()
    data = stance.stance_strip_data(stance.Labelling(labels.labels.iloc[::-1], labels.matches), gold)
    assert list(data.columns) == [
        "article_id", "sentence", "label", "score", "deciding_cue_text", "deciding_cue_start",
        "deciding_cue_end", "negated_by", "gold_label",
    ]
    assert list(zip(data["article_id"], data["sentence"])) == [
        ("a-article", 1), ("b-article", 1), ("b-article", 2), ("b-article", 3)
    ]
    assert list(data["deciding_cue_text"]) == ["للتعاون", "تورط", "التعاون", "target not named"]
    assert (data["deciding_cue_start"].iloc[1], data["deciding_cue_end"].iloc[1]) == (16, 20)  # تورط
    assert data["negated_by"].tolist() == ["", "", "رفضت", ""]
    assert pd.isna(data["deciding_cue_start"].iloc[3])
    assert list(data["gold_label"]) == ["FAVOR", "AGAINST", "AGAINST", "AGAINST"]
    assert "gold_label" not in stance.stance_strip_data(labels).columns
    # a gold file with a second target: its rows are left out when the target is named
    both = pd.concat([gold.assign(target="companies"), gold.assign(target="others", label="NONE")])
    assert stance.stance_strip_data(labels, both, "companies")["gold_label"].equals(data["gold_label"])
