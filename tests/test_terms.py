"""Unit tests of arabic_media.terms on small hand-checked texts.

Each expected number is worked out by hand in the comments beside it.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from arabic_media import stats as S
from arabic_media import terms as T
from arabic_media.display import kwic_html
from arabic_media.lexicons import read_lexicon
from arabic_media.paths import LEXICONS_DIR
from arabic_media.text import normalize, segment_article, token_kind

NO_REPORTING = pd.DataFrame({"norm": [], "lemma": [], "category": []})


def make_tokens(texts: dict[str, str]) -> pd.DataFrame:
    """Tokens of ``texts`` (article_id -> text) in the loader's shape, through the study's
    one segmentation (`segment_article`)."""
    rows = []
    for article_id, text in texts.items():
        article_token = 0
        for number, (sent, toks) in enumerate(segment_article(text), start=1):
            for position, tok in enumerate(toks, start=1):
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


def raw_lexicon(name: str) -> pd.DataFrame:
    """A lexicon CSV as stored, bypassing the loaders (which normalise or check)."""
    return pd.read_csv(LEXICONS_DIR / name, dtype=str, keep_default_na=False)


@pytest.mark.parametrize(("name", "column"), [
    ("glossary.csv", "term"),
    ("grouping_gold.csv", "norm"),
    ("grouping_gold.csv", "group"),
    ("grouping_gold_heldout.csv", "norm"),
    ("grouping_gold_heldout.csv", "group"),
])
def test_lexicon_files_store_normalised_arabic(name, column):
    # read the file itself: load_glossary normalises its keys, so checking its output
    # could not fail
    stored = raw_lexicon(name)[column]
    assert [w for w in stored if normalize(w) != w] == []


def test_glossary_and_gold_load():
    glossary = T.load_glossary()
    assert glossary["تنظيم"] and len(glossary) == len(raw_lexicon("glossary.csv"))
    gold = T.load_grouping_gold()
    assert list(gold.columns) == ["norm", "group"]
    assert gold["norm"].is_unique
    truth = dict(zip(gold["norm"], gold["group"]))
    assert truth["شركات"] == truth["لشركات"] == truth["الشركات"]
    heldout = T.load_grouping_gold("heldout")
    assert heldout["norm"].is_unique and len(heldout) >= 30
    candidates = T.load_grouping_candidates()
    assert set(candidates["norm"]) == set(gold["norm"]) | set(heldout["norm"])


def test_heldout_gold_has_no_word_of_the_article(study_article):
    """The point of the held-out list: the splitter's rules were not made from these
    words. About the study's article (by id), not whatever a user adds to the corpus."""
    article = set(study_article.tokens["norm"])
    heldout = T.load_grouping_gold("heldout")
    assert not set(heldout["norm"]) & article


def test_read_lexicon_checks_the_header_and_names_the_file(tmp_path):
    good = tmp_path / "glossary.csv"
    good.write_text("term,gloss_en,note\nفرنسا,France,x\nNA,,\n", encoding="utf-8")
    table = read_lexicon(good, ["gloss_en", "term"])
    assert list(table.columns) == ["gloss_en", "term"]  # asked order; extra column dropped
    assert table["term"].tolist() == ["فرنسا", "NA"] and table["gloss_en"].tolist() == ["France", ""]
    bad = tmp_path / "reporting_terms.csv"
    bad.write_text("norm,lemma\nقال,قال\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^reporting_terms\.csv: .*missing column\(s\) \['category'\]") as error:
        T.load_reporting_terms(bad)
    assert str(tmp_path) not in str(error.value)  # no machine path in the message
    with pytest.raises(FileNotFoundError, match=r"^absent\.csv: no such lexicon file"):
        T.load_glossary(tmp_path / "absent.csv")
    with pytest.raises(FileNotFoundError, match="stopwords"):
        T.load_stopwords(tmp_path / "stopwords.txt")


def test_loaders_check_their_columns(tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("word,label\nفرنسا,فرنسا\n", encoding="utf-8")
    loaders = (T.load_glossary, lambda path: T.load_grouping_gold(path=path), T.load_grouping_candidates,
               T.load_reporting_terms)
    for loader in loaders:
        with pytest.raises(ValueError, match=r"^wrong\.csv: header is \['word', 'label'\]"):
            loader(wrong)
    twice = tmp_path / "twice.csv"
    twice.write_text("term,gloss_en\nأمريكية,American\nامريكية,American (again)\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^twice\.csv: terms repeated after normalisation: \['امريكية'\]"):
        T.load_glossary(twice)
    twice.write_text("norm,group\nشركات,شركة\nشركات,شركات\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^twice\.csv: words listed twice"):
        T.load_grouping_gold(path=twice)


def test_gloss_lookup_by_normalised_form():
    glossary = {"امريكية": "American", "تنظيم الدولة": "Islamic State"}
    # any spelling finds the normalised key; an unknown term gets ""
    assert T.lookup_glosses(["أمريكية", "امريكية", "تنظيم الدولة", "فرنسا"], glossary) == [
        "American", "American", "Islamic State", ""]
    assert T.lookup_glosses(["الصحيفة"]) == ["the newspaper"]  # default: glossary.csv


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
    scores = S.pairwise_scores(gold, predicted)
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


def test_grouping_candidates_names_and_kinds():
    outside = pd.DataFrame({
        "candidate": ["snowball", "snowball"], "package": ["snowballstemmer"] * 2, "version": ["3.1.1"] * 2,
        "norm": ["لشركات", "شركات"], "key": ["لشركا", "شركا"],
    })
    candidates = T.grouping_candidates(["لشركات", "شركات", "شركة"], outside)
    assert list(candidates) == ["none (normalised form)", "clitic", "clitic+suffix", "snowball (snowballstemmer 3.1.1)"]
    assert candidates["none (normalised form)"]("لشركات") == "لشركات"
    assert candidates["clitic"]("لشركات") == "شركات"  # شركات is in the vocabulary
    assert candidates["clitic+suffix"]("لشركات") == "شركة"  # and so is شركة
    assert candidates["snowball (snowballstemmer 3.1.1)"] == {"لشركات": "لشركا", "شركات": "شركا"}
    # the splitter's evidence is the vocabulary it is given: without شركات, لشركات stays whole
    assert T.grouping_candidates(["لشركات"], outside)["clitic"]("لشركات") == "لشركات"


def test_missed_groups_lists_the_split_gold_groups():
    gold = pd.DataFrame({
        "norm": ["لشركات", "شركات", "مكاتب", "مكتب", "فرنسا"],
        "group": ["شركة", "شركة", "مكتب", "مكتب", "فرنسا"],
    })
    keys = {"لشركات": "شركات", "شركات": "شركات", "مكاتب": "مكاتب", "مكتب": "مكتب", "فرنسا": "فرنسا"}
    missed = T.missed_groups(gold, keys)
    # only مكتب is split (the broken plural); شركة is whole, فرنسا has one member
    assert missed.to_dict("list") == {"norm": ["مكاتب", "مكتب"], "group": ["مكتب", "مكتب"], "key": ["مكاتب", "مكتب"]}
    assert T.missed_groups(gold, lambda w: "x").empty  # one key for all: nothing split
    # its rows are exactly the false negatives' words
    scores = S.pairwise_scores(dict(zip(gold["norm"], gold["group"])), keys)
    assert scores["fn"] == 1


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


# --- n-grams ----------------------------------------------------------------------------


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
    html = kwic_html(lines, caption="<الشركات>")
    assert 'dir="rtl"' in html and html._repr_html_() == str(html)
    assert "&lt;الشركات&gt;" in html
    row = html.split("<tbody>")[1].split("</tr>")[0]
    assert row.index("الصحيفة إن") < row.index("الشركات") < row.index("الأمريكية ترفض")


def test_kwic_of_several_articles_names_each_lines_article():
    """With more than one article, every KWIC line says which article (and sentence) it
    comes from; with one article the table has no article column."""
    texts = {"a-one": "قالت الشركات إنها ترفض.", "b-two": "ترفض الشركات التعاون."}
    tokens = T.annotate(make_tokens(texts), stopwords=set(), reporting=NO_REPORTING)
    lines = T.concordance(tokens, texts, "شركات", window=2)
    assert lines["article_id"].tolist() == ["a-one", "b-two"]
    html = kwic_html(lines)
    rows = html.split("<tbody>")[1].split("</tr>")[:2]
    assert "article_id</th>" in html
    assert "a-one" in rows[0] and "b-two" in rows[1]
    single = kwic_html(lines[lines["article_id"] == "a-one"])
    assert "article_id" not in single and "a-one" not in single


# --- collocates -------------------------------------------------------------------------


def test_association_scores_by_hand():
    # O = 2, f_n = 3, f_c = 4, R1 = 12, N = 40
    s = S.association_scores(2, 3, 4, 12, 40)
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
    assert math.isnan(S.association_scores(1, 1, 5, 10, 8)["g2"])  # O22 = 8 - 10 - 5 + 1 < 0


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


def test_collocates_count_a_token_once_in_overlapping_windows():
    text = "شمس قمر شمس شمس بحر نجم."
    tokens = T.annotate(make_tokens({"a": text}), stopwords=set(), reporting=NO_REPORTING)
    table = T.collocates(tokens, "شمس", form="norm", window=1, positive_only=False).set_index("term")
    # words: شمس(1) قمر(2) شمس(3) شمس(4) بحر(5) نجم(6); N = 6, f_n = 3
    # windows: 1 -> {2}; 3 -> {2, 4}; 4 -> {3, 5}. Union less the nodes: {2, 5}, R1 = 2.
    # قمر (2) is in the windows of nodes 1 and 3 but is one token: O = 1 = f_c, not 2
    assert table["observed"].to_dict() == {"بحر": 1, "قمر": 1}
    assert (table["observed"] <= table["collocate_freq"]).all()
    # E = R1 * f_c / N = 2 * 1 / 6; logDice = 14 + log2(2*1 / (3+1)) = 13 (never above 14)
    assert table.loc["قمر", "expected"] == pytest.approx(1 / 3)
    assert table.loc["قمر", "log_dice"] == pytest.approx(13.0)
    # 2x2: O11=1, O12=2-1=1, O21=1-1=0, O22=6-2-1+1=4: all >= 0, so G2 is a number
    # G2 = 2 * (1 ln(1/(2*1/6)) + 1 ln(1/(2*5/6)) + 4 ln(4/(4*5/6))) = 2 * (1.0986 - 0.5108 + 0.7293)
    assert table.loc["قمر", "g2"] == pytest.approx(2 * (math.log(3) + math.log(0.6) + 4 * math.log(1.2)))


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
    assert T.running_tokens(tokens, by_sentence=True).to_dict() == {("a", 1): 3, ("a", 2): 1}
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


def test_dispersion_table_holds_the_drawn_labels_and_glosses():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from arabic_media.charts import ar, dispersion_figure

    text = "أمريكية امريكية أمريكية الأمريكية. فرنسا"
    tokens = T.annotate(make_tokens({"a": text}), stopwords=set(), reporting=NO_REPORTING)
    glossary = {"امريكية": "American"}
    with pytest.warns(T.TermNotFoundWarning, match="سوريا"):  # absent: no rows, and said so
        places = T.dispersion(tokens, ["امريكية", "فرنسا", "سوريا"], glossary=glossary)
    assert list(places.columns[:4]) == ["article_id", "term", "display", "gloss_en"]
    american = places[places["term"] == "امريكية"]
    # 4 occurrences in the group; drawn as the most frequent spelling of امريكية: أمريكية (2)
    assert len(american) == 4 and set(american["display"]) == {"أمريكية"}
    assert set(american["gloss_en"]) == {"American"}
    assert places.loc[places["term"] == "فرنسا", "gloss_en"].tolist() == [""]
    fig, data = dispersion_figure(places[places["term"] != "سوريا"], ["امريكية", "فرنسا"], tokens=tokens)
    try:
        ax = fig.axes[0]
        drawn = [t.get_text() for t in ax.get_yticklabels()]
        # what the figure draws is the CSV's display column
        assert drawn == [ar("أمريكية"), ar("فرنسا")]
        right = [child for child in ax.child_axes if child.get_yticklabels()]
        assert [t.get_text() for t in right[0].get_yticklabels()] == ["American", ""]
        assert len(data) == 5  # the CSV: one row per tick drawn
        # a term that never occurs is an error that names it, not an empty row
        with pytest.raises(ValueError, match="سوريا"):
            dispersion_figure(places, ["امريكية", "فرنسا", "سوريا"], tokens=tokens)
    finally:
        plt.close(fig)


def test_group_keys_hold_across_corpora():
    """A group key is a function of the word and the grouper's stated vocabulary, not of
    the tokens annotated: two corpora annotated with one grouper can be joined on it,
    while their display labels may differ."""
    first = T.annotate(make_tokens({"a": "الشركات شركات لشركات"}), stopwords=set(), reporting=NO_REPORTING)
    second = T.annotate(make_tokens({"b": "الشركة الشركة الشركات"}), stopwords=set(), reporting=NO_REPORTING)
    grouper = T.CliticGrouper(list(first["norm"]) + list(second["norm"]))
    first = T.annotate(first[["article_id", "sentence", "token", "article_token", "start", "end", "surface",
                              "norm", "kind"]], stopwords=set(), reporting=NO_REPORTING, grouper=grouper)
    second = T.annotate(second[["article_id", "sentence", "token", "article_token", "start", "end", "surface",
                                "norm", "kind"]], stopwords=set(), reporting=NO_REPORTING, grouper=grouper)
    words = lambda t: t[t["kind"] == "word"]  # noqa: E731
    assert set(words(first)["group_key"]) == set(words(second)["group_key"]) == {"شركة"}
    assert set(words(first)["group"]) == {"شركات"} and set(words(second)["group"]) == {"الشركة"}


# --- terms of several words, empty terms, absent terms -------------------------------


@pytest.fixture(scope="module")
def study_terms(study_article):
    """The study's article (by id), annotated."""
    return T.annotate(study_article.tokens), study_article.articles


def test_multiword_term_is_found_in_every_lookup(study_terms):
    """The top bigram تنظيم الدولة (10 occurrences in the study's article) is found by
    concordance, collocates, dispersion and dispersion_summary, not 0 silently."""
    tokens, articles = study_terms
    top = T.ngrams(tokens, 2).iloc[0]
    assert (top["ngram"], top["count"]) == ("تنظيم الدولة", 10)
    lines = T.concordance(tokens, articles, "تنظيم الدولة", window=3)
    assert len(lines) == 10
    text = articles.iloc[0]["text"]
    for row in lines.itertuples():
        assert text[row.start : row.end] == row.keyword
        assert normalize(row.keyword).split() == ["تنظيم", "الدولة"]
    summary = T.dispersion_summary(tokens, ["تنظيم الدولة"]).iloc[0]
    assert summary["count"] == 10
    places = T.dispersion(tokens, ["تنظيم الدولة"])
    assert len(places) == 10 and places["article_token"].tolist() == lines["article_token"].tolist()
    colls = T.collocates(tokens, "تنظيم الدولة")
    assert (colls["node_freq"] == 10).all() and len(colls)
    assert not {"تنظيم", "الدولة", "دولة"} & set(colls["term"])  # the node's own words


def test_multiword_term_words_match_as_single_words_and_not_across_punctuation():
    text = "قال تنظيم الدولة إن التنظيم، الدولة لا. وتنظيم الدولة هنا."
    tokens = T.annotate(make_tokens({"a": text}), stopwords=set(), reporting=NO_REPORTING)
    lines = T.concordance(tokens, {"a": text}, "تنظيم الدولة", window=1)
    # each word as a single-word look-up finds it (group: وتنظيم is تنظيم); not across "،"
    assert lines["keyword"].tolist() == ["تنظيم الدولة", "وتنظيم الدولة"]
    assert lines["left"].tolist() == ["إن", "هنا"]
    norm = T.concordance(tokens, {"a": text}, "تنظيم الدولة", form="norm", window=1)
    assert norm["keyword"].tolist() == ["تنظيم الدولة"]
    # not across a sentence edge either
    edge = "هذا تنظيم. الدولة هنا."
    edge_tokens = T.annotate(make_tokens({"a": edge}), stopwords=set(), reporting=NO_REPORTING)
    with pytest.raises(ValueError, match="does not occur"):
        T.concordance(edge_tokens, {"a": edge}, "تنظيم الدولة", form="norm")


@pytest.mark.parametrize("term", ["", "   ", "\n"])
def test_empty_term_is_an_error_in_every_lookup(study_terms, term):
    tokens, articles = study_terms
    for lookup in (lambda: T.concordance(tokens, articles, term), lambda: T.collocates(tokens, term),
                   lambda: T.dispersion(tokens, [term]), lambda: T.dispersion_summary(tokens, [term])):
        with pytest.raises(ValueError, match="empty"):
            lookup()


def test_absent_term_is_never_silent(study_terms):
    tokens, articles = study_terms
    with pytest.raises(ValueError, match="زرافة.*does not occur"):
        T.concordance(tokens, articles, "زرافة")
    with pytest.raises(ValueError, match="زرافة"):
        T.collocates(tokens, "زرافة")
    with pytest.warns(T.TermNotFoundWarning, match="زرافة"):
        places = T.dispersion(tokens, ["تنظيم", "زرافة"])
    assert "زرافة" not in set(places["term"]) and (places["term"] == "تنظيم").any()
    with pytest.warns(T.TermNotFoundWarning, match="زرافة"):
        summary = T.dispersion_summary(tokens, ["زرافة"]).iloc[0]
    assert summary["count"] == 0 and math.isnan(summary["dp"])
