"""The shipped reference frequency list: well-formed as committed, and rebuilt byte for byte."""

from __future__ import annotations

import json

import pytest

from arabic_media import paths
from arabic_media.reference import FILES, MIN_COUNTS, REFERENCE_DIR, build_reference, read_reference

ANT = paths.ANT_ARCHIVE


def _provenance() -> dict:
    return json.loads((REFERENCE_DIR / "provenance.json").read_text(encoding="utf-8"))


def test_reference_files_are_committed_with_a_bom_and_sorted():
    for name, file in FILES.items():
        data = (REFERENCE_DIR / file).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data
        table = read_reference(name)
        term = {"norms": "term", "groups": "group", "bigrams": "bigram"}[name]
        assert len(table) == _provenance()["rows_kept"][file] > 100
        assert table["count"].min() >= MIN_COUNTS[name]
        keys = list(zip(-table["count"], table[term], *([table["category"]] if name == "groups" else [])))
        assert keys == sorted(keys)


def test_reference_provenance_states_what_keyness_needs():
    provenance = _provenance()
    norms = read_reference("norms")
    # the denominator is every running token of the archive, more than the kept rows hold
    assert provenance["running_tokens"] > norms["count"].sum()
    assert provenance["running_tokens"] >= provenance["words"]
    assert provenance["word_types_normalised_before_cut"] > len(norms)
    assert provenance["articles_read"] + provenance["articles_refused"] == 31_525
    assert sum(provenance["refused_by_reason"].values()) == provenance["articles_refused"]
    assert provenance["min_counts"] == {FILES[k]: v for k, v in MIN_COUNTS.items()}
    assert len(provenance["archive"]["sha256"]) == 64
    text = (REFERENCE_DIR / "provenance.json").read_text(encoding="utf-8")
    assert "/work" not in text and "/tmp" not in text and "/root" not in text
    assert set(read_reference("norms")["category"]) <= {"content", "stopword", "reporting_verb", "attribution"}


@pytest.mark.slow
@pytest.mark.skipif(not ANT.is_file(), reason="the ANT archive is not beside the project")
def test_reference_rebuilds_to_the_same_bytes(tmp_path):
    """The full archive (the one corpus-scale test that reads all of it), counted in
    this one process: `make reference` counted it on every core, so equal bytes also
    prove the two ways agree on the whole archive (and the multi-process path is proved
    equal to one process on a sample, tests/test_counting.py). One process here spends
    about a third less CPU than two, inside a test run that keeps both cores busy."""
    build_reference(ANT, tmp_path, progress=False, workers=1)
    for file in [*FILES.values(), "provenance.json"]:
        assert (tmp_path / file).read_bytes() == (REFERENCE_DIR / file).read_bytes(), file
