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

Decoding and checking an article's bytes is `arabic_media.corpus.article`'s, the path
`load_corpus` takes too (`decode_article`'s rules, with a strict UTF-8 fast path taken
only where that function would return the same text with no warning, then a visible
character required), so an article is refused here for the reason the loader gives.
"""

from __future__ import annotations

import hashlib
import itertools
import sys
import tarfile
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from arabic_media import paths
from arabic_media.corpus.ant import AntFormatError, parse_member_name, text_body
from arabic_media.corpus.article import REASONS, ArticleError, check_article, decode_checked, read_article_bytes
from arabic_media.corpus.errors import CorpusError, CorpusWarning
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
    "duplicate_id_message",
    "duplicate_ids",
    "failures_table",
    "open_source",
    "read_articles",
]

@dataclass(frozen=True)
class Member:
    """One article's bytes as read from a source, before anything else is done.

    Attributes
    ----------
    name : str
        Where it was read: member path in the archive, or file path shown as the
        loader names it.
    data : bytes
        The bytes read (empty when the file could not be read).
    expected : tuple of tuple of (str, str)
        What the source says about it, as ``(key, value)`` pairs: a manifest row's
        cells, an id, or a note (``error``: why it could not be read;
        ``name_note``: a name shown with escapes).
    """

    name: str
    data: bytes
    expected: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Article:
    """A readable article with its provenance.

    Attributes
    ----------
    article_id : str
        From the manifest row, or what an ANT member name encodes, or the file's path
        or stem.
    source : str
        Member path or file path (no machine path).
    sha256 : str
        Of the bytes read: the whole member file for an archive, the article file for
        a folder.
    text : str
        The article (for an archive, the ``<TEXT>`` body).
    encoding : str, default "utf-8"
        What the bytes were decoded from.
    outlet, section, published : str, optional
        From the manifest row, or what an ANT member name encodes (``published`` an
        ISO date), or empty.
    warnings : tuple of str, optional
        What `decode_article` warned about, if anything (and a note on a name shown
        with escapes).
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
    """An article that could not be read.

    Attributes
    ----------
    source : str
        The member or file, as messages name it.
    reason : str
        A key of `REASONS`.
    detail : str
        The full message, naming the file and, where there is one, the byte.
    """

    source: str
    reason: str
    detail: str


def decode_text(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode an article's bytes as every reader of the corpus does (`decode_checked`).

    Parameters
    ----------
    data : bytes
        The article's bytes.
    name : str
        The file or member as messages name it.

    Returns
    -------
    tuple of (str, str, tuple of str)
        ``(text, encoding, warnings)``.

    Raises
    ------
    ArticleError
        As `decode_checked`: bytes `decode_article` refuses, no bytes, or a text with
        no visible character (only whitespace and invisible characters).
    """
    decoded = decode_checked(data, name)
    return decoded.text, decoded.encoding, decoded.warnings


def _decoded(member: Member, **fields) -> Article | Failure:
    """The `Article` for ``member``'s bytes (``fields`` fill its provenance), or the
    `Failure` the loader would have raised."""
    data = fields.pop("body", member.data)
    try:
        decoded = decode_checked(data, member.name)
    except ArticleError as err:
        return Failure(member.name, err.reason, str(err))
    warned = decoded.warnings
    renamed = dict(member.expected).get("name_note")  # a name that is not UTF-8, shown escaped
    if renamed:
        warned = (renamed, *warned)
    return Article(source=member.name, text=decoded.text, encoding=decoded.encoding, warnings=warned, **fields)


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
    """The study's corpus folder as a source: ``manifest.csv`` and the files it lists.

    ``manifest.csv`` is read and checked by `read_manifest` before any article (a bad
    manifest raises `CorpusError`); each listed file is then read, its sha256
    compared with the manifest's, decoded and checked for visible text by the
    loader's own path (`corpus.article.check_article`), so `load_corpus` and this
    source accept and refuse the same files with the same message. ``article_id``,
    ``outlet`` and ``published`` come from the manifest.

    Attributes
    ----------
    root : Path, optional
        The corpus folder (default ``corpus/``).
    """

    root: Path = field(default_factory=lambda: paths.CORPUS_DIR)

    def members(self) -> Iterator[Member]:
        """Read each file the manifest lists, in the manifest's order.

        Yields
        ------
        Member
            The file's bytes, with the manifest's ``article_id``, ``sha256``,
            ``outlet`` and ``published``; a file that cannot be read gives no bytes
            and an ``error`` note (`prepare` turns it into a `Failure`).

        Raises
        ------
        CorpusError
            The manifest does not check out (`read_manifest`).
        """
        from arabic_media.corpus.manifest import display_name, read_manifest  # pandas: here, not in workers

        root = Path(self.root)
        manifest = read_manifest(root)
        for record in manifest.to_dict("records"):
            name = display_name(root, record["file"])
            expected = tuple((k, str(record[k])) for k in ("article_id", "sha256", "outlet", "published"))
            try:
                data = read_article_bytes(root / record["file"], name)
            except ArticleError as err:
                data = b""
                expected += (("error", str(err)),)
            yield Member(name, data, expected)

    def prepare(self, member: Member) -> Article | Failure:
        """Check a member's bytes against the manifest's sha256 and decode them.

        Parameters
        ----------
        member : Member
            As `members` yields it.

        Returns
        -------
        Article or Failure
            The article, or why it was refused (``unreadable``, ``sha256_mismatch``,
            ``undecodable``, ``empty_body``), as `load_corpus` refuses it.
        """
        expected = dict(member.expected)
        if "error" in expected:
            return Failure(member.name, "unreadable", expected["error"])
        try:  # the loader's own check (`check_article`): the same files refused, the same words
            decoded = check_article(member.data, member.name, expected["sha256"])
        except ArticleError as err:
            return Failure(member.name, err.reason, str(err))
        return Article(
            article_id=expected["article_id"],
            source=member.name,
            sha256=expected["sha256"].lower(),
            text=decoded.text,
            encoding=decoded.encoding,
            outlet=expected["outlet"],
            published=expected["published"],
            warnings=decoded.warnings,
        )

    def describe(self) -> dict[str, str]:
        """What the source is, for a count's provenance (no machine path).

        Returns
        -------
        dict of str to str
            ``kind`` (``manifest folder``) and ``name`` (the folder, relative to the
            project).
        """
        return {"kind": "manifest folder", "name": paths.relative(Path(self.root))}


@dataclass(frozen=True)
class TextFolder(_Source):
    """A plain folder of article files, one article each, read in sorted path order.

    ``article_id`` is the path below ``root`` without ``.txt``; ``source`` is
    ``<folder name>/<path below root>`` (a file name that is not UTF-8 shown with
    ``\\x`` escapes, with a warning).

    Attributes
    ----------
    root : Path
        The folder.
    pattern : str, default "**/*.txt"
        The files to read, as a glob below ``root``.
    """

    root: Path
    pattern: str = "**/*.txt"

    def members(self) -> Iterator[Member]:
        """Read each file of ``pattern`` below ``root``, in sorted path order.

        Yields
        ------
        Member
            The file's bytes and its ``article_id``; a file that cannot be read gives
            no bytes and an ``error`` note (`prepare` turns it into a `Failure`).

        Raises
        ------
        CorpusError
            ``root`` is not a folder.
        """
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
        """Decode a member's bytes and check them for visible text.

        Parameters
        ----------
        member : Member
            As `members` yields it.

        Returns
        -------
        Article or Failure
            The article (``sha256`` of the file's bytes), or why it was refused
            (``unreadable``, ``undecodable``, ``empty_body``).
        """
        expected = dict(member.expected)
        if "error" in expected:
            return Failure(member.name, "unreadable", expected["error"])
        return _decoded(member, article_id=expected["article_id"], sha256=hashlib.sha256(member.data).hexdigest())

    def describe(self) -> dict[str, str]:
        """What the source is, for a count's provenance (no machine path).

        Returns
        -------
        dict of str to str
            ``kind`` (``text folder``) and ``name`` (the folder's own name).
        """
        return {"kind": "text folder", "name": shown_name(Path(self.root).resolve().name)[0]}


@dataclass(frozen=True)
class TrecArchive(_Source):
    """A TREC-style tar archive, read member by member without unpacking it.

    ``.tar``, ``.tar.gz``, ``.tar.bz2`` or ``.tar.xz``, read in archive order. Every
    regular file whose name ends with ``suffix`` is an article; other members (the
    corpus README, folders) are skipped. The text is the ``<TEXT>`` body cut by
    `arabic_media.corpus.ant.text_body`; ``sha256`` is of the whole member file, as
    published; outlet, section, id and date come from the ANT member name
    (`parse_member_name`), or the id is the file stem in lower case. A member name
    that is not UTF-8 is shown with ``\\x`` escapes (`shown_name`), and the article
    carries a warning saying so.

    Attributes
    ----------
    path : Path
        The archive.
    suffix : str, default ".txt"
        How an article member's name ends.
    limit : int, optional
        Stop after that many articles (at least 1; None: all).
    step : int, default 1
        Keep every ``step``-th article (at least 1: a sample spread over the whole
        archive, which is then read to its end).

    Raises
    ------
    ValueError
        On construction, a ``limit`` or ``step`` that is not a whole number of at
        least 1 (a bool is not one).
    """

    path: Path
    suffix: str = ".txt"
    limit: int | None = None
    step: int = 1

    def __post_init__(self) -> None:
        # limit=0 gave one article (the check came after the first), step=0 a ZeroDivisionError
        if self.limit is not None and (isinstance(self.limit, bool) or not isinstance(self.limit, int)
                                       or self.limit < 1):
            raise ValueError(f"TrecArchive limit={self.limit!r}: give a number of articles of at least 1, "
                             "or None for all of them")
        if isinstance(self.step, bool) or not isinstance(self.step, int) or self.step < 1:
            raise ValueError(f"TrecArchive step={self.step!r}: give a whole number of at least 1 (1 keeps "
                             "every article, 10 every tenth)")

    def members(self) -> Iterator[Member]:
        """Read the article members, in archive order (``limit`` and ``step`` applied).

        Yields
        ------
        Member
            A member's name (escaped if not UTF-8, with a ``name_note``) and bytes.

        Raises
        ------
        CorpusError
            No such archive, or one that cannot be read to its end (a damaged header,
            a cut stream: `regular_files`), naming the archive.
        """
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
        """Cut a member's ``<TEXT>`` body, decode it, and read its name's provenance.

        Parameters
        ----------
        member : Member
            As `members` yields it.

        Returns
        -------
        Article or Failure
            The article, or why it was refused (an `AntFormatError` reason such as
            ``no_text``, or ``undecodable``, ``empty_body``).
        """
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
        """What the source is, for a count's provenance (no machine path).

        Returns
        -------
        dict of str to str
            ``kind`` (``TREC archive``), ``name`` (the archive's file name), and
            ``limit`` and ``step`` when they are set.
        """
        described = {"kind": "TREC archive", "name": shown_name(Path(self.path).name)[0]}
        if self.limit is not None:
            described["limit"] = str(self.limit)
        if self.step != 1:
            described["step"] = str(self.step)
        return described


def open_source(location: Path | str, **options) -> ManifestFolder | TextFolder | TrecArchive:
    """The source at ``location``, by what it is.

    Parameters
    ----------
    location : Path or str
        A file or a folder.
    **options
        Passed to the source's constructor (``limit``, ``step`` for an archive).

    Returns
    -------
    ManifestFolder or TextFolder or TrecArchive
        A file whose name holds ``.tar`` is a `TrecArchive`, a folder with a
        ``manifest.csv`` a `ManifestFolder`, any other folder a `TextFolder`.

    Raises
    ------
    CorpusError
        ``location`` is neither a folder nor a ``.tar`` file.
    """
    location = Path(location)
    if location.is_file() and ".tar" in location.name:
        return TrecArchive(location, **options)
    if location.is_dir():
        if (location / "manifest.csv").is_file():
            return ManifestFolder(location, **options)
        return TextFolder(location, **options)
    raise CorpusError(f"{paths.relative(location)}: not a corpus folder or a .tar archive")


def read_articles(source: Iterable[Article | Failure], failures: list[Failure] | None = None) -> Iterator[Article]:
    """The readable articles of a source, one at a time.

    Parameters
    ----------
    source : iterable of Article or Failure
        A source of this module, or any iterable of `Article` and `Failure`.
    failures : list of Failure, optional
        A list each `Failure` is appended to (the stream goes on past it).

    Yields
    ------
    Article
        Each readable article, in the source's order.

    Warns
    -----
    CorpusWarning
        An article whose id an earlier one of the stream has already (two ANT
        members of the same stem in two folders), naming both members: a table keyed
        by ``article_id`` would merge them.
    """
    first_of: dict[str, str] = {}
    for item in source:
        if isinstance(item, Failure):
            if failures is not None:
                failures.append(item)
            continue
        earlier = first_of.setdefault(item.article_id, item.source)
        if earlier != item.source:
            warnings.warn(duplicate_id_message([(item.article_id, earlier, item.source)]), CorpusWarning,
                          stacklevel=2)
        yield item


def duplicate_ids(article_ids: Sequence[str], sources: Sequence[str]) -> list[tuple[str, str, str]]:
    """The articles whose id an earlier article already has.

    Parameters
    ----------
    article_ids, sources : sequence of str
        Each article's id and source, in reading order.

    Returns
    -------
    list of tuple of (str, str, str)
        ``(article_id, first source, this source)`` for each article after the first
        of its id, in reading order.
    """
    # Nearly always no id repeats, and a sorted copy of the list (a pointer an id) says
    # so: a dict of every id, made at the end of a count, raised its peak memory by MBs.
    ordered = sorted(article_ids)
    if all(a != b for a, b in zip(ordered, itertools.islice(ordered, 1, None))):
        return []
    del ordered
    first_of: dict[str, str] = {}
    repeated = []
    for article_id, source in zip(article_ids, sources):
        earlier = first_of.setdefault(article_id, source)
        if earlier != source:
            repeated.append((article_id, earlier, source))
    return repeated


def duplicate_id_message(repeated: list[tuple[str, str, str]], shown: int = 5) -> str:
    """The warning for articles that share an id.

    Parameters
    ----------
    repeated : list of tuple of (str, str, str)
        What `duplicate_ids` returns (not empty).
    shown : int, optional
        How many to name; the others are counted.

    Returns
    -------
    str
        The message, naming both members of each article shown.
    """
    pairs = "; ".join(f"{article_id!r}: {first} and {second}" for article_id, first, second in repeated[:shown])
    more = f" (and {len(repeated) - shown:,} more)" if len(repeated) > shown else ""
    return (f"{len(repeated):,} article(s) have the id of an earlier article: {pairs}{more}; a table keyed by "
            "article_id would merge them (the articles table keeps both rows, with their sources)")


def failures_table(failures: Iterable[Failure]):
    """The failures as a table.

    Parameters
    ----------
    failures : iterable of Failure
        As a source's stream gave them.

    Returns
    -------
    DataFrame
        ``source, reason, detail``: one row per failure, in the order given.
    """
    import pandas as pd

    return pd.DataFrame(
        [(f.source, f.reason, f.detail) for f in failures], columns=["source", "reason", "detail"]
    )


def count_reasons(failures: Iterable[Failure]) -> dict[str, int]:
    """Refused articles counted by reason.

    Parameters
    ----------
    failures : iterable of Failure
        The refused articles.

    Returns
    -------
    dict of str to int
        Reason -> count, most frequent first (ties by reason).
    """
    counts = Counter(f.reason for f in failures)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
