"""Decoding an article's bytes: UTF-8, or a legacy encoding only where it can be
identified with confidence; never a guess that would turn Arabic into mojibake.

Recoverable oddities (a BOM, a Windows-1256 or UTF-16 file, stray control characters)
are accepted and reported with a `CorpusWarning`; anything else is a `CorpusError` that
names the file and the byte.
"""

from __future__ import annotations

import codecs
import unicodedata
import warnings

from arabic_media.corpus.errors import CorpusError, CorpusWarning

__all__ = ["decode_article", "line_endings"]


def _arabic_share(text: str) -> float:
    """Share of letters that are Arabic-script, among all letters."""
    letters = [c for c in text if unicodedata.category(c)[0] == "L"]
    if not letters:
        return 0.0
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f")
    return arabic / len(letters)


def _looks_like_text(text: str) -> bool:
    """No control characters other than whitespace, no unassigned code points."""
    for c in text:
        cat = unicodedata.category(c)
        if cat == "Cc" and c not in "\t\n\r\f\v":
            return False
        if cat in ("Cn", "Co", "Cs"):
            return False
    return True


def decode_article(data: bytes, name: str) -> tuple[str, str, bool]:
    """Decode an article's bytes, refusing to guess an encoding.

    UTF-8 (with or without BOM) is accepted as is. UTF-16 is accepted when it carries a
    BOM, or when its zero bytes sit in the pattern of Arabic or ASCII text in UTF-16,
    and it decodes to clean text. A file that is mostly valid UTF-8 with a few bad
    bytes is refused, naming the first one. Windows-1256 (the usual legacy Arabic code
    page) is accepted only when the bytes are not UTF-8, decode to text with no control
    characters, and at least 80% of the letters are Arabic: otherwise the file is
    refused, because a wrong guess would silently turn the article into mojibake.

    Parameters
    ----------
    data : bytes
        The article file's bytes.
    name : str
        The file as messages name it.

    Returns
    -------
    tuple of (str, str, bool)
        ``(text, encoding, had_bom)``: the text (a BOM left out), what it was decoded
        from (``utf-8``, ``utf-16``, ``utf-16-le``, ``utf-16-be`` or ``cp1256``), and
        whether the bytes began with a byte-order mark.

    Raises
    ------
    CorpusError
        Naming the file and, where there is one, the first bad byte: an empty file,
        UTF-8 holding NUL bytes (not UTF-16), UTF-8 with a few invalid bytes, bytes
        not recognisably UTF-16 or Windows-1256 Arabic, or a legacy decoding holding
        control characters.

    Warns
    -----
    CorpusWarning
        A text decoded from a legacy encoding (UTF-16, Windows-1256), or UTF-8 holding
        stray control characters (kept in the text, part of no token).
    """
    if not data:
        raise CorpusError(f"{name}: the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        text = _decode_strict(data[3:], "utf-8", name)
        if "\x00" in text:
            raise CorpusError(f"{name}: UTF-8 with a byte-order mark, but it holds NUL bytes; is it a text file?")
        _warn_about_controls(text, name)
        return text, "utf-8", True
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_strict(data, "utf-16", name)
        return _checked_legacy(text, "utf-16", name), "utf-16", True
    utf8_error = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    else:
        if "\x00" not in text:
            _warn_about_controls(text, name)
            return text, "utf-8", False
    # UTF-16 without a BOM is often valid UTF-8 full of NUL bytes, so it is tried
    # whether or not the UTF-8 decoding succeeded.
    guess = _guess_utf16_without_bom(data)
    if guess:
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            pass
        else:
            if _looks_like_text(text) and text.strip():
                return _checked_legacy(text, guess, name), guess, False
    if utf8_error is None:
        raise CorpusError(f"{name}: decodes as UTF-8 but holds NUL bytes and is not UTF-16; is it a text file?")
    share = _valid_utf8_share(data)
    if share >= 0.5:
        # Mostly valid UTF-8 with a few bad bytes (a stray Windows-1252 quote, a cut
        # file): decoding it all as cp1256 would turn every Arabic letter into mojibake.
        raise CorpusError(
            f"{name}: UTF-8 with an invalid byte 0x{data[utf8_error.start]:02x} at byte "
            f"{utf8_error.start} ({share:.0%} of its non-ASCII bytes are valid UTF-8); "
            "repair that byte rather than guess another encoding"
        )
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_like_text(text) and _arabic_share(text) >= 0.8:
        return _checked_legacy(text, "cp1256", name), "cp1256", False
    raise CorpusError(
        f"{name}: not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at byte "
        f"{utf8_error.start}) and not recognisably UTF-16 or Windows-1256 Arabic text; "
        "re-save it as UTF-8"
    )


def _valid_utf8_share(data: bytes) -> float:
    """Share of the non-ASCII bytes that belong to well-formed UTF-8 sequences.

    Near 1 for UTF-8 text with a few corrupt bytes; near 0 for Windows-1256 Arabic, whose
    letters (0xC1-0xFE) are never followed by UTF-8 continuation bytes (0x80-0xBF)
    except by chance.
    """
    non_ascii = sum(1 for b in data if b >= 0x80)
    if not non_ascii:
        return 0.0
    decoded = data.decode("utf-8", errors="replace")
    valid = sum(len(c.encode("utf-8")) for c in decoded if ord(c) >= 0x80 and c != "\ufffd")
    return valid / non_ascii


def _warn_about_controls(text: str, name: str) -> None:
    """Stray control characters (U+0001-U+001F other than tab and line breaks, U+007F,
    C1) turn up in real news text (the ANT corpus has U+0002 in two articles). They are
    kept, so offsets stay true, and the tokenizer skips them like whitespace; say so."""
    found = [(i, c) for i, c in enumerate(text) if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v"]
    if found:
        first, char = found[0]
        warnings.warn(
            f"{name}: {len(found)} control character(s), the first U+{ord(char):04X} at character "
            f"{first}; kept in the text, not part of any token",
            CorpusWarning,
            stacklevel=4,
        )


def _decode_strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise CorpusError(
            f"{name}: starts with a {encoding.upper()} byte-order mark but byte {err.start} "
            f"is not valid {encoding.upper()}"
        ) from None


def _guess_utf16_without_bom(data: bytes) -> str | None:
    """Arabic (U+06xx), ASCII, general punctuation (U+20xx) and presentation forms
    (U+FExx) in UTF-16 put a 0x06, 0x00, 0x20 or 0xFE byte at every other place; guess
    the byte order whose high bytes are at least 95% of those."""
    if len(data) < 4 or len(data) % 2:
        return None
    high_le, high_be = data[1::2], data[0::2]
    for high, enc in ((high_le, "utf-16-le"), (high_be, "utf-16-be")):
        if sum(1 for b in high if b in (0x00, 0x06, 0x20, 0xFE)) / len(high) >= 0.95:
            return enc
    return None


def _checked_legacy(text: str, encoding: str, name: str) -> str:
    if not _looks_like_text(text):
        raise CorpusError(f"{name}: decodes as {encoding} but holds control characters; refusing to guess")
    warnings.warn(
        f"{name}: not UTF-8; decoded as {encoding} (recorded in articles.encoding). "
        "Re-save it as UTF-8 and update its sha256 to silence this.",
        CorpusWarning,
        stacklevel=4,
    )
    return text


def line_endings(text: str) -> str:
    """The line endings ``text`` uses.

    Parameters
    ----------
    text : str
        Decoded text (or bytes decoded as Latin-1).

    Returns
    -------
    str
        ``LF``, ``CRLF`` or ``CR`` when only that one occurs (a CR LF pair counts as
        ``CRLF``), ``mixed`` for more than one, ``none`` for no line break.
    """
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"
