"""The labeller's output as tables for a reader: per sentence, per label, in sequence,
and the numbers behind the stance figures (`arabic_media.charts.stance`).

Every table is built from `arabic_media.stance.rules.Labelling` records (the
``matches`` table with offsets), never by parsing a display string.
"""

from __future__ import annotations

import pandas as pd

from arabic_media.actors import Target
from arabic_media.stance.evaluate import gold_for
from arabic_media.stance.rules import LABELS, Labelling

__all__ = ["label_counts", "label_sequence", "stance_table", "stance_strip_data", "stance_share_data"]



def _labels_of(labels) -> pd.DataFrame:
    """The labels table of a `Labelling`, or ``labels`` itself when it is one."""
    return labels.labels if isinstance(labels, Labelling) else labels


def label_counts(labels, gold: pd.DataFrame | None = None,
                 target: str | Target | None = None) -> pd.DataFrame:
    """Sentences per label, the labeller's and the gold's.

    Parameters
    ----------
    labels : Labelling or DataFrame
        The labeller's output, or its labels table.
    gold : DataFrame, optional
        The stance gold.
    target : str or Target, optional
        Which of the gold's targets (`arabic_media.stance.evaluate.gold_for`).

    Returns
    -------
    DataFrame
        One row per label (index ``label``, in `LABELS` order, zeros included): a
        ``labeller`` column and, with ``gold``, a ``gold`` column.
    """
    counts = pd.DataFrame({"labeller": _labels_of(labels)["label"].value_counts()})
    if gold is not None:
        counts["gold"] = gold_for(gold, target)["label"].value_counts()
    counts = counts.reindex(list(LABELS)).fillna(0).astype(int)
    counts.index.name = "label"
    return counts


def label_sequence(labels, gold: pd.DataFrame | None = None,
                   target: str | Target | None = None, *, first: str = "FAVOR") -> pd.DataFrame:
    """How the labels run through each article.

    Parameters
    ----------
    labels : Labelling or DataFrame
        The labeller's output, or its labels table.
    gold : DataFrame, optional
        The stance gold.
    target : str or Target, optional
        Which of the gold's targets (`arabic_media.stance.evaluate.gold_for`).
    first : str
        The label whose first sentence is looked for (one of `LABELS`).

    Returns
    -------
    DataFrame
        One row per article (sorted): ``article_id``, ``sentences`` (how many),
        ``labels`` (the labeller's, in sentence order, space-joined), ``gold_labels``
        (with ``gold``), ``first_sentence`` (the number of the first sentence labelled
        ``first``, or <NA> if none) and one column per label, ``before_FAVOR`` ...,
        counting the sentences before it with that label (all the article's sentences
        if there is none).

    Raises
    ------
    ValueError
        ``first`` is not one of `LABELS`.
    """
    if first not in LABELS:
        raise ValueError(f"first: {first!r} is not one of {LABELS}")
    gold = gold_for(gold, target) if gold is not None else None
    labels = _labels_of(labels)
    rows = []
    for article_id, group in labels.sort_values("sentence").groupby("article_id", sort=True):
        row = {"article_id": article_id, "sentences": len(group), "labels": " ".join(group["label"])}
        if gold is not None:
            in_gold = gold[gold["article_id"] == article_id].sort_values("sentence")
            row["gold_labels"] = " ".join(in_gold["label"])
        hits = group.loc[group["label"] == first, "sentence"]
        row["first_sentence"] = int(hits.min()) if len(hits) else pd.NA
        before = group if not len(hits) else group[group["sentence"] < hits.min()]
        counts = before["label"].value_counts()
        row.update({f"before_{lab}": int(counts.get(lab, 0)) for lab in LABELS})
        rows.append(row)
    table = pd.DataFrame(rows)
    table["first_sentence"] = table["first_sentence"].astype("Int64")
    return table


def _show_match(record) -> str:
    """One match (a row of `Labelling.matches`) for a reader: ``surface [start-end]``
    then the actor, or the polarity after negation and the weight, with negation and
    discounting spelt out."""
    # a hyphen, not an en dash: between two numbers inside Arabic (right-to-left) text
    # an en dash is a neutral and the bidi algorithm shows the range as end-start
    text = f"{record.surface} [{record.start}-{record.end}]"
    if record.role == "mention":
        return f"{text} {record.actor_id}"
    text += f" {record.effective} {record.weight:g}"
    if record.negated_by:
        text += f" (negated by {record.negated_by})"
    if record.double_negation:
        text += f" (double negation by {record.double_negation}: not flipped)"
    if record.discounted:
        text += " (discounted)"
    return text


def _shown(matches: pd.DataFrame, keys: list[tuple[str, int]]) -> list[str]:
    """For each ``(article_id, sentence)`` of ``keys``, its ``matches`` shown by
    `_show_match`, in sentence order, joined by `` · ``."""
    shown: dict[tuple[str, int], list[str]] = {}
    for row in matches.sort_values(["article_id", "sentence", "first_word"], kind="stable").itertuples():
        shown.setdefault((row.article_id, row.sentence), []).append(_show_match(row))
    return [" · ".join(shown.get(key, [])) for key in keys]


def stance_table(labelling: Labelling, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The labeller's output as a reader's table, one row per sentence.

    Matches read ``surface [start-end]`` (character offsets into the article) with the
    actor, or the cue's polarity after negation and its weight, and whether it was
    negated (or doubly negated, and so not flipped) or discounted; several are joined
    by `` · ``.

    Parameters
    ----------
    labelling : Labelling
        The labeller's output.
    sentences : DataFrame, optional
        The corpus's sentence table, for the sentences' text.

    Returns
    -------
    DataFrame
        ``article_id, sentence, label, score, mentions, deciding_cue, cues`` and, with
        ``sentences``, ``text`` (its line breaks and runs of spaces joined into single
        spaces).
    """
    labels, matches = labelling.labels, labelling.matches
    keys = list(zip(labels["article_id"], labels["sentence"]))
    table = pd.DataFrame(
        {
            "article_id": labels["article_id"],
            "sentence": labels["sentence"],
            "label": labels["label"],
            "score": labels["score"],
            "mentions": _shown(matches[matches["role"] == "mention"], keys),
            "deciding_cue": _shown(matches[(matches["role"] == "cue") & matches["deciding"]], keys),
            "cues": _shown(matches[matches["role"] == "cue"], keys),
        }
    )
    if sentences is not None:
        texts = sentences.set_index(["article_id", "sentence"])["text"]
        table["text"] = [" ".join(texts[key].split()) for key in keys]
    return table.reset_index(drop=True)


def _why_none(row) -> str:
    """What a NONE cell says in place of a deciding cue."""
    if row.n_mentions == 0:
        return "target not named"
    return "cues cancel out" if row.cues else "no cue"


def stance_strip_data(labelling: Labelling, gold: pd.DataFrame | None = None,
                      target: str | Target | None = None) -> pd.DataFrame:
    """The numbers behind `arabic_media.charts.stance.stance_strip_figure`.

    Parameters
    ----------
    labelling : Labelling
        The labeller's output.
    gold : DataFrame, optional
        The stance gold.
    target : str or Target, optional
        Which of the gold's targets (`arabic_media.stance.evaluate.gold_for`).

    Returns
    -------
    DataFrame
        One row per sentence, by article and sentence: ``article_id, sentence, label,
        score``; ``deciding_cue_text`` (the deciding cue's surface, or for NONE why
        there is none, read from the sentence's mentions and cues alone: ``target not
        named`` (no mention, a sentence of the topic rule too), ``no cue``, ``cues
        cancel out`` (cues found: cancelling out, all discounted, or in a question)); its
        ``deciding_cue_start, deciding_cue_end`` (character offsets into the article,
        empty for NONE) and ``negated_by`` (the negator that flipped it, or ""); and,
        with ``gold``, ``gold_label`` (``""`` for a sentence the gold lacks).
    """
    data = labelling.labels.sort_values(["article_id", "sentence"], kind="stable").reset_index(drop=True)
    cues = labelling.matches
    deciding = cues[(cues["role"] == "cue") & cues["deciding"]].set_index(["article_id", "sentence"])
    strip = data[["article_id", "sentence", "label", "score"]].copy()
    found = [deciding.loc[key] if key in deciding.index else None for key in zip(data["article_id"], data["sentence"])]
    strip["deciding_cue_text"] = [
        " ".join(cue["surface"].split()) if cue is not None else _why_none(row)
        for cue, row in zip(found, data.itertuples())
    ]
    strip["deciding_cue_start"] = pd.array([cue["start"] if cue is not None else None for cue in found], dtype="Int64")
    strip["deciding_cue_end"] = pd.array([cue["end"] if cue is not None else None for cue in found], dtype="Int64")
    strip["negated_by"] = [cue["negated_by"] if cue is not None else "" for cue in found]
    if gold is not None:
        gold_labels = gold_for(gold, target).set_index(["article_id", "sentence"])["label"]
        strip["gold_label"] = [
            gold_labels.get((a, s), "") for a, s in zip(strip["article_id"], strip["sentence"])
        ]
    return strip


def stance_share_data(labels) -> pd.DataFrame:
    """Sentences per label per article.

    Parameters
    ----------
    labels : Labelling or DataFrame
        The labeller's output, or its labels table.

    Returns
    -------
    DataFrame
        ``article_id, label, sentences, share`` (the share of the article's
        sentences): every label of `LABELS` for each article, zeros included.
    """
    labels = _labels_of(labels)
    rows = []
    for article_id, group in labels.groupby("article_id", sort=True):
        counts = group["label"].value_counts()
        for lab in LABELS:
            count = int(counts.get(lab, 0))
            rows.append({"article_id": article_id, "label": lab, "sentences": count,
                         "share": count / len(group)})
    return pd.DataFrame(rows, columns=["article_id", "label", "sentences", "share"])
