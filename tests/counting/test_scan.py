"""The corpus-scale scanner finds the study's tokens and paragraph breaks exactly
(`counting.scan` against `text.tokenize` and `text.paragraph_break_re`)."""

from __future__ import annotations

import re
import unicodedata
import zlib

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabic_media import paths
from arabic_media.corpus.sources import ManifestFolder, TrecArchive
from arabic_media.counting.scan import BLANK, CR, FORMAT, KEY_CHARACTERS, LINE_BREAK, PARAGRAPH, WORD, _study_table, scan
from arabic_media.text import _LINE_BREAKS, _token_re, class_masks, paragraph_break_re, tokenize

ANT = paths.ANT_ARCHIVE


def _expected(text: str) -> tuple[list[tuple[int, int]], list[bool]]:
    """The study's token spans of ``text`` (`tokenize`), and for each token whether a
    paragraph break (`paragraph_break_re`) lies between it and the token before (the
    first: never)."""
    spans = [(s.start, s.end) for s in tokenize(text)]
    # breaks never overlap a token, so a break lies between two tokens exactly when one
    # starts in the gap between them
    break_starts = np.array([m.start() for m in paragraph_break_re().finditer(text)], np.int64)
    gaps = np.array([(a[1], b[0]) for a, b in zip(spans, spans[1:])], np.int64).reshape(-1, 2)
    between = np.searchsorted(break_starts, gaps[:, 1]) > np.searchsorted(break_starts, gaps[:, 0])
    return spans, [False][:len(spans)] + between.tolist()


def _check(texts: list[str]) -> None:
    scanned = scan(texts, breaks=True)
    keys = {}
    for i, text in enumerate(texts):
        mine = scanned.article == i
        offset = int(scanned.offsets[i])
        assert scanned.text[offset:offset + len(text)] == text
        spans = list(zip((scanned.starts[mine] - offset).tolist(), (scanned.ends[mine] - offset).tolist()))
        expected_spans, expected_breaks = _expected(text)
        assert spans == expected_spans, text
        assert scanned.break_before[mine].tolist() == expected_breaks, text
        # a word is a run of word and format characters; anything else is one character
        surfaces = [text[a:b] for a, b in spans]
        assert scanned.word[mine].tolist() == [_WORD.fullmatch(s) is not None for s in surfaces]
        for surface, key in zip(surfaces, scanned.key[mine].tolist()):
            if key:
                # a key holds its whole word: one word per key, one key per word
                assert keys.setdefault(key, surface) == surface
                assert len(surface) <= KEY_CHARACTERS
    assert len(set(keys.values())) == len(keys)


#: A word token: the first alternative of the token pattern (`text._token_re`).
_WORD = re.compile(_token_re().pattern.rsplit("|", 1)[0])


# Pieces of every class: Arabic letters, harakat, tatweel, digits (Arabic-Indic too),
# Latin and accented letters, astral letters and an emoji, format characters (RLM, ZWNJ,
# BOM), every line break, blank characters (NBSP, tab, a control character), punctuation,
# a presentation form, a lone surrogate, words longer than a key holds.
_PIECES = ["قال", "الشركة", "و", "بِسْمِ", "الـدولة", "٢٠١٨", "2018", "abc", "café", "𝐀𝐁", "😀", "\u200f",
           "\u200c", "\ufeff", "\u200b", " ", "\u00a0", "\t", "\x02", "\n", "\r", "\r\n", "\v", "\f", "\x85",
           "\u2028", "\u2029", ".", "،", "؟", "»", "…", "ﻻ", "\ud800", "والاستراتيجيات", "abcdefgh", "abcdefghi",
           "ـ", "\u0651"]


@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), min_size=1, max_size=4))
def test_generated_texts_scan_as_the_regexes_find(texts):
    _check(texts)


def test_every_code_point_has_the_class_the_token_pattern_is_written_with():
    # the token pattern's classes are the runs of these masks (tests/test_text_classes.py)
    masks = class_masks()
    kind = _study_table()[0]
    assert ((kind == WORD) == masks["word"]).all()
    assert ((kind == FORMAT) == masks["format"]).all()
    assert (np.isin(kind, [BLANK, LINE_BREAK, CR, PARAGRAPH]) == masks["space"]).all()
    assert sorted(np.flatnonzero(kind >= LINE_BREAK).tolist()) == sorted(map(ord, _LINE_BREAKS))
    assert np.flatnonzero(kind == CR).tolist() == [0x0D] and np.flatnonzero(kind == PARAGRAPH).tolist() == [0x2029]


def test_every_bmp_character_scans_as_the_regexes_find_between_words():
    every = [chr(c) for c in range(0x10000)]
    # each between word characters and format characters, alone and doubled
    probes = ["".join("ب" + c + "\u200fب " for c in every[i:i + 4096]) for i in range(0, len(every), 4096)]
    probes += ["".join(c * 2 + "\n" for c in every[0x0600:0x0700] + every[0x2000:0x2100])]
    _check(probes)


def test_study_articles_scan_as_the_regexes_find():
    texts = [article.text for article in ManifestFolder() if hasattr(article, "text")]
    assert texts
    _check(texts)


@pytest.mark.skipif(not ANT.is_file(), reason="the ANT archive is not beside the project")
def test_ant_articles_scan_as_the_regexes_find():
    texts = [article.text for article in TrecArchive(ANT, limit=300) if hasattr(article, "text")]
    for i in range(0, len(texts), 200):
        _check(texts[i:i + 200])


def test_an_empty_chunk_and_empty_texts():
    scanned = scan([], breaks=True)
    assert len(scanned.starts) == 0
    scanned = scan(["", "قال", ""], breaks=True)
    assert scanned.article.tolist() == [1] and scanned.offsets.tolist() == [0, 1, 5]


def test_keys_hold_short_words_of_keyed_characters_only():
    scanned = scan(["قال abcdefgh abcdefghi café ﻻ ٢٠١٨"])
    keyed = dict(zip([scanned.text[a:b] for a, b in zip(scanned.starts, scanned.ends)], scanned.key.tolist()))
    assert keyed["قال"] and keyed["abcdefgh"] and keyed["٢٠١٨"]
    assert keyed["abcdefghi"] == keyed["café"] == keyed["ﻻ"] == 0
    assert np.uint64(keyed["قال"]) != np.uint64(keyed["abcdefgh"])


@given(st.data())
def test_keys_read_eight_bytes_at_once_as_one_at_a_time(data):
    from arabic_media.counting.scan import _keys

    codes = data.draw(st.lists(st.sampled_from([0, 1, 2, 255]) | st.integers(0, 255), min_size=1, max_size=40))
    spans = data.draw(st.lists(st.integers(0, len(codes) - 1).flatmap(
        lambda start: st.tuples(st.just(start), st.integers(1, min(8, len(codes) - start)))), max_size=20))
    starts = np.array([start for start, _ in spans], np.int64)
    lengths = np.array([length for _, length in spans], np.int64)
    expected = [0 if 0 in codes[a:a + n] else sum(c << (8 * j) for j, c in enumerate(codes[a:a + n]))
                for a, n in spans]
    assert _keys(np.array(codes, np.uint8), starts, lengths).tolist() == expected


def test_the_shipped_table_is_the_one_this_python_builds(tmp_path):
    from unittest import mock

    from arabic_media.counting import scan as scan_module
    from arabic_media.counting.scan import SHIPPED_TABLE, class_table, shipped_table, write_table

    shipped = shipped_table()
    if shipped is None:  # another Python: the table is built, as the next test shows
        pytest.skip(f"{SHIPPED_TABLE.name} is not for this Python's Unicode {unicodedata.unidata_version}")
    assert (shipped == class_table()).all()
    # and what scripts/write_class_table.py writes (compared decompressed: another zlib
    # build may compress the same bytes differently)
    with mock.patch.object(scan_module, "class_table", lambda: shipped):  # built once in this test
        write_table(tmp_path / "table")
    assert zlib.decompress((tmp_path / "table").read_bytes()) == zlib.decompress(SHIPPED_TABLE.read_bytes())


def test_a_table_built_on_another_unicode_version_is_not_used(tmp_path):
    import json

    from arabic_media.counting.scan import shipped_table

    table = np.zeros((2, 4), np.uint8)
    header = json.dumps({"unicode": "1.1.0", "shape": [2, 4]}).encode()
    (tmp_path / "old").write_bytes(zlib.compress(header + b"\n" + table.tobytes()))
    assert shipped_table(tmp_path / "old") is None
    assert shipped_table(tmp_path / "missing") is None


def test_a_damaged_table_is_named_and_built_instead(tmp_path):
    from arabic_media.counting.scan import SHIPPED_TABLE, shipped_table

    (tmp_path / "class_table.zlib").write_bytes(SHIPPED_TABLE.read_bytes()[:-10])
    with pytest.warns(RuntimeWarning, match="class_table.zlib: cannot be read"):
        assert shipped_table(tmp_path / "class_table.zlib") is None
    with pytest.warns(RuntimeWarning, match="cannot be read"):  # not a file at all
        assert shipped_table(tmp_path) is None
