"""The attribution rules (`arabic_media.attribution.rules`, `words`) on small hand-made
sentences, and on the study's article."""

from __future__ import annotations

import pandas as pd
import pytest

from arabic_media.attribution.words import complementiser, verb_conj
from tests.attribution.helpers import attribute, said, span


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
