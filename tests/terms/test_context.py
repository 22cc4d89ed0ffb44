"""Look-ups in context (arabic_media.terms.context): concordance, collocates, dispersion, by hand and on the study's article."""

from __future__ import annotations

import math

import pytest

from arabic_media import stats as S
from arabic_media import terms as T
from arabic_media.display import kwic_html
from arabic_media.text import normalize
from tests.terms.helpers import NO_REPORTING, make_tokens


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


def test_collocates_positive_only_drops_negative_associations():
    # نجم is frequent, but the node شمس meets it less often than expected
    text = "شمس قمر. نجم بحر. نجم بحر. نجم بحر. شمس قمر نجم."
    tokens = T.annotate(make_tokens({"a": text}), stopwords=set(), reporting=NO_REPORTING)
    both = T.collocates(tokens, "شمس", form="norm", window=2, positive_only=False).set_index("term")
    # N = 11, R1 = 1 + 2 = 3; نجم: O = 1, f_c = 4, E = 3 * 4 / 11 = 1.09 > O
    assert both.loc["نجم", "expected"] == pytest.approx(12 / 11)
    positive = T.collocates(tokens, "شمس", form="norm", window=2)
    assert "نجم" not in set(positive["term"]) and "قمر" in set(positive["term"])


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
