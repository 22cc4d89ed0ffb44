"""The regular files of a tar archive, read straight through its decompressed stream.

`regular_files` yields ``(name, bytes)`` for each regular file of a ``.tar``,
``.tar.gz``, ``.tar.bz2`` or ``.tar.xz`` archive, in archive order, without unpacking it.
It gives what `tarfile` gives (``tests/test_sources.py`` checks it member for member
against `tarfile` on archives of every kind), faster: `tarfile` builds a full `TarInfo`
for every header (thirteen fields parsed one by one), which on the 31,525 small files
of the ANT corpus costs more than the decompression itself; here a plain header
(ustar, GNU or v7, no extension records) is read for its name, size and type only, its
checksum checked as `tarfile` checks it, and the file's bytes are cut from large blocks
of the decompressed stream.

Anything else (a pax or GNU long-name header, a sparse file, a bad checksum, a number
field that is not plain octal, a negative size, compressed data that does not read to
the end) is left to `tarfile`: the archive is opened again with it and
the files already yielded are skipped, so such an archive reads exactly as `tarfile`
reads it.
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

__all__ = ["regular_files"]

_BLOCK = 512
#: Decompressed bytes read at a time.
_READ = 1 << 20
_REGULAR = frozenset(b"07\x00")  # REGTYPE, CONTTYPE, AREGTYPE (tarfile.REGULAR_TYPES but sparse)
_OTHER_PLAIN = frozenset(b"123456")  # links, devices, folders, FIFOs: no data block read
_OPENERS = ((b"\xfd7zXZ\x00", lzma.open), (b"\x1f\x8b", gzip.open), (b"BZh", bz2.open))


class _Unusual(Exception):
    """A header the plain reader leaves to `tarfile`."""


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
    wherever `tarfile` might read the archive differently."""
    with _open(path) as stream:
        data, at, first = b"", 0, True
        while True:
            if len(data) - at < _BLOCK:
                data, at = data[at:] + _read(stream, _READ), 0
            header = data[at:at + _BLOCK]
            if len(header) < _BLOCK or header.count(0) == _BLOCK:
                # tarfile stops at the first zero block or at the end of the stream; a
                # cut header or an empty archive it reports in its own words
                if 0 < len(header) < _BLOCK or (first and not header):
                    raise _Unusual
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
                continue  # links, devices, folders (v7: a plain file named .../): no data read
            if kind not in _REGULAR:  # extension records (pax, GNU long names), sparse, unknown
                raise _Unusual
            padded = -(-size // _BLOCK) * _BLOCK
            if len(data) - at < padded:
                data, at = data[at:] + _read(stream, max(_READ, padded)), 0
            name = _name(raw_name, header)
            if len(data) - at < size:
                raise EOFError(f"{name} is cut short")
            yield name, data[at:at + size]
            yielded[0] += 1
            if len(data) - at < padded:  # the file whole, its padding cut: as tarfile says
                raise tarfile.ReadError("unexpected end of data")
            at += padded


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
        for info in archive:
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


def regular_files(path: Path | str) -> Iterator[tuple[str, bytes]]:
    """``(name, bytes)`` of every regular file of the tar archive at ``path``, in
    archive order (as `tarfile` names them). Raises `tarfile.TarError`, `EOFError` or
    `OSError` for an archive that cannot be read to its end, and `tarfile.ReadError`
    for a header with a negative size (where `tarfile` yields a file it cannot read)."""
    path = Path(path)
    yielded = [0]
    try:
        try:
            yield from _plain(path, yielded)
        except _Unusual:
            yield from _by_tarfile(path, yielded[0])
    except (lzma.LZMAError, zlib.error) as err:  # tarfile reports these as ReadError too
        raise tarfile.ReadError(str(err)) from None
