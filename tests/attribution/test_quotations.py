"""Quotations (`arabic_media.attribution.quotations`): pairing, kind and speaker."""

from __future__ import annotations

import warnings

import pytest

from arabic_media.attribution import find_quotations, quotation_kind_counts
from arabic_media.attribution.quotations import QuotationWarning, pair_quote_marks, quote_spans
from tests.attribution.helpers import attribute


def test_quotation_broken_across_a_line_offsets_inside_the_marks():
    text = 'ترجمته "\nعربي21" و«كلمة» و“أخرى”.'
    spans = quote_spans(text)
    assert [text[s:e] for s, e in spans] == ["\nعربي21", "كلمة", "أخرى"]
    assert all(text[s - 1] in '"«“' and text[e] in '"»”' for s, e in spans)


def test_quotation_kinds_and_speaker(lex):
    text = ('وقالت الصحيفة إن شركة "كلاود فلاير" أظهرت "تخاذل" واضحا، '
            'وأشارت إلى "شكوك قوية حول تورط الدولة في توفير الدعم الرقمي لنشاطات التنظيم".')
    corpus, table = attribute(text, lex, original_outlet="Le Figaro")
    found = find_quotations(corpus, table, lex)
    assert list(found["kind"]) == ["name", "borrowed_term", "statement"]
    assert list(found["speaker_actor_id"]) == ["", "le_figaro", "le_figaro"]
    counts = quotation_kind_counts(found)
    assert counts[["statement", "borrowed_term", "name"]].iloc[0].tolist() == [1, 1, 1]


def test_a_stray_mark_is_confined_to_its_paragraph_and_said():
    # the stray " in the first paragraph would, paired across the article, turn every
    # later quotation inside out; paired within its paragraph, it spoils nothing after it
    text = 'قال "التنظيم إن الشركات تتعاون.\n\nوأضاف أن "التواطؤ" مستمر و"تخاذل" واضح.'
    marks = pair_quote_marks(text)
    assert [text[s:e] for s, e in marks.spans] == ["التواطؤ", "تخاذل"]
    assert marks.unpaired == [text.index('"')]
    assert marks.uncertain == [(0, text.index("\n\n"))]


def test_an_unpaired_mark_is_reported_and_flags_its_paragraphs_quotations(lex):
    text = 'قالت الصحيفة إن "التواطؤ" مستمر و"تخاذل واضح.\n\nوأضافت أن "الدعم" مستمر.'
    corpus, table = attribute(text, lex, original_outlet="Le Figaro")
    with pytest.warns(QuotationWarning, match="without a partner"):
        found = find_quotations(corpus, table, lex)
    assert found["text"].tolist() == ["التواطؤ", "الدعم"]
    assert "pairing uncertain" in found["rule"].iloc[0] and "uncertain" not in found["rule"].iloc[1]


def test_an_empty_pair_is_no_quotation_and_is_reported(lex):
    text = 'قالت الصحيفة إن "" الشركات "تخاذلت".'
    assert quote_spans(text) == [(text.index("تخاذلت"), text.index("تخاذلت") + len("تخاذلت"))]
    assert pair_quote_marks(text).empty == [text.index('""')]
    corpus, table = attribute(text, lex, original_outlet="Le Figaro")
    with pytest.warns(QuotationWarning, match="empty pair"):
        found = find_quotations(corpus, table, lex)
    assert found["text"].tolist() == ["تخاذلت"]


def test_well_paired_marks_raise_no_warning(lex):
    corpus, table = attribute('وقالت الصحيفة إن شركة "كلاود فلاير" أظهرت "تخاذل" واضحا.', lex,
                              original_outlet="Le Figaro")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(find_quotations(corpus, table, lex)) == 2


def test_the_speaker_is_the_innermost_content_holding_the_quotation(lex):
    text = 'وذكرت الصحيفة أن تحقيقات هيئة الأركان العسكرية الفرنسية؛ أثبتت "تورط" شركات أمريكية.'
    corpus, table = attribute(text, lex, original_outlet="Le Figaro")
    found = find_quotations(corpus, table, lex)
    assert found[["text", "kind", "speaker_actor_id"]].values.tolist() == [
        ["تورط", "borrowed_term", "french_general_staff"]]
