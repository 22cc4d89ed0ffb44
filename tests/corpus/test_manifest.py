"""The manifest writer: rows checked before the file is touched, the file replaced in
one step, and a manifest `read_manifest` accepted written back as it was read."""

from __future__ import annotations

import hashlib

import pytest

from arabic_media.corpus import MANIFEST_COLUMNS, load_corpus, read_manifest, write_manifest

TEXT = "قال الوزير إن الاقتصاد ينمو.".encode()
SHA = hashlib.sha256(TEXT).hexdigest()


def _corpus(tmp_path, manifest: str):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_bytes(TEXT)
    (folder / "b.txt").write_bytes(TEXT)
    (folder / "manifest.csv").write_text(manifest, encoding="utf-8")
    return folder


def test_a_manifest_with_extra_columns_is_written_back_with_them(tmp_path):
    # read_manifest keeps extra columns; the writer used to refuse them half-way,
    # leaving a manifest of its header alone
    folder = _corpus(tmp_path, f"article_id,file,sha256,reviewer,title\na0,a.txt,{SHA},سارة,\"عنوان, مع فاصلة\"\n"
                               f"a1,b.txt,{SHA},,\n")
    read = read_manifest(folder)
    write_manifest(folder / "manifest.csv", read.to_dict("records"))
    again = read_manifest(folder)
    assert list(again.columns) == MANIFEST_COLUMNS + ["reviewer"]
    assert again.to_dict("records") == read.to_dict("records")
    assert again["reviewer"].tolist() == ["سارة", ""]
    assert len(load_corpus(folder).articles) == 2


def test_extra_columns_follow_the_study_columns_in_the_order_first_met(tmp_path):
    write_manifest(tmp_path / "manifest.csv", [{"article_id": "a", "z": "1"}, {"y": "2", "z": "3"}])
    header, first, second = (tmp_path / "manifest.csv").read_text(encoding="utf-8").splitlines()
    assert header.split(",") == MANIFEST_COLUMNS + ["z", "y"]
    assert first.split(",")[0] == "a" and first.split(",")[-2:] == ["1", ""]
    assert second.split(",")[-2:] == ["3", "2"]


@pytest.mark.parametrize(("row", "problem"), [
    ({"article_id": "a1", "file": "b.txt", "sha256": SHA, "title": float("nan")}, r"column 'title' holds float nan"),
    ({"article_id": "a1", "file": "b.txt", "sha256": None}, r"column 'sha256' holds NoneType None"),
    ({"article_id": "a1", "file": "b.txt", "title": "\udcff"}, r"column 'title' cannot be written as UTF-8"),
    ({"article_id": "a1", "": "x"}, r"column name '' is not a non-empty string"),
    (["a1", "b.txt"], r": a list, not a mapping"),
])
def test_a_bad_row_is_refused_before_the_file_is_touched(tmp_path, row, problem):
    folder = _corpus(tmp_path, f"article_id,file,sha256\na0,a.txt,{SHA}\n")
    before = (folder / "manifest.csv").read_bytes()
    good = {"article_id": "a0", "file": "a.txt", "sha256": SHA}
    with pytest.raises(ValueError, match=r"^manifest row 2\b.*" + problem):
        write_manifest(folder / "manifest.csv", [good, row])
    assert (folder / "manifest.csv").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt", "manifest.csv"]  # no partial file left


def test_a_write_that_fails_half_way_leaves_the_old_manifest(tmp_path, monkeypatch):
    import csv

    folder = _corpus(tmp_path, f"article_id,file,sha256\na0,a.txt,{SHA}\n")
    before = (folder / "manifest.csv").read_bytes()

    def disk_full(self, rows):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv.DictWriter, "writerows", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_manifest(folder / "manifest.csv", [{"article_id": "a0", "file": "a.txt", "sha256": SHA}])
    assert (folder / "manifest.csv").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt", "manifest.csv"]
