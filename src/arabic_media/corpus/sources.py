"""Reading a corpus as a stream, one article at a time, from any of three sources.

* `ManifestFolder` -- the study's corpus folder (``manifest.csv`` + article files),
  checked as `arabic_media.corpus.load_corpus` checks it (the manifest strictly, then
  each file's sha256 and decoding).
* `TextFolder` -- a plain folder of ``.txt`` files (one article each).
* `TrecArchive` -- a TREC-style archive (``.tar``, ``.tar.gz``, ``.tar.xz``) of files
  ``<DOC> ... <TEXT> ... </TEXT> </DOC>``, such as the ANT corpus, read member by
  member without unpacking it to disk.

Every source is read in two steps, so that the reading can be one process and the rest
many: `members` (the reader: bytes only, nothing else) yields `Member` records, and
`prepare` turns one into an `Article` (provenance + decoded text) or a `Failure` (the
article could not be read: its name, a short ``reason`` and the message). Iterating a
source does both. A failure never stops the stream; a broken source (a manifest that
does not check out, a truncated archive) raises `CorpusError`.

Decoding follows `arabic_media.corpus.decode_article` exactly (a strict UTF-8 fast path
is taken only where that function would return the same text with no warning), so an
article is refused here for the reason the loader would give.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import sys
import tarfile
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from arabic_media import paths
from arabic_media.corpus.ant import AntFormatError, parse_member_name, text_body
from arabic_media.corpus.decode import decode_article
from arabic_media.corpus.errors import CorpusError
from arabic_media.corpus.names import shown_name
from arabic_media.corpus.tarstream import DamagedArchiveError, regular_files

__all__ = [
    "Article",
    "Failure",
    "Member",
    "ManifestFolder",
    "TextFolder",
    "TrecArchive",
    "REASONS",
    "count_reasons",
    "decode_text",
    "failures_table",
    "open_source",
    "read_articles",
]

#: The reasons an article is refused, as they appear in a failures table.
REASONS = {
    "undecodable": "the bytes are not text in an encoding the loader accepts (decode_article)",
    "empty_body": "the file or the <TEXT> body is empty or holds only whitespace",
    "sha256_mismatch": "the file's sha256 differs from the manifest's",
    "unreadable": "the file could not be read (an OS error)",
    "no_text": "no <TEXT> tag",
    "text_twice": "<TEXT> more than once",
    "no_text_end": "no </TEXT> closing the body",
    "text_end_twice": "</TEXT> more than once",
    "text_end_first": "</TEXT> before <TEXT>",
}


@dataclass(frozen=True)
class Member:
    """One article's bytes as read from a source, before anything else is done.
    ``name``: where it was read (member path in the archive, or file path shown as the
    loader names it); ``expected``: what the source says about it (a manifest row)."""

    name: str
    data: bytes
    expected: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Article:
    """A readable article with its provenance.

    ``source``: member path or file path (no machine path); ``sha256``: of the bytes
    read (the whole member file for an archive, the article file for a folder);
    ``article_id``, ``outlet``, ``section``, ``published`` (ISO date): from the
    manifest row, or what an ANT member name encodes, or empty; ``encoding``: what the
    bytes were decoded from; ``text``: the article (for an archive, the ``<TEXT>``
    body); ``warnings``: what `decode_article` warned about, if anything.
    """

    article_id: str
    source: str
    sha256: str
    text: str
    encoding: str = "utf-8"
    outlet: str = ""
    section: str = ""
    published: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Failure:
    """An article that could not be read: ``source`` names it, ``reason`` is a key of
    `REASONS`, ``detail`` the full message (naming the file and the byte)."""

    source: str
    reason: str
    detail: str


# C0 and C1 control characters other than tab, LF, VT, FF, CR: decode_article warns about
# them. In valid UTF-8 a C0 control or DEL is that one byte (no other character's bytes
# fall below 0x80) and a C1 control is 0xC2 then 0x80-0x9F, so they are found in the
# bytes, by a C-level deletion and a literal search, faster than a scan of the text.
_C0_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20)) + b"\x7f"
_C1_RE = re.compile(rb"\xc2[\x80-\x9f]")


def _has_controls(utf8: bytes) -> bool:
    """Does valid UTF-8 ``utf8`` hold a C0 or C1 control other than TAB, LF, VT, FF, CR?"""
    return len(utf8.translate(None, _C0_BYTES)) != len(utf8) or (b"\xc2" in utf8 and _C1_RE.search(utf8) is not None)


def decode_text(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode an article's bytes by the rules of `decode_article`; return ``(text,
    encoding, warnings)``. Raises `CorpusError` as it does, and also for a text that
    holds only whitespace (the loader's check). Bytes that are valid UTF-8 without a
    BOM, NUL or other control characters take a fast path (a plain decode): that is
    exactly the case where `decode_article` returns the decoded text and warns of
    nothing."""
    if data and not data.startswith(codecs.BOM_UTF8):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if not _has_controls(data):
                if not text.strip():
                    raise CorpusError(f"{name}: the file holds only whitespace")
                return text, "utf-8", ()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text, encoding, _bom = decode_article(data, name)
    if not text.strip():
        raise CorpusError(f"{name}: the file holds only whitespace")
    return text, encoding, tuple(str(w.message) for w in caught)


def _decoded(member: Member, **fields) -> Article | Failure:
    """The `Article` for ``member``'s bytes (``fields`` fill its provenance), or the
    `Failure` the loader would have raised."""
    data = fields.pop("body", member.data)
    if not data:
        return Failure(member.name, "empty_body", f"{member.name}: the file is empty")
    try:
        text, encoding, warned = decode_text(data, member.name)
    except CorpusError as err:
        reason = "empty_body" if "only whitespace" in str(err) else "undecodable"
        return Failure(member.name, reason, str(err))
    renamed = dict(member.expected).get("name_note")  # a name that is not UTF-8, shown escaped
    if renamed:
        warned = (renamed, *warned)
    return Article(source=member.name, text=text, encoding=encoding, warnings=warned, **fields)


class _Source:
    """What every source does: ``members`` (read), ``prepare`` (decode one), iterate
    (both), and ``describe`` (a record for provenance, no machine path)."""

    def members(self) -> Iterator[Member]:  # pragma: no cover - abstract
        raise NotImplementedError

    def prepare(self, member: Member) -> Article | Failure:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self) -> dict[str, str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def __iter__(self) -> Iterator[Article | Failure]:
        for member in self.members():
            yield self.prepare(member)


@dataclass(frozen=True)
class ManifestFolder(_Source):
    """The study's corpus folder (default ``corpus/``): ``manifest.csv`` is read and
    checked by `read_manifest` before any article (a bad manifest raises
    `CorpusError`); each listed file is then read, its sha256 compared with the
    manifest's, and decoded. ``article_id``, ``outlet`` and ``published`` come from the
    manifest."""

    root: Path = field(default_factory=lambda: paths.CORPUS_DIR)

    def members(self) -> Iterator[Member]:
        from arabic_media.corpus.manifest import display_name, read_manifest  # pandas: here, not in workers

        root = Path(self.root)
        manifest = read_manifest(root)
        for record in manifest.to_dict("records"):
            name = display_name(root, record["file"])
            expected = tuple((k, str(record[k])) for k in ("article_id", "sha256", "outlet", "published"))
            try:
                data = (root / record["file"]).read_bytes()
            except OSError as err:
                data = None
                expected += (("error", f"{name}: {err.strerror or err}"),)
            yield Member(name, data if data is not None else b"", expected)

    def prepare(self, member: Member) -> Article | Failure:
        expected = dict(member.expected)
        if "error" in expected:
            return Failure(member.name, "unreadable", expected["error"])
        digest = hashlib.sha256(member.data).hexdigest()
        if digest != expected["sha256"].lower():
            return Failure(
                member.name,
                "sha256_mismatch",
                f"{member.name}: sha256 is {digest} but the manifest says {expected['sha256']}",
            )
        return _decoded(
            member,
            article_id=expected["article_id"],
            sha256=digest,
            outlet=expected["outlet"],
            published=expected["published"],
        )

    def describe(self) -> dict[str, str]:
        return {"kind": "manifest folder", "name": paths.relative(Path(self.root))}


@dataclass(frozen=True)
class TextFolder(_Source):
    """A plain folder of article files (``pattern``, default every ``*.txt`` below
    ``root``), read in sorted path order. ``article_id`` is the path below ``root``
    without ``.txt``; ``source`` is ``<folder name>/<path below root>`` (a file name
    that is not UTF-8 shown with ``\\x`` escapes, with a warning)."""

    root: Path
    pattern: str = "**/*.txt"

    def members(self) -> Iterator[Member]:
        root = Path(self.root)
        if not root.is_dir():
            raise CorpusError(f"{paths.relative(root)}: no such folder")
        folder = shown_name(root.resolve().name)[0]
        for file in sorted(p for p in root.glob(self.pattern) if p.is_file()):
            # a file name that is not UTF-8: shown with \x escapes (`shown_name`)
            relative, renamed = shown_name(file.relative_to(root).as_posix())
            name = f"{folder}/{relative}"
            try:
                data = file.read_bytes()
            except OSError as err:
                yield Member(name, b"", (("error", f"{name}: {err.strerror or err}"),))
                continue
            noted = (("name_note", f"{folder}/{renamed}"),) if renamed else ()
            yield Member(name, data, (("article_id", relative.removesuffix(".txt")), *noted))

    def prepare(self, member: Member) -> Article | Failure:
        expected = dict(member.expected)
        if "error" in expected:
            return Failure(member.name, "unreadable", expected["error"])
        return _decoded(member, article_id=expected["article_id"], sha256=hashlib.sha256(member.data).hexdigest())

    def describe(self) -> dict[str, str]:
        return {"kind": "text folder", "name": shown_name(Path(self.root).resolve().name)[0]}


@dataclass(frozen=True)
class TrecArchive(_Source):
    """A TREC-style tar archive (``.tar``, ``.tar.gz``, ``.tar.bz2``, ``.tar.xz``),
    read member by member in archive order without unpacking it.

    Every regular file whose name ends with ``suffix`` (default ``.txt``) is an
    article; other members (the corpus README, folders) are skipped. The text is the
    ``<TEXT>`` body cut by `arabic_media.corpus.ant.text_body`; ``sha256`` is of the
    whole member file, as published; outlet, section, id and date come from the ANT
    member name (`parse_member_name`), or the id is the file stem in lower case.
    ``limit`` stops after that many articles; ``step`` keeps every ``step``-th (a
    sample spread over the whole archive, which is then read to its end). A member
    name that is not UTF-8 is shown with ``\\x`` escapes (`shown_name`), and the
    article carries a warning saying so.
    """

    path: Path
    suffix: str = ".txt"
    limit: int | None = None
    step: int = 1

    def members(self) -> Iterator[Member]:
        path = Path(self.path)
        if not path.is_file():
            raise CorpusError(f"{path.name}: no such archive")
        kept = seen = 0
        try:
            for name, data in regular_files(path):
                if not name.endswith(self.suffix):
                    continue
                seen += 1
                if (seen - 1) % self.step:
                    continue
                # a name that is not UTF-8 would fail in every table: shown with \x escapes
                shown, renamed = shown_name(name)
                yield Member(shown, data, (("name_note", renamed),) if renamed else ())
                kept += 1
                if self.limit is not None and kept >= self.limit:
                    return
        except DamagedArchiveError as err:
            raise CorpusError(f"{path.name}: {err}") from None
        except (tarfile.TarError, EOFError, OSError) as err:
            raise CorpusError(f"{path.name}: cannot be read as a tar archive ({err})") from None

    def prepare(self, member: Member) -> Article | Failure:
        digest = hashlib.sha256(member.data).hexdigest()
        try:
            body = text_body(member.data, member.name)
        except AntFormatError as err:
            return Failure(member.name, err.reason, str(err))
        parsed = parse_member_name(member.name)
        if parsed is None:
            provenance = {"article_id": PurePosixPath(member.name).stem.lower()}
        else:
            # outlet, section and date repeat from article to article: one string each
            # (a corpus count keeps a row per article)
            provenance = {
                "article_id": parsed.article_id,
                "outlet": sys.intern(parsed.outlet),
                "section": sys.intern(parsed.section),
                "published": sys.intern(parsed.published),
            }
        return _decoded(member, body=body, sha256=digest, **provenance)

    def describe(self) -> dict[str, str]:
        described = {"kind": "TREC archive", "name": shown_name(Path(self.path).name)[0]}
        if self.limit is not None:
            described["limit"] = str(self.limit)
        if self.step != 1:
            described["step"] = str(self.step)
        return described


def open_source(location: Path | str, **options) -> ManifestFolder | TextFolder | TrecArchive:
    """The source at ``location``: a ``.tar*`` file is a `TrecArchive`, a folder with a
    ``manifest.csv`` a `ManifestFolder`, any other folder a `TextFolder`."""
    location = Path(location)
    if location.is_file() and ".tar" in location.name:
        return TrecArchive(location, **options)
    if location.is_dir():
        if (location / "manifest.csv").is_file():
            return ManifestFolder(location, **options)
        return TextFolder(location, **options)
    raise CorpusError(f"{paths.relative(location)}: not a corpus folder or a .tar archive")


def read_articles(source: Iterable[Article | Failure], failures: list[Failure] | None = None) -> Iterator[Article]:
    """The readable articles of ``source``, one at a time; each `Failure` is appended
    to ``failures`` (when given) and the stream goes on."""
    for item in source:
        if isinstance(item, Failure):
            if failures is not None:
                failures.append(item)
            continue
        yield item


def failures_table(failures: Iterable[Failure]):
    """The failures as a table: ``source, reason, detail`` (a pandas DataFrame), in
    the order they were met."""
    import pandas as pd

    return pd.DataFrame(
        [(f.source, f.reason, f.detail) for f in failures], columns=["source", "reason", "detail"]
    )


def count_reasons(failures: Iterable[Failure]) -> dict[str, int]:
    """Refused articles by reason, most frequent first (ties by reason)."""
    counts = Counter(f.reason for f in failures)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
