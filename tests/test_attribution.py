"""Attribution and quotation rules on small hand-made sentences, the scores on a tiny
hand example, the rules on the study's article against its gold, and the stance labels
unchanged by the attribution work."""

from __future__ import annotations

import pandas as pd
import pytest

from arabic_media import stance
from arabic_media.attribution import evaluate, find_attributions, load_attribution_lexicon, quotations
from arabic_media.attribution.handmade import text_corpus
from arabic_media.attribution.words import complementiser, verb_conj
from arabic_media.paths import FIGURES_DIR


@pytest.fixture(scope="module")
def lex():
    return load_attribution_lexicon()


def attribute(text, lex, **kw):
    corpus = text_corpus(text, **kw)
    return corpus, find_attributions(corpus, lex)


def said(table):
    return table[table["cue_start"].notna()].reset_index(drop=True)


def span(text, row, part):
    return text[int(row[f"{part}_start"]):int(row[f"{part}_end"])]


@pytest.mark.parametrize("word, stem, conj", [
    # normalised words, as the matcher sees them
    ("وقالت", "قال", 1), ("قالوا", "قال", 0), ("ويقولون", "قول", 1), ("تقول", "قول", 0),
    ("فاضافت", "اضاف", 1), ("اكدوا", "اكد", 0), ("يؤكد", "ؤكد", 0),
    ("كشف", "كشف", 0), ("بكشف", "كشف", None), ("لكشف", "كشف", None), ("الكشف", "كشف", None),
    ("لنشر", "نشر", None), ("اضافة", "اضاف", None),
])
def test_cue_forms_are_verbs_not_verbal_nouns(word, stem, conj):
    assert verb_conj(word, stem) == conj


def test_complementisers():
    assert complementiser("ان") == "bare" and complementiser("فان") == "bare"
    assert complementiser("انها") == "pronoun" and complementiser("انهم") == "pronoun"
    assert complementiser("انهار") == "" and complementiser("اكد") == ""


def test_verb_cue_source_after_content_after_complementiser(lex):
    text = "وقالت الصحيفة إن الشركات رفضت التعاون."
    _, table = attribute(text, lex, original_outlet="Le Figaro")
    row = said(table).iloc[0]
    assert span(text, row, "cue") == "قالت" and row["cue"] == "قالت"  # the و is left out
    assert span(text, row, "source") == "الصحيفة"
    assert row["source_actor_id"] == "le_figaro" and row["source_type"] == "media"
    assert span(text, row, "content") == "الشركات رفضت التعاون"


def test_the_newspaper_resolves_to_the_original_outlet(lex):
    text = "وأضافت الصحيفة أن الشركة حذفت الحسابات."
    _, table = attribute(text, lex, original_outlet="Reuters")
    assert said(table).iloc[0]["source_actor_id"] == "reuters"
    _, table = attribute(text, lex, original_outlet="Le Figaro")
    assert said(table).iloc[0]["source_actor_id"] == "le_figaro"


@pytest.mark.parametrize("text, cue, source", [
    ("بحسب الصحيفة، فإن الشركات رفضت التعاون.", "بحسب", "الصحيفة"),
    ("وفقا لخلية الدفاع الرقمي، فإن الشركات رفضت التعاون.", "وفقا ل", "خلية الدفاع الرقمي"),
])
def test_prepositional_cues(lex, text, cue, source):
    _, table = attribute(text, lex, original_outlet="Le Figaro")
    row = said(table).iloc[0]
    assert span(text, row, "cue") == cue
    assert span(text, row, "source") == source
    assert row["source_actor_id"] in ("le_figaro", "french_digital_defence_cell")
    assert span(text, row, "content") == "الشركات رفضت التعاون"


def test_prepositional_cue_at_the_end_takes_the_sentence_before_it(lex):
    text = "رفضت الشركات التعاون، بحسب الصحيفة."
    _, table = attribute(text, lex, original_outlet="Le Figaro")
    row = said(table).iloc[0]
    assert span(text, row, "content") == "رفضت الشركات التعاون"


def test_nesting_depth_parent_and_subject_before_the_verb(lex):
    text = "وذكرت الصحيفة أن تحقيقات هيئة الأركان العسكرية الفرنسية؛ أثبتت تورط شركات أمريكية."
    _, table = attribute(text, lex, original_outlet="Le Figaro")
    outer, inner = said(table).iloc[0], said(table).iloc[1]
    assert (outer["depth"], inner["depth"], inner["parent"]) == (1, 2, outer["attribution"])
    assert span(text, inner, "source") == "تحقيقات هيئة الأركان العسكرية الفرنسية"
    assert inner["source_actor_id"] == "french_general_staff"
    assert span(text, inner, "content") == "تورط شركات أمريكية"


def test_nested_content_stops_before_a_contrast_and_implicit_source(lex):
    text = "وأضافت الصحيفة أن مختصين في المنظمات الجهادية؛ أبدوا تحفظهم، إلا أنهم أكدوا استعدادهم للتعاون."
    _, table = attribute(text, lex, original_outlet="Le Figaro")
    rows = said(table)
    assert list(rows["depth"]) == [1, 2, 2]
    assert span(text, rows.iloc[1], "content") == "تحفظهم"
    assert rows.iloc[2]["source"] is None or pd.isna(rows.iloc[2]["source_start"])
    assert rows.iloc[2]["source_actor_id"] == "specialists"  # the pronoun of أنهم


def test_publishing_videos_and_a_verbal_noun_are_not_cues(lex):
    text = "ويعتمد التنظيم على الخدمات لنشر الفيديوهات من أجل كشف المعطيات."
    _, table = attribute(text, lex)
    assert len(table) == 1 and table.iloc[0]["note"] == "no attribution"
    assert pd.isna(table.iloc[0]["cue_start"])


def test_quotation_broken_across_a_line_offsets_inside_the_marks():
    text = 'ترجمته "\nعربي21" و«كلمة» و“أخرى”.'
    spans = quotations.quote_spans(text)
    assert [text[s:e] for s, e in spans] == ["\nعربي21", "كلمة", "أخرى"]
    assert all(text[s - 1] in '"«“' and text[e] in '"»”' for s, e in spans)


def test_quotation_kinds_and_speaker(lex):
    text = ('وقالت الصحيفة إن شركة "كلاود فلاير" أظهرت "تخاذل" واضحا، '
            'وأشارت إلى "شكوك قوية حول تورط الدولة في توفير الدعم الرقمي لنشاطات التنظيم".')
    corpus, table = attribute(text, lex, original_outlet="Le Figaro")
    found = quotations.find_quotations(corpus, table, lex)
    assert list(found["kind"]) == ["name", "borrowed_term", "statement"]
    assert list(found["speaker_actor_id"]) == ["", "le_figaro", "le_figaro"]
    counts = quotations.quotation_kind_counts(found)
    assert counts[["statement", "borrowed_term", "name"]].iloc[0].tolist() == [1, 1, 1]


def test_scores_on_a_tiny_hand_example():
    tokens = pd.DataFrame({"article_id": "a", "start": [0, 5, 10, 15, 20], "end": [4, 9, 14, 19, 24],
                           "kind": "word"})
    gold = pd.DataFrame({"article_id": ["a", "a", "a"], "sentence": [1, 1, 2], "cue_start": [0, 5, None],
                         "cue_end": [4, 9, None], "source_actor_id": ["x", "y", ""], "source_type": ["media"] * 3,
                         "depth": [1, 2, None], "content_start": [5, 10, None], "content_end": [24, 14, None]})
    predicted = pd.DataFrame({"article_id": ["a", "a"], "sentence": [1, 2], "cue_start": [0, 15],
                              "cue_end": [4, 19], "source_actor_id": ["x", "z"], "source_type": ["media"] * 2,
                              "depth": [1, 1], "content_start": [10, 20], "content_end": [24, 24]})
    scores = evaluate.score_attributions(predicted, gold, tokens).set_index("field")
    # 1 of 2 predicted cues is right, 1 of 2 gold cues found
    assert scores.loc["cue", ["precision", "recall", "f1"]].tolist() == [0.5, 0.5, 0.5]
    assert scores.loc["source_actor", "accuracy"] == 1.0
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
    gold = evaluate.load_attribution_gold()
    scores = evaluate.score_attributions(table, gold, study_corpus.tokens).set_index("field")
    assert scores.loc["cue", "f1"] == 1.0 and scores.loc["depth", "accuracy"] == 1.0


def test_stance_labels_are_unchanged(study_corpus):
    """The attribution work (an actor row appended, new functions in actors.py) leaves
    the stance labels of notebook 03 as committed in its figure's CSV."""
    target = stance.load_target("us_tech_companies")
    labels = stance.label_sentences(study_corpus.sentences, study_corpus.tokens, target, stance.load_lexicon()).labels
    committed = pd.read_csv(FIGURES_DIR / "stance-by-sentence.csv", encoding="utf-8-sig")
    ours = committed[["article_id", "sentence"]].merge(labels, on=["article_id", "sentence"])
    assert ours["label"].tolist() == committed["label"].tolist()
