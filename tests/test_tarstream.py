"""The plain tar reader gives exactly what `tarfile` gives, and leaves it the odd cases."""

from __future__ import annotations

import gzip
import io
import itertools
import tarfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arabic_media import paths
from arabic_media.corpus import tarstream
from arabic_media.corpus.tarstream import regular_files

FORMATS = {"ustar": tarfile.USTAR_FORMAT, "gnu": tarfile.GNU_FORMAT, "pax": tarfile.PAX_FORMAT}
COMPRESSIONS = {"": ".tar", "gz": ".tar.gz", "bz2": ".tar.bz2", "xz": ".tar.xz"}


def _by_tarfile(path):
    """What `tarfile` reads: (name, bytes) of every regular file, in order."""
    with tarfile.open(path, "r:*") as archive:
        return [(info.name, archive.extractfile(info).read()) for info in archive if info.isfile()]


def _write(path, entries, fmt=tarfile.USTAR_FORMAT, compression=""):
    """``entries``: (name, bytes) for files, (name, "dir") folders, (name, "->target") symlinks."""
    with tarfile.open(path, f"w:{compression}" if compression else "w", format=fmt) as archive:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            if data == "dir":
                info.type = tarfile.DIRTYPE
                archive.addfile(info)
            elif isinstance(data, str):
                info.type, info.linkname = tarfile.SYMTYPE, data[2:]
                archive.addfile(info)
            else:
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    return path


ENTRIES = [
    ("ant/", "dir"),
    ("ant/README.md", b"readme"),
    ("ant/empty.txt", b""),
    ("ant/BBC/sport/BB-sport-1-20180101.txt", "<DOC>\n<TEXT>\nنص\n</TEXT>\n</DOC>\n".encode()),
    ("ant/block.txt", b"x" * 512),
    ("ant/big.txt", bytes(range(256)) * 6000),  # past one read of the stream (1 MiB)
    ("ant/link.txt", "->ant/README.md"),
    ("ant/عربي/خبر.txt", "خبر".encode()),
    ("ant/" + "p" * 120 + "/long-prefix.txt", b"a name split into ustar prefix and name"),
]


@pytest.mark.parametrize("compression", COMPRESSIONS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_and_compression_reads_as_tarfile_reads_it(tmp_path, fmt, compression):
    path = _write(tmp_path / f"a{COMPRESSIONS[compression]}", ENTRIES, FORMATS[fmt], compression)
    assert list(regular_files(path)) == _by_tarfile(path)
    assert len(_by_tarfile(path)) == 7


def test_a_plain_archive_is_read_without_tarfile(tmp_path, monkeypatch):
    # ustar with short ASCII names: the plain reader reads all of it (no fallback)
    path = _write(tmp_path / "a.tar.xz", [e for e in ENTRIES if "عربي" not in e[0]], compression="xz")

    def refuse(*args):
        raise AssertionError("fell back to tarfile")

    monkeypatch.setattr(tarstream, "_by_tarfile", refuse)
    assert [name for name, _ in regular_files(path)][-1].endswith("long-prefix.txt")


def test_extension_headers_are_left_to_tarfile(tmp_path, monkeypatch):
    # a pax header (the Arabic name) after five plain files: tarfile takes over, skips those five
    path = _write(tmp_path / "a.tar", ENTRIES, tarfile.PAX_FORMAT)
    calls = []
    original = tarstream._by_tarfile
    monkeypatch.setattr(tarstream, "_by_tarfile", lambda p, skip: calls.append(skip) or original(p, skip))
    assert list(regular_files(path)) == _by_tarfile(path)
    assert calls == [5]


def test_a_cut_archive_raises_like_tarfile(tmp_path):
    path = _write(tmp_path / "a.tar", ENTRIES)
    whole = path.read_bytes()
    with tarfile.open(path) as archive:
        inside_big = archive.getmember("ant/big.txt").offset_data + 1000
    # nothing; half a header; a folder then half a header; three files; inside a file's data
    outcomes = []
    for cut in (0, 100, 512 + 3, 3 * 1024, inside_big):
        (tmp_path / "cut.tar").write_bytes(whole[:cut])
        try:
            expected = _by_tarfile(tmp_path / "cut.tar")
        except (tarfile.TarError, EOFError, OSError):
            outcomes.append("error")
            with pytest.raises((tarfile.TarError, EOFError, OSError)):
                list(regular_files(tmp_path / "cut.tar"))
        else:
            outcomes.append(len(expected))
            assert list(regular_files(tmp_path / "cut.tar")) == expected
    assert outcomes == ["error", "error", 0, 3, "error"]


def test_a_bad_checksum_is_left_to_tarfile(tmp_path):
    data = bytearray(_write(tmp_path / "a.tar", ENTRIES[:4]).read_bytes())
    data[512 + 10] ^= 0x01  # the second header's name, its checksum now wrong
    (tmp_path / "bad.tar").write_bytes(bytes(data))
    assert list(regular_files(tmp_path / "bad.tar")) == _by_tarfile(tmp_path / "bad.tar")


def test_corrupt_compressed_data_is_a_tar_error(tmp_path):
    data = bytearray(_write(tmp_path / "a.tar.xz", ENTRIES, compression="xz").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (tmp_path / "bad.tar.xz").write_bytes(bytes(data))
    with pytest.raises((tarfile.TarError, EOFError)):
        list(regular_files(tmp_path / "bad.tar.xz"))


_NAMES = st.text(alphabet="abصخ/._-", min_size=1, max_size=140).filter(lambda n: not n.startswith("/"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.tuples(_NAMES, st.one_of(st.binary(max_size=1500), st.just("dir"))), max_size=6),
       fmt=st.sampled_from(list(FORMATS.values())))
def test_random_archives_read_as_tarfile_reads_them(tmp_path, entries, fmt):
    path = tmp_path / "r.tar"
    try:
        _write(path, entries, fmt)
    except ValueError:  # a name the format cannot hold (ustar: too long to split)
        return
    assert list(regular_files(path)) == _by_tarfile(path)


@pytest.mark.skipif(not paths.ANT_ARCHIVE.is_file(), reason="the ANT archive is not beside the project")
def test_the_ant_archive_reads_as_tarfile_reads_it():
    # its first 1,000 files (all of them: tests/test_reference.py reads the whole archive)
    with tarfile.open(paths.ANT_ARCHIVE, "r:*") as archive:
        expected = [(i.name, archive.extractfile(i).read()) for i in itertools.islice(
            (i for i in archive if i.isfile()), 1000)]
    assert list(itertools.islice(regular_files(paths.ANT_ARCHIVE), 1000)) == expected


def _outcome(read, path):
    """What ``read(path)`` gives: the list of files, or the kind of error."""
    try:
        return list(read(path))
    except (tarfile.TarError, EOFError, OSError):
        return "error"


def _same_as_tarfile(path):
    expected = _outcome(_by_tarfile, path)
    assert _outcome(regular_files, path) == expected
    return expected


def _set_field(data: bytearray, header: int, start: int, value: bytes) -> None:
    """Write ``value`` into a header field and recompute the header's checksum."""
    block = data[header:header + 512]
    block[start:start + len(value)] = value
    block[148:156] = b" " * 8
    block[148:156] = b"%06o\x00 " % sum(block)
    data[header:header + 512] = block


def _offsets(path):
    with tarfile.open(path) as archive:
        return {info.name: info.offset for info in archive}


def test_review_cases_read_as_tarfile_reads_them(tmp_path):
    files = [("a.txt", b"first"), ("b.txt", b"second" * 100), ("c.txt", b"third")]
    # a plain tar whose first name starts with bzip2's magic bytes
    assert _same_as_tarfile(_write(tmp_path / "bz.tar", [("BZh.txt", b"x"), *files])) != "error"
    # a gzip stream followed by other bytes (tarfile stops at the end-of-archive block)
    plain = _write(tmp_path / "p.tar", files).read_bytes()
    (tmp_path / "trail.tar.gz").write_bytes(gzip.compress(plain) + b"garbage!")
    assert _same_as_tarfile(tmp_path / "trail.tar.gz") != "error"
    offsets = _offsets(tmp_path / "p.tar")
    cases = {
        "bad mtime": (offsets["b.txt"], 136, b"zzzzzzzzzzz\x00"),
        "base-256 uid": (offsets["b.txt"], 108, b"\x80" + b"\x00" * 6 + b"\x01"),
        "v7 folder with data": (offsets["a.txt"], 0, b"a.txt/\x00"),
    }
    for what, (header, start, value) in cases.items():
        data = bytearray(plain)
        _set_field(data, header, start, value)
        if what == "v7 folder with data":
            data[header + 156] = 0  # AREGTYPE
            _set_field(data, header, 0, b"a.txt/\x00")
        (tmp_path / "case.tar").write_bytes(bytes(data))
        _same_as_tarfile(tmp_path / "case.tar")
    # a negative size (first member; further on, tarfile 3.11 itself loops): refused
    data = bytearray(plain)
    _set_field(data, offsets["a.txt"], 124, b"-0000001000\x00")
    (tmp_path / "negative.tar").write_bytes(bytes(data))
    assert _outcome(regular_files, tmp_path / "negative.tar") == "error"
    # an empty name with a ustar prefix: tarfile yields "p/" as a file
    data = bytearray(plain)
    _set_field(data, offsets["a.txt"], 0, b"\x00" * 100)
    _set_field(data, offsets["a.txt"], 345, b"p\x00")
    (tmp_path / "prefix.tar").write_bytes(bytes(data))
    assert [name for name, _ in _same_as_tarfile(tmp_path / "prefix.tar")] == ["p/", "b.txt", "c.txt"]
    # the last file whole, its padding cut
    last = offsets["c.txt"] + 512 + len(b"third")
    (tmp_path / "pad.tar").write_bytes(plain[:last + 10])
    assert _same_as_tarfile(tmp_path / "pad.tar") == "error"
