"""The corpus: manifest, decoding, loading; every error names the file and the problem.

``corpus/manifest.csv`` lists every article (one row each) with the sha256 of its file.
`load_corpus` checks every row before it reads any text, decodes each file (UTF-8, or a
legacy encoding only where it can be identified with confidence), and segments it into
sentences and tokens whose offsets point back into the article's text.

Modules:
    errors    -- `CorpusError` (loading stops) and `CorpusWarning` (it goes on).
    manifest  -- `read_manifest` (strict) and `write_manifest` (the one writer).
    decode    -- `decode_article`: bytes to text, refusing to guess.
    load      -- `load_corpus`, the `Corpus` tables, `describe`.
"""

from arabic_media.corpus.decode import decode_article
from arabic_media.corpus.errors import CorpusError, CorpusWarning
from arabic_media.corpus.load import Corpus, describe, load_corpus
from arabic_media.corpus.manifest import MANIFEST_COLUMNS, read_manifest, write_manifest

__all__ = [
    "MANIFEST_COLUMNS",
    "Corpus",
    "CorpusError",
    "CorpusWarning",
    "decode_article",
    "describe",
    "load_corpus",
    "read_manifest",
    "write_manifest",
]
