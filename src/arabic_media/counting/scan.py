"""The tokens of a chunk of texts, found at once with numpy on their code points.

`text.tokenize` is a regex. Run on each article it makes a Python string per token, and
at corpus scale making those strings and looking each one up is most of the work.
`scan` finds the same tokens from a table of the study's character classes
(`text.class_masks`) in a few numpy passes over a whole chunk of texts, and names each
word by a 64-bit key, its characters one byte each, instead of by a string. Only a word
that a process has not met before, or one that no key holds (longer than
`KEY_CHARACTERS`, or with a character outside `_KEYED`), is cut out of the text as a
string (`_Vocabulary.ids_of`).

The rules are the regexes' (``tests/counting/test_scan.py`` proves the spans equal, on the study's
articles, on ANT articles and on generated texts of every class):

* the token pattern ``[word]+(?:[format]+[word]+)*|[^space format]``: a word is a run
  of word characters, with any run of format characters that has a word character on
  each side; every other visible character is a token of its own;
* a paragraph break (`text.paragraph_break_re`) lies between two tokens exactly when
  the characters between them (all blank or line breaks, none visible) hold a U+2029,
  or two line breaks with a CR LF counted as one.
"""

from __future__ import annotations

import functools
import json
import unicodedata
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from arabic_media.files import replacing

#: The class of each code point in `class_table` (every code point has one).
BLANK, FORMAT, WORD, OTHER, LINE_BREAK, CR, PARAGRAPH = range(7)
#: Characters a word key holds: one byte each, so eight in a 64-bit key.
KEY_CHARACTERS = 8


def _keyed_characters() -> list[int]:
    """The characters a word key can hold (251 of them; byte 0 means none): ASCII
    letters and digits, and the Arabic letters, marks and digits of U+0610-U+06D3, and
    ZWNJ, ZWJ, LRM, RLM (format characters inside words); those that can be in a word."""
    candidates = [c for c in range(0x80) if chr(c).isalnum()]
    candidates += [*range(0x0610, 0x061B), *range(0x0620, 0x066A), *range(0x0670, 0x06D4), *range(0x200C, 0x2010)]
    return candidates


def class_table() -> np.ndarray:
    """The scanner's table: each code point's class and its byte in a word key.

    Built from `text.class_masks` (about half a second); a process that counts loads
    the shipped copy (`SHIPPED_TABLE`) once, or is handed it.

    Returns
    -------
    numpy.ndarray
        ``uint8``, two rows over every code point: its class for `scan` (`BLANK`,
        `FORMAT`, `WORD`, `OTHER`, or the line breaks `LINE_BREAK`, `CR`,
        `PARAGRAPH`), then its byte in a word key (0: not keyed).

    Raises
    ------
    AssertionError
        The Unicode classes do not hold what the scanner assumes (the word, format
        and space classes overlap, a line break is not a space, more keyed characters
        than a byte holds).
    """
    from arabic_media.text import _LINE_BREAKS, _PARAGRAPH_SEPARATOR, class_masks

    masks = class_masks()
    word, fmt, space = masks["word"], masks["format"], masks["space"]
    if (word & fmt).any() or (word & space).any() or (fmt & space).any():
        raise AssertionError("the word, format and space classes overlap")  # the rules below assume not
    table = np.full((2, len(word)), OTHER, np.uint8)
    table[0, space] = BLANK
    table[0, fmt] = FORMAT
    table[0, word] = WORD
    for character in _LINE_BREAKS:
        if not space[ord(character)]:
            raise AssertionError(f"line break U+{ord(character):04X} is not in the space class")
        table[0, ord(character)] = LINE_BREAK
    table[0, ord("\r")] = CR
    table[0, ord(_PARAGRAPH_SEPARATOR)] = PARAGRAPH
    keyed = [c for c in _keyed_characters() if word[c] or fmt[c]]
    if len(keyed) > 255:
        raise AssertionError("more keyed characters than a byte holds")
    table[1] = 0
    table[1, keyed] = np.arange(1, len(keyed) + 1)
    return table


#: `class_table`, as built by the Python whose Unicode version it names (`write_table`):
#: a process that counts loads it in milliseconds instead of building it (half a
#: second), if its Python has that Unicode version (``unicodedata.unidata_version``);
#: else it builds the table. ``tests/counting/test_scan.py`` checks it against `class_table`;
#: ``scripts/write_class_table.py`` rewrites it.
SHIPPED_TABLE = Path(__file__).with_name("class_table.zlib")


@functools.cache
def _study_table() -> np.ndarray:
    """The scanner's table: the shipped one (`SHIPPED_TABLE`) when it is for this
    Python's Unicode version, else `class_table()`."""
    shipped = shipped_table()
    return class_table() if shipped is None else shipped


def shipped_table(path: Path = SHIPPED_TABLE) -> np.ndarray | None:
    """The table written at ``path`` (`write_table`), if it fits this Python.

    Parameters
    ----------
    path : Path, optional
        Default `SHIPPED_TABLE`.

    Returns
    -------
    numpy.ndarray or None
        The table; None when there is none, or it was built on another Unicode
        version (``unicodedata.unidata_version``), or it cannot be read.

    Warns
    -----
    RuntimeWarning
        The file is there but cannot be read or is damaged (the table is then built).
    """
    try:
        data = zlib.decompress(path.read_bytes())
        head, _, body = data.partition(b"\n")
        header = json.loads(head)
        if header["unicode"] != unicodedata.unidata_version:
            return None
        return np.frombuffer(body, np.uint8).reshape(header["shape"]).copy()
    except FileNotFoundError:
        return None
    except (OSError, zlib.error, ValueError, KeyError, TypeError) as err:  # unreadable or damaged: build it
        warnings.warn(f"{path.name}: cannot be read ({err}); the table is built instead", RuntimeWarning,
                      stacklevel=2)
        return None


def write_table(path: Path = SHIPPED_TABLE) -> None:
    """Write `class_table()` to ``path``, with this Python's Unicode version.

    A line of JSON, then the table's bytes, compressed (zlib: the same bytes each
    time); written beside ``path`` and moved into place (`files.replacing`), so a
    process loading the table never reads half of it.

    Parameters
    ----------
    path : Path, optional
        Default `SHIPPED_TABLE`.
    """
    table = class_table()
    header = json.dumps({"unicode": unicodedata.unidata_version, "shape": list(table.shape)}).encode()
    with replacing(path) as partial:  # a process loading the table never reads half of it
        partial.write_bytes(zlib.compress(header + b"\n" + table.tobytes(), 9))


@dataclass
class Scanned:
    """The tokens of a chunk of texts, in reading order.

    The arrays other than ``offsets`` have one entry per token.

    Attributes
    ----------
    text : str
        The texts joined by ``"\\n"``.
    offsets : numpy.ndarray
        Where each text starts in ``text``.
    starts, ends : numpy.ndarray
        Each token's span in ``text``.
    article : numpy.ndarray
        Which text each token is in (its position in the chunk).
    word : numpy.ndarray
        Boolean: a word token (else a single visible character: punctuation or a
        symbol).
    key : numpy.ndarray
        ``uint64``: a word's key, its characters one byte each (0: none holds it).
    break_before : numpy.ndarray
        Boolean: a paragraph break between the token and the one before it in the
        same text (all false when breaks were not asked for, and for each text's
        first token).
    """

    text: str
    offsets: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    article: np.ndarray
    word: np.ndarray
    key: np.ndarray
    break_before: np.ndarray


def scan(texts: list[str], table: np.ndarray | None = None, breaks: bool = False) -> Scanned:
    """The tokens of ``texts``, as `text.tokenize` finds them in each, found at once.

    Parameters
    ----------
    texts : list of str
        A chunk of texts (articles).
    table : numpy.ndarray, optional
        `class_table()` (default: the shipped table, or one built here).
    breaks : bool, default False
        Also find where paragraph breaks (`text.paragraph_break_re`) fall between
        tokens.

    Returns
    -------
    Scanned
        Every token's span, text, kind and key, in reading order.
    """
    table = _study_table() if table is None else table
    text = "\n".join(texts)  # a line break is blank: no token spans two texts
    lengths = np.fromiter(map(len, texts), np.int64, len(texts))
    offsets = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]) if len(texts) else np.zeros(0, np.int64)
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), "<u4")
    size = len(points)
    kind = table[0][points]
    word = kind == WORD
    joined = word
    fmt = kind == FORMAT
    if fmt.any():
        # a run of format characters with a word character on each side joins them
        edges = np.flatnonzero(np.diff(np.concatenate([[False], fmt, [False]]).view(np.int8)))
        first, stop = edges[0::2], edges[1::2]
        inner = (first > 0) & (stop < size)
        inner[inner] = word[first[inner] - 1] & word[stop[inner]]
        if inner.any():
            marks = np.zeros(size + 1, np.int8)
            np.add.at(marks, first[inner], 1)
            np.add.at(marks, stop[inner], -1)
            joined = word | (np.cumsum(marks[:-1]) > 0)
    before = np.concatenate([[False], joined[:-1]])
    after = np.concatenate([joined[1:], [False]])
    starts = np.flatnonzero((joined & ~before) | (kind == OTHER))
    is_word = joined[starts]
    ends = starts + 1
    ends[is_word] = np.flatnonzero(joined & ~after) + 1
    article = np.searchsorted(offsets, starts, side="right") - 1

    # keys: a word's characters one byte each (little-endian: the first is the low byte)
    key = np.zeros(len(starts), np.uint64)
    short = is_word & (ends - starts <= KEY_CHARACTERS)
    if short.any():
        key[short] = _keys(table[1][points], starts[short], (ends - starts)[short])

    break_before = np.zeros(len(starts), bool)
    if breaks and len(starts) > 1:
        # The line breaks (a few per paragraph), each in the gap before the first token
        # that starts after it (no token holds one): gap j is [end of token j - 1,
        # start of token j). Per gap: line breaks, a CR LF counted once, separators.
        at = np.flatnonzero(kind >= LINE_BREAK)
        line_kind = kind[at]
        gap = np.searchsorted(starts, at, side="right")
        is_cr = line_kind == CR
        crlf = at[is_cr] + 1 < size
        crlf[crlf] = points[at[is_cr][crlf] + 1] == 0x0A
        gaps = len(starts) + 1
        units = np.bincount(gap, minlength=gaps) - np.bincount(gap[is_cr][crlf], minlength=gaps)
        separator = np.bincount(gap[line_kind == PARAGRAPH], minlength=gaps)
        inner = slice(1, len(starts))  # the gaps between two tokens
        break_before[1:] = ((units[inner] >= 2) | (separator[inner] > 0)) & (article[1:] == article[:-1])
    return Scanned(text, offsets, starts, ends, article, is_word, key, break_before)


#: ``_LOW_BYTES[n]``: the low ``n`` bytes of a 64-bit word set.
_LOW_BYTES = np.array([(1 << (8 * n)) - 1 for n in range(KEY_CHARACTERS + 1)], np.uint64)
_ONES = np.uint64(0x0101010101010101)
_HIGHS = np.uint64(0x8080808080808080)


def _keys(codes: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The key of each word of ``lengths`` (1 to 8) characters at ``starts``: its
    characters' bytes in ``codes`` (the table's second row, per character of the
    text), the first in the low byte; 0 where one of its characters has no byte.

    Each word's eight bytes from its start are read as one little-endian 64-bit
    integer (an unaligned view of the bytes, padded at the end) and cut to its length;
    a byte of 0 among them is found with the word-at-a-time test
    ``(v - 0x01..01) & ~v & 0x80..80`` on the key with the bytes past its length set."""
    padded = np.zeros(len(codes) + KEY_CHARACTERS, np.uint8)
    padded[:len(codes)] = codes
    # position i of this view: the 8 bytes from byte i (strides of one byte)
    windows = np.ndarray((len(codes),), "<u8", padded, 0, (1,))
    keys = windows[starts] & _LOW_BYTES[lengths]
    probe = keys | ~_LOW_BYTES[lengths]
    has_zero = (probe - _ONES) & ~probe & _HIGHS
    keys[has_zero != 0] = 0
    return keys
