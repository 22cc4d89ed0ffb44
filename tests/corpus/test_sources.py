"""Reading a corpus as a stream: the three sources, the ANT body cut, failures by reason."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabic_media import paths
from arabic_media.corpus import CorpusError, decode_article, load_corpus
from arabic_media.corpus.ant import AntFormatError, parse_member_name, tag, text_body
from arabic_media.corpus.article import visible_text_problem
from arabic_media.corpus.sources import (
    Article,
    Failure,
    ManifestFolder,
    TextFolder,
    TrecArchive,
    count_reasons,
    decode_text,
    failures_table,
    open_source,
    read_articles,
)
from arabic_media.corpus.tarstream import regular_files
from tests.support import write_archive

ANT = paths.ANT_ARCHIVE
needs_ant = pytest.mark.skipif(not ANT.is_file(), reason="the ANT archive is not beside the project")


def _script():
    """scripts/extract_ant_articles.py as a module: its rule is the one ant.py must keep."""
    spec = importlib.util.spec_from_file_location("extract_ant_articles", paths.PROJECT_ROOT / "scripts" / "extract_ant_articles.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(sys.modules[spec.name])
    return sys.modules[spec.name]


def _doc(body: str, *, docno: str = "AL-culture-1-20180101") -> bytes:
    return (f"<DOC>\n<DOCNO>{docno}</DOCNO>\n<TITLE>عنوان</TITLE>\n<TEXT>\n{body}\n</TEXT>\n</DOC>\n").encode()


BODIES = [
    _doc("قال الوزير إن الاقتصاد ينمو."),
    _doc("سطر أول\nسطر ثان\n  \n\t\n"),  # trailing whitespace-only lines are cut
    _doc("نص  فيه\u00a0مسافات \n"),  # a trailing space on a line with text stays
    b"<DOC>\n<TEXT>\n\xd9\x86\xd8\xb5\n</TEXT>\n</DOC>",
]


@pytest.mark.parametrize("member", BODIES)
def test_text_body_is_the_extraction_scripts_rule(member):
    assert text_body(member, "m") == _script().text_body(member, "m")


@pytest.mark.parametrize(
    ("member", "reason"),
    [
        (b"<DOC>\n</DOC>", "no_text"),
        (b"<TEXT>\na\n</TEXT>\n<TEXT>\nb\n</TEXT>", "text_twice"),
        (b"<TEXT>\nno end", "no_text_end"),
        (b"<TEXT>\r\nCRLF\r\n</TEXT>", "crlf_line_endings"),
        (b"\n</TEXT><TEXT>\n", "text_end_first"),
        (b"<TEXT>\n \n\t\n</TEXT>", "empty_body"),
    ],
)
def test_text_body_refuses_with_a_reason_where_the_script_exits(member, reason):
    with pytest.raises(AntFormatError, match="^m: ") as raised:
        text_body(member, "m")
    assert raised.value.reason == reason
    assert isinstance(raised.value, CorpusError)
    with pytest.raises(SystemExit):
        _script().text_body(member, "m")


def test_tag_reads_one_element_and_names_the_member():
    text = "<DOC><TITLE> عنوان \n</TITLE><URL>u</URL><URL>v</URL></DOC>"
    assert tag(text, "TITLE", "m.txt") == "عنوان"
    with pytest.raises(AntFormatError, match=r"m.txt: <URL> occurs 2 times"):
        tag(text, "URL", "m.txt")


def test_member_name_gives_outlet_section_id_and_date():
    parsed = parse_member_name("antcorpus-multisource-v2.1/SkyNews/technology/SK-technology-931-20180618.txt")
    assert (parsed.outlet, parsed.section, parsed.article_id, parsed.published) == (
        "SkyNews", "technology", "sk-technology-931-20180618", "2018-06-18")
    assert parse_member_name("antcorpus-multisource-v2.1/README.md") is None
    assert parse_member_name("BBC/sport/BB-economy-1-20180101.txt") is None  # category must match


def test_archive_streams_articles_and_names_each_failure(tmp_path):
    good = _doc("قال الوزير إن الاقتصاد ينمو.", docno="BB-economy-7-20180301")
    long_name = "x/" + "d" * 120 + "/BB-economy-8-20180302.txt"  # past the 100-byte ustar name field
    members = {
        "ant/README.md": b"not an article",
        "ant/BBC/economy/BB-economy-7-20180301.txt": good,
        "ant/BBC/economy/BB-economy-9-20180303.txt": b"<DOC>\n<TEXT>\n\xd9\x86 \xff bad\n</TEXT>",
        "ant/BBC/economy/BB-economy-10-20180304.txt": b"<DOC>\n</DOC>\n",
        "ant/BBC/economy/BB-economy-11-20180305.txt": _doc("  \t"),
        "ant/BBC/economy/BB-economy-12-20180306.txt": _doc("نص\x02فيه حرف تحكم"),
        long_name: _doc("نص طويل الاسم"),
    }
    source = TrecArchive(write_archive(tmp_path / "a.tar.xz", members))
    items = list(source)
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Failure", "Article", "Article"]
    first = items[0]
    assert first == Article(
        article_id="bb-economy-7-20180301", source="ant/BBC/economy/BB-economy-7-20180301.txt",
        sha256=hashlib.sha256(good).hexdigest(), text="قال الوزير إن الاقتصاد ينمو.", encoding="utf-8",
        outlet="BBC", section="economy", published="2018-03-01")
    failures = [i for i in items if isinstance(i, Failure)]
    assert [f.reason for f in failures] == ["undecodable", "no_text", "empty_body"]
    assert failures[0].detail.startswith("ant/BBC/economy/BB-economy-9-20180303.txt: ")
    assert count_reasons(failures) == {"empty_body": 1, "no_text": 1, "undecodable": 1}
    assert items[4].warnings and "control character" in items[4].warnings[0]
    assert items[5].source == long_name and items[5].article_id == "bb-economy-8-20180302"
    table = failures_table(failures)
    assert list(table.columns) == ["source", "reason", "detail"] and len(table) == 3
    assert len(list(TrecArchive(source.path, limit=2).members())) == 2
    assert [m.name for m in TrecArchive(source.path, step=3).members()] == [
        "ant/BBC/economy/BB-economy-7-20180301.txt", "ant/BBC/economy/BB-economy-11-20180305.txt"]


def test_a_truncated_archive_is_an_error_naming_it(tmp_path):
    data = write_archive(tmp_path / "a.tar", {f"BBC/sport/BB-sport-{n}-20180101.txt": _doc("ن" * 3000) for n in range(3)},
                mode="w").read_bytes()
    (tmp_path / "cut.tar").write_bytes(data[:2000])
    with pytest.raises(CorpusError, match="cut.tar"):
        list(TrecArchive(tmp_path / "cut.tar"))


def test_manifest_folder_gives_the_loaders_text_and_refuses_for_its_reasons(tmp_path, write_corpus):
    study = list(ManifestFolder())
    corpus = load_corpus()
    assert [a.text for a in study] == list(corpus.articles["text"])
    assert study[0].sha256 == corpus.articles["sha256"].iloc[0]
    folder = write_corpus(tmp_path / "c", {"a.txt": "نص سليم".encode(), "b.txt": b"\xd9\x86 \xff bad", "c.txt": b" \n "})
    (folder / "a.txt").write_bytes("نص تغير".encode())  # sha256 no longer matches
    failures: list[Failure] = []
    assert list(read_articles(ManifestFolder(folder), failures)) == []
    assert [f.reason for f in failures] == ["sha256_mismatch", "undecodable", "empty_body"]
    # the loader stops on the first; its message is the stream's detail for b.txt
    (folder / "a.txt").write_bytes("نص سليم".encode())
    with pytest.raises(CorpusError) as raised:
        load_corpus(folder)
    assert str(raised.value) == failures[1].detail


def test_text_folder_and_open_source(tmp_path):
    (tmp_path / "t" / "sub").mkdir(parents=True)
    (tmp_path / "t" / "b.txt").write_bytes("نص ب".encode())
    (tmp_path / "t" / "sub" / "a.txt").write_bytes("نص أ".encode())
    (tmp_path / "t" / "notes.md").write_bytes(b"skipped")
    source = open_source(tmp_path / "t")
    assert isinstance(source, TextFolder)
    assert [(a.article_id, a.source, a.text) for a in source] == [("b", "t/b.txt", "نص ب"), ("sub/a", "t/sub/a.txt", "نص أ")]
    assert isinstance(open_source(paths.CORPUS_DIR), ManifestFolder)
    with pytest.raises(CorpusError, match="nowhere"):
        open_source(tmp_path / "nowhere")


@given(st.one_of(st.binary(max_size=40), st.text(max_size=30).map(lambda s: s.encode("utf-8")),
                 st.text(max_size=30).map(lambda s: s.encode("utf-16"))))
def test_decode_text_agrees_with_decode_article(data):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            expected = decode_article(data, "f")
        except CorpusError as err:
            expected = err
    try:
        text, encoding, warned = decode_text(data, "f")
    except CorpusError as err:
        # refused for what decode_article refuses, or for no visible text (the loader's check)
        assert isinstance(expected, CorpusError) or visible_text_problem(expected[0])
        if isinstance(expected, CorpusError):
            assert str(err) == str(expected)
        return
    assert not isinstance(expected, CorpusError)
    assert (text, encoding) == expected[:2]
    assert list(warned) == [str(w.message) for w in caught]


@needs_ant
def test_ant_sample_streams_with_provenance():
    articles = list(read_articles(TrecArchive(ANT, limit=50)))
    assert len(articles) == 50
    assert all(a.outlet and a.section and a.published.startswith("2018-") for a in articles)
    assert all(len(a.sha256) == 64 and a.text.strip() for a in articles)


@needs_ant
@pytest.mark.slow
def test_ant_cut_gives_the_committed_heldout_articles():
    """The held-out articles were cut by the extraction script: the same bytes here."""
    manifest = {row.split(",")[1]: row for row in (paths.HELDOUT_DIR / "manifest.csv").read_text(encoding="utf-8").splitlines()[1:]}
    wanted = {m.path for m in _script().MEMBERS}
    found = {}
    for name, data in regular_files(ANT):  # read as tarfile reads it (tests/corpus/test_tarstream.py)
        path = name.split("/", 1)[-1]
        if path in wanted:
            found[path] = text_body(data, name)
            if len(found) == len(wanted):
                break
    assert len(found) == len(wanted) == 2
    for path, body in found.items():
        article_id = parse_member_name(path).article_id
        assert body == (paths.HELDOUT_DIR / "articles" / f"{article_id}.txt").read_bytes()
        assert f"articles/{article_id}.txt" in manifest


@given(st.text(alphabet=st.one_of(st.characters(max_codepoint=0x200), st.sampled_from("«»نص\u0080\u009f\u00a0\x7f"))))
def test_controls_are_found_in_the_bytes_as_in_the_text(text):
    from arabic_media.corpus.article import _has_controls

    assert _has_controls(text.encode("utf-8")) == bool(re.search("[\x00-\x08\x0e-\x1f\x7f-\x9f]", text))


def test_a_member_name_that_is_not_utf8_is_kept_escaped_and_the_count_finishes(tmp_path):
    # tarfile gives such a name with lone surrogates, which no table can hold: the count
    # used to fail at its very end (UnicodeEncodeError), naming no member
    from arabic_media.counting import count_corpus

    odd = "ant/BBC/sport/\udcff\udcfe-sport-2.txt"  # the bytes 0xff 0xfe in the name
    archive = write_archive(tmp_path / "names.tar", {
        "ant/BBC/sport/BB-sport-1-20180101.txt": _doc("نص أول"),
        odd: _doc("نص ثان"),
        "ant/BBC/sport/\udcff-no-text.txt": b"<DOC>\n</DOC>\n",
        "ant/BBC/sport/BB-sport-3-20180101.txt": _doc("نص ثالث"),
    }, mode="w")
    counts = count_corpus(TrecArchive(archive), workers=1, progress=False)
    assert counts.articles["source"].tolist() == [
        "ant/BBC/sport/BB-sport-1-20180101.txt", "ant/BBC/sport/\\xff\\xfe-sport-2.txt",
        "ant/BBC/sport/BB-sport-3-20180101.txt"]
    assert counts.articles["article_id"].iloc[1] == "\\xff\\xfe-sport-2"
    assert counts.failures[["source", "reason"]].values.tolist() == [["ant/BBC/sport/\\xff-no-text.txt", "no_text"]]
    assert counts.provenance["decoding_warnings"] == 1  # the renamed article says so
    article = list(read_articles(TrecArchive(archive)))[1]
    assert article.warnings[0].startswith("ant/BBC/sport/\\xff\\xfe-sport-2.txt: the name is not UTF-8 (byte 0xff")


def test_a_text_file_name_that_is_not_utf8_is_kept_escaped(tmp_path):
    import os

    folder = tmp_path / "t"
    folder.mkdir()
    os.close(os.open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), os.O_CREAT | os.O_WRONLY))
    (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes("نص".encode())
    [article] = list(TextFolder(folder))
    assert (article.article_id, article.source) == ("caf\\xe9", "t/caf\\xe9.txt")
    assert "the name is not UTF-8 (byte 0xe9" in article.warnings[0]


def test_a_crlf_member_is_refused_saying_its_line_endings_are_crlf(tmp_path):
    # it used to be "no_text", with no hint that the tag is there with a CR before its LF
    crlf = _doc("قال الوزير إن الاقتصاد ينمو.").replace(b"\n", b"\r\n")
    archive = write_archive(tmp_path / "a.tar", {"ant/BBC/economy/BB-economy-1-20180101.txt": crlf}, mode="w")
    [failure] = list(TrecArchive(archive))
    assert failure.reason == "crlf_line_endings"
    assert failure.detail.startswith("ant/BBC/economy/BB-economy-1-20180101.txt: ")
    assert "the file's line endings are CRLF, the ANT format's are LF" in failure.detail


def test_the_extraction_script_writes_nothing_when_a_member_is_refused(tmp_path, monkeypatch):
    # it wrote each article as it went: a member refused after the first left a new
    # article beside the old manifest, whose sha256 then no longer held
    script = _script()
    good = _doc("قال الوزير.", docno="AL-culture-1-20180101").replace(
        b"<TITLE>", b"<URL>u</URL>\n<TIME>Tue, 24 Apr 2018 10:00:00 +0300</TIME>\n<TITLE>")
    undated = "<DOC>\n<DOCNO>AL-culture-2-20180101</DOCNO>\n<TEXT>\nنص\n</TEXT>\n</DOC>\n".encode()
    archive = write_archive(tmp_path / "ant.tar.xz", {script.PREFIX + "a/good.txt": good, script.PREFIX + "a/undated.txt": undated})
    members = [script.Member(path, hashlib.sha256(data).hexdigest(), "Al Arabiya", "", "", "a note")
               for path, data in (("a/good.txt", good), ("a/undated.txt", undated))]
    heldout = tmp_path / "heldout"
    (heldout / "articles").mkdir(parents=True)
    (heldout / "manifest.csv").write_text("old manifest\n", encoding="utf-8")
    monkeypatch.setattr(script, "ARCHIVE", archive)
    monkeypatch.setattr(script, "HELDOUT", heldout)
    monkeypatch.setattr(script, "MEMBERS", members)
    with pytest.raises(SystemExit, match="undated.txt: <TIME> occurs 0 times"):
        script.main()
    assert (heldout / "manifest.csv").read_text(encoding="utf-8") == "old manifest\n"
    assert list((heldout / "articles").iterdir()) == []
    monkeypatch.setattr(script, "MEMBERS", members[:1])
    script.main()
    corpus = load_corpus(heldout)
    assert corpus.articles["article_id"].tolist() == ["al-culture-1-20180101"]
    assert corpus.articles["text"].tolist() == ["قال الوزير."] and corpus.articles["published"].tolist() == ["2018-04-24"]
    monkeypatch.setattr(script, "MEMBERS", [*members[:1], script.Member("a/gone.txt", "0" * 64, "", "", "", "")])
    with pytest.raises(SystemExit, match="no member antcorpus-multisource-v2.1/a/gone.txt"):
        script.main()


@needs_ant
@pytest.mark.slow
def test_the_extraction_script_writes_the_committed_heldout_corpus(tmp_path, monkeypatch):
    script = _script()
    monkeypatch.setattr(script, "HELDOUT", tmp_path)
    script.main()
    for file in ["manifest.csv", *(f"articles/{p.name}" for p in (paths.HELDOUT_DIR / "articles").iterdir())]:
        assert (tmp_path / file).read_bytes() == (paths.HELDOUT_DIR / file).read_bytes(), file
