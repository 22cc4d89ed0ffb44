"""Figures of term counts: ranked bars with English glosses, and lexical dispersion.

Each builder returns ``(fig, data)``, and ``data`` is exactly what
`arabic_media.charts.save.save_figure` writes beside the figure as CSV: the rows and
columns drawn, in the order drawn.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from arabic_media.charts.arabic import ar, in_study_style
from arabic_media.charts.bars import barh
from arabic_media.charts.frame import frame_figure

__all__ = ["GLOSS_WIDTH", "term_bars_figure", "dispersion_figure", "fit_right"]


@in_study_style
def term_bars_figure(terms: pd.DataFrame, *, label: str = "display", value: str = "count",
                     gloss: str | None = "gloss_en", columns: list[str] | None = None,
                     title: str | None = None, xlabel: str | None = None, source: str | None = None,
                     figsize: tuple[float, float] = (7, 6.5)):
    """Horizontal bars of term counts with Arabic labels and English glosses.

    Labels first at the top, through `ar`; each gloss written in grey just right of
    its bar, for readers of an English report. A gloss longer than `GLOSS_WIDTH`
    characters is wrapped, and the x axis is widened until every gloss fits inside
    the figure.

    Parameters
    ----------
    terms : DataFrame
        One row per bar, in the order drawn.
    label : str, default "display"
        The column of the Arabic labels.
    value : str, default "count"
        The column of the bars' lengths.
    gloss : str or None, default "gloss_en"
        The column of the English glosses (filled by
        `arabic_media.lexicons.lookup_glosses`); None draws none.
    columns : list of str, optional
        The columns of ``data`` (default: every column of ``terms``); they must
        include ``label``, ``value`` and ``gloss``.
    title, source : str, optional
        The figure's title and source line (`frame_figure`).
    xlabel : str, optional
        The x axis label (through `ar`).
    figsize : tuple of (float, float), default (7, 6.5)
        In inches, before the title and source line are added.

    Returns
    -------
    fig : Figure
        The figure.
    data : DataFrame
        ``terms[columns]``, with a fresh index: what `save_figure` writes as CSV.

    Raises
    ------
    ValueError
        ``columns`` leaves out a column that is drawn.
    """
    columns = list(terms.columns) if columns is None else list(columns)
    needed = [c for c in (label, value, gloss) if c is not None and c not in columns]
    if needed:
        raise ValueError(f"columns {needed} are drawn but would not be in the figure's CSV")
    data = terms[columns].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=figsize)
    barh(ax, list(data[label]), list(data[value]), xlabel=xlabel)
    frame_figure(fig, title=title, source=source)
    if gloss is not None:
        top = max(data[value]) if len(data) else 0
        texts = [ax.text(v + top * 0.01, y, "\n".join(textwrap.wrap(text, GLOSS_WIDTH)), va="center", ha="left",
                         fontsize=8, color="#555555")
                 for y, (text, v) in enumerate(zip(data[gloss], data[value])) if text]
        ax.set_xlim(0, top * 1.45 if top else 1)
        fit_right(ax, texts)
    return fig, data


#: The longest line of a gloss beside a bar, in characters.
GLOSS_WIDTH = 32


def fit_right(ax, texts, rounds: int = 2) -> None:
    """Widen ``ax``'s x axis (to the right) until every one of ``texts`` ends inside it.

    The texts' widths are measured by drawing the figure; the axis is only ever
    widened, and not at all when everything fits, so a figure whose texts fit is drawn
    as it would be without this step.

    Parameters
    ----------
    ax : Axes
        The axes holding the texts.
    texts : list of matplotlib.text.Text
        The texts that must fit.
    rounds : int, default 2
        How many times to measure and widen at most.
    """
    if not texts:
        return
    for _ in range(rounds):
        ax.figure.canvas.draw()
        renderer = ax.figure.canvas.get_renderer()
        right = max(t.get_window_extent(renderer).x1 for t in texts)
        edge = ax.get_window_extent(renderer).x1
        if right <= edge:
            return
        low, high = ax.get_xlim()
        to_data = ax.transData.inverted()
        needed = to_data.transform((right, 0))[0]
        ax.set_xlim(low, high + (needed - high) * 1.05)


@in_study_style
def dispersion_figure(occurrences: pd.DataFrame, terms: list[str], *, tokens: pd.DataFrame | None = None,
                      glosses: bool = True, title: str | None = None, source: str | None = None,
                      figsize: tuple[float, float] = (8, 4.2)):
    """A lexical dispersion plot: one row per term, a tick at each occurrence.

    For one article the x axis is the token position (``article_token``; token 1 is the
    article's first token, so the axis runs in reading order from left to right, not
    right to left) and, given the annotated ``tokens``, each sentence start is a faint
    vertical line numbered along the top; for several articles it is the relative
    position (0-1) and articles share the rows.

    Parameters
    ----------
    occurrences : DataFrame
        `arabic_media.terms.dispersion` output.
    terms : list of str
        The terms to draw, first at the top; each must occur.
    tokens : DataFrame, optional
        The annotated tokens, for the sentence marks of a one-article plot.
    glosses : bool, default True
        Write each term's ``gloss_en`` on the right-hand axis. The Arabic tick labels
        are the ``display`` column (through `ar`).
    title, source : str, optional
        The figure's title and source line (`frame_figure`).
    figsize : tuple of (float, float), default (8, 4.2)
        In inches, before the title and source line are added.

    Returns
    -------
    fig : Figure
        The figure.
    data : DataFrame
        The rows of ``occurrences`` whose term is one of ``terms``: one row per tick
        drawn.

    Raises
    ------
    ValueError
        No term, or a term of ``terms`` with no occurrence, naming it (the figure
        would show an empty row with nothing to say why).
    """
    if not terms:
        raise ValueError("no term to draw")
    absent = [t for t in terms if t not in set(occurrences["term"])]
    if absent:
        raise ValueError(f"no occurrence of {absent} to draw; leave them out or check the spelling")
    occurrences = occurrences[occurrences["term"].isin(terms)].reset_index(drop=True)
    drawn = occurrences.drop_duplicates("term").set_index("term")
    labels = [drawn.loc[t, "display"] for t in terms]
    gloss_texts = [drawn.loc[t, "gloss_en"] for t in terms]
    fig, ax = plt.subplots(figsize=figsize)
    several = occurrences["article_id"].nunique() > 1
    x = "position" if several else "article_token"
    for y, term in enumerate(terms):
        xs = occurrences.loc[occurrences["term"] == term, x]
        ax.scatter(xs, [y] * len(xs), marker="|", s=220, color="#4c72b0", linewidths=1.6)
    ax.set_yticks(range(len(terms)), [ar(label) for label in labels])
    ax.set_ylim(len(terms) - 0.5, -0.5)
    if glosses:
        right = ax.secondary_yaxis("right")
        right.set_yticks(range(len(terms)), gloss_texts, fontsize=8)
    if several or tokens is None:
        ax.set_xlabel("relative position in the article" if several else "token position in the article")
    else:
        _sentence_marks(ax, tokens[tokens["article_id"] == occurrences["article_id"].iloc[0]])
    frame_figure(fig, title=title, source=source)
    return fig, occurrences


def _sentence_marks(ax, article: pd.DataFrame) -> None:
    """Faint lines at each sentence start of one article, numbered along the top."""
    starts = article.groupby("sentence")["article_token"].min()
    for s in starts:
        ax.axvline(s - 0.5, color="#cccccc", linewidth=0.6, zorder=0)
    ax.set_xlim(0.5, article["article_token"].max() + 0.5)
    top = ax.secondary_xaxis("top")
    top.set_xticks(list(starts), [str(i) for i in starts.index], fontsize=7)
    top.set_xlabel("sentence", fontsize=8)
    ax.set_xlabel("token position in the article")
