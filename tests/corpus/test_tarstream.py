"""The plain tar reader gives exactly what `tarfile` gives, and leaves it the odd cases;
where `tarfile` stops without a word (a damaged header, a header cut short), it raises."""

from __future__ import annotations

import gzip
import io
import itertools
import lzma
import tarfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arabic_media import paths
from arabic_media.corpus import tarstream
from arabic_media.corpus.tarstream import DamagedArchiveError, regular_files

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


def test_a_cut_archive_is_an_error_unless_cut_between_members(tmp_path):
    path = _write(tmp_path / "a.tar", ENTRIES)
    whole = path.read_bytes()
    with tarfile.open(path) as archive:
        inside_big = archive.getmember("ant/big.txt").offset_data + 1000
    # nothing; half a header; a folder then half a header (tarfile: 0 files, no error);
    # three files, cut where the next header would start; inside a file's data
    outcomes = []
    for cut in (0, 100, 512 + 3, 3 * 1024, inside_big):
        (tmp_path / "cut.tar").write_bytes(whole[:cut])
        try:
            outcomes.append(len(list(regular_files(tmp_path / "cut.tar"))))
        except (tarfile.TarError, EOFError, OSError):
            outcomes.append("error")
    assert outcomes == ["error", "error", "error", 3, "error"]
    (tmp_path / "cut.tar").write_bytes(whole[:512 + 3])
    with pytest.raises(DamagedArchiveError, match=r"ends inside a header at byte 512 .*3 of its 512 bytes.*after member 'ant/'"):
        list(regular_files(tmp_path / "cut.tar"))


def _archive_of_ten(tmp_path, fmt=tarfile.USTAR_FORMAT):
    """A plain tar of ten small files: its bytes, and each member's header offset."""
    path = _write(tmp_path / "ten.tar", [(f"ant/f{n}.txt", f"file {n}".encode()) for n in range(10)], fmt)
    return path.read_bytes(), _offsets(path)


@pytest.mark.parametrize("compression", ["", "xz", "gz"])
@pytest.mark.parametrize("fmt", ["ustar", "pax"])  # pax: read by tarfile from its first header
def test_a_damaged_header_inside_the_archive_is_refused_naming_the_members_and_the_offset(tmp_path, compression, fmt):
    # tarfile stops at such a header without a word: half the files, no error
    whole, offsets = _archive_of_ten(tmp_path, FORMATS[fmt])
    data = bytearray(whole)
    at = offsets["ant/f5.txt"]
    data[at + 4] ^= 0x01  # its name is now ant/g5.txt: the checksum no longer holds
    compress = {"": bytes, "xz": lzma.compress, "gz": gzip.compress}[compression]
    path = tmp_path / f"bad{COMPRESSIONS[compression]}"
    path.write_bytes(compress(bytes(data)))
    assert len(_by_tarfile(path)) == 5  # what tarfile gives, silently
    read = []
    with pytest.raises(DamagedArchiveError) as raised:
        for name, _ in regular_files(path):
            read.append(name)
    assert read == [f"ant/f{n}.txt" for n in range(5)]  # those before it were read
    message = str(raised.value)
    assert f"byte {at:,} of the tar data" in message and "bad checksum" in message
    assert "after member 'ant/f4.txt'" in message and "'ant/g5.txt'" in message  # the next, as its header names it
    assert ("after decompression" in message) == bool(compression)


def test_a_damaged_header_is_a_corpus_error_naming_the_archive_and_the_count_fails(tmp_path):
    from arabic_media.corpus import CorpusError
    from arabic_media.corpus.sources import TrecArchive
    from arabic_media.counting import count_corpus

    members = {f"ant/BBC/sport/BB-sport-{n}-20180101.txt": f"<DOC>\n<TEXT>\nنص {n}\n</TEXT>\n</DOC>\n".encode()
               for n in range(10)}
    path = _write(tmp_path / "ant.tar", list(members.items()))
    data = bytearray(path.read_bytes())
    at = _offsets(path)["ant/BBC/sport/BB-sport-6-20180101.txt"]
    data[at + 20] ^= 0x01
    bad = tmp_path / "ant-damaged.tar.xz"
    bad.write_bytes(lzma.compress(bytes(data)))
    with pytest.raises(CorpusError, match=rf"^ant-damaged\.tar\.xz: the header at byte {at:,} .*BB-sport-5-20180101\.txt"):
        list(TrecArchive(bad))
    with pytest.raises(CorpusError, match="is damaged"):
        count_corpus(TrecArchive(bad), workers=1, progress=False)


def test_a_zero_block_followed_by_members_is_refused(tmp_path):
    whole, offsets = _archive_of_ten(tmp_path)
    data = bytearray(whole)
    at = offsets["ant/f3.txt"]
    data[at:at + 512] = bytes(512)  # a zeroed header: tarfile (and GNU tar) stop there
    (tmp_path / "zero.tar").write_bytes(bytes(data))
    assert len(_by_tarfile(tmp_path / "zero.tar")) == 3
    with pytest.raises(DamagedArchiveError, match=rf"a zero block at byte {at:,} of the tar data, after member 'ant/f2.txt', ends the archive, but a member header follows at byte {at + 1024:,} \(naming 'ant/f4.txt'\)"):
        list(regular_files(tmp_path / "zero.tar"))
    data[at + 512:at + 1024] = bytes(512)  # its data block too: an end-of-archive marker, then members
    (tmp_path / "zero.tar").write_bytes(bytes(data))
    with pytest.raises(DamagedArchiveError, match="a zero block .* ends the archive, but a member header follows"):
        list(regular_files(tmp_path / "zero.tar"))
    # two archives joined end to end: GNU tar and tarfile read the first alone
    (tmp_path / "joined.tar").write_bytes(whole + whole)
    with pytest.raises(DamagedArchiveError, match="ends the archive, but a member header follows .*'ant/f0.txt'"):
        list(regular_files(tmp_path / "joined.tar"))
    # the same once tarfile reads it (a pax header first)
    whole, offsets = _archive_of_ten(tmp_path, tarfile.PAX_FORMAT)
    data = bytearray(whole)
    data[offsets["ant/f3.txt"]:offsets["ant/f3.txt"] + 512] = bytes(512)
    (tmp_path / "zero.tar").write_bytes(bytes(data))
    with pytest.raises(DamagedArchiveError, match="a zero block .* ends the archive, but a member header follows"):
        list(regular_files(tmp_path / "zero.tar"))


def test_an_archive_ending_with_its_marker_or_between_members_reads_whole(tmp_path):
    whole, offsets = _archive_of_ten(tmp_path)
    end = offsets["ant/f9.txt"] + 1024  # the last header and its data block
    for data in (whole, whole[:end], whole[:end + 512]):  # the marker; no marker; one zero block
        (tmp_path / "ok.tar").write_bytes(data)
        assert len(list(regular_files(tmp_path / "ok.tar"))) == 10


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


def test_odd_headers_read_as_tarfile_reads_them_or_are_refused_where_it_stops_silently(tmp_path):
    files = [("a.txt", b"first"), ("b.txt", b"second" * 100), ("c.txt", b"third")]
    # a plain tar whose first name starts with bzip2's magic bytes
    assert _same_as_tarfile(_write(tmp_path / "bz.tar", [("BZh.txt", b"x"), *files])) != "error"
    # a gzip stream followed by other bytes (tarfile stops at the end-of-archive block)
    plain = _write(tmp_path / "p.tar", files).read_bytes()
    (tmp_path / "trail.tar.gz").write_bytes(gzip.compress(plain) + b"garbage!")
    assert _same_as_tarfile(tmp_path / "trail.tar.gz") != "error"
    offsets = _offsets(tmp_path / "p.tar")
    # a bad mtime in the second header: tarfile stops there without a word; refused here
    data = bytearray(plain)
    _set_field(data, offsets["b.txt"], 136, b"zzzzzzzzzzz\x00")
    (tmp_path / "mtime.tar").write_bytes(bytes(data))
    assert _outcome(_by_tarfile, tmp_path / "mtime.tar") == [("a.txt", b"first")]
    with pytest.raises(DamagedArchiveError, match="byte 1,024 .*after member 'a.txt'"):
        list(regular_files(tmp_path / "mtime.tar"))
    # a base-256 uid: tarfile reads it, and so does this reader (through tarfile)
    data = bytearray(plain)
    _set_field(data, offsets["b.txt"], 108, b"\x80" + b"\x00" * 6 + b"\x01")
    (tmp_path / "case.tar").write_bytes(bytes(data))
    assert len(_same_as_tarfile(tmp_path / "case.tar")) == 3
    # a v7 folder (a plain file named .../) followed by its data: no reader skips a
    # folder's data, so that block is read as the next header, which it is not;
    # tarfile stops there without a word, this reader names it
    data = bytearray(plain)
    data[offsets["a.txt"] + 156] = 0  # AREGTYPE
    _set_field(data, offsets["a.txt"], 0, b"a.txt/\x00")
    (tmp_path / "case.tar").write_bytes(bytes(data))
    assert _outcome(_by_tarfile, tmp_path / "case.tar") == []
    with pytest.raises(DamagedArchiveError, match="byte 512 .*after member 'a.txt'"):
        list(regular_files(tmp_path / "case.tar"))
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
