"""Loading a corpus folder: every article, checked against the manifest, segmented
losslessly into sentences and tokens whose offsets point back into its text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from arabic_media import paths
from arabic_media.corpus.decode import decode_article, line_endings
from arabic_media.corpus.errors import CorpusError
from arabic_media.corpus.manifest import display_name, read_manifest
from arabic_media.text import normalize, segment_article, token_kind

__all__ = ["Corpus", "load_corpus", "describe"]


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
    article_rows, sentence_rows, token_rows = [], [], []
    norms: dict[str, str] = {}  # a word recurs; normalise each form once
    for record in manifest.to_dict("records"):
        file = corpus_dir / record["file"]
        name = display_name(corpus_dir, record["file"])
        data = file.read_bytes()
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
        article_id = record["article_id"]
        article_rows.append(
            {
                **record,
                "text": text,
                "encoding": encoding,
                "bom": bom,
                "line_endings": line_endings(text),
                "n_bytes": len(data),
                "n_chars": len(text),
            }
        )
        article_token = 0
        for number, (sent, toks) in enumerate(segments, start=1):
            sentence_rows.append(
                {
                    "article_id": article_id,
                    "sentence": number,
                    "start": sent.start,
                    "end": sent.end,
                    "text": text[sent.start : sent.end],
                }
            )
            for position, tok in enumerate(toks, start=1):
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
