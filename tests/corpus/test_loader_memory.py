"""The loader's tables at scale: compact dtypes, the same values as a row-by-row build,
and at most 80 bytes per token. Memory, not time: nothing here is timed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from arabic_media.corpus import CorpusError, describe, load_corpus
from arabic_media.corpus import load as load_module
from arabic_media.corpus.load import KIND_DTYPE, STRING_DTYPE
from arabic_media.text import normalize, segment_article, token_kind

INTEGER_COLUMNS = {
    "sentences": ["sentence", "start", "end"],
    "tokens": ["sentence", "token", "article_token", "start", "end"],
}
TEXT_COLUMNS = {"sentences": ["text"], "tokens": ["surface", "norm"], "articles": ["text", "file", "sha256"]}

# Three articles listed out of id order, so category order and manifest order differ.
ARTICLES = {
    "c.txt": "قالت الصحيفة إن الشركات الأمريكية «متواطئة».\n\nوأضافت: 12 حساباً!",
    "a.txt": "Facebook و تويتر؟ نعم... عربي21",
    "b.txt": "أمريكية امريكية أمريكية الأمريكية. فرنسا",
}
IDS = ["zeta", "alpha", "mid-1"]


@pytest.fixture
def three_articles(write_corpus, tmp_path):
    rows = [{"article_id": article_id} for article_id in IDS]
    folder = write_corpus(tmp_path / "c", {n: t.encode("utf-8") for n, t in ARTICLES.items()}, rows)
    return load_corpus(folder)


def bytes_per_token(tokens: pd.DataFrame) -> float:
    return tokens.memory_usage(deep=True).sum() / len(tokens)


def test_at_most_80_bytes_per_token_on_the_study_article(study_corpus):
    assert bytes_per_token(study_corpus.tokens) <= 80


def test_dtypes(study_corpus):
    for table, columns in TEXT_COLUMNS.items():
        frame = getattr(study_corpus, table)
        for column in columns:
            assert frame[column].dtype == STRING_DTYPE, (table, column)
            assert isinstance(frame[column].array, pd.arrays.ArrowStringArray), (table, column)
            assert str(frame[column].dtype) == "str"  # renders like pandas' default
    for table, columns in INTEGER_COLUMNS.items():
        frame = getattr(study_corpus, table)
        assert all(frame[c].dtype == np.int32 for c in columns), table
    tokens = study_corpus.tokens
    assert tokens["kind"].dtype == KIND_DTYPE
    assert list(tokens["kind"].cat.categories) == sorted(tokens["kind"].cat.categories)
    for table in ("articles", "sentences", "tokens"):
        assert isinstance(getattr(study_corpus, table)["article_id"].dtype, pd.CategoricalDtype)
    # comparisons give plain numpy booleans, as with the default str dtype
    assert (tokens["kind"] == "word").dtype == bool
    assert (tokens["surface"] == "الصحيفة").dtype == bool


def test_offsets_stay_lossless(study_corpus):
    texts = {a: study_corpus.text(a) for a in study_corpus.articles["article_id"]}  # any corpus
    tokens, sentences = study_corpus.tokens, study_corpus.sentences
    for article_id, start, end, surface in zip(tokens["article_id"], tokens["start"], tokens["end"], tokens["surface"]):
        assert texts[article_id][start:end] == surface
    for article_id, start, end, sentence in zip(sentences["article_id"], sentences["start"], sentences["end"],
                                                sentences["text"]):
        assert texts[article_id][start:end] == sentence


def reference_tables(texts: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tables built the straightforward way, one dict per row (what the loader did
    before it built columns)."""
    sentence_rows, token_rows = [], []
    for article_id, text in texts.items():
        article_token = 0
        for number, (sent, toks) in enumerate(segment_article(text), start=1):
            sentence_rows.append({"article_id": article_id, "sentence": number, "start": sent.start,
                                  "end": sent.end, "text": text[sent.start : sent.end]})
            for position, tok in enumerate(toks, start=1):
                article_token += 1
                surface = text[tok.start : tok.end]
                token_rows.append({"article_id": article_id, "sentence": number, "token": position,
                                   "article_token": article_token, "start": tok.start, "end": tok.end,
                                   "surface": surface, "norm": normalize(surface), "kind": token_kind(surface)})
    return pd.DataFrame(sentence_rows), pd.DataFrame(token_rows)


def test_tables_hold_the_same_values_as_a_row_by_row_build(three_articles):
    texts = dict(zip(IDS, ARTICLES.values()))
    sentences, tokens = reference_tables(texts)
    for built, expected in ((three_articles.sentences, sentences), (three_articles.tokens, tokens)):
        assert list(built.columns) == list(expected.columns)
        for column in expected.columns:
            assert built[column].tolist() == expected[column].tolist(), column
    # rows stay in manifest order; every offset still points into its own article
    assert three_articles.articles["article_id"].tolist() == IDS
    for row in three_articles.tokens.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.surface


def test_categorical_article_id_sorts_groups_and_maps_like_the_strings(three_articles):
    tokens = three_articles.tokens
    plain = tokens.astype({"article_id": STRING_DTYPE, "kind": STRING_DTYPE})
    keys = ["article_id", "sentence", "token"]
    assert tokens.sort_values(keys).index.tolist() == plain.sort_values(keys).index.tolist()
    assert tokens.sort_values(["kind", "article_token"]).index.tolist() == plain.sort_values(["kind", "article_token"]).index.tolist()
    sizes = tokens.groupby("article_id").size()
    assert sizes.tolist() == plain.groupby("article_id").size().tolist()
    assert sizes.index.tolist() == sorted(IDS)
    # an article without tokens of a kind: grouping drops it (observed), as with strings
    numbers = tokens[tokens["kind"] == "number"]
    assert numbers.groupby("article_id").size().index.tolist() == ["zeta"]


def test_describe_matches_per_article_counts(three_articles):
    table = describe(three_articles)
    assert table.index.tolist() == IDS + ["all"]
    for article_id in IDS:
        tokens = three_articles.tokens[three_articles.tokens["article_id"] == article_id]
        words = tokens[tokens["kind"] == "word"]
        row = table.loc[article_id]
        assert row["tokens"] == len(tokens) and row["words"] == len(words)
        assert row["numbers"] == (tokens["kind"] == "number").sum()
        assert row["word_types_normalised"] == words["norm"].nunique()
    assert table.loc["all", "tokens"] == len(three_articles.tokens)
    assert table.loc["all", "sentences"] == table.loc[IDS, "sentences"].sum()


def test_an_article_too_long_for_32_bit_offsets_is_refused_by_name(write_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(load_module, "_INT32_MAX", 10)
    folder = write_corpus(tmp_path / "c", {"long.txt": "كلمة كلمة كلمة".encode("utf-8")})
    with pytest.raises(CorpusError, match=r"long\.txt: 14 characters, more than the loader's 32-bit offsets"):
        load_corpus(folder)
