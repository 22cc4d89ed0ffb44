"""The gold annotations (`arabic_media.annotations`): one loader signature, the files are
well formed and point at their text, and each checker fails on a broken row."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from arabic_media import annotations, paths
from arabic_media.corpus import load_corpus
from arabic_media.lexicons import load_actors
from tests.support import STUDY_ARTICLE


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(paths.PROJECT_ROOT / "src")}
    return subprocess.run([sys.executable, *args], cwd=paths.PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def actor_ids():
    return set(load_actors()["actor_id"])


def test_every_gold_file_points_at_its_corpus():
    """The script a user runs after annotating: every gold file against its split's corpus."""
    result = _run("scripts/check_gold.py")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert result.stdout.count("0 problem(s)") == len(annotations.gold_files()) >= 8


def test_one_loader_signature_for_every_kind_and_split():
    for kind, split, path in annotations.gold_files():
        loader = getattr(annotations, f"load_{kind}_gold")
        table = loader(split)
        assert len(table) and table.equals(loader(path=path))
        assert annotations.split_corpus_dir(split).is_dir()
    with pytest.raises(ValueError, match="unknown split"):
        annotations.load_stance_gold("training")
    with pytest.raises(ValueError, match="unknown gold kind"):
        annotations.gold_path("sentiment")


def test_gold_files_are_clean_utf8_with_lf():
    for _, _, path in annotations.gold_files():
        data = path.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data, path.name


def test_the_study_gold_annotates_the_study_article_only():
    for kind in annotations.KINDS:
        assert set(getattr(annotations, f"load_{kind}_gold")("study")["article_id"]) == {STUDY_ARTICLE}


def test_the_stance_loader_refuses_an_unknown_label_or_a_repeated_sentence(tmp_path):
    gold = annotations.load_stance_gold("study")
    bad = tmp_path / "bad.csv"
    gold.assign(label=["NEUTRAL"] + list(gold["label"][1:])).to_csv(bad, index=False)
    with pytest.raises(ValueError, match=r"bad\.csv: unknown labels \['NEUTRAL'\]"):
        annotations.load_stance_gold(path=bad)
    pd.concat([gold, gold.head(1)]).to_csv(bad, index=False)
    with pytest.raises(ValueError, match="listed twice"):
        annotations.load_stance_gold(path=bad)


def test_the_stance_checker_finds_a_missing_row_a_stray_row_and_a_misquote(study_article):
    gold = annotations.load_stance_gold("study")
    assert annotations.check_stance_gold(gold, study_article) == []
    broken = gold.iloc[1:].copy()
    broken.loc[broken.index[0], "rationale"] = "the companies are accused «بما لم يكتب في الجملة»"
    extra = gold.head(1).assign(sentence=99)
    problems = annotations.check_stance_gold(pd.concat([broken, extra]), study_article, name="g")
    assert any("no row for" in p and ", 1)" in p for p in problems)
    assert any("does not exist" in p and "99" in p for p in problems)
    assert any("quotes what is not in the sentence" in p for p in problems)


def test_the_attribution_checker_finds_a_bad_offset_and_a_bad_parent(study_article, actor_ids):
    gold = annotations.load_attribution_gold("study")
    assert annotations.check_attribution_gold(gold, study_article, actor_ids) == []
    broken = gold.copy()
    broken.loc[0, "cue_start"] = broken.loc[0, "cue_start"] + 1
    nested = broken.index[broken["parent"].notna()][0]
    broken.loc[nested, "depth"] = 5
    broken.loc[1, "source_actor_id"] = "nobody"
    problems = annotations.check_attribution_gold(broken, study_article, actor_ids, name="g")
    assert any(p.startswith("g line 2: cue") and "slices to" in p for p in problems)
    assert any("is not the parent's" in p for p in problems)
    assert any("'nobody' is not in the gazetteer" in p for p in problems)


def test_the_quotation_checker_finds_an_unlisted_pair_and_a_named_speaker(study_article, actor_ids):
    gold = annotations.load_quotation_gold("study")
    assert annotations.check_quotation_gold(gold, study_article, actor_ids) == []
    broken = gold.iloc[1:].copy()
    name = broken.index[broken["kind"] == "name"][0]
    broken.loc[name, "speaker_actor_id"] = "le_figaro"
    problems = annotations.check_quotation_gold(broken, study_article, actor_ids, name="g")
    assert any("is not listed" in p for p in problems)
    assert any("a name has no speaker" in p for p in problems)


@pytest.mark.parametrize("split", [*annotations.DEVELOPMENT_SPLITS, *annotations.TEST_SPLITS])
def test_evaluation_sets_hold_no_sky_news_and_meet_the_size_bar(split):
    corpus = load_corpus(annotations.split_corpus_dir(split))
    # Sky News Arabia is reserved for evaluation outside the project
    assert not corpus.articles["outlet"].str.contains("Sky", case=False).any()
    assert not corpus.articles["article_id"].str.startswith("sk-").any()
    assert len(corpus.articles) >= 8 and len(corpus.sentences) >= 100
    if annotations.gold_path("stance", split).is_file():
        gold = annotations.load_stance_gold(split)
        keys = set(zip(corpus.sentences["article_id"], corpus.sentences["sentence"]))
        assert set(zip(gold["article_id"], gold["sentence"])) == keys


def test_splits_share_no_article():
    ids = {split: set(load_corpus(annotations.split_corpus_dir(split)).articles["article_id"]) for split in annotations.SPLITS}
    for first in ids:
        for second in ids:
            assert first == second or not ids[first] & ids[second], (first, second)
