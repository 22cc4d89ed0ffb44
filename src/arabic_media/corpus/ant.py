"""The ANT news corpus: what its member names encode, and the ``<TEXT>`` body cut.

The one place that knows the layout of the multi-source ANT corpus v2.1 (Chouigui, Ben
Khiroun, Elayeb 2021, doi:10.1007/s13369-020-05258-z): member paths
``antcorpus-multisource-v2.1/<Source>/<category>/<XX>-<category>-<n>-<yyyymmdd>.txt``,
each a TREC/CLEF-style file ``<DOC> <DOCNO> ... <TEXT> ... </TEXT> </DOC>``.

`text_body` is the body rule of ``scripts/extract_ant_articles.py`` (which will call it),
raising `AntFormatError` instead of exiting; `tag` reads one ``<NAME>...</NAME>``
element; `parse_member_name` reads outlet, section, id and date from a member path.
Reading the archive itself is `arabic_media.corpus.sources.TrecArchive`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from arabic_media.corpus.decode import line_endings
from arabic_media.corpus.errors import CorpusError

__all__ = [
    "AntFormatError",
    "MemberName",
    "TEXT_START",
    "TEXT_END",
    "parse_member_name",
    "tag",
    "text_body",
]

#: The markers the body lies strictly between (the newline after ``<TEXT>`` and the
#: one before ``</TEXT>`` are not part of the body).
TEXT_START, TEXT_END = b"<TEXT>\n", b"\n</TEXT>"
_ASCII_SPACE = b" \t\r\f\v"


class AntFormatError(CorpusError):
    """A member does not follow the ANT file format.

    Parameters
    ----------
    message : str
        What is wrong, naming the member.
    reason : str
        A short code for the failures table: ``no_text``, ``crlf_line_endings``,
        ``text_twice``, ``no_text_end``, ``text_end_twice``, ``text_end_first``,
        ``empty_body`` (keys of `arabic_media.corpus.article.REASONS`), or ``tag``.

    Attributes
    ----------
    reason : str
        As given.
    """

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def text_body(member: bytes, name: str) -> bytes:
    """The ``<TEXT>`` body of an ANT member file, as bytes (the published bytes, cut).

    The rule: ``<TEXT>\\n`` and ``\\n</TEXT>`` occur exactly once each, in that order;
    the body is the byte substring strictly between them; then, while the body's last
    line (the bytes after its last ``\\n``) holds only ASCII whitespace (space, tab, CR,
    FF, VT), that line and the ``\\n`` before it are removed. Nothing else changes: no
    newline is added, spaces and diacritics inside are kept.

    Parameters
    ----------
    member : bytes
        The member file's bytes.
    name : str
        The member as messages name it.

    Returns
    -------
    bytes
        The body, not decoded.

    Raises
    ------
    AntFormatError
        Rather than guess: a tag missing or unclosed, a second ``<TEXT>`` or
        ``</TEXT>``, ``</TEXT>`` first, a body of only whitespace (its ``reason``
        says which); a file whose tags end with CRLF is refused with the reason
        ``crlf_line_endings``, naming its line endings.
    """
    for marker, missing, repeated in ((TEXT_START, "no_text", "text_twice"), (TEXT_END, "no_text_end", "text_end_twice")):
        found = member.count(marker)
        with_cr = marker.replace(b"\n", b"\r\n")
        if found == 0 and with_cr in member:
            # the tag is there, with a CR before the LF: say so, rather than "no <TEXT>"
            raise AntFormatError(
                f"{name}: {marker!r} occurs 0 times, but {with_cr!r} does: the file's line endings are "
                f"{line_endings(member.decode('latin-1'))}, the ANT format's are LF; convert them to LF (the body "
                "is cut between LF-ended tags)", "crlf_line_endings")
        if found != 1:
            raise AntFormatError(
                f"{name}: {marker!r} occurs {found} times, expected once", missing if found == 0 else repeated
            )
    start = member.index(TEXT_START) + len(TEXT_START)
    end = member.index(TEXT_END)
    if end < start:
        raise AntFormatError(f"{name}: </TEXT> comes before <TEXT>", "text_end_first")
    body = member[start:end]
    while body and not body.rsplit(b"\n", 1)[-1].strip(_ASCII_SPACE):
        body = body.rsplit(b"\n", 1)[0] if b"\n" in body else b""
    if not body.strip():
        raise AntFormatError(f"{name}: the <TEXT> body is empty", "empty_body")
    return body


def tag(text: str, name: str, member: str) -> str:
    """The content of the single ``<name>...</name>`` element of ``text``, stripped.

    Parameters
    ----------
    text : str
        A member file's decoded text.
    name : str
        The element's tag name (``TITLE``, ``DOCNO``).
    member : str
        The member as messages name it.

    Returns
    -------
    str
        The element's content, stripped of surrounding whitespace.

    Raises
    ------
    AntFormatError
        The element occurs other than once (reason ``tag``), naming ``member``.
    """
    found = re.findall(rf"<{name}>(.*?)</{name}>", text, flags=re.DOTALL)
    if len(found) != 1:
        raise AntFormatError(f"{member}: <{name}> occurs {len(found)} times, expected once", "tag")
    return found[0].strip()


@dataclass(frozen=True)
class MemberName:
    """What an ANT member path encodes.

    Attributes
    ----------
    outlet : str
        The ``<Source>`` folder, e.g. ``BBC``.
    section : str
        The category, e.g. ``technology``.
    article_id : str
        The file stem in lower case, e.g. ``bb-technology-174-20180427``: the
        ``<DOCNO>`` in lower case, as the held-out extraction names its articles.
    published : str
        ISO date ``YYYY-MM-DD`` from the ``yyyymmdd`` part.
    """

    outlet: str
    section: str
    article_id: str
    published: str


_MEMBER_RE = re.compile(
    r"(?:^|/)(?P<outlet>[^/]+)/(?P<section>[^/]+)/"
    r"(?P<stem>[A-Za-z]{2}-(?P=section)-\d+-(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2}))\.txt$"
)


def parse_member_name(path: str) -> MemberName | None:
    """Outlet, section, id and date from an ANT member path.

    Parameters
    ----------
    path : str
        A member path, ``.../<Source>/<category>/<XX>-<category>-<n>-<yyyymmdd>.txt``
        (tidied first when it holds ``//`` or ``/.``).

    Returns
    -------
    MemberName or None
        What the path encodes, or None when it does not follow that pattern (the
        archive's README, another corpus).

    Examples
    --------
    >>> parse_member_name("antcorpus-multisource-v2.1/BBC/technology/BB-technology-174-20180427.txt")
    MemberName(outlet='BBC', section='technology', article_id='bb-technology-174-20180427', published='2018-04-27')
    """
    if "//" in path or "/." in path or path.startswith("."):  # a path to tidy first
        path = PurePosixPath(path).as_posix()
    match = _MEMBER_RE.search(path)
    if not match:
        return None
    return MemberName(
        outlet=match["outlet"],
        section=match["section"],
        article_id=match["stem"].lower(),
        published=f"{match['y']}-{match['m']}-{match['d']}",
    )
