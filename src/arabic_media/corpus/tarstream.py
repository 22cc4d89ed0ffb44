"""The regular files of a tar archive, read straight through its decompressed stream.

`regular_files` yields ``(name, bytes)`` for each regular file of a ``.tar``,
``.tar.gz``, ``.tar.bz2`` or ``.tar.xz`` archive, in archive order, without unpacking it.
It gives what `tarfile` gives (``tests/corpus/test_sources.py`` checks it member for member
against `tarfile` on archives of every kind), faster: `tarfile` builds a full `TarInfo`
for every header (thirteen fields parsed one by one), which on the 31,525 small files
of the ANT corpus costs more than the decompression itself; here a plain header
(ustar, GNU or v7, no extension records) is read for its name, size and type only, its
checksum checked as `tarfile` checks it, and the file's bytes are cut from large blocks
of the decompressed stream.

Anything else (a pax or GNU long-name header, a sparse file, a bad checksum, a number
field that is not plain octal, a negative size, compressed data that does not read to
the end) is left to `tarfile`: the archive is opened again with it and
the files already yielded are skipped, so such an archive reads as `tarfile` reads it,
with one difference: where `tarfile` stops without a word, this raises.

`tarfile` ends the archive silently at a damaged header after the first (a bad
checksum, a field that is not a number) and at a stream cut inside a header, so
everything after it would be lost with no error (GNU tar reports the same damaged
header and exits 2). Both readers therefore check where the archive ended: the end of
the data at a header boundary, or a zero block (the end-of-archive marker) with no
member header anywhere after it, is the end; anything else raises
`DamagedArchiveError` naming the last member read, the member the damaged header
names where it can be read, and the byte offset in the tar data.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import re
import tarfile
import zlib
from collections.abc import Iterator
from pathlib import Path

__all__ = ["DamagedArchiveError", "regular_files"]

_BLOCK = 512
#: Decompressed bytes read at a time.
_READ = 1 << 20
_REGULAR = frozenset(b"07\x00")  # REGTYPE, CONTTYPE, AREGTYPE (tarfile.REGULAR_TYPES but sparse)
_OTHER_PLAIN = frozenset(b"123456")  # links, devices, folders, FIFOs: no data block read
_OPENERS = ((b"\xfd7zXZ\x00", lzma.open), (b"\x1f\x8b", gzip.open), (b"BZh", bz2.open))


class _Unusual(Exception):
    """A header the plain reader leaves to `tarfile`."""


class DamagedArchiveError(tarfile.ReadError):
    """The archive cannot be read to its end.

    A damaged header, a stream cut inside a header, or a zero block followed by more
    members (a zeroed header, or two archives joined end to end): where `tarfile`
    stops without a word. The message names the last member read, the next one where
    its header can be read, and the byte offset (in the tar data, after
    decompression).
    """


def _damage(header: bytes, offset: int, last: str | None, compressed: bool) -> DamagedArchiveError:
    """The error for the archive ending at ``offset`` on ``header`` (the bytes there:
    fewer than a block when the stream is cut, else a block that is not a valid
    header), after member ``last`` (None: no member was read)."""
    where = f"byte {offset:,} of the tar data" + (" (after decompression)" if compressed else "")
    after = f"after member {last!r}" if last is not None else "before any member"
    if len(header) < _BLOCK:
        return DamagedArchiveError(
            f"the tar data ends inside a header at {where} ({len(header)} of its {_BLOCK} bytes), {after}: "
            "the archive is cut short")
    try:
        tarfile.TarInfo.frombuf(header, tarfile.ENCODING, "surrogateescape")
        problem = "an unexpected header"
    except tarfile.HeaderError as err:
        problem = str(err) or type(err).__name__
    named = header[:100].split(b"\0", 1)[0].decode(tarfile.ENCODING, "backslashreplace")
    nxt = f" (it names {named!r})" if named.isprintable() and named else ""
    return DamagedArchiveError(
        f"the header at {where} is damaged ({problem}), {after}: the member there{nxt} and every member after "
        "it cannot be read; repair or replace the archive")


def _header_after_end(rest: bytes, stream) -> tuple[int, bytes] | None:
    """The first block after an end-of-archive zero block that is a tar header (with a
    valid checksum): its distance from the end of that zero block, and its bytes; None
    when there is none. ``rest``: the bytes already read after the zero block; the
    rest of ``stream`` is read (normally the zero padding of the last record). A read
    error past the marker is not the archive's: `tarfile` never reads there."""
    at = 0
    while True:
        while len(rest) - at >= _BLOCK:
            block = rest[at:at + _BLOCK]
            if block.count(0) != _BLOCK and _looks_like_header(block):
                return at, block
            at += _BLOCK
        try:
            more = stream.read(_READ)
        except Exception:  # noqa: BLE001 - bytes after the archive (trailing garbage of a gzip file)
            return None
        if not more:
            return None
        rest, at = rest[at:] + more, 0


def _members_after_end(offset: int, distance: int, header: bytes, last: str | None,
                       compressed: bool) -> DamagedArchiveError:
    """The error for a zero block at ``offset`` followed, ``distance`` bytes after its
    end, by another tar header (``header``): a zeroed header, or two archives joined."""
    where = f"byte {offset:,} of the tar data" + (" (after decompression)" if compressed else "")
    named = header[:100].split(b"\0", 1)[0].decode(tarfile.ENCODING, "backslashreplace")
    after = f"after member {last!r}" if last is not None else "before any member"
    return DamagedArchiveError(
        f"a zero block at {where}, {after}, ends the archive, but a member header follows at byte "
        f"{offset + _BLOCK + distance:,} (naming {named!r}): a zeroed header, or archives joined end to end; "
        "the members after it would be lost; repair or replace the archive")


def _compressed(path: Path) -> bool:
    """Does the file start with the magic bytes of a compression `_open` reads?"""
    with open(path, "rb") as head:
        magic = head.read(6)
    return any(magic.startswith(prefix) for prefix, _ in _OPENERS)


def _open(path: Path):
    """The decompressed stream, by the file's magic bytes; if they mislead (a plain tar
    whose first name starts ``BZh``), the first read fails and `tarfile` takes over."""
    with open(path, "rb") as head:
        magic = head.read(6)
    for prefix, opener in _OPENERS:
        if magic.startswith(prefix):
            return opener(path, "rb")
    return open(path, "rb")


def _read(stream, size: int) -> bytes:
    """``stream.read(size)``; any error (corrupt or cut compressed data, bytes after the
    compressed stream, the wrong decompressor) is left to `tarfile` to judge: it may
    read the archive all the same (it stops at the end-of-archive block, before any
    trailing bytes) or report the error in its own words."""
    try:
        return stream.read(size)
    except Exception:  # noqa: BLE001 - tarfile decides what the error is
        raise _Unusual from None


def _octal(field: bytes) -> int:
    """A header number field as `tarfile.nti` reads an octal one (base-256: unusual)."""
    if field[:1] in (b"\x80", b"\xff"):
        raise _Unusual
    end = field.find(b"\0")
    digits = (field if end < 0 else field[:end]).strip()
    try:
        return int(digits or b"0", 8)
    except ValueError:
        raise _Unusual from None


#: A number field `tarfile.nti` surely reads: spaces, octal digits, spaces, then a NUL
#: and anything (nti cuts at the NUL). Anything else is left to nti itself.
_PLAIN_NUMBER = re.compile(rb" *[0-7]* *(?:\x00.*)?", re.DOTALL)
#: The number fields tarfile.frombuf reads besides size and checksum: mode, uid, gid,
#: mtime, devmajor, devminor (an invalid one ends the archive there, in tarfile).
_OTHER_NUMBERS = ((100, 108), (108, 116), (116, 124), (136, 148), (329, 337), (337, 345))


def _numbers_ok(header: bytes) -> bool:
    for start, end in _OTHER_NUMBERS:
        field = header[start:end]
        if not _PLAIN_NUMBER.fullmatch(field):
            try:
                tarfile.nti(field)
            except tarfile.InvalidHeaderError:
                return False
    return True


def _checksum_ok(header: bytes) -> bool:
    """`tarfile.calc_chksums`: the unsigned or the signed sum, the field read as spaces."""
    stored = _octal(header[148:156])
    unsigned = sum(header) - sum(header[148:156]) + 256
    if stored == unsigned:
        return True
    signed = unsigned - 256 * sum(1 for b in header[:148] + header[156:] if b > 127)
    return stored == signed


def _plain(path: Path, yielded: list[int]) -> Iterator[tuple[str, bytes]]:
    """Yield the regular files, counting them in ``yielded[0]``; raise `_Unusual`
    wherever `tarfile` might read the archive differently, and `DamagedArchiveError`
    where the archive ends other than at its end (a header cut short, a zero block
    followed by more members)."""
    compressed = _compressed(path)
    with _open(path) as stream:
        data, at, first = b"", 0, True
        done = 0  # bytes of the tar data before ``data[0]``
        last = None  # the name of the last member read (any kind)
        while True:
            if len(data) - at < _BLOCK:
                done += at
                data, at = data[at:] + _read(stream, _READ), 0
            header = data[at:at + _BLOCK]
            if not header:
                if first:  # an empty file: tarfile reports it in its own words
                    raise _Unusual
                return  # the data ends at a header boundary: an end tarfile and GNU tar accept
            if len(header) < _BLOCK:
                if first:
                    raise _Unusual  # tarfile's message for a file shorter than a block
                raise _damage(header, done + at, last, compressed)
            if header.count(0) == _BLOCK:
                # the end-of-archive marker, unless a member header follows it
                found = _header_after_end(data[at + _BLOCK:], stream)
                if found is not None:
                    raise _members_after_end(done + at, *found, last, compressed)
                return
            first = False
            if not (_checksum_ok(header) and _numbers_ok(header)):
                raise _Unusual
            kind = header[156]
            size = _octal(header[124:136])
            if size < 0:
                raise _Unusual
            at += _BLOCK
            raw_name = header[:100].split(b"\0", 1)[0]
            if kind in _OTHER_PLAIN or (kind == 0 and raw_name.endswith(b"/")):
                last = _name(raw_name, header)
                continue  # links, devices, folders (v7: a plain file named .../): no data read
            if kind not in _REGULAR:  # extension records (pax, GNU long names), sparse, unknown
                raise _Unusual
            padded = -(-size // _BLOCK) * _BLOCK
            if len(data) - at < padded:
                done += at
                data, at = data[at:] + _read(stream, max(_READ, padded)), 0
            name = last = _name(raw_name, header)
            if len(data) - at < size:
                raise EOFError(f"{name} is cut short")
            yield name, data[at:at + size]
            yielded[0] += 1
            if len(data) - at < padded:  # the file whole, its padding cut: as tarfile says
                raise tarfile.ReadError("unexpected end of data")
            at += padded


def _looks_like_header(block: bytes) -> bool:
    """Is ``block`` a whole tar header with a valid checksum (not a file's data)?"""
    try:
        return len(block) == _BLOCK and _checksum_ok(block)
    except _Unusual:
        return False


def _name(raw_name: bytes, header: bytes) -> str:
    """The member name as `tarfile` decodes it (ustar prefix joined)."""
    name = raw_name.decode(tarfile.ENCODING, "surrogateescape")
    prefix = header[345:500].split(b"\0", 1)[0]
    if prefix:
        name = prefix.decode(tarfile.ENCODING, "surrogateescape") + "/" + name
    return name


def _by_tarfile(path: Path, skip: int) -> Iterator[tuple[str, bytes]]:
    with tarfile.open(path, "r:*") as archive:
        stream = archive.fileobj
        last = None
        for info in archive:
            last = info.name
            if not info.isfile():
                continue
            if skip:
                skip -= 1
                continue
            if info.size < 0:  # tarfile reads a negative size field; it is no file
                raise tarfile.ReadError(f"{info.name}: negative size in its header")
            if info.issparse():  # its holes filled in, as extractfile gives it
                data = archive.extractfile(info).read()
            else:
                stream.seek(info.offset_data)
                data = stream.read(info.size)
            if len(data) != info.size:
                raise EOFError(f"{info.name} is cut short")
            yield info.name, data
        _check_end(archive, last, _compressed(path))


def _check_end(archive: tarfile.TarFile, last: str | None, compressed: bool) -> None:
    """Raise `DamagedArchiveError` unless ``archive`` ended at its end: `tarfile` stops
    without a word at a damaged header after the first and at a header cut short, at
    ``archive.offset``, where it also stops at the end-of-archive marker or at the end
    of the data. The block there tells which (one seek back; only on this slow path), and
    after a zero block, whether a member header follows."""
    stream = archive.fileobj
    stream.seek(archive.offset)
    header = stream.read(_BLOCK)
    if not header:
        return
    if len(header) < _BLOCK or header.count(0) != _BLOCK:
        raise _damage(header, archive.offset, last, compressed)
    found = _header_after_end(b"", stream)
    if found is not None:
        raise _members_after_end(archive.offset, *found, last, compressed)


def regular_files(path: Path | str) -> Iterator[tuple[str, bytes]]:
    """The regular files of the tar archive at ``path``, in archive order.

    Parameters
    ----------
    path : Path or str
        A ``.tar``, ``.tar.gz``, ``.tar.bz2`` or ``.tar.xz`` file.

    Yields
    ------
    tuple of (str, bytes)
        Each regular file's name (as `tarfile` names it) and bytes.

    Raises
    ------
    DamagedArchiveError
        A header after the first is damaged, the data ends inside a header, or a zero
        block is followed by more members (where `tarfile` stops without a word):
        the message names the last member read and the byte offset. The files before
        it have been yielded.
    tarfile.TarError, EOFError, OSError
        The archive cannot be read to its end otherwise (`tarfile.ReadError` also for a
        header with a negative size, where `tarfile` yields a file it cannot read).
    """
    path = Path(path)
    yielded = [0]
    try:
        try:
            yield from _plain(path, yielded)
        except _Unusual:
            yield from _by_tarfile(path, yielded[0])
    except (lzma.LZMAError, zlib.error) as err:  # tarfile reports these as ReadError too
        raise tarfile.ReadError(str(err)) from None
