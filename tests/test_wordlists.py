"""The pandas-free readers of the stop words and reporting terms: the one reader of
each file, for `lexicons` and for the corpus count alike."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from arabic_media import lexicons
from arabic_media.paths import LEXICONS_DIR
from arabic_media.wordlists import read_reporting_terms, read_stopwords


def test_the_lexicons_tables_are_the_readers_rows():
    table = lexicons.load_reporting_terms()
    expected = lexicons.read_lexicon(LEXICONS_DIR / "reporting_terms.csv", ["norm", "lemma", "category"])
    pd.testing.assert_frame_equal(table, expected)  # the same table as the CSV reader gave
    assert table.to_dict("records") == read_reporting_terms()
    assert lexicons.load_stopwords() == read_stopwords() and len(read_stopwords()) > 1000


def test_a_missing_file_or_column_is_named_as_read_lexicon_names_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.csv: no such lexicon file"):
        read_reporting_terms(tmp_path / "nowhere.csv")
    with pytest.raises(FileNotFoundError, match="nowhere.txt: no such lexicon file"):
        read_stopwords(tmp_path / "nowhere.txt")
    (tmp_path / "terms.csv").write_text("norm,category,extra\nقال,reporting_verb,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"terms.csv: header is \['norm', 'category', 'extra'\], missing column\(s\) \['lemma'\]"):
        read_reporting_terms(tmp_path / "terms.csv")
    (tmp_path / "terms.csv").write_text("category,norm,lemma,extra\nreporting_verb,قال,قال,x\nattribution,الصحيفة\n",
                                        encoding="utf-8")
    assert read_reporting_terms(tmp_path / "terms.csv") == [
        {"norm": "قال", "lemma": "قال", "category": "reporting_verb"},
        {"norm": "الصحيفة", "lemma": "", "category": "attribution"}]


def test_the_readers_import_no_pandas():
    code = ("import sys; from arabic_media.wordlists import read_reporting_terms, read_stopwords; "
            "read_stopwords(); read_reporting_terms(); print('pandas' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
