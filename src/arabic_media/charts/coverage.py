"""Figures of the coverage comparison (`arabic_media.coverage.compare`): who speaks,
outlet by outlet, and how the companies are positioned, each beside the study's article.

Both draw a dot with its 95% interval per outlet, one panel per category, and the
study's article as a dashed line across its panel. Outlet names are Latin: no Arabic
label is drawn here.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from arabic_media.charts.arabic import in_study_style
from arabic_media.charts.frame import frame_figure
from arabic_media.charts.stance import LABEL_COLOURS

__all__ = ["voices_by_outlet_figure", "stance_prevalence_figure"]

_DOT = "#333333"
_ARTICLE = "#C0392B"
_FAINT = "#BBBBBB"


def _grid(rows: int, columns: int, width: float, height: float):
    """A figure with ``rows`` x ``columns`` panels sharing y, and a thin last row for the
    legend (a legend outside the panels would collide with the source line)."""
    fig = plt.figure(figsize=(width, height + 0.45))
    grid = fig.add_gridspec(rows + 1, columns, height_ratios=[*[height / rows] * rows, 0.35])
    axes = np.empty((rows, columns), dtype=object)
    for r in range(rows):
        for c in range(columns):
            axes[r, c] = fig.add_subplot(grid[r, c], sharey=axes[0, 0] if (r or c) else None)
    key = fig.add_subplot(grid[rows, :])
    key.axis("off")
    return fig, axes, key


def _panel(ax, rows: pd.DataFrame, outlets: list[str], colour: str, *, value: str = "share",
           low: str = "ci_low", high: str = "ci_high", offset: float = 0.0, hollow: bool = False,
           faint: pd.Series | None = None) -> None:
    """Dots with their intervals, one per outlet (row ``outlets[i]`` at height i);
    where ``faint`` (by outlet) is True, a pale dot and a dotted interval."""
    for i, outlet in enumerate(outlets):
        row = rows[rows["outlet"] == outlet]
        if row.empty or not np.isfinite(row[value].iloc[0]):
            continue
        pale = faint is not None and bool(faint.get(outlet, False))
        shade = _FAINT if pale else colour
        y = len(outlets) - 1 - i + offset
        v, lo, hi = row[value].iloc[0], row[low].iloc[0], row[high].iloc[0]
        if np.isfinite(lo) and np.isfinite(hi):
            ax.plot([lo, hi], [y, y], color=shade, linewidth=1.6, solid_capstyle="butt",
                    linestyle=":" if pale else "-")
        ax.plot([v], [y], marker="o", markersize=6, color=shade, markerfacecolor="white" if hollow else shade,
                linestyle="none")


@in_study_style
def voices_by_outlet_figure(shares: pd.DataFrame, article: pd.DataFrame, *, kinds: list[str] | None = None,
                            title: str | None = None, source: str | None = None):
    """Attributions by source type, per outlet, with the study's article marked.

    Parameters
    ----------
    shares : DataFrame
        `arabic_media.coverage.compare.voice_shares`.
    article : DataFrame
        `arabic_media.coverage.compare.article_voice_shares` of the study's article.
    kinds : list of str, optional
        The source types drawn, one panel each (default: those with the most
        attributions in all outlets, up to six).
    title, source : str, optional
        The figure's title and source line (`frame_figure`).

    Returns
    -------
    fig : Figure
    data : DataFrame
        The rows drawn: ``outlet, source_type, attributions, share, ci_low, ci_high,
        reports`` (the article's rows with no interval).

    Raises
    ------
    ValueError
        No share to draw.
    """
    if shares.empty:
        raise ValueError("no attribution to draw")
    pooled = shares[shares["outlet"] == "all outlets"].sort_values("attributions", ascending=False)
    kinds = kinds or pooled["source_type"].head(6).tolist()
    outlets = list(dict.fromkeys(shares["outlet"]))
    columns = min(3, len(kinds))
    grid = -(-len(kinds) // columns)
    fig, axes, key = _grid(grid, columns, 2.6 * columns + 1.6, (0.38 * len(outlets) + 0.9) * grid + 0.4)
    for ax in axes.flat[len(kinds):]:
        ax.set_visible(False)
    for ax, kind in zip(axes.flat, kinds):
        _panel(ax, shares[shares["source_type"] == kind], outlets, _DOT)
        mark = article[article["source_type"] == kind]["share"]
        ax.axvline(mark.iloc[0] if len(mark) else 0.0, color=_ARTICLE, linestyle="--", linewidth=1.2)
        ax.set_title(kind.replace("_", " "), fontsize=9)
        ax.set_xlim(0, 1)
        ax.set_xticks([0, 0.5, 1])
        ax.set_xticklabels(["0", "50%", "100%"], fontsize=8)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes[0][0].set_yticks(range(len(outlets)))
    axes[0][0].set_yticklabels(list(reversed([f"{o} ({int(shares.loc[shares['outlet'] == o, 'reports'].iloc[0])})"
                                               for o in outlets])), fontsize=9)
    for ax in axes.flat:
        ax.tick_params(labelleft=ax in axes[:, 0], labelsize=9 if ax in axes[:, 0] else 8)
    key.plot([], [], color=_DOT, marker="o", label="share of attributions, 95% interval over reports")
    key.plot([], [], color=_ARTICLE, linestyle="--", label="the study's article")
    key.legend(loc="center", ncol=2, fontsize=8, frameon=False)
    frame_figure(fig, title=title or "Who speaks, by source type, outlet by outlet", source=source)
    data = pd.concat([shares[shares["source_type"].isin(kinds)], article[article["source_type"].isin(kinds)]],
                     ignore_index=True)
    return fig, data


@in_study_style
def stance_prevalence_figure(prevalence: pd.DataFrame, usable: pd.DataFrame, article: pd.DataFrame, *,
                             title: str | None = None, source: str | None = None):
    """Stance shares per outlet, counted and corrected, with the study's article marked.

    The labeller's count, and the share corrected for its errors.

    A corrected share whose interval is half the scale or wider (not ``usable``) is
    drawn pale, its interval dotted: the interval says something, the point little.

    Parameters
    ----------
    prevalence : DataFrame
        `arabic_media.coverage.compare.stance_prevalence`.
    usable : DataFrame
        `arabic_media.coverage.compare.prevalence_usable`.
    article : DataFrame
        `arabic_media.coverage.compare.article_stance_shares` of the study's article
        (its human reading).
    title, source : str, optional
        The figure's title and source line.

    Returns
    -------
    fig : Figure
    data : DataFrame
        ``outlet, label, share, ci_low, ci_high, raw_share, raw_ci_low, raw_ci_high,
        reports, sentences, usable``: every row, drawn or not.

    Raises
    ------
    ValueError
        No share to draw.
    """
    if prevalence.empty:
        raise ValueError("no sentence to draw")
    data = prevalence.merge(usable[["outlet", "label", "usable"]], on=["outlet", "label"])
    outlets = list(dict.fromkeys(data["outlet"]))
    labels = list(dict.fromkeys(data["label"]))
    fig, axes, key = _grid(1, len(labels), 2.8 * len(labels) + 1.4, 0.5 * len(outlets) + 1.4)
    for ax, lab in zip(axes[0], labels):
        rows = data[data["label"] == lab]
        colour = LABEL_COLOURS[lab] if lab != "NONE" else "#777777"
        _panel(ax, rows, outlets, colour, value="raw_share", low="raw_ci_low", high="raw_ci_high", offset=0.15,
               hollow=True)
        _panel(ax, rows, outlets, colour, offset=-0.15, faint=~rows.set_index("outlet")["usable"])
        mark = article[article["label"] == lab]["share"]
        if len(mark):
            ax.axvline(mark.iloc[0], color=_ARTICLE, linestyle="--", linewidth=1.2)
        ax.set_title(lab, fontsize=10)
        ax.set_xlim(0, 1)
        ax.set_xticks([0, 0.5, 1])
        ax.set_xticklabels(["0", "50%", "100%"], fontsize=8)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes[0][0].set_yticks(range(len(outlets)))
    sizes = data.drop_duplicates("outlet").set_index("outlet")
    axes[0][0].set_yticklabels(list(reversed([f"{o} ({int(sizes.at[o, 'reports'])} reports)" for o in outlets])),
                               fontsize=9)
    key.plot([], [], color="#555555", marker="o", markerfacecolor="white", linestyle="-",
             label="labeller's count, uncorrected")
    key.plot([], [], color="#555555", marker="o", linestyle="-", label="corrected for its test-set errors")
    key.plot([], [], color=_FAINT, marker="o", linestyle=":", label="corrected, interval half the scale or wider")
    key.plot([], [], color=_ARTICLE, linestyle="--", label="the study's article (human reading)")
    key.legend(loc="center", ncol=2, fontsize=8, frameon=False)
    for ax in axes.flat:
        ax.tick_params(labelleft=ax is axes[0, 0])
    frame_figure(fig, title=title or "Share of sentences by stance toward the companies, outlet by outlet",
                 source=source)
    return fig, data
