"""The scratch copy CI uses to prove that adding an article breaks nothing (issue 13)."""

from __future__ import annotations

import importlib.util

from arabic_media.corpus import load_corpus
from arabic_media.paths import PROJECT_ROOT
from tests.support import STUDY_ARTICLE


def _script():
    spec = importlib.util.spec_from_file_location("add_sample_article", PROJECT_ROOT / "scripts" / "add_sample_article.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scratch_copy_has_the_study_article_and_the_al_arabiya_one(tmp_path):
    script = _script()
    dest = script.make_scratch_copy(tmp_path / "study")
    corpus = load_corpus(dest / "corpus")  # manifest row and sha256 written as a user would
    assert corpus.articles["article_id"].tolist() == [STUDY_ARTICLE, script.SAMPLE_ID]
    assert not any(a.startswith("sk-") for a in corpus.articles["article_id"])  # never Sky News
    assert not (dest / ".git").exists() and (dest / "tests" / "conftest.py").is_file()
    assert script.scratch_env(dest)["ARABIC_MEDIA_ROOT"] == str(dest)
