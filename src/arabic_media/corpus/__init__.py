"""The corpus: manifest, decoding, loading; every error names the file and the problem.

``corpus/manifest.csv`` lists every article (one row each) with the sha256 of its file.
`load_corpus` checks every row before it reads any text, decodes each file (UTF-8, or a
legacy encoding only where it can be identified with confidence), and segments it into
sentences and tokens whose offsets point back into the article's text.

Modules:
    errors    -- `CorpusError` (loading stops) and `CorpusWarning` (it goes on).
    manifest  -- `read_manifest` (strict) and `write_manifest` (the one writer).
    decode    -- `decode_article`: bytes to text, refusing to guess.
    article   -- an article file's bytes to checked text, the one path every reader
                 takes (`check_article`; a refusal is an `ArticleError` with a reason).
    load      -- `load_corpus`, the `Corpus` tables, `describe`; `corpus_from_texts`
                 and `text_corpus`: the same tables for texts held in memory.
    names     -- `shown_name`: a file or member name that is not UTF-8, escaped.
    sources   -- the corpus as a stream: manifest folder, text folder, TREC archive.
    ant       -- the ANT corpus: member names and the ``<TEXT>`` body cut.
    tarstream -- a tar archive's files cut straight from its decompressed stream.
"""

from arabic_media.corpus.article import ArticleError
from arabic_media.corpus.decode import decode_article
from arabic_media.corpus.errors import CorpusError, CorpusWarning

# The loader and the manifest need pandas; they are imported on first use, so that a
# process that only streams articles (a counting worker: `corpus.sources`) stays small.
_LAZY = {
    "Corpus": "arabic_media.corpus.load",
    "corpus_from_texts": "arabic_media.corpus.load",
    "describe": "arabic_media.corpus.load",
    "load_corpus": "arabic_media.corpus.load",
    "text_corpus": "arabic_media.corpus.load",
    "MANIFEST_COLUMNS": "arabic_media.corpus.manifest",
    "read_manifest": "arabic_media.corpus.manifest",
    "write_manifest": "arabic_media.corpus.manifest",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

__all__ = [
    "MANIFEST_COLUMNS",
    "ArticleError",
    "Corpus",
    "CorpusError",
    "CorpusWarning",
    "corpus_from_texts",
    "decode_article",
    "describe",
    "load_corpus",
    "read_manifest",
    "text_corpus",
    "write_manifest",
]
