"""Loading a corpus folder: every article, checked against the manifest, segmented
losslessly into sentences and tokens whose offsets point back into its text."""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from arabic_media import paths
from arabic_media.corpus.decode import decode_article, line_endings
from arabic_media.corpus.errors import CorpusError
from arabic_media.corpus.manifest import display_name, read_manifest
from arabic_media.text import normalize, segment_article, token_kind

__all__ = ["Corpus", "load_corpus", "describe", "STRING_DTYPE", "KIND_DTYPE"]

#: The dtype of every text column: pandas' own ``str`` dtype stored in Arrow (UTF-8 in
#: one buffer, no Python object per cell). It prints as ``str`` like the default, ``==``
#: gives plain ``bool`` and a missing value is ``NaN``, so code written for ``str``
#: columns works unchanged.
STRING_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)
#: ``kind``: categories in code-point order, so sorting by ``kind`` sorts as the strings did.
KIND_DTYPE = pd.CategoricalDtype(["number", "punct", "word"])
_KIND_CODES = {kind: code for code, kind in enumerate(KIND_DTYPE.categories)}
#: Offsets, sentence and token numbers are int32: a text of at most 2**31 - 1 characters
#: (checked, with an error naming the file) has offsets and counts below that.
_INT32_MAX = 2**31 - 1
_INT32_CODE = next(code for code in "ilh" if array(code).itemsize == 4)


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

    Dtypes (compact, so a large corpus fits in memory): text columns (``text``,
    ``surface``, ``norm``, the manifest's cells) are `STRING_DTYPE`, pandas' ``str``
    stored in Arrow; ``article_id`` is categorical in all three tables, its categories
    the ids in sorted order (sorting and grouping order rows as the strings would);
    ``kind`` is categorical (`KIND_DTYPE`); sentence and token numbers and offsets are
    int32 (signed, so differences cannot wrap).
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


class _Columns:
    """Integer columns built one row at a time into 32-bit arrays (4 bytes a cell, not
    a Python int in a list); `pop` hands a column over as a numpy int32 array (no copy)."""

    def __init__(self, *names: str) -> None:
        self._columns = {name: array(_INT32_CODE) for name in names}
        self._arrays = list(self._columns.values())

    def append(self, *values: int) -> None:
        for column, value in zip(self._arrays, values):
            column.append(value)

    def pop(self, name: str) -> np.ndarray:
        return np.frombuffer(self._columns.pop(name), dtype=np.int32)


class _StringChunks:
    """A text column built one string at a time, held as Arrow chunks of up to
    ``chunk`` strings, so at most one chunk's strings are Python objects at once."""

    def __init__(self, chunk: int = 4096) -> None:
        self._chunk = chunk
        self._pending: list[str] = []
        self._arrays: list[pa.Array] = []

    def append(self, value: str) -> None:
        self._pending.append(value)
        if len(self._pending) >= self._chunk:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._arrays.append(pa.array(self._pending, type=pa.large_string()))
            self._pending = []

    def result(self) -> pd.api.extensions.ExtensionArray:
        self._flush()
        arrays, self._arrays = self._arrays, []
        return _strings(pa.chunked_array(arrays, type=pa.large_string()))


def _article_ids(ids: list[str], numbers: np.ndarray) -> pd.Categorical:
    """``article_id`` for rows of article ``numbers`` (positions in ``ids``): categorical,
    its categories the ids in sorted order, so sorting or grouping by it orders the rows
    as sorting the strings did."""
    return pd.Categorical.from_codes(numbers, categories=ids).reorder_categories(sorted(ids))


def _strings(values: pa.Array | pa.ChunkedArray) -> pd.api.extensions.ExtensionArray:
    """An Arrow string array as a pandas ``STRING_DTYPE`` array, without a copy through
    Python objects."""
    return STRING_DTYPE.__from_arrow__(values)


def _articles_frame(rows: list[dict], texts: _StringChunks) -> pd.DataFrame:
    """The ``articles`` table: text columns in `STRING_DTYPE`, ``article_id`` categorical
    like in the other tables; ``texts`` (the articles' texts) goes in after ``notes``."""
    articles = pd.DataFrame(rows)
    for column in articles.columns:
        if column != "bom" and not pd.api.types.is_numeric_dtype(articles[column]):
            articles[column] = articles[column].astype(STRING_DTYPE)
    articles.insert(articles.columns.get_loc("encoding"), "text", texts.result())
    ids = articles["article_id"].tolist()
    articles["article_id"] = _article_ids(ids, np.arange(len(ids), dtype=np.int32))
    return articles


def load_corpus(root: Path | str | None = None) -> Corpus:
    """Load every article listed in ``<root>/manifest.csv``.

    ``root`` is the corpus folder (default: the project's ``corpus/``). Each file's
    sha256 is checked against the manifest before it is decoded; the text is kept
    exactly as decoded (a UTF-8 BOM is not part of the text; CRLF line endings are
    kept), and sentences and tokens carry offsets into it. Returns a `Corpus`.
    Raises `CorpusError` for a problem that would make a result wrong, and for a file
    with no visible text (only whitespace and invisible characters), which would
    otherwise add an article of 0 sentences.
    """
    corpus_dir = Path(root) if root is not None else paths.CORPUS_DIR
    manifest = read_manifest(corpus_dir)
    article_rows, article_texts = [], _StringChunks(chunk=256)
    sentences, sentence_texts = _Columns("article", "sentence", "start", "end"), _StringChunks()
    tokens = _Columns("article", "sentence", "token", "article_token", "start", "end", "form")
    # Each distinct surface is stored, normalised and classified once; a token holds
    # the number of its surface (``form``).
    form_of: dict[str, int] = {}
    forms: list[str] = []
    for number, record in enumerate(manifest.to_dict("records")):
        row, text, segments = _read_article(corpus_dir, record)
        article_rows.append(row)
        article_texts.append(text)
        article_token = 0
        for sentence, (sent, toks) in enumerate(segments, start=1):
            sentences.append(number, sentence, sent.start, sent.end)
            sentence_texts.append(text[sent.start : sent.end])
            for position, tok in enumerate(toks, start=1):
                article_token += 1
                surface = text[tok.start : tok.end]
                form = form_of.get(surface)
                if form is None:
                    form = form_of[surface] = len(forms)
                    forms.append(surface)
                tokens.append(number, sentence, position, article_token, tok.start, tok.end, form)
    del form_of
    article_ids = [row["article_id"] for row in article_rows]
    articles = _articles_frame(article_rows, article_texts)
    del article_rows
    sentence_frame = pd.DataFrame(
        {
            "article_id": _article_ids(article_ids, sentences.pop("article")),
            **{c: sentences.pop(c) for c in ("sentence", "start", "end")},
            "text": sentence_texts.result(),
        },
        copy=False,
    )
    token_frame = _token_frame(article_ids, tokens, forms)
    return Corpus(root=corpus_dir, articles=articles, sentences=sentence_frame, tokens=token_frame)


def _read_article(corpus_dir: Path, record: dict) -> tuple[dict, str, list]:
    """One manifest row's article: its row of ``articles`` (without the text), its text
    and its segments (`segment_article`). The sha256 is checked before decoding; a file
    with no visible text, or too long for 32-bit offsets, is refused by name."""
    name = display_name(corpus_dir, record["file"])
    data = (corpus_dir / record["file"]).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != record["sha256"].lower():
        raise CorpusError(
            f"{name}: sha256 is {digest} but the manifest says {record['sha256']}; the file "
            "changed since it was registered (restore it, or update the manifest on purpose)"
        )
    text, encoding, bom = decode_article(data, name)
    segments = segment_article(text)
    if not segments:  # no visible character: the article would vanish silently
        raise CorpusError(f"{name}: the file holds no visible text ({_what_is_there(text)})")
    if len(text) > _INT32_MAX:
        raise CorpusError(
            f"{name}: {len(text):,} characters, more than the loader's 32-bit offsets "
            f"hold ({_INT32_MAX:,}); split the article into several files"
        )
    row = {**record, "encoding": encoding, "bom": bom, "line_endings": line_endings(text),
           "n_bytes": len(data), "n_chars": len(text)}
    return row, text, segments


def _token_frame(article_ids: list[str], tokens: "_Columns", forms: list[str]) -> pd.DataFrame:
    """The ``tokens`` table from the token columns and the distinct surfaces (``forms``,
    numbered by the ``form`` column; emptied here): each surface normalised and
    classified once, and each distinct norm stored once, as Arrow strings taken by
    index."""
    form = tokens.pop("form")
    surface = pa.array(forms, type=pa.large_string())
    norms: dict[str, int] = {}  # a norm shared by several surfaces is stored once
    norm_of_form = np.fromiter(
        (norms.setdefault(norm, len(norms)) for norm in map(normalize, forms)), dtype=np.int32, count=len(forms)
    )
    kind_of_form = np.fromiter((_KIND_CODES[token_kind(s)] for s in forms), dtype=np.int8, count=len(forms))
    forms.clear()  # the Python strings are not needed past here (``surface`` holds a copy)
    norm_strings = pa.array(list(norms), type=pa.large_string())
    del norms
    return pd.DataFrame(
        {
            "article_id": _article_ids(article_ids, tokens.pop("article")),
            **{c: tokens.pop(c) for c in ("sentence", "token", "article_token", "start", "end")},
            "surface": _strings(surface.take(pa.array(form))),
            "norm": _strings(norm_strings.take(pa.array(norm_of_form[form]))),
            "kind": pd.Categorical.from_codes(kind_of_form[form], dtype=KIND_DTYPE),
        },
        copy=False,
    )


def _what_is_there(text: str) -> str:
    """Describe a text with no visible character, for the message refusing it."""
    hidden = next((i for i, c in enumerate(text) if not c.isspace()), None)
    if hidden is None:
        return "only whitespace"
    return (
        "only whitespace and invisible characters such as bidi marks or zero-width spaces; "
        f"the first, U+{ord(text[hidden]):04X}, at character {hidden}"
    )


def describe(corpus: Corpus) -> pd.DataFrame:
    """Counts per article and, when there is more than one, for all together (row
    ``all``).

    Columns: ``sentences``, ``tokens`` (words, numbers and punctuation), ``words``,
    ``numbers``, ``punctuation``, ``word_types_surface`` (distinct word forms as written),
    ``word_types_normalised`` (distinct after `normalize`), ``mean_sentence_words``
    (words per sentence). Word types are counted on ``kind == 'word'`` tokens. One pass
    over the tables (grouped by article), not one per article.
    """
    tokens, sentences = corpus.tokens, corpus.sentences
    ids = corpus.articles["article_id"].tolist()
    is_word = (tokens["kind"] == "word").to_numpy(dtype=bool)
    words = tokens[is_word]

    def per_article(frame: pd.DataFrame, values: pd.Series | None = None, how: str = "size") -> list[int]:
        grouped = (frame if values is None else values).groupby(frame["article_id"].to_numpy(object), sort=False)
        counted = grouped.size() if how == "size" else getattr(grouped, how)()
        return [int(n) for n in counted.reindex(ids, fill_value=0)]

    columns = {
        "sentences": per_article(sentences),
        "tokens": per_article(tokens),
        "words": per_article(words),
        "numbers": per_article(tokens, tokens["kind"] == "number", "sum"),
        "punctuation": per_article(tokens, tokens["kind"] == "punct", "sum"),
        "word_types_surface": per_article(words, words["surface"], "nunique"),
        "word_types_normalised": per_article(words, words["norm"], "nunique"),
    }

    def row(values: dict) -> dict:
        n_words, n_sentences = values["words"], values["sentences"]
        mean = round(n_words / n_sentences, 1) if n_sentences else 0.0
        return {**values, "mean_sentence_words": mean}

    rows = {
        article_id: row({name: values[i] for name, values in columns.items()})
        for i, article_id in enumerate(ids)
    }
    if len(rows) > 1:
        rows["all"] = row(
            {
                "sentences": len(sentences),
                "tokens": len(tokens),
                "words": len(words),
                "numbers": int((tokens["kind"] == "number").sum()),
                "punctuation": int((tokens["kind"] == "punct").sum()),
                "word_types_surface": words["surface"].nunique(),
                "word_types_normalised": words["norm"].nunique(),
            }
        )
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "article_id"
    return table
