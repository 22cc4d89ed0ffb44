"""Grouping words: the clitic splitter and the evidence for it (arabic_media.terms.grouping), by hand."""

from __future__ import annotations


import pandas as pd
import pytest

from arabic_media import stats as S
from arabic_media import terms as T


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
