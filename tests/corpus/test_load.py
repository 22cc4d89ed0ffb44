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
#
# Tests about the study's article select it by id: the corpus may hold more articles
# (a user adds them). Tests about the corpus as a whole run on the study's corpus and
# on a scratch corpus of several articles with odd line endings, and must hold for any.

STUDY_ID = "arabi21-lefigaro-isis-propaganda"


def _study_article(corpus):
    return corpus.articles.set_index("article_id").loc[STUDY_ID]


def _study_sentences(corpus):
    return corpus.sentences[corpus.sentences["article_id"] == STUDY_ID].reset_index(drop=True)


def _several_articles(study_corpus, write_corpus, folder):
    """A scratch corpus: the study article again (a0), then headlines followed by a
    CRLF blank line (a1), a CR-only blank line (a2) and a U+2029 (a3)."""
    seed = _study_article(study_corpus)["text"]
    articles = {
        "seed.txt": seed.encode(),
        "crlf.txt": ("عنوان\r\n\r\n" + ARABIC.replace("\n", "\r\n")).encode(),
        "cr.txt": ("عنوان\r\r" + ARABIC.replace("\n", "\r")).encode(),
        "ps.txt": ("عنوان\u2029" + ARABIC + "\u2029سطر أخير بلا نقطة").encode(),
    }
    return load_corpus(write_corpus(folder, articles))


@pytest.fixture(params=["study", "several"])
def any_corpus(request, study_corpus, write_corpus, tmp_path):
    """The study's corpus, and `_several_articles`."""
    if request.param == "study":
        return study_corpus
    return _several_articles(study_corpus, write_corpus, tmp_path / "several")


def test_corpus_keeps_the_article_byte_identical(study_corpus):
    row = _study_article(study_corpus)
    data = (paths.CORPUS_DIR / row["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256
    assert row["text"].encode("utf-8") == data
    assert row["n_bytes"] == len(data) == 6277 and row["n_chars"] == len(row["text"]) == 3424


def test_seed_article_has_14_sentences(study_corpus):
    sentences = _study_sentences(study_corpus)
    assert list(sentences["sentence"]) == list(range(1, 15))


def test_every_article_has_sentences_numbered_from_1(any_corpus):
    for article_id in any_corpus.articles["article_id"]:
        numbers = any_corpus.sentences.loc[any_corpus.sentences["article_id"] == article_id, "sentence"]
        assert list(numbers) == list(range(1, len(numbers) + 1)) and len(numbers) >= 1


def test_every_sentence_and_token_points_back_into_the_text(any_corpus):
    texts = dict(zip(any_corpus.articles["article_id"], any_corpus.articles["text"]))
    for row in any_corpus.sentences.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    for row in any_corpus.tokens.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.surface
        assert row.norm == normalize(row.surface)


def test_sentences_and_gaps_rebuild_the_text_exactly(any_corpus):
    for article in any_corpus.articles.itertuples():
        sents = any_corpus.sentences[any_corpus.sentences["article_id"] == article.article_id]
        pieces, pos = [], 0
        for row in sents.itertuples():
            gap = article.text[pos : row.start]
            assert gap.strip() == "" or not any(c.isprintable() and not c.isspace() for c in gap)
            pieces += [gap, row.text]
            pos = row.end
        pieces.append(article.text[pos:])
        assert "".join(pieces) == article.text
        assert article.text[pos:].strip() == ""


def test_quotation_broken_across_lines_stays_in_one_sentence(study_corpus):
    second = _study_sentences(study_corpus).iloc[1]["text"]
    assert 'ترجمته "\nعربي21"' in second
    assert second.endswith(".")


def test_punctuation_tokens_and_arabi21(study_corpus):
    study = study_corpus.tokens[study_corpus.tokens["article_id"] == STUDY_ID]
    assert {"عربي21", "،", "؛", '"', "."} <= set(study["surface"])


def test_punctuation_marks_are_tokens_of_their_own(any_corpus):
    surfaces = set(any_corpus.tokens["surface"])
    assert not any(("،" in s or '"' in s) and len(s) > 1 for s in surfaces)


def test_token_numbering(any_corpus):
    for _, article in any_corpus.tokens.groupby("article_id"):
        assert list(article["article_token"]) == list(range(1, len(article) + 1))
        for _, sentence in article.groupby("sentence"):
            assert list(sentence["token"]) == list(range(1, len(sentence) + 1))


def test_headlines_end_at_any_paragraph_break_and_the_seed_is_unchanged(study_corpus, write_corpus, tmp_path):
    corpus = _several_articles(study_corpus, write_corpus, tmp_path / "c")
    sentences = corpus.sentences.groupby("article_id")["text"].agg(list)
    assert sentences["a1"][:1] == sentences["a2"][:1] == sentences["a3"][:1] == ["عنوان"]
    assert [len(sentences[a]) for a in ("a1", "a2", "a3")] == [3, 3, 4]
    seed = corpus.sentences[corpus.sentences["article_id"] == "a0"]
    assert seed[["sentence", "start", "end", "text"]].equals(_study_sentences(study_corpus)[["sentence", "start", "end", "text"]])


def test_manifest_records_unknown_date_as_empty(study_corpus):
    row = _study_article(study_corpus)
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
    with pytest.raises(CorpusError, match=r"blank\.txt: the file holds no visible text \(only whitespace\)"):
        load_corpus(root)


@pytest.mark.parametrize(
    "invisible",
    [
        "\u200f\u200b",  # RLM, zero-width space
        "\u200e\n\u2066\u2069\u200c\u200d \n",  # LRM, isolates, joiners
        "\u00a0\u3000\u2029\u2028",  # no-break and ideographic space, separators
        " \ufeff\u061c\u202b\u202c\u00ad",  # BOM mid-text, ALM, embedding, soft hyphen
    ],
)
def test_file_of_only_invisible_characters_is_refused_like_a_blank_one(write_corpus, tmp_path, invisible):
    # It would load with 0 sentences and no warning: an article must never vanish silently.
    root = write_corpus(tmp_path / "c", {"inv.txt": invisible.encode()})
    with pytest.raises(CorpusError, match=r"inv\.txt: the file holds no visible text \(only whitespace"):
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



def _manifest_text(root, header, rows):
    """A hand-written manifest (``rows`` as raw CSV records), for what `write_manifest`
    would never write."""
    (root / "manifest.csv").write_text(header + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")


def test_duplicate_column_is_refused_naming_the_file_and_the_column(write_corpus, tmp_path):
    # csv.DictReader would keep the last 'title' and silently drop the first.
    root = write_corpus(tmp_path / "c", {"a.txt": ARABIC.encode()})
    sha = hashlib.sha256(ARABIC.encode()).hexdigest()
    _manifest_text(root, "article_id,file,sha256,title,title", [f"a0,a.txt,{sha},first,second"])
    with pytest.raises(CorpusError, match=r"c/manifest\.csv: column 'title' appears more than once in the header \(columns 4 and 5\)"):
        load_corpus(root)


def test_errors_name_the_physical_line_after_a_multi_line_cell(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": ARABIC.encode(), "b.txt": ARABIC.encode()})
    sha = hashlib.sha256(ARABIC.encode()).hexdigest()
    header = "article_id,file,sha256,title"
    # line 2-3: one record whose title holds a line break; line 4: a bad sha256
    _manifest_text(root, header, [f'a0,a.txt,{sha},"عنوان\nعلى سطرين"', "a1,b.txt,abc,"])
    with pytest.raises(CorpusError, match=r"line 4 \(article_id 'a1'\): sha256 'abc'"):
        load_corpus(root)
    # a record spanning lines 3-4 is named by its first line; the duplicate by line 2
    _manifest_text(root, header, [f"a0,a.txt,{sha},", f'a0,b.txt,{sha},"عنوان\n\nطويل"'])
    with pytest.raises(CorpusError, match=r"line 3 \(article_id 'a0'\): duplicate article_id \(also on line 2\)"):
        load_corpus(root)
    # a blank line between records is counted too
    _manifest_text(root, header, [f"a0,a.txt,{sha},", "", f"UPPER,b.txt,{sha},"])
    with pytest.raises(CorpusError, match=r"line 4 \(article_id 'UPPER'\): article_id must be"):
        load_corpus(root)


@pytest.mark.parametrize("bad_date", ["2018-13-45", "2018-02-30", "2017-02-29", "2018-00", "2018-13", "0000", "٢٠١٨", "2018-1-5", "2018/01/05"])
def test_impossible_or_malformed_date_is_refused_naming_the_line(write_corpus, tmp_path, bad_date):
    root = write_corpus(tmp_path / "c", {"a.txt": ARABIC.encode()}, rows=[{"published": bad_date}])
    with pytest.raises(CorpusError, match=rf"line 2 \(article_id 'a0'\): published '{bad_date}' is not"):
        load_corpus(root)


@pytest.mark.parametrize("good_date", ["2016", "2016-02", "2016-02-29", "2018-12-31", ""])
def test_real_dates_are_accepted_as_written(write_corpus, tmp_path, good_date):
    root = write_corpus(tmp_path / "c", {"a.txt": ARABIC.encode()}, rows=[{"published": good_date}])
    assert load_corpus(root).articles.iloc[0]["published"] == good_date

def test_error_messages_name_no_machine_path(write_corpus, tmp_path):
    root = write_corpus(tmp_path / "c", {"empty.txt": b""})
    with pytest.raises(CorpusError) as info:
        load_corpus(root)
    assert str(tmp_path) not in str(info.value)
    assert "c/empty.txt" in str(info.value)


# --- texts held in memory: the loader's tables, by the loader's builder ---------------------


def test_texts_give_the_tables_load_corpus_gives_for_files_holding_them(write_corpus, tmp_path):
    import pandas as pd

    from arabic_media.corpus import corpus_from_texts

    texts = {
        "a0": ARABIC,
        "a1": ("عنوان\r\n\r\n" + ARABIC.replace("\n", "\r\n")),  # CRLF kept, offsets into it
        "a2": "جملة \u200fفيها علامة، و\u00a0مسافة؛ وأرقام 2018 و٢٠١٨! \"اقتباس\"\u2029سطر أخير",
    }
    cells = [{"outlet": "Arabi21", "original_outlet": "Le Figaro", "title": "عنوان, بفاصلة"}, {}, {"published": "2018"}]
    loaded = load_corpus(write_corpus(tmp_path / "c", {f"{k}.txt": v.encode() for k, v in texts.items()}, rows=cells))
    built = corpus_from_texts(texts, cells={k: {"file": f"{k}.txt", **c} for k, c in zip(texts, cells)})
    for table in ("articles", "sentences", "tokens"):
        pd.testing.assert_frame_equal(getattr(built, table), getattr(loaded, table), check_exact=True)
    assert built.root is None and built.text("a1") == texts["a1"]


def test_one_text_is_a_corpus_of_one_article(study_corpus):
    import pandas as pd

    from arabic_media.corpus import text_corpus

    study = study_corpus.articles.iloc[0]
    built = text_corpus(study["text"], study["article_id"], outlet=study["outlet"],
                        original_outlet=study["original_outlet"])
    loaded = study_corpus.sentences[study_corpus.sentences["article_id"] == study["article_id"]]
    pd.testing.assert_frame_equal(built.sentences[["sentence", "start", "end", "text"]],
                                  loaded[["sentence", "start", "end", "text"]].reset_index(drop=True))
    assert built.articles[["outlet", "original_outlet", "sha256"]].iloc[0].tolist() == [
        study["outlet"], study["original_outlet"], study["sha256"]]
    assert list(built.tokens.columns) == list(study_corpus.tokens.columns)


@pytest.mark.parametrize(("text", "message"), [
    ("", r"^text: the text holds no visible text \(only whitespace\)$"),
    (" \n\t", r"^text: the text holds no visible text \(only whitespace\)$"),
    ("\u200f\u200b", r"^text: the text holds no visible text \(only whitespace and invisible characters .*U\+200F"),
])
def test_an_empty_or_invisible_text_is_refused_by_name(text, message):
    # it used to fail later with "sentences lacks columns"
    from arabic_media.corpus import ArticleError, text_corpus

    with pytest.raises(ArticleError, match=message) as raised:
        text_corpus(text)
    assert raised.value.reason == "empty_body"


def test_texts_are_checked_like_manifest_rows():
    from arabic_media.corpus import corpus_from_texts

    with pytest.raises(CorpusError, match="no text given"):
        corpus_from_texts({})
    with pytest.raises(CorpusError, match=r"article_id 'Bad/id': article_id must be"):
        corpus_from_texts({"Bad/id": "نص"})
    with pytest.raises(CorpusError, match=r"a0: the text is a bytes, not a string"):
        corpus_from_texts({"a0": "نص".encode()})
    with pytest.raises(CorpusError, match=r"a0: the text cannot be encoded as UTF-8"):
        corpus_from_texts({"a0": "نص\udcff"})
    with pytest.raises(CorpusError, match=r"not among the texts"):
        corpus_from_texts({"a0": "نص"}, cells={"a1": {"outlet": "x"}})
    with pytest.raises(ValueError, match=r"column 'n_chars' is not a manifest cell"):
        corpus_from_texts({"a0": "نص"}, cells={"a0": {"n_chars": "3"}})
    with pytest.raises(ValueError, match=r"column 'outlet' holds NoneType"):
        corpus_from_texts({"a0": "نص"}, cells={"a0": {"outlet": None}})
    extra = corpus_from_texts({"a0": "نص", "a1": "نص آخر"}, cells={"a1": {"reviewer": "سارة"}})
    assert extra.articles["reviewer"].tolist() == ["", "سارة"]
