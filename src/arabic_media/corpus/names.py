"""File and member names as text every table, CSV and message can hold.

A tar member's name is bytes; `tarfile` (and the plain tar reader) decode them as UTF-8
with ``surrogateescape``, so a name that is not UTF-8 comes out holding lone surrogates
(``"\\udcff"``), and so does a file name read from a Linux folder. Such a string cannot
be encoded: Arrow, a CSV writer or a terminal raises ``UnicodeEncodeError`` wherever it
goes, far from the member that caused it (a count failed at its very end). `shown_name`
turns it into text once, where it is read, without losing a byte.
"""

from __future__ import annotations

__all__ = ["shown_name"]


def shown_name(name: str) -> tuple[str, str | None]:
    """A name as text that can be encoded, and a note when it had to be changed.

    Parameters
    ----------
    name : str
        A member or file name as `tarfile` or `pathlib` gives it (bytes that are not
        UTF-8 appear as lone surrogates ``U+DC80``-``U+DCFF``).

    Returns
    -------
    tuple of (str, str or None)
        ``(shown, note)``: ``shown`` is ``name`` itself when it is valid Unicode
        text; otherwise the UTF-8 bytes of the name with every byte that is not UTF-8
        written as ``\\xNN`` (so no byte is lost, and the name stays readable), and
        ``note`` says so, naming the first such byte; ``note`` is None when the name
        is unchanged.
    """
    if name.isascii():
        return name, None
    try:
        name.encode("utf-8")
    except UnicodeEncodeError as err:
        raw = name.encode("utf-8", "surrogateescape" if _escaped_bytes_only(name) else "backslashreplace")
        shown = raw.decode("utf-8", "backslashreplace")
        bad = name[err.start]
        what = f"byte 0x{ord(bad) - 0xDC00:02x}" if 0xDC80 <= ord(bad) <= 0xDCFF else f"U+{ord(bad):04X}"
        return shown, (f"{shown}: the name is not UTF-8 ({what} at character {err.start}); it is shown "
                       "with \\x escapes for the bytes that are not")
    return name, None


def _escaped_bytes_only(name: str) -> bool:
    """Are the name's surrogates all bytes escaped by ``surrogateescape``?"""
    return all(0xDC80 <= ord(c) <= 0xDCFF for c in name if 0xD800 <= ord(c) <= 0xDFFF)
