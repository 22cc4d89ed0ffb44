"""Who speaks, who is only talked about, who is named with whom, and stance by source
(`arabic_media.attribution.tables`), on a hand-made report whose every number can be
counted by reading it:

1. وقالت الصحيفة إن فيسبوك رفضت التعاون مع خلية الدفاع الرقمي.  (the newspaper speaks;
   Facebook and the cell are named)
2. وأضافت الصحيفة أن تويتر حذفت الحسابات.  (the newspaper speaks; Twitter is named)
3. وأعلنت فيسبوك أنها ستتعاون مع السلطات.  (Facebook speaks)
4. ونشرت يوتيوب مقاطع.  (no attribution: نشر needs a text as object; YouTube is named)
"""

from __future__ import annotations

import pandas as pd
import pytest

from arabic_media import attribution
from tests.attribution.helpers import attribute

REPORT = ("وقالت الصحيفة إن فيسبوك رفضت التعاون مع خلية الدفاع الرقمي. وأضافت الصحيفة أن تويتر حذفت الحسابات. "
          "وأعلنت فيسبوك أنها ستتعاون مع السلطات. ونشرت يوتيوب مقاطع.")


@pytest.fixture(scope="module")
def report(lex):
    corpus, attributions = attribute(REPORT, lex, original_outlet="Le Figaro")
    return corpus, attributions, attribution.actor_mentions(corpus, lex)


def test_the_hand_made_report_is_attributed_as_read(report):
    _, attributions, _ = report
    spoken = attributions[attributions["cue_start"].notna()]
    assert spoken[["sentence", "cue", "source_actor_id"]].values.tolist() == [
        [1, "قالت", "le_figaro"], [2, "أضافت", "le_figaro"], [3, "أعلنت", "facebook"]]
    assert attributions.loc[attributions["sentence"] == 4, "note"].tolist() == ["no attribution"]


def test_sources_table_counts_attributions_sentences_and_verbs(report, lex):
    corpus, attributions, _ = report
    table = attribution.sources_table(attributions, corpus.sentences, lex)
    assert table["source_id"].tolist() == ["le_figaro", "facebook"]
    newspaper = table.iloc[0]
    assert (newspaper["attributions"], newspaper["at_depth_1"], newspaper["nested"]) == (2, 2, 0)
    assert newspaper["sentences"] == 2 and newspaper["share_of_sentences"] == 2 / 4
    assert newspaper["verbs"] == "اضاف (1) · قال (1)"  # most used first, then by lemma
    assert newspaper["source_type"] == "media" and newspaper["name_en"] == "Le Figaro"
    assert table.iloc[1]["share_of_sentences"] == 1 / 4 and table.iloc[1]["source_type"] == "company"


def test_actor_mentions_give_the_newspaper_to_the_original_outlet(report):
    _, _, mentions = report
    assert mentions[["sentence", "actor_id"]].values.tolist() == [
        [1, "le_figaro"], [1, "facebook"], [1, "french_digital_defence_cell"], [2, "le_figaro"],
        [2, "twitter"], [3, "facebook"], [4, "youtube"]]
    text = REPORT
    assert all(text[row.start:row.end] == row.surface for row in mentions.itertuples())


def test_silent_actors_are_named_but_never_a_source(report, lex):
    _, attributions, mentions = report
    silent = attribution.silent_actors(mentions, attributions, lex)
    assert silent["actor_id"].tolist() == ["french_digital_defence_cell", "twitter", "youtube"]
    assert silent["mentions"].tolist() == [1, 1, 1] and silent["type"].tolist()[1:] == ["company", "company"]


def test_cooccurrence_counts_sentences_and_speakers(report):
    _, attributions, mentions = report
    nodes, edges = attribution.cooccurrence(mentions, attributions)
    assert nodes.set_index("actor_id")[["sentences", "speaks"]].to_dict("index") == {
        "facebook": {"sentences": 2, "speaks": 1},
        "french_digital_defence_cell": {"sentences": 1, "speaks": 0},
        "le_figaro": {"sentences": 2, "speaks": 2},
        "twitter": {"sentences": 1, "speaks": 0},
        "youtube": {"sentences": 1, "speaks": 0},
    }
    # sentence 1 names three actors (three pairs), sentence 2 two (one pair), 3 and 4 one each
    assert edges.values.tolist() == [
        ["facebook", "french_digital_defence_cell", 1], ["facebook", "le_figaro", 1],
        ["french_digital_defence_cell", "le_figaro", 1], ["le_figaro", "twitter", 1]]


def test_stance_by_source_reads_the_outer_and_the_deepest_voice(lex):
    text = "وذكرت الصحيفة أن تحقيقات هيئة الأركان العسكرية الفرنسية؛ أثبتت تورط شركات أمريكية. وتحدث المسؤولون."
    corpus, attributions = attribute(text, lex, original_outlet="Le Figaro")
    labels = pd.DataFrame({"article_id": "text", "sentence": [1, 2], "label": ["AGAINST", "NONE"]})
    gold = labels.assign(label=["AGAINST", "FAVOR"])
    table = attribution.stance_by_source(attributions, labels, gold)
    assert table[["outer_source", "deepest_source", "label", "gold_label"]].values.tolist() == [
        ["le_figaro", "french_general_staff", "AGAINST", "AGAINST"], ["(none)", "(none)", "NONE", "FAVOR"]]
    assert attribution.stance_by_source(attributions, labels, None)["gold_label"].tolist() == ["", ""]
    crosstab = attribution.stance_source_crosstab(table, "outer_source").set_index("outer_source")
    assert crosstab.loc["le_figaro", ["sentences", "labeller AGAINST", "gold AGAINST"]].tolist() == [1, 1, 1]
    assert crosstab.loc["(none)", ["labeller NONE", "gold FAVOR", "gold NONE"]].tolist() == [1, 1, 0]
