"""The shipped reference frequency list: well-formed as committed, and rebuilt byte for byte."""

from __future__ import annotations

import json

import pytest

from arabic_media import paths
from arabic_media.corpus import CorpusError
from arabic_media.reference import (
    FILES,
    MIN_COUNTS,
    REFERENCE_DIR,
    build_reference,
    read_reference,
)
from tests.support import write_archive

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
    equal to one process on a sample, tests/counting/test_counting.py). One process here spends
    about a third less CPU than two, inside a test run that keeps both cores busy."""
    build_reference(ANT, tmp_path, progress=False, workers=1)
    for file in [*FILES.values(), "provenance.json"]:
        assert (tmp_path / file).read_bytes() == (REFERENCE_DIR / file).read_bytes(), file


def _script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_reference", paths.PROJECT_ROOT / "scripts" / "build_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _doc(body: str) -> bytes:
    return f"<DOC>\n<TEXT>\n{body}\n</TEXT>\n</DOC>\n".encode()


@pytest.mark.parametrize("members", [
    {"ant/README.md": b"no article in this archive"},
    {"ant/BBC/sport/BB-sport-1-20180101.txt": b"<DOC>\n</DOC>\n"},  # every article refused
])
def test_an_archive_with_no_article_writes_nothing_and_keeps_the_reference(tmp_path, capsys, members):
    # it used to write an empty reference, exit 0, over the committed one
    archive = write_archive(tmp_path / "empty.tar.xz", members)
    out = tmp_path / "reference"
    out.mkdir()
    for file in [*FILES.values(), "provenance.json"]:
        (out / file).write_bytes((REFERENCE_DIR / file).read_bytes())
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(CorpusError, match=r"^empty\.tar\.xz: no article was read.*reference/ stays as it is"):
        build_reference(archive, out, progress=False, workers=1)
    assert _script().main(["--archive", str(archive), "--out", str(out), "--workers", "1", "--no-progress"]) == 1
    error = capsys.readouterr().err
    assert "empty.tar.xz: no article was read" in error and str(tmp_path) not in error
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_reference_that_fails_half_way_leaves_the_old_files(tmp_path, monkeypatch):
    from arabic_media import reference

    archive = write_archive(tmp_path / "ant.tar.xz", {f"ant/BBC/sport/BB-sport-{n}-20180101.txt":
                                                 _doc("قال الوزير إن الشركات الأمريكية تواجه ضغوطا.") for n in range(3)})
    out = tmp_path / "reference"
    out.mkdir()
    for file in [*FILES.values(), "provenance.json"]:
        (out / file).write_text("old", encoding="utf-8")

    def fails(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(reference.json, "dumps", fails)  # after the CSVs are made, before the last file
    with pytest.raises(OSError, match="No space left"):
        build_reference(archive, out, progress=False, workers=1, min_counts={"norms": 1, "groups": 1, "bigrams": 1})
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == dict.fromkeys(
        [*FILES.values(), "provenance.json"], "old")
    monkeypatch.undo()
    provenance = build_reference(archive, out, progress=False, workers=1,
                                 min_counts={"norms": 1, "groups": 1, "bigrams": 1})
    assert provenance["articles_read"] == 3 and read_reference("norms", out)["count"].min() == 3
    assert sorted(p.name for p in out.iterdir()) == sorted([*FILES.values(), "provenance.json"])
