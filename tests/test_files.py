"""A file the study writes is never left half-written: `replacing`, `replacing_all`."""

from __future__ import annotations

import pytest

from arabic_media.files import replacing, replacing_all


def test_a_file_is_moved_into_place_only_once_written(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("old\n", encoding="utf-8")
    with replacing(target) as partial:
        partial.write_text("new, half", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "old\n"  # a reader sees the old file meanwhile
        assert partial.parent == tmp_path and partial.name.startswith(".table.csv.")
        partial.write_text("new\n", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(ValueError, match="while writing"):
        with replacing(target) as partial:
            partial.write_text("ne", encoding="utf-8")
            raise ValueError("failed while writing")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_several_files_are_moved_only_when_all_are_written(tmp_path):
    names = ["norms.csv", "groups.csv", "provenance.json"]
    for name in names:
        (tmp_path / name).write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with replacing_all(tmp_path / name for name in names) as partials:
            partials[0].write_text("new", encoding="utf-8")
            partials[1].write_text("new", encoding="utf-8")
            raise RuntimeError("the third file could not be written")
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == dict.fromkeys(names, "old")
    with replacing_all(tmp_path / name for name in names) as partials:
        for partial in partials:
            partial.write_text("new", encoding="utf-8")
        assert all(p.read_text(encoding="utf-8") == "old" for p in (tmp_path / n for n in names))
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == dict.fromkeys(names, "new")
