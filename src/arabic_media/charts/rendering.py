"""Notebook 00's evidence: the strings a notebook could hand to matplotlib for one
Arabic title, and the figure that draws them side by side."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from arabic_reshaper import reshape
from bidi import get_display

from arabic_media.charts.arabic import ar, in_study_style
from arabic_media.charts.frame import frame_figure

__all__ = ["RENDERINGS", "rendering_candidates", "rendering_comparison_figure", "labels_figure"]

#: The three ways to hand Arabic to matplotlib, and what each is.
RENDERINGS = {
    "raw logical text": "the string as stored, letters unjoined, in reading order",
    "ar() (the study's helper)": "unchanged where matplotlib shapes natively, else reshape + bidi",
    "reshape + bidi (old recipe)": "presentation forms in visual order: right only before matplotlib 3.11",
}


def rendering_candidates(title: str) -> pd.DataFrame:
    """The three candidate strings for ``title``, with their code points.

    Parameters
    ----------
    title : str
        Logical-order text.

    Returns
    -------
    DataFrame
        ``rendering, what_it_is, string, codepoints, same_as_ar``: one row per way in
        `RENDERINGS` (``same_as_ar``: the string is what `ar` returns here).
    """
    strings = [title, ar(title), get_display(reshape(title))]
    table = pd.DataFrame({
        "rendering": list(RENDERINGS),
        "what_it_is": list(RENDERINGS.values()),
        "string": strings,
        "codepoints": [" ".join(f"U+{ord(c):04X}" for c in s) for s in strings],
    })
    table["same_as_ar"] = table["string"] == ar(title)
    return table


@in_study_style
def rendering_comparison_figure(candidates: pd.DataFrame, *, title: str | None = None,
                                source: str | None = None):
    """Each candidate string drawn on its own row, exactly as given, labelled in English.

    Not through `ar`: the point is to see what each string becomes.

    Parameters
    ----------
    candidates : DataFrame
        From `rendering_candidates`.
    title, source : str, optional
        The figure's title and source line (`frame_figure`).

    Returns
    -------
    fig : Figure
        The figure.
    data : DataFrame
        ``candidates``, the CSV of what it draws.
    """
    fig, axes = plt.subplots(len(candidates), 1, figsize=(7, 3.2), squeeze=False)
    for ax, row in zip(axes[:, 0], candidates.itertuples()):
        ax.text(0.5, 0.42, row.string, fontsize=18, ha="center", va="center")
        ax.set_title(row.rendering, fontsize=10, loc="left", color="0.35")
        ax.set_axis_off()
    frame_figure(fig, title=title, source=source)
    return fig, candidates


@in_study_style
def labels_figure(labels) -> plt.Figure:
    """Each label through `ar`, one per line, right-aligned: a visual check (not saved).

    Parameters
    ----------
    labels : sequence of str
        Logical-order labels.

    Returns
    -------
    Figure
        One line per label.
    """
    labels = list(labels)
    fig, ax = plt.subplots(figsize=(5, 0.42 * len(labels)))
    for i, label in enumerate(labels):
        ax.text(0.98, 1 - (i + 0.5) / len(labels), ar(label), fontsize=14, ha="right", va="center")
    ax.set_axis_off()
    return fig
