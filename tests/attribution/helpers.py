"""What the attribution tests share: a hand-made text attributed, its rows, its spans."""

from __future__ import annotations

from arabic_media.attribution import find_attributions
from tests.support import corpus_of


def attribute(text, lex, **kw):
    corpus = corpus_of({"text": text}, **kw)
    return corpus, find_attributions(corpus, lex)


def said(table):
    return table[table["cue_start"].notna()].reset_index(drop=True)


def span(text, row, part):
    return text[int(row[f"{part}_start"]):int(row[f"{part}_end"])]
