"""Adding articles does not move the study: two unrelated reports added to a copy of the
corpus (``tests/data/unrelated_reports/``, as a user adds them: files under
``articles/``, rows appended to the manifest), and everything the study reports about
its own article stays the same, computed on the larger corpus and taken from it with
`select_articles`, as the notebooks do. The end-to-end form of this check, every
notebook re-executed in a scratch copy and every figure compared byte for byte, is
``scripts/check_added_articles.py``, which CI runs."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from arabic_media import annotations, attribution, paths, stance, terms
from arabic_media.corpus import load_corpus, read_manifest, write_manifest
from arabic_media.corpus.select import select_articles
from tests.support import STUDY_ARTICLE, STUDY_TARGET

UNRELATED = paths.PROJECT_ROOT / "tests" / "data" / "unrelated_reports"


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """The study's corpus with the two unrelated reports added, loaded."""
    folder = tmp_path_factory.mktemp("grown") / "corpus"
    (folder / "articles").mkdir(parents=True)
    for path in (paths.CORPUS_DIR / "articles").iterdir():
        shutil.copyfile(path, folder / "articles" / path.name)
    for path in (UNRELATED / "articles").iterdir():
        shutil.copyfile(path, folder / "articles" / path.name)
    added = read_manifest(UNRELATED)
    base = read_manifest(paths.CORPUS_DIR)  # (in a copy that holds them already, they are not added twice)
    rows = base[~base["article_id"].isin(added["article_id"])].to_dict("records") + added.to_dict("records")
    write_manifest(folder / "manifest.csv", rows)
    return load_corpus(folder)


def _results(corpus) -> dict[str, pd.DataFrame]:
    """What the notebooks report about the study's article, from a corpus holding it."""
    article = select_articles(corpus, STUDY_ARTICLE)
    tokens = terms.annotate(article.tokens)
    target = stance.load_target(STUDY_TARGET)
    labelling = stance.label_sentences(article, target)
    lex = attribution.load_attribution_lexicon()
    found = attribution.find_attributions(article, lex)
    keyness = terms.article_keyness(tokens, terms.load_reference())
    gold = stance.gold_for(annotations.load_stance_gold("study"), STUDY_TARGET)
    grouped = terms.term_frequencies(tokens, form="group")
    key_terms = list(grouped["term"].head(8)) + ["الصحيفة"]
    return {
        "labels": labelling.labels, "matches": labelling.matches,
        "leave_one_out": stance.leave_one_out(article, target).labels,
        "strip": stance.stance_strip_data(labelling, gold, target),
        "grouped": grouped, "bigrams": terms.ngrams(tokens, 2),
        "dispersion": terms.dispersion(tokens, key_terms, form="group", glossary=terms.load_glossary()),
        "keyness": keyness.terms, "bigram_keyness": keyness.bigrams,
        "attributions": found, "quotations": attribution.find_quotations(article, found, lex),
    }


def test_the_grown_corpus_holds_the_study_article_and_the_two_reports(grown, study_corpus):
    added = {"bb-culture-89-20180329", "bb-sport-320-20180901"}
    assert set(grown.articles["article_id"]) == set(study_corpus.articles["article_id"]) | added
    # every added report is read into sentences (in a scratch copy that holds them already,
    # scripts/check_added_articles.py's, they are there once, not twice)
    per_article = grown.sentences["article_id"].astype(str).value_counts()
    assert all(per_article.get(article_id, 0) > 0 for article_id in added)
    before = study_corpus.sentences["article_id"].astype(str).value_counts()
    assert per_article[STUDY_ARTICLE] == before[STUDY_ARTICLE]


def test_everything_reported_about_the_study_article_is_unchanged(grown, study_corpus):
    before, after = _results(study_corpus), _results(grown)
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name], check_dtype=True, obj=name)


def test_the_study_article_results_equal_the_committed_figure_data(grown):
    """The figure CSVs the notebooks committed are what the grown corpus gives again."""
    results = _results(grown)
    committed = pd.read_csv(paths.FIGURES_DIR / "stance-by-sentence.csv", encoding="utf-8-sig", keep_default_na=False)
    assert committed["label"].tolist() == results["strip"]["label"].tolist()
    assert committed["deciding_cue_text"].tolist() == results["strip"]["deciding_cue_text"].tolist()
    dispersion = pd.read_csv(paths.FIGURES_DIR / "term-dispersion.csv", encoding="utf-8-sig")
    assert dispersion["article_token"].tolist() == results["dispersion"]["article_token"].tolist()
    keyness = pd.read_csv(paths.FIGURES_DIR / "keyness-top20.csv", encoding="utf-8-sig")
    mine = results["keyness"].set_index("term").loc[keyness["term"]]
    assert mine["g2"].round(6).tolist() == keyness["g2"].round(6).tolist()
