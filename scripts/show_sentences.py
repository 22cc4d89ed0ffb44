"""Print every sentence of a split's corpus, numbered as the loader numbers them, with
its character offsets: the sheet an annotator writes gold rows from.

    .venv/bin/python scripts/show_sentences.py extremism_dev

The split is one of `arabic_media.annotations.SPLITS`.
"""

from __future__ import annotations

import sys

from arabic_media.annotations import SPLITS, split_corpus_dir
from arabic_media.corpus import load_corpus
from arabic_media.corpus.views import sentence_sheet

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in SPLITS:
        sys.exit(f"usage: show_sentences.py SPLIT, one of {', '.join(SPLITS)}")
    print(sentence_sheet(load_corpus(split_corpus_dir(sys.argv[1]))))
