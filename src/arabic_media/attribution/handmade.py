"""A corpus of one hand-written text, for trying the attribution rules on a sentence
and for tests: segmented by the study's one segmentation (`segment_article`)."""

from __future__ import annotations

import pandas as pd

from arabic_media.corpus import Corpus
from arabic_media.text import normalize, segment_article, token_kind

__all__ = ["text_corpus"]


def text_corpus(text: str, article_id: str = "text", *, outlet: str = "", original_outlet: str = "") -> Corpus:
    """A `Corpus` holding ``text`` as one article: ``articles`` (with ``outlet`` and
    ``original_outlet``, what ``الصحيفة`` resolves to), ``sentences`` and ``tokens``
    with the loader's columns and offsets into ``text``."""
    sentences, tokens = [], []
    for number, (sent, spans) in enumerate(segment_article(text), start=1):
        sentences.append({"article_id": article_id, "sentence": number, "start": sent.start, "end": sent.end,
                          "text": text[sent.start:sent.end]})
        for k, span in enumerate(spans, start=1):
            surface = text[span.start:span.end]
            tokens.append({"article_id": article_id, "sentence": number, "token": k, "start": span.start,
                           "end": span.end, "surface": surface, "norm": normalize(surface), "kind": token_kind(surface)})
    articles = pd.DataFrame([{"article_id": article_id, "text": text, "outlet": outlet, "original_outlet": original_outlet}])
    return Corpus(None, articles, pd.DataFrame(sentences), pd.DataFrame(tokens))
