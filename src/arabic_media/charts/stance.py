"""Figures of sentence stance: the sentence strip, the label shares, the confusion matrix.

Each builder returns ``(fig, data)``, and ``data`` is exactly what
`arabic_media.charts.save.save_figure` writes beside the figure as CSV.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Rectangle

from arabic_media.actors import Target
from arabic_media.charts.arabic import FALLBACK_FONT, ar, in_study_style
from arabic_media.charts.bars import barh
from arabic_media.charts.frame import frame_figure
from arabic_media.stance.evaluate import Evaluation
from arabic_media.stance.rules import LABELS, Labelling
from arabic_media.stance.tables import stance_share_data, stance_strip_data

__all__ = ["LABEL_COLOURS", "stance_strip_figure", "stance_share_figure", "stance_confusion_figure"]



#: Colours of the labels in the study's figures: Okabe-Ito blue and orange, safe for
#: colour-blind readers and far apart in greyscale (dark, mid, light); every figure
#: also writes the label as text, because colour alone fails in greyscale print.
LABEL_COLOURS = {"FAVOR": "#0072B2", "AGAINST": "#E69F00", "NONE": "#E8E8E8"}


#: Text colour on each label's fill, chosen for contrast.
LABEL_TEXT_COLOURS = {"FAVOR": "white", "AGAINST": "black", "NONE": "#333333"}


def _wrap_words(text: str, width: int) -> list[str]:
    """Greedy word wrap to lines of at most ``width`` characters (a longer word gets a
    line of its own). Arabic is wrapped in logical order, before `ar`, so that each
    line is shaped on its own."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


@in_study_style
def stance_strip_figure(labels: Labelling, gold: pd.DataFrame | None = None,
                        target: str | Target | None = None, *, title: str | None = None,
                        source: str | None = None, wrap: int = 11):
    """Each article as a strip of its sentences, coloured by label.

    One row of cells per article, sentence 1 at the **right**, as the Arabic text
    runs. Each cell gives the label and the score in words; under it, the deciding cue
    as it stands in the text (through `ar`, wrapped at ``wrap`` characters, each line
    shaped on its own), or in English why a NONE has none. With ``gold`` (filtered to
    ``target`` as in `evaluate`), a sentence whose gold label differs gets a dashed
    frame and ``gold: <label>`` in its cell.

    Parameters
    ----------
    labels : Labelling
        The labeller's output (`arabic_media.stance.label_sentences`).
    gold : DataFrame, optional
        The stance gold, to mark where it differs.
    target : str or Target, optional
        The target the gold is filtered to.
    title, source : str, optional
        The figure's title (default: a description of the strip) and source line
        (`frame_figure`).
    wrap : int, default 11
        The width, in characters, the deciding cue is wrapped at.

    Returns
    -------
    fig : Figure
        The figure.
    data : DataFrame
        From `stance_strip_data`, ready for `arabic_media.charts.save.save_figure`.

    Raises
    ------
    ValueError
        No sentence to draw.
    """
    data = stance_strip_data(labels, gold, target)
    articles = list(dict.fromkeys(data["article_id"]))
    if not articles:
        raise ValueError("no sentences to draw")
    widest = int(data.groupby("article_id").size().max())
    under = [_cell_lines(row, wrap) for row in data.itertuples()]  # logical order
    data_lines = dict(zip(zip(data["article_id"], data["sentence"]), under))
    # One data unit is about an inch (a cell is 1 high); an 11 pt line of Amiri, whose
    # Arabic ascenders and descenders are tall, takes about 0.3 of it.
    bottom = -(0.2 + 0.3 * max(len(lines) for lines in under))
    fig, axes = plt.subplots(
        len(articles), 1, squeeze=False,
        figsize=(0.95 * widest + 0.6, (1.02 - bottom + 0.7) * len(articles) + 0.4),
    )
    for ax, article_id in zip(axes[:, 0], articles):
        rows = data[data["article_id"] == article_id].reset_index(drop=True)
        n = len(rows)
        for k, row in rows.iterrows():
            # sentence 1 on the right; short articles aligned right
            _draw_cell(ax, widest - 1 - k, row, data_lines[(article_id, row["sentence"])], gold is not None)
        ax.set_xlim(-0.55, widest - 0.45)
        ax.set_ylim(bottom, 1.02)
        ax.set_xticks([widest - 1 - k for k in range(n)], [str(s) for s in rows["sentence"]], fontsize=8)
        ax.xaxis.tick_top()
        ax.tick_params(axis="x", length=0, pad=2)
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_title(f"{article_id}: sentence number above, read from the right",
                     fontsize=9, loc="right", color="#333333")
    frame_figure(fig, title=title or "Stance toward the target, sentence by sentence; under each cell the deciding cue",
                 source=source)
    return fig, data


def _cell_lines(row, wrap: int) -> list[str]:
    """The lines under a sentence's cell: its deciding cue wrapped (and the negator that
    flipped it), or for NONE why there is none."""
    if pd.isna(row.deciding_cue_start):
        return _wrap_words(row.deciding_cue_text, 9)
    lines = _wrap_words(row.deciding_cue_text, wrap)
    if row.negated_by:
        # the cue's own polarity is the opposite of the label: say why
        lines += ["negated by", " ".join(row.negated_by.split())]
    return lines


def _draw_cell(ax, x: float, row, lines: list[str], with_gold: bool) -> None:
    """One sentence's cell at ``x``: coloured by label, label and score inside (and the
    gold label, framed dashed, where it differs), the lines under it."""
    differs = with_gold and row["gold_label"] not in ("", row["label"])
    ax.add_patch(
        Rectangle(
            (x - 0.46, 0), 0.92, 1, facecolor=LABEL_COLOURS[row["label"]],
            edgecolor="black" if differs else "#999999",
            linestyle="--" if differs else "-", linewidth=1.6 if differs else 0.6,
        )
    )
    in_cell = f"{row['label']}\n{row['score']:+g}"
    if differs:
        in_cell += f"\ngold: {row['gold_label']}"
    # Latin and digits only: DejaVu Sans, whose full stop reads better than Amiri's
    ax.text(x, 0.5, in_cell, ha="center", va="center", fontsize=8.5, linespacing=1.3,
            color=LABEL_TEXT_COLOURS[row["label"]], fontfamily=FALLBACK_FONT)
    if pd.notna(row["deciding_cue_start"]):
        ax.text(x, -0.12, "\n".join(ar(line) for line in lines), ha="center", va="top",
                fontsize=11, linespacing=1.1)
    else:
        ax.text(x, -0.14, "\n".join(lines), ha="center", va="top", fontsize=8.5,
                color="#555555", style="italic")


@in_study_style
def stance_share_figure(labels, *, title: str | None = None, source: str | None = None):
    """Sentences per label, one panel per article.

    Bars in `LABEL_COLOURS` with the count written at each bar's end.

    Parameters
    ----------
    labels : Labelling or DataFrame
        The labeller's output, or its labels table.
    title, source : str, optional
        The figure's title (default ``Sentences per stance label``) and source line
        (`frame_figure`).

    Returns
    -------
    fig : Figure
        The figure.
    data : DataFrame
        From `stance_share_data`: ``article_id, label, sentences, share``.

    Raises
    ------
    ValueError
        No sentence to count.
    """
    data = stance_share_data(labels)
    articles = list(dict.fromkeys(data["article_id"]))
    if not articles:
        raise ValueError("no sentences to count")
    fig, axes = plt.subplots(len(articles), 1, figsize=(6, 1.6 * len(articles) + 0.6),
                             squeeze=False, sharex=True)
    top = int(data["sentences"].max())
    for ax, article_id in zip(axes[:, 0], articles):
        rows = data[data["article_id"] == article_id]
        last = article_id == articles[-1]
        barh(ax, rows["label"], rows["sentences"], xlabel="sentences" if last else None)
        for bar, lab, count in zip(ax.patches, rows["label"], rows["sentences"]):
            bar.set_facecolor(LABEL_COLOURS[lab])
            bar.set_edgecolor("#666666")
            ax.text(bar.get_width() + top * 0.02, bar.get_y() + bar.get_height() / 2, str(count),
                    va="center", fontsize=10)
        ax.set_xlim(0, top * 1.12 + 0.5)
        ax.set_title(f"{article_id} ({int(rows['sentences'].sum())} sentences)",
                     fontsize=9, loc="left")
    frame_figure(fig, title=title or "Sentences per stance label", source=source)
    return fig, data


@in_study_style
def stance_confusion_figure(result: Evaluation, *, title: str | None = None, source: str | None = None):
    """The confusion matrix of an `Evaluation` as a grid of counts, darker for more.

    Gold in rows, labeller in columns; the diagonal is framed.

    Parameters
    ----------
    result : Evaluation
        The scores of the labeller against the gold.
    title, source : str, optional
        The figure's title (default: ``Labeller against gold`` with the number of
        sentences) and source line (`frame_figure`).

    Returns
    -------
    fig : Figure
        The figure.
    data : DataFrame
        The matrix in long form: ``gold, predicted, sentences``.
    """
    matrix = result.confusion.loc[list(LABELS), list(LABELS)]
    values = matrix.to_numpy()
    fig, ax = plt.subplots(figsize=(4.6, 4.0))
    ax.imshow(values, cmap="Greys", vmin=0, vmax=max(int(values.max()), 1) * 1.6)
    for i in range(len(LABELS)):
        for j in range(len(LABELS)):
            ax.text(j, i, str(int(values[i, j])), ha="center", va="center", fontsize=13,
                    color="white" if values[i, j] > values.max() * 0.6 else "black")
        ax.add_patch(Rectangle((i - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="black", linewidth=1.2))
    ax.set_xticks(range(len(LABELS)), LABELS)
    ax.set_yticks(range(len(LABELS)), LABELS)
    ax.set_xlabel("labeller")
    ax.set_ylabel("gold")
    frame_figure(fig, title=title or f"Labeller against gold ({result.n} sentences)", source=source)
    data = (
        matrix.rename_axis(index="gold", columns="predicted").stack().rename("sentences")
        .reset_index()
    )
    data["sentences"] = data["sentences"].astype(int)
    return fig, data
