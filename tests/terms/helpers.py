"""What the term tests share: tokens of hand-written texts in the loader's shape."""

from __future__ import annotations

import pandas as pd

from arabic_media.text import normalize, segment_article, token_kind


NO_REPORTING = pd.DataFrame({"norm": [], "lemma": [], "category": []})


def make_tokens(texts: dict[str, str]) -> pd.DataFrame:
    """Tokens of ``texts`` (article_id -> text) in the loader's shape, through the study's
    one segmentation (`segment_article`)."""
    rows = []
    for article_id, text in texts.items():
        article_token = 0
        for number, (sent, toks) in enumerate(segment_article(text), start=1):
            for position, tok in enumerate(toks, start=1):
                article_token += 1
                surface = text[tok.start : tok.end]
                rows.append({
                    "article_id": article_id, "sentence": number, "token": position,
                    "article_token": article_token, "start": tok.start, "end": tok.end,
                    "surface": surface, "norm": normalize(surface), "kind": token_kind(surface),
                })
    return pd.DataFrame(rows)
