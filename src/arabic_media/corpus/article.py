"""One article file's bytes to checked text: the one path every reader of a corpus takes.

`load_corpus` and the streaming sources (`corpus.sources`) read an article through
here, so they accept and refuse exactly the same files, for the same reason and with
the same message: the bytes are read (`read_article_bytes`), their sha256 compared
with the manifest's when there is one, decoded by the rules of `decode_article`
(`decode_checked`), and the text must hold a visible character (`visible_text_problem`):
a file of only whitespace, bidi marks or zero-width spaces would otherwise become an
article of no sentence and no token, counted as read.

A refusal is an `ArticleError`: a `CorpusError` whose ``reason`` is the short code of
a failures table (`REASONS`).
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

from arabic_media.corpus.decode import decode_article
from arabic_media.corpus.errors import CorpusError

__all__ = [
    "REASONS",
    "ArticleError",
    "DecodedArticle",
    "check_article",
    "decode_checked",
    "read_article_bytes",
    "visible_text_problem",
]

#: The reasons an article is refused, as they appear in a failures table.
REASONS = {
    "undecodable": "the bytes are not text in an encoding the loader accepts (decode_article)",
    "empty_body": "the file or the <TEXT> body is empty, or holds only whitespace and invisible characters",
    "sha256_mismatch": "the file's sha256 differs from the manifest's",
    "unreadable": "the file could not be read (an OS error)",
    "no_text": "no <TEXT> tag",
    "crlf_line_endings": "no <TEXT> tag as the ANT format writes it, because the file's line endings are CRLF",
    "text_twice": "<TEXT> more than once",
    "no_text_end": "no </TEXT> closing the body",
    "text_end_twice": "</TEXT> more than once",
    "text_end_first": "</TEXT> before <TEXT>",
}


class ArticleError(CorpusError):
    """An article refused: the message names the file and the problem.

    Parameters
    ----------
    message : str
        The message, naming the file and the problem.
    reason : str
        A key of `REASONS`: the article's row in a failures table.

    Attributes
    ----------
    reason : str
        As given.
    """

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class DecodedArticle:
    """An article's checked text, and what reading it found.

    Attributes
    ----------
    text : str
        As decoded, a BOM left out.
    encoding : str
        What the bytes were decoded from (``utf-8``, ``utf-16``, ``cp1256`` ...).
    bom : bool
        The bytes began with a byte-order mark.
    warnings : tuple of str
        What `decode_article` warned about (control characters, a legacy encoding),
        as messages.
    n_bytes : int
        The size of the bytes.
    """

    text: str
    encoding: str
    bom: bool
    warnings: tuple[str, ...]
    n_bytes: int


# C0 and C1 control characters other than tab, LF, VT, FF, CR: decode_article warns about
# them. In valid UTF-8 a C0 control or DEL is that one byte (no other character's bytes
# fall below 0x80) and a C1 control is 0xC2 then 0x80-0x9F, so they are found in the
# bytes, by a C-level deletion and a literal search, faster than a scan of the text.
_C0_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20)) + b"\x7f"
_C1_RE = re.compile(rb"\xc2[\x80-\x9f]")


def _has_controls(utf8: bytes) -> bool:
    """Does valid UTF-8 ``utf8`` hold a C0 or C1 control other than TAB, LF, VT, FF, CR?"""
    return len(utf8.translate(None, _C0_BYTES)) != len(utf8) or (b"\xc2" in utf8 and _C1_RE.search(utf8) is not None)


def _is_gap(char: str) -> bool:
    """Whitespace, a control or an invisible format character: nothing a reader sees
    (`text.split_sentences` skips exactly these between sentences)."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


_NOT_SPACE = re.compile(r"\S")


def visible_text_problem(text: str) -> str | None:
    """Why ``text`` has no visible character, or None when it has one.

    Parameters
    ----------
    text : str
        An article's decoded text.

    Returns
    -------
    str or None
        None when some character is neither whitespace, a control nor an invisible
        format character (a bidi mark, a zero-width space, a BOM): then the text has
        a sentence and a token. Otherwise what is there: ``"only whitespace"``, or
        only whitespace and invisible characters, naming the first invisible one.
    """
    first = _NOT_SPACE.search(text)
    if first is None:
        return "only whitespace"
    # nearly always the first character that is not whitespace is visible: one look
    hidden = first.start()
    if not _is_gap(text[hidden]) or any(not _is_gap(c) for c in text[hidden:]):
        return None
    return (
        "only whitespace and invisible characters such as bidi marks or zero-width spaces; "
        f"the first, U+{ord(text[hidden]):04X}, at character {hidden}"
    )


def decode_checked(data: bytes, name: str) -> DecodedArticle:
    """Decode an article's bytes by the rules of `decode_article`; require visible text.

    Bytes that are valid UTF-8 without a BOM, NUL or other control characters take a
    fast path (a plain decode): exactly the case where `decode_article` returns the
    decoded text and warns of nothing.

    Parameters
    ----------
    data : bytes
        The article file's bytes (for an ANT member, its ``<TEXT>`` body).
    name : str
        The file or member as messages name it (no machine path).

    Returns
    -------
    DecodedArticle
        The text, the encoding, whether there was a BOM, the warnings
        `decode_article` gave (as messages), the size of ``data``.

    Raises
    ------
    ArticleError
        ``empty_body`` for no bytes, or a text of only whitespace and invisible
        characters; ``undecodable`` for bytes `decode_article` refuses (its message).
    """
    if not data:
        raise ArticleError(f"{name}: the file is empty", "empty_body")
    text = None
    if not data.startswith(codecs.BOM_UTF8):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if _has_controls(data):
                text = None
    if text is not None:
        encoding, bom, warned = "utf-8", False, ()
    else:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                text, encoding, bom = decode_article(data, name)
            except CorpusError as err:
                raise ArticleError(str(err), "undecodable") from None
        warned = tuple(str(w.message) for w in caught)
    problem = visible_text_problem(text)
    if problem:
        raise ArticleError(f"{name}: the file holds no visible text ({problem})", "empty_body")
    return DecodedArticle(text, encoding, bom, warned, len(data))


def check_article(data: bytes, name: str, sha256: str | None = None) -> DecodedArticle:
    """An article file's bytes checked against the manifest's sha256, then decoded.

    Decoded and checked by `decode_checked`.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    name : str
        The file as messages name it.
    sha256 : str, optional
        The manifest's sha256 of the file (any case); None: nothing to compare.

    Returns
    -------
    DecodedArticle
        As `decode_checked`.

    Raises
    ------
    ArticleError
        ``sha256_mismatch`` when the bytes are not the ones the manifest registered
        (checked before decoding), else as `decode_checked`.
    """
    if sha256 is not None:
        digest = hashlib.sha256(data).hexdigest()
        if digest != sha256.lower():
            raise ArticleError(
                f"{name}: sha256 is {digest} but the manifest says {sha256}; the file changed since it was "
                "registered (restore it, or update the manifest on purpose)",
                "sha256_mismatch",
            )
    return decode_checked(data, name)


def read_article_bytes(path: Path, name: str) -> bytes:
    """The bytes of an article file.

    Parameters
    ----------
    path : Path
        The file.
    name : str
        The file as messages name it.

    Returns
    -------
    bytes
        Its content.

    Raises
    ------
    ArticleError
        ``unreadable``: the file cannot be read (an OS error: permissions, a folder,
        an I/O error), naming it.
    """
    try:
        return Path(path).read_bytes()
    except OSError as err:
        raise ArticleError(f"{name}: cannot be read ({err.strerror or err})", "unreadable") from None
