"""The loader on the study's article, and on every kind of bad input."""

from __future__ import annotations

import hashlib
import warnings

import pytest

from arabic_media import paths
from arabic_media.corpus import CorpusError, CorpusWarning, load_corpus
from arabic_media.text import normalize

SEED_SHA256 = "318d821653530a576258963dcf670e8fd92fe91ff75e7d62982f4d1c114ca92f"
ARABIC = "نشرت صحيفة لوفيغارو تقريرا.\nوقالت الصحيفة إن \"التنظيم\"\nيستفيد، حسب عربي21.\n"


# --- the study's own corpus ---------------------------------------------------------


def test_corpus_keeps_the_article_byte_identical(study_article):
    """The study's article (selected by id: the corpus may hold others) is kept byte
    for byte."""
    row = study_article.articles.iloc[0]
    data = (paths.CORPUS_DIR / row["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256
    assert row["text"].encode("utf-8") == data
    assert row["n_bytes"] == len(data) == 6277 and row["n_chars"] == len(row["text"]) == 3424


def test_seed_article_has_14_sentences(study_article):
    """The study's article (by id) has 14 sentences, numbered 1-14."""
    assert len(study_article.sentences) == 14
    assert list(study_article.sentences["sentence"]) == list(range(1, 15))


def test_every_sentence_and_token_points_back_into_the_text(study_corpus):
    texts = dict(zip(study_corpus.articles["article_id"], study_corpus.articles["text"]))
    for row in study_corpus.sentences.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    for row in study_corpus.tokens.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.surface
        assert row.norm == normalize(row.surface)


def test_sentences_and_gaps_rebuild_the_text_exactly(study_corpus):
    for article in study_corpus.articles.itertuples():
        sents = study_corpus.sentences[study_corpus.sentences["article_id"] == article.article_id]
        pieces, pos = [], 0
        for row in sents.itertuples():
            gap = article.text[pos : row.start]
            assert gap.strip() == ""
            pieces += [gap, row.text]
            pos = row.end
        pieces.append(article.text[pos:])
        assert "".join(pieces) == article.text
        assert article.text[pos:].strip() == ""


def test_quotation_broken_across_lines_stays_in_one_sentence(study_article):
    second = study_article.sentences.iloc[1]["text"]
    assert 'ترجمته "\nعربي21"' in second
    assert second.endswith(".")


def test_punctuation_tokens_and_arabi21(study_corpus):
    surfaces = set(study_corpus.tokens["surface"])
    assert {"عربي21", "،", "؛", '"', "."} <= surfaces
    assert not any(("،" in s or '"' in s) and len(s) > 1 for s in surfaces)


def test_token_numbering(study_corpus):
    """In every article of the corpus (any corpus): ``article_token`` counts 1..n in
    each article and ``token`` 1..m in each of its sentences."""
    for _, tokens in study_corpus.tokens.groupby("article_id", sort=False):
        assert list(tokens["article_token"]) == list(range(1, len(tokens) + 1))
        for _, group in tokens.groupby("sentence"):
            assert list(group["token"]) == list(range(1, len(group) + 1))


def test_manifest_records_unknown_date_as_empty(study_article):
    row = study_article.articles.iloc[0]
    assert row["published"] == ""
    assert row["outlet"] == "Arabi21" and row["original_outlet"] == "Le Figaro"


# --- accepted, recorded ---------------------------------------------------------------


def test_several_articles_load_with_their_own_numbering(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"one.txt": ARABIC.encode(), "two.txt": "جملة واحدة.".encode()})
    corpus = load_corpus(root)
    assert list(corpus.articles["article_id"]) == ["a0", "a1"]
    assert corpus.sentences.groupby("article_id").size().to_dict() == {"a0": 2, "a1": 1}
    assert corpus.tokens[corpus.tokens.article_id == "a1"]["article_token"].tolist() == [1, 2, 3]


def test_utf8_bom_is_accepted_and_recorded(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": b"\xef\xbb\xbf" + ARABIC.encode()})
    corpus = load_corpus(root)
    row = corpus.articles.iloc[0]
    assert row["bom"] and row["encoding"] == "utf-8"
    assert row["text"] == ARABIC
    assert corpus.sentences.iloc[0]["start"] == 0


def test_crlf_is_accepted_kept_and_recorded(write_corpus, tmp_path):
    crlf = ARABIC.replace("\n", "\r\n")
    root = write_corpus(tmp_path / "c", {"a.txt": crlf.encode()})
    corpus = load_corpus(root)
    assert corpus.articles.iloc[0]["line_endings"] == "CRLF"
    assert corpus.articles.iloc[0]["text"] == crlf
    assert len(corpus.sentences) == 2
    for row in corpus.sentences.itertuples():
        assert crlf[row.start : row.end] == row.text


def test_windows_1256_is_decoded_with_a_warning(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"legacy.txt": ARABIC.encode("cp1256")})
    with pytest.warns(CorpusWarning, match=r"legacy\.txt.*cp1256"):
        corpus = load_corpus(root)
    assert corpus.articles.iloc[0]["text"] == ARABIC
    assert corpus.articles.iloc[0]["encoding"] == "cp1256"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom_is_decoded_with_a_warning(write_corpus, tmp_path, encoding):
    root = write_corpus(tmp_path / "c", {"wide.txt": ARABIC.encode(encoding)})
    with pytest.warns(CorpusWarning, match=r"wide\.txt"):
        corpus = load_corpus(root)
    assert corpus.articles.iloc[0]["text"] == ARABIC


def test_utf8_loads_without_any_warning(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": ARABIC.encode()})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_corpus(root)


# --- refused, with the file named ---------------------------------------------------------


def test_latin1_french_is_refused_not_turned_into_mojibake(write_corpus, tmp_path):
    data = "Le Figaro a publié une enquête détaillée sur les sociétés américaines.".encode("latin-1")
    root = write_corpus(tmp_path / "c", {"french.txt": data})
    with pytest.raises(CorpusError, match=r"french\.txt: not UTF-8 .*byte 0xe9"):
        load_corpus(root)


def test_stray_control_character_is_kept_with_a_warning_and_skipped_by_tokens(write_corpus, tmp_path):
    text = "جملة أولى. \x02جملة ثانية."  # as in two articles of the ANT news corpus
    root = write_corpus(tmp_path / "c", {"ctrl.txt": text.encode()})
    with pytest.warns(CorpusWarning, match=r"ctrl\.txt: 1 control character\(s\), the first U\+0002 at character 11"):
        corpus = load_corpus(root)
    assert corpus.articles.iloc[0]["text"] == text
    assert "\x02" not in "".join(corpus.tokens["surface"])
    assert corpus.sentences["text"].tolist() == ["جملة أولى.", "جملة ثانية."]


def test_nul_bytes_are_refused(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"nul.txt": "نص\x00نص".encode()})
    with pytest.raises(CorpusError, match=r"nul\.txt: .*NUL"):
        load_corpus(root)


def test_utf8_with_one_stray_byte_is_refused_not_decoded_as_cp1256(write_corpus, tmp_path):
    # A Windows-1252 curly quote (0x93) pasted into UTF-8 Arabic: cp1256 would "decode"
    # it, turning every letter into mojibake (نشرت -> ظ†ط´ط±طھ).
    data = ARABIC.encode() + b" \x93"
    root = write_corpus(tmp_path / "c", {"stray.txt": data})
    with pytest.raises(CorpusError, match=r"stray\.txt: UTF-8 with an invalid byte 0x93 at byte \d+"):
        load_corpus(root)


def test_bom_file_gets_the_same_checks_as_one_without(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"nulbom.txt": b"\xef\xbb\xbf" + "نص\x00نص".encode()})
    with pytest.raises(CorpusError, match=r"nulbom\.txt: .*NUL"):
        load_corpus(root)
    root = write_corpus(tmp_path / "d", {"ctrlbom.txt": b"\xef\xbb\xbf" + "جملة. \x02جملة.".encode()})
    with pytest.warns(CorpusWarning, match=r"ctrlbom\.txt: 1 control character"):
        load_corpus(root)


def test_binary_file_is_refused(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"image.txt": bytes(range(256)) * 4})
    with pytest.raises(CorpusError, match=r"image\.txt"):
        load_corpus(root)


def test_empty_file_is_refused(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"empty.txt": b""})
    with pytest.raises(CorpusError, match=r"empty\.txt: the file is empty"):
        load_corpus(root)


def test_whitespace_only_file_is_refused(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"blank.txt": b" \n\n"})
    with pytest.raises(CorpusError, match=r"blank\.txt: the file holds only whitespace"):
        load_corpus(root)


def test_missing_file_is_refused(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": ARABIC.encode()})
    (root / "a.txt").unlink()
    with pytest.raises(CorpusError, match=r"line 2 \(article_id 'a0'\): file 'a\.txt' is missing"):
        load_corpus(root)


def test_sha256_mismatch_is_refused(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": ARABIC.encode()})
    (root / "a.txt").write_bytes(ARABIC.replace("تقريرا", "تقريراً").encode())
    with pytest.raises(CorpusError, match=r"a\.txt: sha256 is [0-9a-f]{64} but the manifest says"):
        load_corpus(root)


def test_duplicate_id_is_refused(write_corpus, tmp_path):
    root = write_corpus(
        tmp_path / "c",
        {"a.txt": ARABIC.encode(), "b.txt": ARABIC.encode()},
        rows=[{"article_id": "same"}, {"article_id": "same"}],
    )
    with pytest.raises(CorpusError, match=r"line 3 .*duplicate article_id \(also on line 2\)"):
        load_corpus(root)


@pytest.mark.parametrize("bad_id", ["../escape", "a/b", "UPPER", "", ".hidden"])
def test_unsafe_id_is_refused(write_corpus, tmp_path, bad_id):
    root = write_corpus(tmp_path / "c", {"a.txt": ARABIC.encode()}, rows=[{"article_id": bad_id}])
    with pytest.raises(CorpusError, match="article_id must be"):
        load_corpus(root)


@pytest.mark.parametrize("bad_path", ["../outside.txt", "sub/../../outside.txt", "/etc/hostname"])
def test_path_escaping_the_corpus_is_refused(write_corpus, tmp_path, bad_path):
    (tmp_path / "outside.txt").write_bytes(ARABIC.encode())
    root = write_corpus(tmp_path / "c", {"a.txt": ARABIC.encode()}, rows=[{"file": bad_path}])
    with pytest.raises(CorpusError, match=r"(outside the corpus folder|relative to the corpus folder)"):
        load_corpus(root)


def test_symlink_escaping_the_corpus_is_refused(write_corpus, tmp_path):
    (tmp_path / "outside.txt").write_bytes(ARABIC.encode())
    root = write_corpus(tmp_path / "c", {"a.txt": ARABIC.encode()})
    (root / "a.txt").unlink()
    (root / "a.txt").symlink_to(tmp_path / "outside.txt")
    with pytest.raises(CorpusError, match="outside the corpus folder"):
        load_corpus(root)


def test_missing_manifest_and_missing_columns(write_corpus, tmp_path):
    (tmp_path / "c").mkdir()
    with pytest.raises(CorpusError, match="manifest is missing"):
        load_corpus(tmp_path / "c")
    (tmp_path / "c" / "manifest.csv").write_text("article_id,file\nx,a.txt\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"missing column\(s\) sha256"):
        load_corpus(tmp_path / "c")


def test_bad_sha_and_bad_date_are_refused(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": ARABIC.encode()}, rows=[{"sha256": "abc"}])
    with pytest.raises(CorpusError, match="not 64 hexadecimal digits"):
        load_corpus(root)
    root = write_corpus(tmp_path / "d", {"a.txt": ARABIC.encode()}, rows=[{"published": "last week"}])
    with pytest.raises(CorpusError, match="not an ISO date"):
        load_corpus(root)


def test_error_messages_name_no_machine_path(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"empty.txt": b""})
    with pytest.raises(CorpusError) as info:
        load_corpus(root)
    assert str(tmp_path) not in str(info.value)
    assert "c/empty.txt" in str(info.value)
