"""Counting a corpus without per-token rows: term and bigram frequencies at any scale.

`count_corpus` reads a source (`arabic_media.corpus.sources`) one article at a time and
returns `Counts`: a frequency table per term in normalised form and in grouped form (with
category, count and document frequency), bigram counts, per-article totals, the
failures table and a provenance record. It gives the numbers `load_corpus` +
`arabic_media.terms.annotate` / `ngrams(..., 2)` give (``tests/counting/test_counting.py`` checks
that), without keeping a row per token:

* **Chunks mapped, tallies merged.** Articles are counted in chunks (`count_chunk`)
  into a `Tally`: numbers keyed by normalised form, mergeable (`merge_tallies`), so the
  same function runs in one process, in several (the default from `POOL_MIN_CORES`
  cores on: this process reads and hands chunks to one worker process per other core,
  and counts a chunk itself whenever they are all busy), or on a Dask cluster
  (``scheduler=...``); `tally_tables` turns the merged tally into tables.
* **No string per token.** A chunk's tokens are found with numpy on the code points
  of its texts (`scan`: the study's tokenizer, proved equal to it), and each word is
  named by a 64-bit key holding its characters; a worker normalises and classifies
  each distinct word the first time it meets it, and counting is done on arrays of
  ids. Memory grows with the vocabulary (and with one entry per distinct word of each
  article, for the grouped document frequencies), not with the running text.

Definitions (the study's, imported from where they live; see the block below):

* tokens are the study's tokenizer (`arabic_media.text.tokenize`), kinds by
  `token_kind`, the normalised form `normalize` with its defaults;
* a word's category is ``reporting_verb`` / ``attribution`` (``reporting_terms.csv``),
  else ``stopword`` (``stopwords_ar.txt``), else ``content``: as `terms.annotate`;
* the group key is ``CliticGrouper(vocabulary)(norm)`` where the vocabulary is the set
  of normalised word types of the source counted (as `annotate` builds it); the group
  table also gives the label `annotate` displays (the key's most frequent member);
* a bigram is two consecutive word tokens of one sentence with no punctuation or
  number between them, neither a stop word, a reporting verb nor an attribution word,
  in normalised form (`terms.ngrams(..., 2)`). Sentence boundaries matter only where
  no punctuation token separates the two words, and with `split_sentences`' rule that
  is exactly a paragraph break (`text.paragraph_break_re`; a sentence otherwise ends
  on terminal punctuation, itself a token); ``tests/counting/test_counting.py`` checks this
  against `segment_article`.

Modules: `scan` (the tokens and paragraph breaks of a chunk of texts, with numpy),
`vocabulary` (settings; each word classified once per process),
`tally` (counting chunks, merging tallies), `tables` (`tally_tables`: the tables of
`Counts`), `run` (`count_corpus`: in one process, several, or on Dask).
"""

from arabic_media.counting.run import CHUNK_ARTICLES, POOL_MIN_CORES, count_corpus
from arabic_media.counting.tables import GROUP_COLUMNS, Counts, tally_tables
from arabic_media.counting.tally import ARTICLE_COLUMNS, Tally, count_chunk, merge_tallies
from arabic_media.categories import NGRAM_EDGE_EXCLUDE, WORD_CATEGORIES
from arabic_media.counting.vocabulary import Settings, study_settings

__all__ = [
    "ARTICLE_COLUMNS",
    "CHUNK_ARTICLES",
    "GROUP_COLUMNS",
    "NGRAM_EDGE_EXCLUDE",
    "POOL_MIN_CORES",
    "WORD_CATEGORIES",
    "Counts",
    "Settings",
    "Tally",
    "count_chunk",
    "count_corpus",
    "merge_tallies",
    "study_settings",
    "tally_tables",
]
