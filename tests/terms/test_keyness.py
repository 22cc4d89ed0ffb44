"""Keywords against a reference corpus (arabic_media.terms.keyness) on small synthetic
tables; each expected number is worked out by hand beside it."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from tests.terms.helpers import NO_REPORTING, make_tokens

from arabic_media import terms as T
from arabic_media.terms.keyness import OVER, UNDER


def counts(pairs: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"term": list(pairs), "count": list(pairs.values())})


# article of 1,000 running tokens, reference of 10,000
ARTICLE = counts({"A": 10, "B": 3, "C": 1, "E": 5})
REFERENCE = counts({"A": 20, "B": 300, "D": 1000})


def test_thresholds_are_stated_constants():
    assert T.G2_THRESHOLD == 15.13  # p < 0.0001, chi-square with 1 df
    assert T.MIN_COUNT == 3


def test_keyness_by_hand_in_both_directions():
    table = T.keyness(ARTICLE, REFERENCE, tokens_target=1000, tokens_reference=10000)
    assert list(table.columns) == T.KEYNESS_COLUMNS
    # C: once in the article, predicted 0 times -> not listed; the rest sorted by G2
    assert list(table["term"]) == ["D", "B", "E", "A"]
    row = table.set_index("term")
    # D: absent from the article, 1000 in the reference -> expected 1000/10000*1000 = 100
    # E2 = 10000 * 1000 / 11000; G2 = 2 * 1000 ln(1.1) = 190.620360
    assert row.loc["D", "expected_article"] == pytest.approx(100.0)
    assert row.loc["D", "g2"] == pytest.approx(190.620360, abs=1e-6)
    assert row.loc["D", "log_ratio"] == pytest.approx(math.log2((0.5 / 1000) / (1000 / 10000)))  # 0 -> 0.5
    assert (row.loc["D", "direction"], row.loc["D", "key"]) == (UNDER, True)
    # B: 3 against 300: E1 = 1000*303/11000 = 27.545455, E2 = 275.454545
    # 3 ln(3/27.545455) = -6.651676; 300 ln(300/275.454545) = 25.607955; G2 = 37.912558
    assert row.loc["B", "g2"] == pytest.approx(37.912558, abs=1e-6)
    assert row.loc["B", "log_ratio"] == pytest.approx(math.log2(0.1))
    assert (row.loc["B", "direction"], row.loc["B", "key"]) == (UNDER, True)
    # E: 5 in the article, absent from the reference: G2 = 2 * 5 ln(11) = 23.978953
    assert row.loc["E", "g2"] == pytest.approx(23.978953, abs=1e-6)
    assert row.loc["E", "log_ratio"] == pytest.approx(math.log2(100))  # (5/1000) / (0.5/10000)
    assert bool(row.loc["E", "absent_in_reference"]) and row.loc["E", "count_reference"] == 0
    assert (row.loc["E", "direction"], row.loc["E", "key"]) == (OVER, True)
    # A: 10 against 20 -> G2 13.579463 (tests/test_stats.py), below 15.13: not key
    assert row.loc["A", "g2"] == pytest.approx(13.579463, abs=1e-6)
    assert row.loc["A", "per_million_article"] == 10_000 and row.loc["A", "per_million_reference"] == 2_000
    assert (row.loc["A", "direction"], row.loc["A", "key"]) == (OVER, False)
    assert set(table["tokens_article"]) == {1000} and set(table["tokens_reference"]) == {10000}
    assert row.loc["A", "p_value"] == pytest.approx(math.erfc(math.sqrt(13.579463 / 2)))


def test_top_keywords_ranks_by_log_ratio_among_the_key():
    table = T.keyness(ARTICLE, REFERENCE, tokens_target=1000, tokens_reference=10000)
    assert list(T.top_keywords(table)["term"]) == ["E"]
    assert list(T.top_keywords(table, direction=UNDER)["term"]) == ["D", "B"]  # -7.6 before -3.3
    with pytest.raises(ValueError):
        T.top_keywords(table, direction="over")


def test_an_over_used_term_needs_the_minimum_count():
    # 2 in 1,000 against 0 in 1,000,000: G2 = 2 * 2 ln(1001000/1000) = 27.6, but 2 < 3
    table = T.keyness(counts({"X": 2}), counts({"Y": 5000}), tokens_target=1000, tokens_reference=1_000_000,
                      min_count=2)
    row = table.set_index("term")
    assert row.loc["X", "g2"] == pytest.approx(2 * 2 * math.log(1_001_000 / 1000))
    assert bool(row.loc["X", "key"])
    strict = T.keyness(counts({"X": 2}), counts({"Y": 5000}), tokens_target=1000, tokens_reference=1_000_000)
    assert "X" not in set(strict["term"])


def test_keyness_refuses_tables_keyed_twice_or_empty_corpora():
    twice = counts({"A": 1}).pipe(lambda t: pd.concat([t, t]))
    with pytest.raises(ValueError, match="repeats terms"):
        T.keyness(twice, REFERENCE, tokens_target=10, tokens_reference=10)
    with pytest.raises(ValueError):
        T.keyness(ARTICLE, REFERENCE, tokens_target=0, tokens_reference=10)


def test_one_grouper_gives_both_sides_one_key():
    article_vocab = ["الشركات", "الكبرى"]
    reference_vocab = ["شركة", "شركات", "في"]
    # grouped on the article alone, الشركات stays plural: شركة is not in its vocabulary
    assert T.CliticGrouper(article_vocab)("الشركات") == "شركات"
    shared = T.shared_grouper(reference_vocab, article_vocab)
    assert shared("الشركات") == shared("شركات") == shared("شركة") == "شركة"
    assert T.shared_grouper(article_vocab, reference_vocab)("الشركات") == "شركة"  # order does not matter


def test_regroup_counts_keeps_content_and_sums_members():
    norms = pd.DataFrame({
        "term": ["الشركات", "شركة", "شركات", "في"],
        "category": ["content", "content", "content", "stopword"],
        "count": [5, 3, 1, 100],
    })
    grouped = T.regroup_counts(norms, T.shared_grouper(norms["term"]))
    # شركة = الشركات 5 + شركة 3 + شركات 1; labelled by its most frequent member
    assert grouped.to_dict("records") == [{"term": "شركة", "display": "الشركات", "count": 9}]


def test_article_terms_in_the_reference_key():
    tokens = make_tokens({"a": "الشركات الأمريكية في فرنسا. شركة أمريكية والشركات."})
    annotated = T.annotate(tokens, stopwords={"في"}, reporting=NO_REPORTING)
    grouper = T.shared_grouper(["شركة", "امريكي"], annotated.loc[annotated["kind"] == "word", "norm"])
    terms = T.article_terms(annotated, grouper).set_index("term")
    # الشركات + شركة + والشركات = 3 under the reference's key شركة
    assert terms.loc["شركة", "count"] == 3
    # الامريكية + امريكية -> امريكي; shown as written, with its hamza
    assert terms.loc["امريكي", "count"] == 2
    assert terms.loc["امريكي", "display"] == "أمريكية"
    assert "في" not in terms.index
    with pytest.raises(ValueError, match="annotate"):
        T.article_terms(tokens, grouper)


def test_bigrams_compared_in_normalised_form():
    annotated = T.annotate(make_tokens({"a": "مواقع التواصل الاجتماعي. مواقع التواصل."}), stopwords=set(),
                           reporting=NO_REPORTING)
    article = T.article_bigrams(annotated)
    assert dict(zip(article["term"], article["count"])) == {"مواقع التواصل": 2, "التواصل الاجتماعي": 1}
    reference = T.reference_bigrams(pd.DataFrame({"bigram": ["مواقع التواصل"], "count": [1], "documents": [1]}))
    table = T.keyness(article, reference, tokens_target=5, tokens_reference=1000, min_count=1)
    row = table.set_index("term")
    assert row.loc["مواقع التواصل", "count_reference"] == 1
    assert bool(row.loc["التواصل الاجتماعي", "absent_in_reference"])


# --- figures ----------------------------------------------------------------------------


def _figure_table():
    article = counts({"شركة": 12, "تنظيم": 9, "قال": 30, "حكومة": 3, "نادرة": 4})
    reference = counts({"شركة": 40, "تنظيم": 5, "قال": 30_000, "حكومة": 3_000, "سنة": 5_000})
    table = T.keyness(article, reference, tokens_target=600, tokens_reference=1_000_000)
    table["display"] = table["term"]
    return table


def test_keyness_bars_figure_draws_the_key_over_used_by_log_ratio():
    import matplotlib.pyplot as plt

    from arabic_media.charts import keyness_bars_figure
    from arabic_media.charts.keyness import KEYWORD_COLUMNS

    table = _figure_table()
    fig, data = keyness_bars_figure(table, glossary={"شركة": "company"})
    assert list(data.columns) == KEYWORD_COLUMNS
    # نادرة: absent from the reference -> log2((4/600)/(0.5/1e6)) = 13.7, the largest ratio
    assert list(data["term"]) == ["نادرة", "تنظيم", "شركة"]
    assert list(data["gloss_en"]) == ["", "", "company"]
    assert fig.axes[0].patches[0].get_hatch() == "///"  # the bound is shown as one
    plt.close(fig)


def test_frequency_vs_keyness_figure_labels_frequent_and_key_terms():
    import matplotlib.pyplot as plt

    from arabic_media.charts import ar, frequency_vs_keyness_figure

    fig, data = frequency_vs_keyness_figure(_figure_table(), label_top=1, glossary={})
    assert data["term"].iloc[0] == "قال"  # most frequent first
    # labelled: the most frequent term (قال, under-used) and the strongest keyword (نادرة)
    assert set(data.loc[data["labelled"], "term"]) == {"قال", "نادرة"}
    assert {t.get_text() for t in fig.axes[0].texts} == {ar("قال"), ar("نادرة")}
    assert (data["count_article"] > 0).all()
    plt.close(fig)


def test_article_forms_in_reference_shows_a_key_filled_by_other_words():
    # the shared vocabulary holds اير, so فلاير splits as ف + ل + اير, the key of ايران
    tokens = T.annotate(make_tokens({"a": "شركة كلاود فلاير. الشركات."}), stopwords=set(), reporting=NO_REPORTING)
    norms = pd.DataFrame({"term": ["ايران", "اير", "شركة", "الشركات", "في"],
                          "category": ["content", "content", "content", "content", "stopword"],
                          "count": [800, 20, 50, 30, 900]})
    grouper = T.shared_grouper(norms["term"], tokens.loc[tokens["kind"] == "word", "norm"])
    assert grouper("فلاير") == grouper("ايران")
    forms = T.article_forms_in_reference(tokens, grouper, norms).set_index("term")
    row = forms.loc[grouper("فلاير")]
    assert (row["forms_article"], row["count_reference_forms"]) == ("فلاير", 0)  # the 820 are Iran's
    reference = T.regroup_counts(norms, grouper).set_index("term")
    assert reference.loc[grouper("فلاير"), "count"] == 820
    # شركة + الشركات: both forms are the article's own, 50 + 30
    row = forms.loc[grouper("شركة")]
    assert (row["forms_article"], row["count_reference_forms"]) == ("الشركات، شركة", 80)
    assert forms.loc[grouper("كلاود"), "count_reference_forms"] == 0  # absent from the list
    with pytest.raises(ValueError, match="annotate"):
        T.article_forms_in_reference(make_tokens({"a": "شركة"}), grouper, norms)


def test_labels_at_one_count_are_spread_apart():
    from arabic_media.charts.keyness import _spread_labels

    # three points at count 3 within 0.3 of each other, one alone at count 7
    placed = _spread_labels([3, 3, 7, 3], [8.4, 8.2, 4.6, 7.9], gap=0.5)
    assert placed == pytest.approx([8.4, 7.9, 4.6, 7.4])
    assert _spread_labels([3, 5], [1.0, 1.0], gap=0.5) == [1.0, 1.0]  # different counts: untouched
