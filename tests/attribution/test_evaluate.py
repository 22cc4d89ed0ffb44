"""Scoring attributions (`arabic_media.attribution.evaluate`) on a tiny hand example and
on the study's article against its gold."""

from __future__ import annotations

import pandas as pd
import pytest

from arabic_media.annotations import load_attribution_gold
from arabic_media.attribution import find_attributions, score_attributions
from tests.attribution.helpers import said


def test_scores_on_a_tiny_hand_example():
    tokens = pd.DataFrame({"article_id": "a", "start": [0, 5, 10, 15, 20], "end": [4, 9, 14, 19, 24],
                           "kind": "word"})
    gold = pd.DataFrame({"article_id": ["a", "a", "a"], "sentence": [1, 1, 2], "cue_start": [0, 5, None],
                         "cue_end": [4, 9, None], "source_actor_id": ["x", "y", ""], "source_type": ["media"] * 3,
                         "depth": [1, 2, None], "content_start": [5, 10, None], "content_end": [24, 14, None]})
    predicted = pd.DataFrame({"article_id": ["a", "a"], "sentence": [1, 2], "cue_start": [0, 15],
                              "cue_end": [4, 19], "source_actor_id": ["x", "z"], "source_type": ["media"] * 2,
                              "depth": [1, 1], "content_start": [10, 20], "content_end": [24, 24]})
    scores = score_attributions(gold, predicted, tokens).set_index("field")
    # 1 of 2 predicted cues is right, 1 of 2 gold cues found
    assert scores.loc["cue", ["precision", "recall", "f1"]].tolist() == [0.5, 0.5, 0.5]
    assert scores.loc["source", "accuracy"] == 1.0
    # gold content has 4 tokens (5-24), predicted 3 (10-24): overlap 3
    content = scores.loc["content (tokens, matched cues)"]
    assert (content["precision"], content["recall"]) == (1.0, 0.75)
    assert content["f1"] == pytest.approx(2 * 0.75 / 1.75)
    # sentence 2 has no attribution in the gold; the rules found one there
    assert scores.loc["no_attribution (sentences)", ["gold", "predicted"]].tolist() == [1, 0]


def test_study_article_offsets_slice_and_cues_match_the_gold(study_corpus, lex):
    table = find_attributions(study_corpus, lex)
    for row in said(table).itertuples():  # every article of the corpus: offsets into its own text
        text = study_corpus.text(row.article_id)
        assert text[row.cue_start:row.cue_end] == row.cue
        if pd.notna(row.source_start):
            assert text[row.source_start:row.source_end] == row.source
    gold = load_attribution_gold()
    scores = score_attributions(gold, table, study_corpus.tokens).set_index("field")
    assert scores.loc["cue", "f1"] == 1.0 and scores.loc["depth", "accuracy"] == 1.0
