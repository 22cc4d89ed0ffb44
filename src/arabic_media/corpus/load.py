"""Loading a corpus folder: every article, checked against the manifest, segmented
losslessly into sentences and tokens whose offsets point back into its text; and the
same tables for texts held in memory (`corpus_from_texts`, `text_corpus`)."""

from __future__ import annotations

import hashlib
import warnings
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from arabic_media import paths
from arabic_media.corpus.article import ArticleError, check_article, read_article_bytes, visible_text_problem
from arabic_media.corpus.decode import line_endings
from arabic_media.corpus.errors import CorpusError, CorpusWarning
from arabic_media.corpus.manifest import MANIFEST_COLUMNS, display_name, manifest_id_problem, read_manifest
from arabic_media.text import normalize, segment_article, token_kind

__all__ = ["Corpus", "load_corpus", "corpus_from_texts", "text_corpus", "describe", "STRING_DTYPE", "KIND_DTYPE"]

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
    """The loaded corpus: its articles, sentences and tokens, as three tables.

    Dtypes (compact, so a large corpus fits in memory): text columns (``text``,
    ``surface``, ``norm``, the manifest's cells) are `STRING_DTYPE`, pandas' ``str``
    stored in Arrow; ``article_id`` is categorical in all three tables, its categories
    the ids in sorted order (sorting and grouping order rows as the strings would);
    ``kind`` is categorical (`KIND_DTYPE`); sentence and token numbers and offsets are
    int32 (signed, so differences cannot wrap).

    Attributes
    ----------
    root : Path or None
        The corpus folder read; None for a corpus built from texts in memory
        (`corpus_from_texts`).
    articles : DataFrame
        One row per manifest row: the manifest's columns plus ``text`` (the decoded
        article), ``encoding`` (what the bytes were decoded from), ``bom``,
        ``line_endings`` (``LF``, ``CRLF``, ``CR``, ``mixed`` or ``none``),
        ``n_bytes`` (of the file), ``n_chars`` (of the text).
    sentences : DataFrame
        ``article_id, sentence, start, end, text``; ``sentence`` counts from 1 in each
        article; ``text == article_text[start:end]``.
    tokens : DataFrame
        ``article_id, sentence, token, article_token, start, end, surface, norm,
        kind``; ``token`` counts from 1 in each sentence, ``article_token`` from 1 in
        each article; ``surface == article_text[start:end]``;
        ``norm = normalize(surface)``; ``kind`` is ``word``, ``number`` or ``punct``.
    """

    root: Path | None  # None: built from texts in memory (`corpus_from_texts`)
    articles: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame

    def text(self, article_id: str) -> str:
        """The full text of one article.

        Parameters
        ----------
        article_id : str
            The article's id.

        Returns
        -------
        str
            Its text, exactly as decoded (the offsets of the other tables point into it).

        Raises
        ------
        KeyError
            No article with that id.
        """
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


class _TableBuilder:
    """The three tables of a `Corpus`, built one article at a time: the one place
    where an article's text and segments become rows (`load_corpus` and
    `corpus_from_texts` both add their articles here)."""

    def __init__(self) -> None:
        self.article_rows: list[dict] = []
        self.article_texts = _StringChunks(chunk=256)
        self.sentences = _Columns("article", "sentence", "start", "end")
        self.sentence_texts = _StringChunks()
        self.tokens = _Columns("article", "sentence", "token", "article_token", "start", "end", "form")
        # Each distinct surface is stored, normalised and classified once; a token holds
        # the number of its surface (``form``).
        self.form_of: dict[str, int] = {}
        self.forms: list[str] = []

    def add(self, row: dict, text: str) -> None:
        """Add one article: ``row`` (its cells of ``articles``, without the text) and
        its ``text``, segmented here by `segment_article`, the study's one
        segmentation."""
        number = len(self.article_rows)
        self.article_rows.append(row)
        self.article_texts.append(text)
        sentences, sentence_texts, tokens = self.sentences, self.sentence_texts, self.tokens
        form_of, forms = self.form_of, self.forms
        article_token = 0
        for sentence, (sent, toks) in enumerate(segment_article(text), start=1):
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

    def corpus(self, root: Path | None) -> Corpus:
        """The `Corpus` of the articles added (the builder is spent afterwards)."""
        self.form_of = {}
        article_ids = [row["article_id"] for row in self.article_rows]
        articles = _articles_frame(self.article_rows, self.article_texts)
        self.article_rows = []
        sentences = self.sentences
        sentence_frame = pd.DataFrame(
            {
                "article_id": _article_ids(article_ids, sentences.pop("article")),
                **{c: sentences.pop(c) for c in ("sentence", "start", "end")},
                "text": self.sentence_texts.result(),
            },
            copy=False,
        )
        token_frame = _token_frame(article_ids, self.tokens, self.forms)
        return Corpus(root=root, articles=articles, sentences=sentence_frame, tokens=token_frame)


def load_corpus(root: Path | str | None = None) -> Corpus:
    """Load every article listed in ``<root>/manifest.csv``.

    Each file is read and checked as every reader of the corpus checks it
    (`corpus.article.check_article`: the sha256 against the manifest's before
    decoding, `decode_article`'s rules, a visible character required; the streaming
    `corpus.sources.ManifestFolder` takes the same path). The text is kept exactly as
    decoded (a UTF-8 BOM is not part of the text; CRLF line endings are kept), and
    sentences and tokens carry offsets into it.

    Parameters
    ----------
    root : Path or str, optional
        The corpus folder (default: the project's ``corpus/``).

    Returns
    -------
    Corpus
        The articles, sentences and tokens tables.

    Raises
    ------
    CorpusError
        A problem that would make a result wrong: a manifest that does not check out
        (`read_manifest`), a file that cannot be read, whose sha256 differs, that
        cannot be decoded with confidence, or that holds no visible text (only
        whitespace and invisible characters, which would otherwise add an article of
        0 sentences): an `ArticleError`, whose ``reason`` is the streaming sources'
        failure reason. Also a text too long for 32-bit offsets.

    Warns
    -----
    CorpusWarning
        A file decoded from a legacy encoding, or holding stray control characters.
    """
    corpus_dir = Path(root) if root is not None else paths.CORPUS_DIR
    manifest = read_manifest(corpus_dir)
    tables = _TableBuilder()
    for record in manifest.to_dict("records"):
        name = display_name(corpus_dir, record["file"])
        data = read_article_bytes(corpus_dir / record["file"], name)
        decoded = check_article(data, name, record["sha256"])
        for message in decoded.warnings:
            warnings.warn(message, CorpusWarning, stacklevel=2)
        _check_length(decoded.text, name)
        tables.add(_article_row(record, decoded.text, decoded.encoding, decoded.bom, decoded.n_bytes), decoded.text)
    return tables.corpus(corpus_dir)


def _article_row(cells: dict, text: str, encoding: str, bom: bool, n_bytes: int) -> dict:
    """An article's row of ``articles`` without its text: its manifest cells, then what
    reading it found."""
    return {**cells, "encoding": encoding, "bom": bom, "line_endings": line_endings(text),
            "n_bytes": n_bytes, "n_chars": len(text)}


def _check_length(text: str, name: str) -> None:
    """Refuse a text too long for the tables' 32-bit offsets, by name."""
    if len(text) > _INT32_MAX:
        raise CorpusError(
            f"{name}: {len(text):,} characters, more than the loader's 32-bit offsets "
            f"hold ({_INT32_MAX:,}); split the article into several files"
        )


#: Columns of ``articles`` that reading an article fills; a text's cells cannot set them.
_READ_COLUMNS = ("text", "encoding", "bom", "line_endings", "n_bytes", "n_chars")


def corpus_from_texts(texts: Mapping[str, str], *, cells: Mapping[str, Mapping[str, str]] | None = None) -> Corpus:
    """A `Corpus` of texts held in memory, built exactly as `load_corpus` builds one.

    The same table builder and the same segmentation (`segment_article`), so the
    ``articles``, ``sentences`` and ``tokens`` tables have the loader's columns, dtypes
    and offsets: the tables of a text equal those `load_corpus` gives for a file
    holding that text (UTF-8, no BOM) with the same manifest cells.

    Parameters
    ----------
    texts : mapping of str to str
        ``article_id -> text``, in the order the tables list them. An id follows the
        manifest's rule (lower-case ASCII letters, digits, ``-`` and ``_``).
    cells : mapping of str to mapping of str to str, optional
        ``article_id -> {column: value}``: manifest cells of an article (``outlet``,
        ``original_outlet``, ``title``, ``published``, ``file`` ...; any other column
        name is kept after them, as `read_manifest` keeps extra columns). A column not
        given is empty; ``sha256`` is that of the text's UTF-8 bytes unless given.

    Returns
    -------
    Corpus
        With ``root`` None; ``articles.encoding`` is ``utf-8``, ``bom`` False,
        ``n_bytes`` the size of the text in UTF-8.

    Raises
    ------
    CorpusError
        No text; an id the manifest would refuse; a cell for an article not in
        ``texts``; a text that is not a string, cannot be encoded as UTF-8 (a lone
        surrogate), or holds no visible character (an `ArticleError` of reason
        ``empty_body``, with the loader's message); a text too long for 32-bit offsets.
    ValueError
        A cell that is not text, or one of the columns reading fills (``text``,
        ``encoding``, ``bom``, ``line_endings``, ``n_bytes``, ``n_chars``).
    """
    texts = dict(texts)
    cells = {key: dict(value) for key, value in (cells or {}).items()}
    if not texts:
        raise CorpusError("no text given: a corpus needs at least one article")
    unknown = [key for key in cells if key not in texts]
    if unknown:
        raise CorpusError(f"cells given for article(s) {unknown} that are not among the texts")
    extra = list(dict.fromkeys(c for given in cells.values() for c in given if c not in MANIFEST_COLUMNS))
    tables = _TableBuilder()
    for article_id, text in texts.items():
        problem = manifest_id_problem(article_id)
        if problem:
            raise CorpusError(f"article_id {article_id!r}: {problem}")
        if not isinstance(text, str):
            raise CorpusError(f"{article_id}: the text is a {type(text).__name__}, not a string")
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as err:
            raise CorpusError(f"{article_id}: the text cannot be encoded as UTF-8 ({err.reason} at character "
                              f"{err.start}); it is no text a file could hold") from None
        problem = visible_text_problem(text)
        if problem:
            raise ArticleError(f"{article_id}: the text holds no visible text ({problem})", "empty_body")
        _check_length(text, article_id)
        given = cells.get(article_id, {})
        for column, value in given.items():
            if column in _READ_COLUMNS or column == "article_id":
                raise ValueError(f"{article_id}: column {column!r} is not a manifest cell that can be given")
            if not isinstance(value, str):
                raise ValueError(f"{article_id}: column {column!r} holds {type(value).__name__} {value!r}, not text")
        row = {column: "" for column in [*MANIFEST_COLUMNS, *extra]}
        row.update(article_id=article_id, sha256=hashlib.sha256(data).hexdigest())
        row.update(given)
        tables.add(_article_row(row, text, "utf-8", False, len(data)), text)
    return tables.corpus(None)


def text_corpus(text: str, article_id: str = "text", *, outlet: str = "", original_outlet: str = "") -> Corpus:
    """A `Corpus` of one text (`corpus_from_texts` with one article).

    Parameters
    ----------
    text : str
        The article's text.
    article_id : str, default "text"
        Its id (the manifest's rule).
    outlet, original_outlet : str, optional
        Its ``outlet`` and ``original_outlet`` cells (what ``الصحيفة``, "the
        newspaper", resolves to in the attribution analysis).

    Returns
    -------
    Corpus
        As `corpus_from_texts`.

    Raises
    ------
    CorpusError
        As `corpus_from_texts`: an empty text, or one of only whitespace and
        invisible characters, is refused here by name, not later by a table that
        lacks its columns.
    """
    return corpus_from_texts({article_id: text}, cells={article_id: {"outlet": outlet,
                                                                     "original_outlet": original_outlet}})


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


def describe(corpus: Corpus) -> pd.DataFrame:
    """Counts per article and, when there is more than one, for all together.

    One pass over the tables (grouped by article), not one per article.

    Parameters
    ----------
    corpus : Corpus
        A loaded corpus.

    Returns
    -------
    DataFrame
        Indexed by ``article_id`` (in the articles' order, then ``all`` when there is
        more than one article). Columns: ``sentences``, ``tokens`` (words, numbers and
        punctuation), ``words``, ``numbers``, ``punctuation``, ``word_types_surface``
        (distinct word forms as written), ``word_types_normalised`` (distinct after
        `normalize`), ``mean_sentence_words`` (words per sentence, to one decimal).
        Word types are counted on ``kind == 'word'`` tokens.
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
