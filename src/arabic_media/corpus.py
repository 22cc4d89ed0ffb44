"""The corpus loader: manifest-checked, lossless, with clear errors.

``corpus/manifest.csv`` lists every article (one row each) with the sha256 of its file.
`load_corpus` checks every row before it reads any text, decodes each file (UTF-8, or a
legacy encoding only where it can be identified with confidence), and segments it into
sentences and tokens whose offsets point back into the article's text.

Errors are `CorpusError`, whose message names the manifest row or the file and says what
is wrong; recoverable oddities (a BOM, CRLF line endings, a Windows-1256 or UTF-16 file)
are accepted, recorded in the ``articles`` table, and, where bytes had to be decoded from
a legacy encoding, reported with a `CorpusWarning`.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from arabic_media import paths
from arabic_media.text import normalize, split_sentences, token_kind, tokenize

__all__ = [
    "MANIFEST_COLUMNS",
    "Corpus",
    "CorpusError",
    "CorpusWarning",
    "decode_article",
    "describe",
    "load_corpus",
    "read_manifest",
]

#: Columns of ``corpus/manifest.csv``, documented in ``corpus/README.md``.
MANIFEST_COLUMNS = [
    "article_id",
    "file",
    "sha256",
    "title",
    "outlet",
    "original_outlet",
    "language",
    "original_language",
    "published",
    "url",
    "notes",
]
_REQUIRED = ["article_id", "file", "sha256"]
#: Ids become parts of file names (figures, CSVs): lower-case ASCII, digits, - and _.
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class CorpusError(ValueError):
    """The corpus cannot be loaded as it is; the message names the file and the problem."""


class CorpusWarning(UserWarning):
    """The corpus loaded, but something was done that a reader should know about."""


@dataclass
class Corpus:
    """The loaded corpus.

    ``articles``: one row per manifest row, the manifest's columns plus ``text`` (the
    decoded article), ``encoding`` (what the bytes were decoded from), ``bom``,
    ``line_endings`` (``LF``, ``CRLF``, ``CR``, ``mixed`` or ``none``), ``n_bytes`` (of
    the file), ``n_chars`` (of the text).

    ``sentences``: ``article_id, sentence, start, end, text``; ``sentence`` counts from 1
    in each article; ``text == article_text[start:end]``.

    ``tokens``: ``article_id, sentence, token, article_token, start, end, surface, norm,
    kind``; ``token`` counts from 1 in each sentence, ``article_token`` from 1 in each
    article; ``surface == article_text[start:end]``; ``norm = normalize(surface)``;
    ``kind`` is ``word``, ``number`` or ``punct``.
    """

    root: Path
    articles: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame

    def text(self, article_id: str) -> str:
        """The full text of one article."""
        rows = self.articles.loc[self.articles["article_id"] == article_id, "text"]
        if rows.empty:
            raise KeyError(f"no article with id {article_id!r} in the corpus")
        return rows.iloc[0]


# --- decoding -----------------------------------------------------------------------


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
    """Decode an article's bytes; return ``(text, encoding, had_bom)``.

    UTF-8 (with or without BOM) is accepted as is. UTF-16 is accepted when it carries a
    BOM, or when its zero bytes sit in the pattern of Arabic or ASCII text in UTF-16,
    and it decodes to clean text. A file that is mostly valid UTF-8 with a few bad
    bytes is refused, naming the first one. Windows-1256 (the usual legacy Arabic code
    page) is accepted only when the bytes are not UTF-8, decode to text with no control
    characters, and at least 80% of the letters are Arabic: otherwise the file is
    refused, because a wrong guess would silently turn the article into mojibake.
    ``name`` is used in messages.
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


def _line_endings(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


# --- manifest -----------------------------------------------------------------------


def read_manifest(corpus_dir: Path) -> pd.DataFrame:
    """Read and check ``manifest.csv`` in ``corpus_dir`` (every cell as a string).

    Checks: the file exists and is UTF-8 CSV with the required columns; ids are unique
    and safe as file-name parts; each ``file`` is a relative path that stays inside the
    corpus folder and exists; sha256 is 64 hex digits; ``published`` is empty or an ISO
    date. Raises `CorpusError` naming the row.
    """
    manifest = corpus_dir / "manifest.csv"
    where = paths.relative(manifest)
    if not manifest.is_file():
        raise CorpusError(f"{where}: the manifest is missing")
    try:
        with manifest.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = list(rows[0].keys()) if rows else _header(manifest)
    except UnicodeDecodeError as err:
        raise CorpusError(f"{where}: not UTF-8 (byte {err.start})") from None
    except csv.Error as err:
        raise CorpusError(f"{where}: not valid CSV ({err})") from None
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise CorpusError(f"{where}: missing column(s) {', '.join(missing)}; see corpus/README.md")
    if not rows:
        raise CorpusError(f"{where}: no articles listed")
    root = corpus_dir.resolve()
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        if None in row:  # more cells than columns
            raise CorpusError(f"{where} line {line}: more cells than the header has columns")
        row.update({k: (v or "").strip() for k, v in row.items()})
        label = f"{where} line {line} (article_id {row['article_id']!r})"
        if not _ID_RE.match(row["article_id"]):
            raise CorpusError(
                f"{label}: article_id must be lower-case letters, digits, '-' or '_' "
                "(it becomes part of file names), and may not contain '/' or '..'"
            )
        if row["article_id"] in seen:
            raise CorpusError(f"{label}: duplicate article_id (also on line {seen[row['article_id']]})")
        seen[row["article_id"]] = line
        file = row["file"]
        if not file:
            raise CorpusError(f"{label}: the file column is empty")
        if Path(file).is_absolute() or "\\" in file:
            raise CorpusError(f"{label}: file {file!r} must be a path relative to the corpus folder, with '/'")
        target = (corpus_dir / file).resolve()
        if not target.is_relative_to(root):
            raise CorpusError(f"{label}: file {file!r} points outside the corpus folder")
        if not target.is_file():
            raise CorpusError(f"{label}: file {file!r} is missing")
        if not _SHA_RE.match(row["sha256"].lower()):
            raise CorpusError(f"{label}: sha256 {row['sha256']!r} is not 64 hexadecimal digits")
        if row.get("published") and not _DATE_RE.match(row["published"]):
            raise CorpusError(
                f"{label}: published {row['published']!r} is not an ISO date (YYYY, YYYY-MM or "
                "YYYY-MM-DD); leave it empty when the date is not known"
            )
    frame = pd.DataFrame(rows, columns=header, dtype="string")
    extra = [c for c in MANIFEST_COLUMNS if c not in frame.columns]
    for column in extra:
        frame[column] = pd.Series([""] * len(frame), dtype="string")
    return frame[MANIFEST_COLUMNS + [c for c in header if c not in MANIFEST_COLUMNS]]


def _display_name(corpus_dir: Path, file: str) -> str:
    """How messages name an article file: relative to the project root when inside it,
    else as ``<corpus folder name>/<file>``; never an absolute machine path."""
    path = (corpus_dir / file).resolve()
    try:
        return path.relative_to(paths.PROJECT_ROOT).as_posix()
    except ValueError:
        return f"{corpus_dir.resolve().name}/{file}"


def _header(manifest: Path) -> list[str]:
    with manifest.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])


# --- loading ------------------------------------------------------------------------


def load_corpus(root: Path | str | None = None) -> Corpus:
    """Load every article listed in ``<root>/manifest.csv``.

    ``root`` is the corpus folder (default: the project's ``corpus/``). Each file's
    sha256 is checked against the manifest before it is decoded; the text is kept
    exactly as decoded (a UTF-8 BOM is not part of the text; CRLF line endings are
    kept), and sentences and tokens carry offsets into it. Returns a `Corpus`.
    Raises `CorpusError` for a problem that would make a result wrong.
    """
    corpus_dir = Path(root) if root is not None else paths.CORPUS_DIR
    manifest = read_manifest(corpus_dir)
    article_rows, sentence_rows, token_rows = [], [], []
    norms: dict[str, str] = {}  # a word recurs; normalise each form once
    for record in manifest.to_dict("records"):
        file = corpus_dir / record["file"]
        name = _display_name(corpus_dir, record["file"])
        data = file.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != record["sha256"].lower():
            raise CorpusError(
                f"{name}: sha256 is {digest} but the manifest says {record['sha256']}; the file "
                "changed since it was registered (restore it, or update the manifest on purpose)"
            )
        text, encoding, bom = decode_article(data, name)
        if not text.strip():
            raise CorpusError(f"{name}: the file holds only whitespace")
        article_id = record["article_id"]
        article_rows.append(
            {
                **record,
                "text": text,
                "encoding": encoding,
                "bom": bom,
                "line_endings": _line_endings(text),
                "n_bytes": len(data),
                "n_chars": len(text),
            }
        )
        article_token = 0
        for number, sent in enumerate(split_sentences(text), start=1):
            sentence_rows.append(
                {
                    "article_id": article_id,
                    "sentence": number,
                    "start": sent.start,
                    "end": sent.end,
                    "text": text[sent.start : sent.end],
                }
            )
            for position, tok in enumerate(tokenize(text, sent.start, sent.end), start=1):
                article_token += 1
                surface = text[tok.start : tok.end]
                token_rows.append(
                    {
                        "article_id": article_id,
                        "sentence": number,
                        "token": position,
                        "article_token": article_token,
                        "start": tok.start,
                        "end": tok.end,
                        "surface": surface,
                        "norm": norms[surface] if surface in norms else norms.setdefault(surface, normalize(surface)),
                        "kind": token_kind(surface),
                    }
                )
    articles = pd.DataFrame(article_rows)
    sentences = pd.DataFrame(
        sentence_rows, columns=["article_id", "sentence", "start", "end", "text"]
    )
    tokens = pd.DataFrame(
        token_rows,
        columns=["article_id", "sentence", "token", "article_token", "start", "end", "surface", "norm", "kind"],
    )
    return Corpus(root=corpus_dir, articles=articles, sentences=sentences, tokens=tokens)


def describe(corpus: Corpus) -> pd.DataFrame:
    """Counts per article and, when there is more than one, for all together (row
    ``all``).

    Columns: ``sentences``, ``tokens`` (words, numbers and punctuation), ``words``,
    ``numbers``, ``punctuation``, ``word_types_surface`` (distinct word forms as written),
    ``word_types_normalised`` (distinct after `normalize`), ``mean_sentence_words``
    (words per sentence). Word types are counted on ``kind == 'word'`` tokens.
    """

    def counts(tokens: pd.DataFrame, sentences: pd.DataFrame) -> dict:
        words = tokens[tokens["kind"] == "word"]
        return {
            "sentences": len(sentences),
            "tokens": len(tokens),
            "words": len(words),
            "numbers": int((tokens["kind"] == "number").sum()),
            "punctuation": int((tokens["kind"] == "punct").sum()),
            "word_types_surface": words["surface"].nunique(),
            "word_types_normalised": words["norm"].nunique(),
            "mean_sentence_words": round(len(words) / len(sentences), 1) if len(sentences) else 0.0,
        }

    rows = {
        article_id: counts(
            corpus.tokens[corpus.tokens["article_id"] == article_id],
            corpus.sentences[corpus.sentences["article_id"] == article_id],
        )
        for article_id in corpus.articles["article_id"]
    }
    if len(rows) > 1:
        rows["all"] = counts(corpus.tokens, corpus.sentences)
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "article_id"
    return table
