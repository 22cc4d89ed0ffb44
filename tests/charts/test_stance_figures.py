"""The stance figures (`arabic_media.charts.stance`) return the numbers they draw, and
their Arabic reads right."""

from __future__ import annotations

import re

import pytest

from arabic_media import charts, stance
from arabic_media.annotations import load_stance_gold
from tests.stance.helpers import two_articles
from tests.support import STUDY_TARGET


@pytest.fixture
def figures():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_strip_figure_draws_one_strip_per_article_right_to_left(figures):
    from arabic_media.charts import ar

    _, labels, gold = two_articles()
    fig, data = charts.stance_strip_figure(labels, gold)
    assert len(fig.axes) == 2 and len(data) == 4
    long_strip = fig.axes[1]  # b-article, three sentences
    ticks = {t.get_text(): x for x, t in zip(long_strip.get_xticks(), long_strip.get_xticklabels())}
    assert ticks["1"] > ticks["2"] > ticks["3"]  # sentence 1 on the right
    texts = _texts(fig)
    assert ar("تورط") in texts  # the deciding cue, through ar()
    assert any(ar("رفضت") in t and "negated by" in t for t in texts)
    assert any("gold: AGAINST" in t for t in texts)  # the one disagreement
    assert sum("gold:" in t for t in texts) == 1
    assert "target\nnot named" in texts  # a NONE says why it has no cue, wrapped


def test_share_and_confusion_figures_return_the_numbers_they_draw(figures):
    _, labels, gold = two_articles()
    fig, share = charts.stance_share_figure(labels)
    assert len(fig.axes) == 2
    assert list(share.columns) == ["article_id", "label", "sentences", "share"]
    assert len(share) == 2 * len(stance.LABELS)
    assert share.groupby("article_id")["sentences"].sum().to_dict() == {"a-article": 1, "b-article": 3}
    assert share.groupby("article_id")["share"].sum().tolist() == pytest.approx([1, 1])

    result = stance.evaluate(gold, labels)
    fig, confusion = charts.stance_confusion_figure(result)
    assert list(confusion.columns) == ["gold", "predicted", "sentences"]
    assert confusion["sentences"].sum() == result.n == 4
    cell = confusion[(confusion["gold"] == "AGAINST") & (confusion["predicted"] == "NONE")]
    assert cell["sentences"].tolist() == [1]
    assert sorted(_texts(fig)) == sorted(str(v) for v in confusion["sentences"])


def test_every_arabic_line_of_the_study_strip_reads_like_the_reference_shaper(study_corpus, study_labels, figures):
    """Each deciding cue the strip draws for the study's corpus, rendered as the figure
    renders it (through `ar`), against Pillow + libraqm in the same font: the proof
    `tests/charts/test_arabic.py` gives for `STUDY_LABELS`, for labels that come from data."""
    from tests.charts.helpers import RAQM_AVAILABLE, difference, font_file, render_matplotlib, render_reference

    from arabic_media.charts import NATIVE_SHAPING, STUDY_FONT, ar
    from arabic_media.charts.stance import _wrap_words

    if not RAQM_AVAILABLE:
        pytest.skip("Pillow was built without libraqm: no independent reference shaper")
    threshold = 25.0  # as in tests/charts/test_arabic.py, which documents how it was measured
    compare_font = font_file(STUDY_FONT if NATIVE_SHAPING else "Noto Sans Arabic")
    labelling = stance.label_sentences(study_corpus, STUDY_TARGET)
    fig, data = charts.stance_strip_figure(labelling, load_stance_gold(), STUDY_TARGET)
    drawn = {line for text in _texts(fig) for line in text.split("\n")}
    arabic = re.compile("[\u0600-\u06ff]")
    lines = {
        word_line
        for text in data.loc[data["deciding_cue_start"].notna(), "deciding_cue_text"]
        for word_line in _wrap_words(text, 11)
    }
    lines |= {negator for negator in data["negated_by"] if negator}
    assert lines and all(arabic.search(line) for line in lines)
    for line in sorted(lines):
        assert ar(line) in drawn, line
        gap = difference(render_matplotlib(ar(line), compare_font), render_reference(line, compare_font))
        assert gap < threshold, (line, gap)
