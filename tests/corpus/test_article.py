"""One read-and-check path for an article file: `load_corpus` and the streaming
`ManifestFolder` accept and refuse exactly the same files, with the same reason and
message (`corpus.article`)."""

from __future__ import annotations

import codecs
import warnings

import pytest

from arabic_media.corpus import ArticleError, CorpusError, CorpusWarning, load_corpus
from arabic_media.corpus.article import REASONS, visible_text_problem
from arabic_media.corpus.sources import Article, ManifestFolder

ARABIC = "قال الوزير إن الاقتصاد ينمو.\nوأكدت الصحيفة ذلك."

#: Odd article files: name -> bytes (``changed``: the file's bytes after the manifest was
#: written, for a sha256 that no longer holds).
ODD_FILES = {
    "good": ARABIC.encode(),
    "empty": b"",
    "whitespace": b" \n\t\r\n ",
    "invisible": "\u200f\u200b".encode(),  # RLM + ZWSP: no visible character
    "invisible-lines": "\u200e\n\u2066\u2069\u200c\u200d \n".encode(),
    "nbsp-and-separators": "\u00a0\u3000\u2029\u2028".encode(),
    "bom-then-invisible": codecs.BOM_UTF8 + "\u200b \n".encode(),
    "control-only": b"\x02\x03 ",
    "not-utf8": "Le Figaro a publié".encode("latin-1"),
    "stray-byte": ARABIC.encode() + b" \x93",
    "nul": "نص\x00نص".encode(),
    "bom": codecs.BOM_UTF8 + ARABIC.encode(),
    "crlf": ARABIC.replace("\n", "\r\n").encode(),
    "utf16": ARABIC.encode("utf-16"),
    "cp1256": ARABIC.encode("cp1256"),
    "control-inside": "جملة أولى. \x02جملة ثانية.".encode(),
    "visible-after-invisible": "\u200f\u200b نص".encode(),
}
CHANGED = {"bad-sha": (ARABIC.encode(), ARABIC.replace("الوزير", "الوزيرة").encode())}


def _outcome_by_loader(folder):
    """``("read", text, warnings)`` or ``(reason, message)`` from `load_corpus`."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            corpus = load_corpus(folder)
        except ArticleError as err:
            return (err.reason, str(err))
    warned = tuple(str(w.message) for w in caught if issubclass(w.category, CorpusWarning))
    return ("read", corpus.articles["text"].iloc[0], warned)


def _outcome_by_stream(folder):
    """The same from the streaming source."""
    [item] = list(ManifestFolder(folder))
    if isinstance(item, Article):
        return ("read", item.text, item.warnings)
    return (item.reason, item.detail)


def test_the_loader_and_the_stream_accept_and_refuse_the_same_files_with_the_same_words(tmp_path, write_corpus):
    files = {**ODD_FILES, **{name: before for name, (before, _) in CHANGED.items()}}
    by_loader, by_stream = {}, {}
    for name, data in files.items():
        folder = write_corpus(tmp_path / name, {f"{name}.txt": data})
        if name in CHANGED:
            (folder / f"{name}.txt").write_bytes(CHANGED[name][1])
        by_loader[name], by_stream[name] = _outcome_by_loader(folder), _outcome_by_stream(folder)
    assert by_stream == by_loader
    read = {name for name, outcome in by_loader.items() if outcome[0] == "read"}
    assert read == {"good", "bom", "crlf", "utf16", "cp1256", "control-inside", "visible-after-invisible"}
    reasons = {name: outcome[0] for name, outcome in by_loader.items() if name not in read}
    assert reasons == {
        "empty": "empty_body", "whitespace": "empty_body", "invisible": "empty_body",
        "invisible-lines": "empty_body", "nbsp-and-separators": "empty_body", "bom-then-invisible": "empty_body",
        "control-only": "empty_body", "not-utf8": "undecodable", "stray-byte": "undecodable",
        "nul": "undecodable", "bad-sha": "sha256_mismatch"}
    assert set(reasons.values()) <= set(REASONS)
    assert by_loader["invisible"][1] == (
        "invisible/invisible.txt: the file holds no visible text (only whitespace and invisible characters such "
        "as bidi marks or zero-width spaces; the first, U+200F, at character 0)")
    assert by_loader["whitespace"][1] == "whitespace/whitespace.txt: the file holds no visible text (only whitespace)"
    assert by_loader["crlf"][1] == ARABIC.replace("\n", "\r\n")
    assert by_loader["cp1256"][2] and "cp1256" in by_loader["cp1256"][2][0]  # the same warning, both ways


def test_one_folder_of_every_odd_file_streams_the_files_the_loader_reads(tmp_path, write_corpus):
    folder = write_corpus(tmp_path / "all", {f"{name}.txt": data for name, data in ODD_FILES.items()})
    items = list(ManifestFolder(folder))
    read = [item.source.split("/")[-1] for item in items if isinstance(item, Article)]
    for name in ODD_FILES:
        single = write_corpus(tmp_path / name, {f"{name}.txt": ODD_FILES[name]})
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", CorpusWarning)
                load_corpus(single)
        except CorpusError:
            assert f"{name}.txt" not in read
        else:
            assert f"{name}.txt" in read


@pytest.mark.parametrize(("text", "problem"), [
    ("", "only whitespace"),
    (" \n", "only whitespace"),
    ("\u200f\u200b", "U+200F, at character 0"),
    (" \u2066x", None),
    ("\ufeff", "U+FEFF"),
    ("نص", None),
])
def test_visible_text_problem_names_what_is_there(text, problem):
    found = visible_text_problem(text)
    assert (found is None) if problem is None else (problem in found)
