"""Unit tests of arabic_media.terms on small hand-checked texts.

Each expected number is worked out by hand in the comments beside it.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from arabic_media import terms as T
from arabic_media.text import normalize, split_sentences, token_kind, tokenize

NO_REPORTING = pd.DataFrame({"norm": [], "lemma": [], "category": []})


def make_tokens(texts: dict[str, str]) -> pd.DataFrame:
    """Tokens of ``texts`` (article_id -> text) in the loader's shape."""
    rows = []
    for article_id, text in texts.items():
        article_token = 0
        for number, sent in enumerate(split_sentences(text), start=1):
            for position, tok in enumerate(tokenize(text, sent.start, sent.end), start=1):
                article_token += 1
                surface = text[tok.start : tok.end]
                rows.append({
                    "article_id": article_id, "sentence": number, "token": position,
                    "article_token": article_token, "start": tok.start, "end": tok.end,
                    "surface": surface, "norm": normalize(surface), "kind": token_kind(surface),
                })
    return pd.DataFrame(rows)


# --- lexicons ---------------------------------------------------------------------------


def test_stopwords_are_normalised_and_have_clitic_variants():
    stop = T.load_stopwords()
    assert all(normalize(w) == w for w in stop)
    assert all(not w.startswith("#") and w.strip() == w for w in stop)
    # bases from stopwords-iso, with clitic prefixes and pronoun suffixes
    for word in ["في", "وفي", "التي", "الي", "علي", "عليها", "انهم", "وهذا", "لهذا", "فيما", "و"]:
        assert word in stop, word
    # junk of the source is gone
    for junk in ["،", "", "و6", "برس", "مايو", "زيارة"]:
        assert junk not in stop, junk


def test_reporting_terms_are_never_stop_words():
    stop = T.load_stopwords()
    reporting = T.load_reporting_terms()
    assert set(reporting["category"]) == {"reporting_verb", "attribution"}
    forms = dict(zip(reporting["norm"], reporting["category"]))
    for word in ["قال", "ذكر", "أضاف", "اعتبر", "أشار", "أكد", "نشر", "وقالت", "وذكرت", "وأضافت",
                 "واعتبرت", "أشارت", "أكدوا", "نشرت"]:
        assert forms.get(normalize(word)) == "reporting_verb", word
    assert forms["الصحيفة"] == "attribution"
    assert not set(forms) & stop


def test_glossary_and_gold_load():
    glossary = T.load_glossary()
    assert glossary["تنظيم"] and all(normalize(k) == k for k in glossary)
    gold = T.load_grouping_gold()
    assert list(gold.columns) == ["norm", "group"]
    assert gold["norm"].is_unique
    truth = dict(zip(gold["norm"], gold["group"]))
    assert truth["شركات"] == truth["لشركات"] == truth["الشركات"]
    candidates = T.load_grouping_candidates()
    assert set(candidates["norm"]) == set(gold["norm"])


# --- annotation -------------------------------------------------------------------------


def test_annotate_sets_categories():
    tokens = make_tokens({"a": "وقالت الصحيفة إن الشركات في فرنسا 12 شركة."})
    annotated = T.annotate(tokens)
    got = dict(zip(annotated["surface"], annotated["category"]))
    assert got == {
        "وقالت": "reporting_verb", "الصحيفة": "attribution", "إن": "stopword", "الشركات": "content",
        "في": "stopword", "فرنسا": "content", "12": "number", "شركة": "content", ".": "punct",
    }


def test_annotate_labels_group_by_most_frequent_member():
    tokens = make_tokens({"a": "الشركات لشركات الشركات شركات."})
    annotated = T.annotate(tokens, stopwords=set(), reporting=NO_REPORTING)
    words = annotated[annotated["kind"] == "word"]
    # one group; الشركات (2) is more frequent than لشركات (1) and شركات (1)
    assert set(words["group"]) == {"الشركات"}


# --- grouping ---------------------------------------------------------------------------


def test_clitic_grouper_strips_only_attested_clitics():
    vocab = ["شركات", "لشركات", "الشركات", "والشركات", "لوفيغارو", "كان", "ان", "شركة"]
    clitic = T.CliticGrouper(vocab, suffixes=False)
    assert clitic("لشركات") == clitic("الشركات") == clitic("والشركات") == clitic("شركات") == "شركات"
    assert clitic("لوفيغارو") == "لوفيغارو"  # وفيغارو is not a word of the corpus
    assert clitic("كان") == "كان"  # ان would be shorter than MIN_STEM
    assert clitic("شركة") == "شركة"
    both = T.CliticGrouper(vocab)
    assert both("الشركات") == both("شركة") == "شركة"  # ات -> ة, شركة is attested


def test_clitic_grouper_suffix_chain_and_article_attestation():
    vocab = ["الامريكيتان", "امريكية", "الامريكي", "الدعاية", "والدعاية"]
    grouper = T.CliticGrouper(vocab)
    # الامريكيتان -> امريكيتان (article) -> امريكية (تان -> ة) -> امريكي (ة dropped)
    assert grouper("الامريكيتان") == grouper("امريكية") == grouper("الامريكي") == "امريكي"
    # دعاية is never bare, but الدعاية attests it
    assert grouper("والدعاية") == grouper("الدعاية") == "دعاية"


def test_pairwise_scores_by_hand():
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    predicted = {"a": "x", "b": "x", "c": "x", "d": "y"}
    # pairs: ab ac ad bc bd cd (6). gold same: ab, cd. predicted same: ab, ac, bc.
    # tp = {ab} = 1; fp = {ac, bc} = 2; fn = {cd} = 1
    scores = T.pairwise_scores(gold, predicted)
    assert (scores["pairs"], scores["tp"], scores["fp"], scores["fn"]) == (6, 1, 2, 1)
    assert scores["precision"] == pytest.approx(1 / 3)
    assert scores["recall"] == pytest.approx(1 / 2)
    assert scores["f1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))  # 0.4
    assert (scores["gold_groups"], scores["predicted_groups"]) == (2, 2)


def test_evaluate_grouping_ranks_candidates():
    gold = pd.DataFrame({"norm": ["شركات", "لشركات", "فرنسا"], "group": ["شركة", "شركة", "فرنسا"]})
    table = T.evaluate_grouping(gold, {
        "identity": lambda w: w,
        "perfect": {"شركات": "1", "لشركات": "1", "فرنسا": "2"},
        "all-one": lambda w: "same",
    })
    assert list(table["candidate"]) == ["perfect", "all-one", "identity"]
    assert table.loc[0, "f1"] == 1.0
    with pytest.raises(ValueError, match="no key"):
        T.evaluate_grouping(gold, {"partial": {"شركات": "1"}})


# --- frequencies ------------------------------------------------------------------------

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


# --- n-grams ----------------------------------------------------------------------------


def test_ngrams_respect_sentences_punctuation_and_stop_words():
    text = ("نشاطات تنظيم الدولة على مواقع التواصل الاجتماعي. "
            "تنظيم الدولة، مواقع التواصل الاجتماعي في فرنسا تنظيم. الدولة")
    annotated = T.annotate(make_tokens({"a": text}), reporting=NO_REPORTING)
    bigrams = T.ngrams(annotated, 2).set_index("ngram")
    assert bigrams.loc["تنظيم الدولة", "count"] == 2
    assert bigrams.loc["التواصل الاجتماعي", "count"] == 2
    assert "الدولة مواقع" not in bigrams.index  # a comma stands between them
    assert "تنظيم الدولة" in bigrams.index and bigrams.loc["تنظيم الدولة", "sentences"] == 2
    # the last تنظيم and the final الدولة are in different sentences
    assert not any(g.startswith("فرنسا") for g in bigrams.index) or "فرنسا تنظيم" in bigrams.index
    assert bigrams.loc["تنظيم الدولة", "count"] == 2  # not 3: no n-gram across the full stop
    assert not any(g.split()[0] in {"على", "في"} or g.split()[-1] in {"علي", "في"} for g in bigrams.index)
    trigrams = T.ngrams(annotated, 3).set_index("ngram")
    assert trigrams.loc["مواقع التواصل الاجتماعي", "count"] == 2
    assert "الدولة علي مواقع" in trigrams.index  # a stop word inside is allowed
    with pytest.raises(ValueError):
        T.ngrams(annotated, 1)


# --- concordance ------------------------------------------------------------------------


def test_concordance_right_is_before_left_is_after():
    text = "قالت الصحيفة إن الشركات\nالأمريكية ترفض التعاون مع الشركات الفرنسية."
    tokens = T.annotate(make_tokens({"a": text}), stopwords=set(), reporting=NO_REPORTING)
    lines = T.concordance(tokens, {"a": text}, "شركات", form="group", window=2)
    assert len(lines) == 2
    first = lines.iloc[0]
    assert text[first["start"] : first["end"]] == first["keyword"] == "الشركات"
    # logical order: ... الصحيفة إن [الشركات] الأمريكية ترفض ...
    assert first["right"] == "الصحيفة إن"  # before the keyword: on its right in RTL
    assert first["left"] == "الأمريكية ترفض"  # after it: on its left; the newline collapsed
    assert text[first["context_start"] : first["start"]].strip() == "الصحيفة إن"
    assert "\n" in text[first["end"] : first["context_end"]]
    second = lines.iloc[1]
    assert second["left"] == "الفرنسية."  # the window counts the full stop as a token; text verbatim
    html = T.kwic_html(lines, caption="<الشركات>")
    assert 'dir="rtl"' in html and html._repr_html_() == str(html)
    assert "&lt;الشركات&gt;" in html
    row = html.split("<tbody>")[1].split("</tr>")[0]
    assert row.index("الصحيفة إن") < row.index("الشركات") < row.index("الأمريكية ترفض")


# --- collocates -------------------------------------------------------------------------


def test_association_scores_by_hand():
    # O = 2, f_n = 3, f_c = 4, R1 = 12, N = 40
    s = T.association_scores(2, 3, 4, 12, 40)
    # E = 12 * 4 / 40 = 1.2
    assert s["expected"] == pytest.approx(1.2)
    # MI = log2(2 / 1.2) = log2(1.6667) = 0.7370
    assert s["mi"] == pytest.approx(0.7370, abs=1e-4)
    # t = (2 - 1.2) / sqrt(2) = 0.8 / 1.4142 = 0.5657
    assert s["t_score"] == pytest.approx(0.5657, abs=1e-4)
    # logDice = 14 + log2(2*2 / (3+4)) = 14 + log2(0.5714) = 14 - 0.8074 = 13.1926
    assert s["log_dice"] == pytest.approx(13.1926, abs=1e-4)
    # 2x2: O11=2, O12=12-2=10, O21=4-2=2, O22=40-12-4+2=26; rows 12, 28; cols 4, 36
    # E11=12*4/40=1.2, E12=12*36/40=10.8, E21=28*4/40=2.8, E22=28*36/40=25.2
    # G2 = 2 * (2 ln(2/1.2) + 10 ln(10/10.8) + 2 ln(2/2.8) + 26 ln(26/25.2))
    #    = 2 * (1.0217 - 0.7696 - 0.6729 + 0.8126) = 2 * 0.3917 = 0.7833
    assert s["g2"] == pytest.approx(0.7833, abs=1e-3)


def test_association_scores_impossible_table_is_nan():
    assert math.isnan(T.association_scores(1, 1, 5, 10, 8)["g2"])  # O22 = 8 - 10 - 5 + 1 < 0


def test_collocates_by_hand():
    text = "شمس قمر نجم شمس بحر. قمر نجم."
    tokens = T.annotate(make_tokens({"a": text}), stopwords=set(), reporting=NO_REPORTING)
    table = T.collocates(tokens, "شمس", form="norm", window=1).set_index("term")
    # word tokens: شمس قمر نجم شمس بحر | قمر نجم -> N = 7 (punctuation is no position)
    # node at word 1: window {قمر} (1 slot); node at word 4: {نجم, بحر} (2 slots); R1 = 3
    assert table["observed"].to_dict() == {"بحر": 1, "قمر": 1, "نجم": 1}
    # بحر: O = 1, f_c = 1, E = 3 * 1 / 7 = 0.4286, MI = log2(1 / 0.4286) = log2(2.3333) = 1.2224
    assert table.loc["بحر", "expected"] == pytest.approx(3 / 7)
    assert table.loc["بحر", "mi"] == pytest.approx(1.2224, abs=1e-4)
    # logDice = 14 + log2(2*1 / (2 + 1)) = 14 - 0.5850 = 13.4150
    assert table.loc["بحر", "log_dice"] == pytest.approx(13.4150, abs=1e-4)
    # قمر: O = 1, f_c = 2 (the second قمر is in sentence 2, outside every window)
    assert table.loc["قمر", "collocate_freq"] == 2 and table.loc["قمر", "node_freq"] == 2


# --- dispersion -------------------------------------------------------------------------


def test_dispersion_positions_and_dp_by_hand():
    text = "فرنسا سوريا العراق. فرنسا."
    tokens = T.annotate(make_tokens({"a": text}), stopwords=set(), reporting=NO_REPORTING)
    places = T.dispersion(tokens, ["فرنسا", "العراق"], form="norm")
    # tokens: فرنسا(1) سوريا(2) العراق(3) .(4) فرنسا(5) .(6)
    assert places[places["term"] == "فرنسا"]["article_token"].tolist() == [1, 5]
    assert places[places["term"] == "العراق"]["position"].tolist() == [pytest.approx(3 / 6)]
    summary = T.dispersion_summary(tokens, ["فرنسا", "العراق"], form="norm").set_index("term")
    # running tokens per sentence: 3 and 1 -> shares s = (0.75, 0.25)
    # العراق: v/f = (1, 0) -> DP = 0.5 * (|1 - 0.75| + |0 - 0.25|) = 0.25
    assert summary.loc["العراق", "dp"] == pytest.approx(0.25)
    # فرنسا: v/f = (0.5, 0.5) -> DP = 0.5 * (0.25 + 0.25) = 0.25; in 2 of 2 sentences
    assert summary.loc["فرنسا", "dp"] == pytest.approx(0.25)
    assert summary.loc["فرنسا", "range"] == 1.0 and summary.loc["العراق", "sentences"] == 1


# --- the study corpus -------------------------------------------------------------------


def test_every_article_of_the_study_corpus(study_corpus):
    annotated = T.annotate(study_corpus.tokens)
    per_article = T.term_frequencies(annotated, by_article=True)
    assert set(per_article["article_id"]) == set(study_corpus.articles["article_id"])
    pooled = T.term_frequencies(annotated)
    assert pooled["count"].sum() == (annotated["category"] == "content").sum()
    assert set(annotated["category"]) <= set(T.CATEGORIES)


def test_collocates_positive_only_drops_negative_associations():
    # نجم is frequent, but the node شمس meets it less often than expected
    text = "شمس قمر. نجم بحر. نجم بحر. نجم بحر. شمس قمر نجم."
    tokens = T.annotate(make_tokens({"a": text}), stopwords=set(), reporting=NO_REPORTING)
    both = T.collocates(tokens, "شمس", form="norm", window=2, positive_only=False).set_index("term")
    # N = 11, R1 = 1 + 2 = 3; نجم: O = 1, f_c = 4, E = 3 * 4 / 11 = 1.09 > O
    assert both.loc["نجم", "expected"] == pytest.approx(12 / 11)
    positive = T.collocates(tokens, "شمس", form="norm", window=2)
    assert "نجم" not in set(positive["term"]) and "قمر" in set(positive["term"])


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
