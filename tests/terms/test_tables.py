"""Frequency tables and n-grams (arabic_media.terms.tables), on hand-checked texts; each expected number is worked out beside it."""

from __future__ import annotations


import pytest

from arabic_media import terms as T
from tests.terms.helpers import NO_REPORTING, make_tokens


TEXT = "الشركات في فرنسا. لشركات فرنسا شركات، وفي فرنسا."


def test_term_frequencies_three_forms_by_hand():
    annotated = T.annotate(make_tokens({"a": TEXT}), reporting=NO_REPORTING)
    # running tokens (words, no punctuation): الشركات في فرنسا | لشركات فرنسا شركات وفي فرنسا = 8
    assert T.running_tokens(annotated) == 8
    norm = T.term_frequencies(annotated, form="norm").set_index("term")
    # فرنسا: 3 times, in sentences 1 and 2 -> 3/8*1000 = 375 per 1,000
    assert norm.loc["فرنسا", "count"] == 3
    assert norm.loc["فرنسا", "sentences"] == 2
    assert norm.loc["فرنسا", "per_1000"] == pytest.approx(375.0)
    assert norm.loc["فرنسا", "rank"] == 1
    # the three spellings of "companies" are separate norms, tied at rank 2
    assert norm.loc[["الشركات", "لشركات", "شركات"], "rank"].tolist() == [2, 2, 2]
    assert "في" not in norm.index and "وفي" not in norm.index  # stop words left out
    group = T.term_frequencies(annotated, form="group").set_index("term")
    # grouped: الشركات + لشركات + شركات = 3 (label: tie at 1 each -> shortest, شركات)
    assert group.loc["شركات", "count"] == 3
    assert group.loc["شركات", "sentences"] == 2
    assert group.loc["شركات", "forms"] == "الشركات (1)، شركات (1)، لشركات (1)"
    everything = T.term_frequencies(annotated, form="surface", categories=None)
    assert everything["count"].sum() == len(annotated)  # punctuation counted when asked


def test_term_frequencies_per_article_and_pooled():
    annotated = T.annotate(make_tokens({"a": "فرنسا فرنسا سوريا.", "b": "فرنسا العراق."}),
                           stopwords=set(), reporting=NO_REPORTING)
    per = T.term_frequencies(annotated, form="norm", by_article=True)
    a = per[per["article_id"] == "a"].set_index("term")
    b = per[per["article_id"] == "b"].set_index("term")
    assert a.loc["فرنسا", "count"] == 2 and a.loc["فرنسا", "per_1000"] == pytest.approx(2 / 3 * 1000)
    assert b.loc["فرنسا", "count"] == 1 and b.loc["فرنسا", "per_1000"] == pytest.approx(500.0)
    pooled = T.term_frequencies(annotated, form="norm").set_index("term")
    assert pooled.loc["فرنسا", "count"] == 3 and pooled.loc["فرنسا", "per_1000"] == pytest.approx(600.0)


def test_frequency_comparison_side_by_side():
    annotated = T.annotate(make_tokens({"a": TEXT}), reporting=NO_REPORTING)
    table = T.frequency_comparison(annotated, top=2)
    assert list(table.columns[:4]) == ["surface", "surface_count", "surface_per_1000", "surface_sentences"]
    assert table.loc[1, "norm"] == "فرنسا" and table.loc[1, "group_count"] == 3
    assert list(table.index) == [1, 2]


def test_reporting_terms_counted_apart():
    annotated = T.annotate(make_tokens({"a": "وقالت الصحيفة إن فرنسا. وذكرت الصحيفة أن فرنسا."}))
    content = T.term_frequencies(annotated, form="norm")
    assert set(content["term"]) == {"فرنسا"}
    reporting = T.term_frequencies(annotated, form="norm", categories=T.REPORTING).set_index("term")
    assert reporting.loc["الصحيفة", "count"] == 2
    assert set(reporting.index) == {"الصحيفة", "وقالت", "وذكرت"}


def test_processing_steps_by_hand():
    annotated = T.annotate(make_tokens({"a": "وقالت الصحيفة إن الشركات في فرنسا 12 شركة."}))
    steps = T.processing_steps(annotated).set_index("step")["count"]
    # 9 tokens -> 7 words (not 12, not .) -> 5 without إن, في -> 3 without وقالت, الصحيفة
    # (الشركات فرنسا شركة) -> 3 distinct norms -> 2 groups (الشركات and شركة are one)
    assert steps.to_dict() == {"tokens": 9, "words": 7, "after stop words": 5, "content words": 3,
                               "distinct normalised": 3, "distinct grouped": 2}
    assert steps["content words"] == T.term_frequencies(annotated)["count"].sum()


def test_attribution_openings_count_tokens_with_punctuation():
    text = "وقالت الصحيفة إن فرنسا. « وذكرت الصحيفة أن سوريا. فرنسا وسوريا والعراق الصحيفة."
    annotated = T.annotate(make_tokens({"a": text}))
    openings = T.attribution_openings(annotated)
    # 1: الصحيفة is token 2; 2: the quote mark is token 1, الصحيفة token 3; 3: token 4
    assert openings["named"].tolist() == [True, True, False]
    assert openings["position"].tolist() == [2, 3, 0]
    assert openings.loc[1, "opening"] == "« وذكرت الصحيفة"
    assert T.attribution_openings(annotated, first=4)["named"].tolist() == [True, True, True]
    # reporting verbs as the source instead: وقالت (1), وذكرت (2); none in sentence 3
    verbs = T.attribution_openings(annotated, categories=["reporting_verb"])
    assert verbs["position"].tolist() == [1, 2, 0]


def test_ngrams_respect_sentences_punctuation_and_stop_words():
    text = ("نشاطات تنظيم الدولة على مواقع التواصل الاجتماعي. "
            "تنظيم الدولة، مواقع التواصل الاجتماعي في فرنسا تنظيم. الدولة")
    annotated = T.annotate(make_tokens({"a": text}), reporting=NO_REPORTING)
    bigrams = T.ngrams(annotated, 2).set_index("ngram")
    assert bigrams.loc["تنظيم الدولة", "count"] == 2
    assert bigrams.loc["التواصل الاجتماعي", "count"] == 2
    assert "الدولة مواقع" not in bigrams.index  # a comma stands between them
    # the last تنظيم and the final الدولة are in different sentences: 2, not 3, and in
    # 2 sentences; the bigram just before the full stop is still counted
    assert bigrams.loc["تنظيم الدولة", "sentences"] == 2
    assert bigrams.loc["فرنسا تنظيم", "count"] == 1
    # no bigram starts or ends with a stop word (على is stored normalised, as علي) ...
    stop = T.load_stopwords()
    assert "علي" in stop and "في" in stop
    assert not any(g.split()[0] in stop or g.split()[-1] in stop for g in bigrams.index)
    # ... although the text has them: without the edge rule they are there
    loose = T.ngrams(annotated, 2, exclude_edges=()).set_index("ngram")
    assert {"الدولة علي", "علي مواقع", "الاجتماعي في", "في فرنسا"} <= set(loose.index)
    trigrams = T.ngrams(annotated, 3).set_index("ngram")
    assert trigrams.loc["مواقع التواصل الاجتماعي", "count"] == 2
    assert "الدولة علي مواقع" in trigrams.index  # a stop word inside is allowed
    with pytest.raises(ValueError):
        T.ngrams(annotated, 1)


def test_every_article_of_the_study_corpus(study_corpus):
    annotated = T.annotate(study_corpus.tokens)
    per_article = T.term_frequencies(annotated, by_article=True)
    assert set(per_article["article_id"]) == set(study_corpus.articles["article_id"])
    pooled = T.term_frequencies(annotated)
    assert pooled["count"].sum() == (annotated["category"] == "content").sum()
    assert set(annotated["category"]) <= set(T.CATEGORIES)


def test_display_forms_keep_the_written_spelling():
    text = "شركات أمريكية، الشركات الأمريكية، لشركات أمريكية. الأمريكيتان"
    annotated = T.annotate(make_tokens({"a": text}), stopwords=set(), reporting=NO_REPORTING)
    grouped = T.term_frequencies(annotated, form="group").set_index("term")
    # group امريكية: امريكية (2), الامريكية (1), الامريكيتان (1); label امريكية, written أمريكية
    assert grouped.loc["امريكية", "display"] == "أمريكية"
    assert grouped.loc["امريكية", "count"] == 4
    bigrams = T.ngrams(annotated, 2).set_index("ngram")
    # the comma stops شركات أمريكية، | الشركات
    assert bigrams.loc["شركات امريكية", "display"] == "شركات أمريكية"
    assert bigrams.loc["شركات امريكية", "count"] == 1
