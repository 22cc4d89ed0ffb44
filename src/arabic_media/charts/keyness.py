"""Figures of keywords against a reference corpus (`arabic_media.terms.keyness`): the
strongest keywords as bars, and the article's frequency against keyness.

Each builder takes a `keyness` table and returns ``(fig, data)``; ``data`` is exactly
what `arabic_media.charts.save.save_figure` writes beside the figure as CSV: the rows
drawn, in the order drawn, with the counts, corpus sizes and scores behind each.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import pandas as pd

from arabic_media.charts.arabic import ar, in_study_style
from arabic_media.charts.frame import frame_figure
from arabic_media.charts.terms import term_bars_figure
from arabic_media.lexicons import lookup_glosses
from arabic_media.terms.keyness import OVER, top_keywords

__all__ = ["KEYWORD_COLUMNS", "keyness_bars_figure", "frequency_vs_keyness_figure"]

#: The columns of each figure's CSV: what a reader needs to recompute every score.
KEYWORD_COLUMNS = [
    "term", "display", "gloss_en", "count_article", "count_reference", "tokens_article",
    "tokens_reference", "per_million_article", "per_million_reference", "g2", "p_value",
    "log_ratio", "absent_in_reference",
]


def _with_glosses(rows: pd.DataFrame, glossary: Mapping[str, str] | None) -> pd.DataFrame:
    """``rows`` with ``gloss_en`` (`lookup_glosses`, by the displayed form, then the key)."""
    rows = rows.copy()
    by_display = lookup_glosses(rows["display"], glossary)
    by_term = lookup_glosses(rows["term"], glossary)
    rows["gloss_en"] = [d or t for d, t in zip(by_display, by_term)]
    return rows


@in_study_style
def keyness_bars_figure(table: pd.DataFrame, *, n: int = 20, glossary: Mapping[str, str] | None = None,
                        title: str | None = None, source: str | None = None,
                        figsize: tuple[float, float] = (7, 6.5)):
    """The ``n`` strongest over-used keywords of a `keyness` table as bars of Log Ratio.

    Keywords are the rows with ``key`` True (G2 over the threshold, enough
    occurrences), ordered by Log Ratio (`top_keywords`): G2 admits a term, Log Ratio
    says how much more frequent it is (1 = twice, 3 = eight times). Labels are the
    ``display`` forms (through `ar`), each with its English gloss (`lookup_glosses`)
    beside its bar, as `term_bars_figure` draws them. A term absent from the reference
    list is hatched: its Log Ratio takes a 0.5 for the 0, and is a bound.

    Parameters
    ----------
    table : DataFrame
        A `keyness` table.
    n : int, default 20
        How many keywords.
    glossary : mapping of str to str, optional
        For the glosses (default `load_glossary`), looked up by the displayed form,
        then by the key.
    title, source : str, optional
        The figure's title and source line (`frame_figure`).
    figsize : tuple of (float, float), default (7, 6.5)
        In inches, before the title and source line are added.

    Returns
    -------
    fig : Figure
        The figure.
    data : DataFrame
        The drawn rows with `KEYWORD_COLUMNS`, in the order drawn.
    """
    rows = _with_glosses(top_keywords(table, n, direction=OVER), glossary)
    fig, data = term_bars_figure(
        rows, label="display", value="log_ratio", gloss="gloss_en", columns=KEYWORD_COLUMNS, title=title, source=source,
        xlabel="Log Ratio: log2 of (share in the article / share in the reference)", figsize=figsize)
    ax = fig.axes[0]
    for bar, absent in zip(ax.patches, data["absent_in_reference"]):
        if absent:
            bar.set_hatch("///")
            bar.set_edgecolor("white")
    if data["absent_in_reference"].any():
        # bottom right, inside the axes: the bars are sorted, so the shortest are there
        # (above the axes the note would run into a centred title)
        ax.text(0.99, 0.01, "hatched: not in the reference list (0 taken as 0.5; a bound)",
                transform=ax.transAxes, ha="right", va="bottom", fontsize=7, color="#555555")
    return fig, data


def _spread_labels(xs: list[float], ys: list[float], *, gap: float) -> list[float]:
    """The height of each label: labels of points at the same x (the article's counts
    are small integers, so many points share one) are pushed down from the highest
    until they are at least ``gap`` apart; a lone label stays at its point."""
    placed = [float(y) for y in ys]
    previous = None
    for i in sorted(range(len(xs)), key=lambda i: (xs[i], -placed[i], i)):
        if previous is not None and xs[previous] == xs[i] and placed[i] > placed[previous] - gap:
            placed[i] = placed[previous] - gap
        previous = i
    return placed


@in_study_style
def frequency_vs_keyness_figure(table: pd.DataFrame, *, label_top: int = 10,
                                glossary: Mapping[str, str] | None = None, title: str | None = None,
                                source: str | None = None,
                                figsize: tuple[float, float] = (8, 6)):
    """Each term the article uses, at its count in the article (x) and its Log Ratio (y).

    Terms with ``count_article`` 0 (under-used to absence) cannot be placed and are
    left out. Keywords (``key`` True) are drawn in blue, the
    rest in grey; a dashed line marks Log Ratio 0 (as frequent as in the reference).
    Labelled in Arabic (through `ar`): the ``label_top`` most frequent terms and the
    ``label_top`` over-used keywords with the largest Log Ratio, so the reader sees
    which frequent terms are key and which key terms are not frequent. Labels of
    points that share a count are spread apart vertically (`_spread_labels`), joined to
    their point by a thin line when moved.

    Parameters
    ----------
    table : DataFrame
        A `keyness` table.
    label_top : int, default 10
        How many of the most frequent terms, and of the strongest over-used keywords,
        are labelled.
    glossary : mapping of str to str, optional
        For the glosses of the CSV (default `load_glossary`).
    title, source : str, optional
        The figure's title and source line (`frame_figure`).
    figsize : tuple of (float, float), default (8, 6)
        In inches, before the title and source line are added.

    Returns
    -------
    fig : Figure
        The figure.
    data : DataFrame
        One row per point drawn (`KEYWORD_COLUMNS` + ``key``, ``direction``,
        ``labelled``), most frequent first.
    """
    drawn = table[table["count_article"] > 0]
    drawn = drawn.sort_values(["count_article", "log_ratio", "term"], ascending=[False, False, True])
    drawn = _with_glosses(drawn, glossary).reset_index(drop=True)
    frequent = set(drawn["term"].head(label_top))
    strongest = set(top_keywords(drawn, label_top, direction=OVER)["term"])
    drawn["labelled"] = drawn["term"].isin(frequent | strongest)
    data = drawn[KEYWORD_COLUMNS + ["key", "direction", "labelled"]]
    fig, ax = plt.subplots(figsize=figsize)
    for is_key, colour, name in ((False, "#bbbbbb", "not key"), (True, "#4c72b0", "key (G2 over the threshold)")):
        part = data[data["key"] == is_key]
        ax.scatter(part["count_article"], part["log_ratio"], s=18, color=colour, label=name, zorder=2)
    labelled = data[data["labelled"]]
    span = float(data["log_ratio"].max() - data["log_ratio"].min()) if len(data) else 0.0
    label_y = _spread_labels(list(labelled["count_article"]), list(labelled["log_ratio"]), gap=0.045 * (span or 1.0))
    dx = 0.012 * float(data["count_article"].max() - data["count_article"].min() or 1)
    for (_, row), y in zip(labelled.iterrows(), label_y):
        moved = abs(y - row["log_ratio"]) > 1e-9
        ax.annotate(ar(row["display"]), (row["count_article"], row["log_ratio"]), xytext=(row["count_article"] + dx, y),
                    textcoords="data", fontsize=8, va="center",
                    arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.5} if moved else None)
    ax.margins(x=0.08)
    ax.axhline(0, color="#888888", linewidth=0.8, linestyle="--", zorder=1)
    ax.set_xlabel("count in the article")
    ax.set_ylabel("Log Ratio against the reference")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    frame_figure(fig, title=title, source=source)
    return fig, data
