"""The annotation sets are well formed and point at the text: the stance development and
test sets (issue 12) and the attribution and quotation gold (issue 11). Each check is
the script that ships with the data, run as a user runs it; a broken offset, a missing
sentence or an unknown label makes it exit non-zero."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from arabic_media import paths
from arabic_media.corpus import load_corpus
from arabic_media.stance import LABELS, load_gold


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(paths.PROJECT_ROOT / "src")}
    return subprocess.run([sys.executable, *args], cwd=paths.PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_attribution_and_quotation_gold_slice_to_their_text():
    result = _run("scripts/check_attribution_gold.py")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def test_stance_sets_have_one_gold_row_per_sentence():
    result = _run("scripts/draw_stance_sets.py", "--check")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


@pytest.mark.parametrize("name", ["stance_dev", "stance_test"])
def test_stance_sets_hold_no_sky_news_and_meet_the_size_bar(name):
    corpus = load_corpus(paths.CORPUS_DIR / name)
    # Sky News Arabia is reserved for evaluation outside the project
    assert not corpus.articles["outlet"].str.contains("Sky", case=False).any()
    assert not corpus.articles["article_id"].str.startswith("sk-").any()
    assert len(corpus.articles) >= 8 and len(corpus.sentences) >= 120
    gold = load_gold(paths.ANNOTATIONS_DIR / f"stance_gold_{name.split('_')[1]}.csv")
    assert set(gold["label"]) <= set(LABELS)
    keys = set(zip(corpus.sentences["article_id"], corpus.sentences["sentence"]))
    assert set(zip(gold["article_id"], gold["sentence"])) == keys


def test_dev_and_test_share_no_article_and_neither_overlaps_the_frozen_heldout():
    ids = {name: set(load_corpus(paths.CORPUS_DIR / name).articles["article_id"])
           for name in ("stance_dev", "stance_test", "heldout")}
    assert not ids["stance_dev"] & ids["stance_test"]
    assert not (ids["stance_dev"] | ids["stance_test"]) & ids["heldout"]
