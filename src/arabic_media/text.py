"""Arabic text: normalisation for counting, and lossless segmentation.

Two rules hold everywhere in the study:

* **Counting uses the normalised form; display keeps the surface form.** `normalize`
  never touches the stored text; it makes a second form used to decide which words are
  "the same" (``أكد`` and ``اكد``, ``عربي٢١`` and ``عربي21``).
* **Segmentation is lossless.** `split_sentences` and `tokenize` return spans
  ``(start, end)`` of character offsets into the text they were given, so
  ``text[start:end]`` is exactly the sentence or token. Nothing is dropped, moved or
  rewritten; what lies between spans is whitespace (or invisible format characters).
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass

__all__ = [
    "NORMALIZE_DEFAULTS",
    "NORMALIZE_EXAMPLES",
    "normalisation_steps",
    "PRESENTATION_FORMS",
    "normalize",
    "Span",
    "paragraph_break_re",
    "segment_article",
    "split_sentences",
    "tokenize",
    "token_kind",
]

# --- character classes -------------------------------------------------------------

#: Harakat, shadda, sukun, Quranic marks and the dagger (superscript) alef U+0670.
_DIACRITICS = (
    "\u0610-\u061a"  # Quranic honorifics and small high letters
    "\u064b-\u065f"  # fathatan .. wavy hamza below (incl. shadda U+0651, sukun U+0652)
    "\u0670"  # dagger alef, e.g. in هٰذا
    "\u06d6-\u06dc"  # Quranic annotation marks
    "\u06df-\u06e4"
    "\u06e7\u06e8"
    "\u06ea-\u06ed"
)
_DIACRITICS_RE = re.compile(f"[{_DIACRITICS}]")
_TATWEEL = "\u0640"
_ALEF_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_ALEF_MAQSURA = str.maketrans({"ى": "ي"})
_TA_MARBUTA = str.maketrans({"ة": "ه"})
#: Persian/Urdu letters that stand in for Arabic ones in text typed on those keyboards.
_PERSIAN_LETTERS = str.maketrans(
    {
        "\u06cc": "ي",  # Farsi yeh ی
        "\u06d2": "ي",  # Urdu yeh barree ے
        "\u06a9": "ك",  # keheh ک
        "\u06aa": "ك",  # swash kaf ڪ
    }
)
_DIGITS = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
#: Bidi controls, zero-width characters, soft hyphen and BOM: invisible, but they make
#: two identical-looking words count as different ones.
_INVISIBLE_RE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
#: Arabic Presentation Forms-A (U+FB50-U+FDFF) and -B (U+FE70-U+FEFF): legacy glyph
#: codes (``ﻻ``, ``ﺍﻟ``) that look right but match nothing in a search.
PRESENTATION_FORMS = "[\ufb50-\ufdff\ufe70-\ufefe]"
_PRESENTATION_RE = re.compile(PRESENTATION_FORMS)


#: Characters outside what the one-pass path of `normalize` handles: anything but Latin
#: up to U+02FF, the Arabic block without the combining madda and hamzas (U+0653-U+0655,
#: which NFC composes with the letter before them), general punctuation (where the bidi
#: controls and zero-width characters are) and the BOM.
_NEEDS_FULL_RE = re.compile("[^\u0000-\u02ff\u0600-\u0652\u0656-\u06ff\u2000-\u206f\ufeff]")
_TABLE: dict = {}


def _default_table() -> dict:
    """`normalize`'s default steps as one `str.translate` table, for a text that is NFC
    and holds none of `_NEEDS_FULL_RE`: there NFC composes nothing, no presentation form
    is met, and each step is a one-character deletion or mapping, so one pass gives the
    same string (a property test compares the two on random and real texts)."""
    if not _TABLE:
        table: dict = {}
        for mapping in (_ALEF_VARIANTS, _ALEF_MAQSURA, _PERSIAN_LETTERS, _DIGITS):
            table.update(mapping)
        for code in [*range(0x0600, 0x0700), *range(0x2000, 0x2070), 0x00AD, 0xFEFF]:
            char = chr(code)
            if _DIACRITICS_RE.fullmatch(char) or _INVISIBLE_RE.fullmatch(char) or char == _TATWEEL:
                table[code] = None
        _TABLE.update(table)
    return _TABLE


def _unpresent(match: re.Match[str]) -> str:
    # NFKC maps each presentation form to its base letters; the isolated harakat forms
    # (U+FE70..U+FE7F) come back as space + mark, and the space is not part of the word.
    return unicodedata.normalize("NFKC", match.group(0)).lstrip(" ")


#: Every normalisation step, in the order applied, with its default.
NORMALIZE_DEFAULTS: dict[str, bool] = {
    "invisible": True,
    "presentation_forms": True,
    "diacritics": True,
    "tatweel": True,
    "alef": True,
    "alef_maqsura": True,
    "ta_marbuta": False,
    "persian_letters": True,
    "digits": True,
}


def normalize(
    text: str,
    *,
    invisible: bool = True,
    presentation_forms: bool = True,
    diacritics: bool = True,
    tatweel: bool = True,
    alef: bool = True,
    alef_maqsura: bool = True,
    ta_marbuta: bool = False,
    persian_letters: bool = True,
    digits: bool = True,
) -> str:
    """Return the form of ``text`` used for counting and matching.

    The stored text is never changed: this makes a second form that decides which
    words are "the same" (``أكد`` and ``اكد``, ``عربي٢١`` and ``عربي21``). Each step
    can be switched off by name; all are on except ``ta_marbuta``
    (`NORMALIZE_DEFAULTS`), and they run in the order listed.

    Parameters
    ----------
    text : str
        Any text, in logical order.
    invisible : bool, default True
        Remove bidi controls (LRM, RLM, ALM, embeddings, isolates), zero-width
        space/joiners, word joiner, soft hyphen and BOM/ZWNBSP.
    presentation_forms : bool, default True
        Map Arabic Presentation Forms (U+FB50-U+FDFF, U+FE70-U+FEFE) back to base
        letters with NFKC (``ﻻ`` -> ``لا``).
    diacritics : bool, default True
        Remove harakat, tanwin, shadda, sukun, Quranic marks and the dagger alef.
    tatweel : bool, default True
        Remove the kashida U+0640 (``الـدولة`` -> ``الدولة``).
    alef : bool, default True
        ``أ إ آ ٱ`` -> ``ا``.
    alef_maqsura : bool, default True
        ``ى`` -> ``ي`` (writers disagree on final yeh; counts should not).
    ta_marbuta : bool, default False
        ``ة`` -> ``ه``. Off by default: it merges a feminine noun with a different
        word ending in the pronoun ``ه`` (``دولة`` "a state" and ``دوله`` "its states").
    persian_letters : bool, default True
        Farsi/Urdu yeh and keheh/swash kaf -> Arabic ``ي`` and ``ك``.
    digits : bool, default True
        Arabic-Indic (U+0660-0669) and Persian (U+06F0-06F9) digits -> ASCII.

    Returns
    -------
    str
        The normalised form, in NFC.

    Notes
    -----
    Text is first composed with NFC so that a letter + combining hamza (``ا`` +
    U+0654) is the same letter as ``أ``, and composed again at the end (removing a
    mark can leave a base letter beside a mark that NFC now composes). The result is
    idempotent: ``normalize(normalize(s)) == normalize(s)`` for the same options.

    Examples
    --------
    >>> normalize("أكّد") == "اكد"
    True
    >>> normalize("الصحيفة", ta_marbuta=True) == "الصحيفه"
    True
    """
    if (invisible and presentation_forms and diacritics and tatweel and alef and alef_maqsura and not ta_marbuta
            and persian_letters and digits and not _NEEDS_FULL_RE.search(text) and unicodedata.is_normalized("NFC", text)):
        return text.translate(_default_table())  # the same result, in one pass (`_default_table`)
    text = unicodedata.normalize("NFC", text)
    if invisible:
        text = _INVISIBLE_RE.sub("", text)
    if presentation_forms:
        text = _PRESENTATION_RE.sub(_unpresent, text)
        text = unicodedata.normalize("NFC", text)
    if diacritics:
        text = _DIACRITICS_RE.sub("", text)
    if tatweel:
        text = text.replace(_TATWEEL, "")
    if alef:
        text = text.translate(_ALEF_VARIANTS)
    if alef_maqsura:
        text = text.translate(_ALEF_MAQSURA)
    if ta_marbuta:
        text = text.translate(_TA_MARBUTA)
    if persian_letters:
        text = text.translate(_PERSIAN_LETTERS)
    if digits:
        text = text.translate(_DIGITS)
    # Removing a mark can leave a base letter next to a combining mark that NFC now
    # composes (e + fatha + acute); compose again so a second pass changes nothing.
    return unicodedata.normalize("NFC", text)


#: One example of each step's trap, for the table of `normalisation_steps`.
NORMALIZE_EXAMPLES: dict[str, str] = {
    "invisible": "عربي\u200f21",
    "presentation_forms": "\ufefb\ufe97\ufe98\ufe8e\ufed7",
    "diacritics": "تَنْظِيمُ",
    "tatweel": "الـــدولة",
    "alef": "أكد إن آلة",
    "alef_maqsura": "على",
    "ta_marbuta": "الصحيفة",
    "persian_letters": "کلاود فلایر",
    "digits": "٢٠١٥",
}


def normalisation_steps(examples: dict[str, str] | None = None):
    """What each step of `normalize` does on its own to an example of its trap.

    Parameters
    ----------
    examples : dict of str to str, optional
        Step name -> example text (default `NORMALIZE_EXAMPLES`); it needs an
        example for every step of `NORMALIZE_DEFAULTS`.

    Returns
    -------
    DataFrame
        ``step, default, example, normalised, code_points_before, code_points_after``:
        one row per step of `NORMALIZE_DEFAULTS`, the example normalised with that step
        alone switched on.
    """
    import pandas as pd

    examples = NORMALIZE_EXAMPLES if examples is None else examples
    rows = []
    for step, default in NORMALIZE_DEFAULTS.items():
        only = {name: name == step for name in NORMALIZE_DEFAULTS}
        example = examples[step]
        result = normalize(example, **only)
        rows.append({"step": step, "default": default, "example": example, "normalised": result,
                     "code_points_before": len(example), "code_points_after": len(result)})
    return pd.DataFrame(rows)


# --- segmentation ------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` into a text.

    ``text[span.start:span.end]`` is exactly the sentence or token it stands for.

    Attributes
    ----------
    start : int
        Offset of the first character.
    end : int
        Offset just past the last character.
    """

    start: int
    end: int


#: Sentence-final punctuation: full stop, ? ! and the Arabic question mark, ellipsis.
_TERMINALS = ".!?؟…"
#: Characters that close a sentence after its terminal: quotes and brackets.
_CLOSERS = "\"'”’»)]}›"
#: Line breaks, Unicode's mandatory breaks (UAX #14 classes BK, CR, LF, NL): LF, CR, VT,
#: FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR; CR LF together is one break. (The
#: information separators U+001C-U+001E, which `str.splitlines` also splits at, are
#: blank characters here, not breaks.)
_LINE_BREAKS = "\n\r\v\f\x85\u2028\u2029"
_PARAGRAPH_SEPARATOR = "\u2029"


@functools.cache
def _sentence_end_re() -> re.Pattern[str]:
    """Where a sentence ends (built on first use, from the Unicode classes of `_classes`).

    * After a run of terminal punctuation and any closers, followed by whitespace or
      the end of the text (``(?!\\S)``).
    * Before a paragraph break: a U+2029 PARAGRAPH SEPARATOR, or a line break followed
      by blank characters (any whitespace other than a line break, controls, and
      invisible format characters such as ZWSP and RLM) and a second line break. So a
      blank line is a break whatever its line endings (LF, CRLF, CR, NEL, LS ...) and
      whatever invisible characters it holds. The match is empty; `split_sentences`
      trims the blank characters before it.

    The pattern cannot backtrack, so the splitter is linear in the length of the text:
    a terminal run is only tried from its first character (the lookbehind) and it and
    its closers are consumed possessively, so a run not followed by whitespace
    (``"....x"``) is scanned once, not once from each of its positions; a blank stretch
    is only scanned from the line break before it.
    """
    terminals, closers = re.escape(_TERMINALS), re.escape(_CLOSERS)
    return re.compile(
        rf"(?<![{terminals}])[{terminals}]++[{closers}]*+(?!\S)"
        rf"|(?={paragraph_break_re().pattern})"
    )


@functools.cache
def paragraph_break_re() -> re.Pattern[str]:
    """The pattern of a paragraph break: the study's one definition of it.

    A paragraph break is a U+2029 PARAGRAPH SEPARATOR, or a line break (CR LF counted
    as one), any blank characters (whitespace other than a line break, controls,
    invisible format characters) and a second line break. `split_sentences` ends a
    sentence where one starts; the corpus-scale counter (`arabic_media.counting`)
    cuts texts at it, so word pairs break where sentences do. Built on first use
    (from the Unicode classes of `class_masks`) and cached.

    Returns
    -------
    re.Pattern
        The compiled pattern; a match is the whole break, blank lines included.
    """
    breaks, blank = re.escape(_LINE_BREAKS), _classes()["blank"]
    return re.compile(rf"{_PARAGRAPH_SEPARATOR}|(?>\r\n|[{breaks}])[{blank}]*+[{breaks}]")


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentence spans.

    Parameters
    ----------
    text : str
        The text to split (an article, in logical order).

    Returns
    -------
    list of Span
        One span per sentence, in reading order; ``text[span.start:span.end]`` is
        the sentence, starting and ending with a visible character.

    Notes
    -----
    A sentence starts at its first visible character and ends after its terminal
    punctuation (``. ! ? ؟ …`` and any closing quotes) when whitespace or the end of the
    text follows, or before a paragraph break. A paragraph break is a blank line, with
    any line endings (LF, CRLF, CR, VT, FF, NEL U+0085, LS U+2028) and any blank
    characters on it (spaces of every kind including U+00A0, tabs, and invisible
    characters such as ZWSP U+200B or RLM U+200F), or a PARAGRAPH SEPARATOR U+2029,
    which ends a sentence on its own. A single line break of any kind is not a boundary
    (the sources hard-wrap lines mid-sentence, even inside quotations): it stays inside
    the sentence. Text after the last terminal (an unpunctuated last line) is a
    sentence of its own, so every visible character belongs to exactly one sentence,
    and each span starts and ends with a visible character. Time is linear in
    ``len(text)``.
    """
    end_re = _sentence_end_re()
    spans: list[Span] = []
    pos = 0
    n = len(text)
    while pos < n:
        # skip inter-sentence whitespace (and stray invisible format characters)
        while pos < n and _is_gap(text[pos]):
            pos += 1
        if pos >= n:
            break
        match = end_re.search(text, pos)
        # text[pos] is visible, so the end lies past it (a zero-width paragraph-break
        # match sits on a later newline)
        end = match.end() if match else n
        # trim trailing whitespace inside the span (paragraph-break case, last line)
        stop = end
        while _is_gap(text[stop - 1]):
            stop -= 1
        spans.append(Span(pos, stop))
        pos = end
    return spans


def _is_gap(ch: str) -> bool:
    """Whitespace, a control character, or an invisible format character (ZWNJ, RLM,
    BOM ...): nothing a reader sees."""
    return ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc")


def _class_range(first: int, last: int) -> str:
    a, b = re.escape(chr(first)), re.escape(chr(last))
    return a if first == last else f"{a}-{b}"


#: Unicode's general categories (a closed list: the standard adds none).
_GENERAL_CATEGORIES = ("Cc", "Cf", "Cn", "Co", "Cs", "Ll", "Lm", "Lo", "Lt", "Lu", "Mc", "Me", "Mn", "Nd", "Nl",
                       "No", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "Sc", "Sk", "Sm", "So", "Zl", "Zp", "Zs")


@functools.cache
def _classes() -> dict[str, str]:
    """Regex character-class bodies built from the Unicode database (on first use
    rather than on import; a fraction of a second: one C-level pass for the categories,
    the runs found with numpy), one per mask of `class_masks`."""
    return {name: _runs(mask) for name, mask in class_masks().items()}


def class_masks() -> dict:
    """The study's character classes, as boolean arrays over every code point.

    Built from the Unicode database of the running Python. The token pattern
    (`tokenize`) and the paragraph break (`paragraph_break_re`) are written with these
    classes, and so is the corpus-scale scanner (`arabic_media.counting.scan`), which
    reads the arrays themselves.

    Returns
    -------
    dict of str to numpy.ndarray
        Boolean arrays indexed by code point (``sys.maxunicode + 1`` each):

        ``word``
            letters, marks, digits (categories L, M, N);
        ``format``
            invisible format characters (Cf: ZWNJ, RLM, BOM ...);
        ``space``
            whitespace and control characters (Cc: stray U+0002 occurs in real text);
        ``blank``
            ``space`` and ``format`` except the line breaks of `_LINE_BREAKS`.
    """
    import numpy as np

    size = sys.maxunicode + 1
    names = _GENERAL_CATEGORIES
    of = {name: i for i, name in enumerate(names)}
    # one C-level pass, no list of 1.1M category strings kept (that peaked at 200 MB)
    code = np.fromiter(map(of.__getitem__, map(unicodedata.category, map(chr, range(size)))), np.int8, size)
    word = np.isin(code, [of[n] for n in names if n[0] in "LMN"])
    fmt = code == of["Cf"]
    space = code == of["Cc"]
    # str.isspace is `re`'s \s on a str (both Py_UNICODE_ISSPACE)
    every = np.arange(size, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    space[[m.start() for m in re.finditer(r"\s", every)]] = True
    blank = space | fmt
    blank[[ord(c) for c in _LINE_BREAKS]] = False
    return {"word": word, "format": fmt, "space": space, "blank": blank}


def _runs(mask) -> str:
    """A class body of the code points where the boolean array ``mask`` is true."""
    import numpy as np

    edges = np.flatnonzero(np.diff(np.concatenate([[False], mask, [False]]).astype(np.int8)))
    starts, stops = edges[0::2].tolist(), edges[1::2].tolist()
    return "".join(_class_range(first, stop - 1) for first, stop in zip(starts, stops))


@functools.cache
def _token_re() -> re.Pattern[str]:
    """The token pattern, built on first use (see `_classes`)."""
    word, fmt, space = (_classes()[k] for k in ("word", "format", "space"))
    # A word: letters, marks (harakat) and digits; format characters (ZWNJ, RLM) between
    # two word characters keep it one word. Anything else visible is a token of its
    # own. Tatweel is a letter (Lm), so it stays inside the word.
    return re.compile(f"[{word}]+(?:[{fmt}]+[{word}]+)*|[^{space}{fmt}]")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split ``text[start:end]`` into token spans (offsets into ``text``).

    Parameters
    ----------
    text : str
        The whole text (offsets are into it, not into the slice).
    start : int, default 0
        Where to start.
    end : int, optional
        Where to stop (default: the end of ``text``).

    Returns
    -------
    list of Span
        One span per token, in reading order.

    Notes
    -----
    A word is a maximal run of letters, combining marks and digits, together with any
    invisible format characters (ZWNJ, RLM ...) inside it, so ``عربي21`` is one token
    and a word with a stray RLM stays one word. Every other visible character
    (punctuation ``، ؛ ؟``, straight and curly quotes, symbols) is a token of its own.
    Whitespace, control and format characters between words separate tokens and
    belong to none.
    """
    end = len(text) if end is None else end
    return [Span(m.start(), m.end()) for m in _token_re().finditer(text, start, end)]


def segment_article(text: str) -> list[tuple[Span, list[Span]]]:
    """The one segmentation of the study: ``text`` into sentences, each with its tokens.

    `split_sentences`, then `tokenize` inside each sentence. The loader, the stance
    labeller and the tests all segment through here, so they cannot disagree on a
    boundary.

    Parameters
    ----------
    text : str
        An article's text.

    Returns
    -------
    list of tuple of (Span, list of Span)
        ``[(sentence_span, [token_span, ...]), ...]`` in reading order; every span is
        a half-open range of character offsets into ``text`` itself.
    """
    return [(sent, tokenize(text, sent.start, sent.end)) for sent in split_sentences(text)]


def token_kind(surface: str) -> str:
    """The kind of a token: ``word``, ``number`` or ``punct``.

    Parameters
    ----------
    surface : str
        The token as written.

    Returns
    -------
    str
        ``'word'`` if the token has a letter, ``'number'`` if it has a digit but no
        letter (digits and marks), else ``'punct'`` (punctuation and symbols).
    """
    if any(unicodedata.category(c)[0] == "L" for c in surface):
        return "word"
    if any(unicodedata.category(c)[0] == "N" for c in surface):
        return "number"
    return "punct"
