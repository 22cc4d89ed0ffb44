"""The scratch copy CI uses to prove that adding articles breaks nothing and moves nothing."""

from __future__ import annotations

import hashlib
import importlib.util
import tempfile

import pytest

from arabic_media.corpus import CorpusError, load_corpus
from arabic_media.paths import PROJECT_ROOT
from tests.support import STUDY_ARTICLE


def _script():
    spec = importlib.util.spec_from_file_location("check_added_articles", PROJECT_ROOT / "scripts" / "check_added_articles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scratch_copy_has_the_study_article_and_the_two_unrelated_reports(tmp_path):
    script = _script()
    dest = script.make_scratch_copy(tmp_path / "study")
    corpus = load_corpus(dest / "corpus")  # manifest rows and sha256 written as a user would
    assert corpus.articles["article_id"].tolist() == [STUDY_ARTICLE, "bb-culture-89-20180329", "bb-sport-320-20180901"]
    assert not any(a.startswith("sk-") for a in corpus.articles["article_id"])  # never Sky News
    assert not (dest / ".git").exists() and (dest / "tests" / "conftest.py").is_file()
    assert script.scratch_env(dest)["ARABIC_MEDIA_ROOT"] == str(dest)
    assert script.changed_figures(dest) == []  # a copy, before any notebook runs
    (dest / "figures" / "term-dispersion.csv").write_text("changed", encoding="utf-8")
    assert script.changed_figures(dest) == ["term-dispersion.csv"]


def _project(folder, article: bytes = "قال الوزير.".encode()):
    """A project of one article, with its manifest (a tiny stand-in for the study)."""
    (folder / "corpus" / "articles").mkdir(parents=True)
    (folder / "pyproject.toml").write_text("", encoding="utf-8")
    (folder / "corpus" / "articles" / "a.txt").write_bytes(article)
    sha = hashlib.sha256(article).hexdigest()
    (folder / "corpus" / "manifest.csv").write_text(f"article_id,file,sha256\na0,articles/a.txt,{sha}\n",
                                                    encoding="utf-8")
    return folder


def test_a_refused_corpus_leaves_no_scratch_copy_behind(tmp_path, monkeypatch, capsys):
    # it used to leave the whole copy (12 MB) in the temporary folder, with a traceback
    project = _project(tmp_path / "project")
    (project / "corpus" / "articles" / "a.txt").write_bytes("قال الوزيرة.".encode())  # sha256 no longer holds
    (project / "notes.bin").write_bytes(bytes(1 << 16))
    script = _script()
    monkeypatch.setattr(script, "ROOT", project)
    (tmp_path / "scratch").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "scratch"))
    assert script.main([]) == 1
    assert "the corpus is refused" in capsys.readouterr().err
    assert list((tmp_path / "scratch").iterdir()) == []  # the scratch folder it made is gone
    # --dest: the folder it made is removed too; an existing one is never touched
    assert script.main(["--dest", str(tmp_path / "dest")]) == 1 and not (tmp_path / "dest").exists()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "keep.txt").write_text("mine", encoding="utf-8")
    assert script.main(["--dest", str(tmp_path / "mine")]) == 2
    assert (tmp_path / "mine" / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_link_the_loader_refuses_is_refused_in_the_copy_too(tmp_path):
    # copytree followed links: a link out of the corpus, refused in the project, became
    # a regular file in the copy, which then loaded
    project = _project(tmp_path / "project")
    outside = tmp_path / "outside.txt"
    outside.write_bytes("قال الوزير.".encode())
    (project / "corpus" / "articles" / "a.txt").unlink()
    (project / "corpus" / "articles" / "a.txt").symlink_to(outside)
    with pytest.raises(CorpusError, match="outside the corpus folder"):
        load_corpus(project / "corpus")
    with pytest.raises(CorpusError, match="outside the corpus folder"):
        _script().make_scratch_copy(tmp_path / "copy", source=project)
    assert not (tmp_path / "copy").exists()
