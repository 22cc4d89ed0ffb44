"""A horizontal bar chart with Arabic labels, the building block of the frequency and
share figures."""

from __future__ import annotations

from matplotlib.axes import Axes

from arabic_media.charts.arabic import ar

__all__ = ["barh"]



def barh(ax: Axes, labels, values, *, title: str | None = None,
         xlabel: str | None = None, color: str = "#4c72b0") -> Axes:
    """Horizontal bar chart of ``values`` with Arabic ``labels``, first at the top.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    labels : iterable
        One label per bar, logical-order text (turned into strings); this function
        passes each through `ar` (do not do it yourself).
    values : iterable of float
        The bars' lengths.
    title, xlabel : str, optional
        The axes' title and x label, logical-order text (through `ar`).
    color : str, default "#4c72b0"
        The bars' colour.

    Returns
    -------
    Axes
        ``ax``.

    Raises
    ------
    ValueError
        Not as many labels as values.
    """
    labels = [str(label) for label in labels]
    values = list(values)
    if len(labels) != len(values):
        raise ValueError(f"{len(labels)} labels for {len(values)} values")
    positions = range(len(labels))
    ax.barh(positions, values, color=color)
    ax.set_yticks(positions, [ar(label) for label in labels])
    ax.invert_yaxis()
    if title is not None:
        ax.set_title(ar(title))
    if xlabel is not None:
        ax.set_xlabel(ar(xlabel))
    return ax
