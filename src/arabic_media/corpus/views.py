"""What notebook 01 shows of a loaded corpus: that every span slices back, where the
file's line breaks fall inside sentences, and which spellings normalisation merges."""

from __future__ import annotations

import pandas as pd

__all__ = ["slice_check", "hard_wraps", "merged_spellings", "sentence_sheet"]


def slice_check(corpus) -> dict[str, int]:
    """How many sentences and tokens equal the slice of their article at their offsets.

    Parameters
    ----------
    corpus : Corpus
        A loaded corpus.

    Returns
    -------
    dict of str to int
        ``sentences``, ``sentences_exact``, ``tokens``, ``tokens_exact``.
    """
    texts = dict(zip(corpus.articles["article_id"].astype(str), corpus.articles["text"]))

    def exact(table: pd.DataFrame, column: str) -> int:
        return sum(texts[str(a)][s:e] == t for a, s, e, t in
                   zip(table["article_id"], table["start"], table["end"], table[column]))

    return {"sentences": len(corpus.sentences), "sentences_exact": exact(corpus.sentences, "text"),
            "tokens": len(corpus.tokens), "tokens_exact": exact(corpus.tokens, "surface")}


def hard_wraps(corpus) -> pd.DataFrame:
    """The sentences that hold a line break of the file.

    A hard wrap: a line-based splitter would have cut the sentence there.

    Parameters
    ----------
    corpus : Corpus
        A loaded corpus.

    Returns
    -------
    DataFrame
        ``article_id, sentence, line_breaks`` (how many ``\\n`` the sentence holds: a
        CR LF counts once), in corpus order.
    """
    sentences = corpus.sentences
    breaks = sentences["text"].str.count("\n")
    table = sentences.loc[breaks > 0, ["article_id", "sentence"]].assign(line_breaks=breaks[breaks > 0])
    return table.reset_index(drop=True)


def merged_spellings(corpus) -> pd.DataFrame:
    """The normalised word forms that gather more than one written form.

    The whole effect of normalisation on a corpus.

    Parameters
    ----------
    corpus : Corpus
        A loaded corpus.

    Returns
    -------
    DataFrame
        ``norm, surface_forms`` (the written forms, sorted, joined by `` / ``), sorted
        by ``norm``.
    """
    words = corpus.tokens[corpus.tokens["kind"] == "word"]
    forms = words.groupby("norm")["surface"].agg(lambda s: sorted(set(s)))
    forms = forms[forms.map(len) > 1]
    return pd.DataFrame({"norm": forms.index.astype(str), "surface_forms": [" / ".join(f) for f in forms]})


def sentence_sheet(corpus) -> str:
    """Every sentence of a corpus as plain text, for an annotator.

    One block per article (its id and title), one line per sentence with its number and
    offsets.

    Parameters
    ----------
    corpus : Corpus

    Returns
    -------
    str
        ``article_id | title`` headers, then ``  <sentence> [<start>-<end>] <text>``
        lines (line breaks inside a sentence shown as ``⏎``).
    """
    titles = dict(zip(corpus.articles["article_id"].astype(str), corpus.articles["title"].astype(str)))
    lines, current = [], None
    for row in corpus.sentences.itertuples(index=False):
        if str(row.article_id) != current:
            current = str(row.article_id)
            lines.append(f"{current} | {titles.get(current, '')}")
        lines.append(f"  {row.sentence} [{row.start}-{row.end}] " + row.text.replace("\n", " ⏎ "))
    return "\n".join(lines)
