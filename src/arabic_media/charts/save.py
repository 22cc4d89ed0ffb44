"""`save_figure`: every figure written as PNG, SVG and PDF with the CSV of its numbers
beside it, byte for byte the same on every rebuild."""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from arabic_media.charts.arabic import in_study_style
from arabic_media.files import replacing
from arabic_media.paths import FIGURES_DIR

__all__ = ["FIGURE_DPI", "save_figure"]



#: Resolution of the saved PNG.
FIGURE_DPI = 300


_NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# Metadata that would otherwise put the save time (and the matplotlib version)
# into the files; ``None`` removes a key. The pinned requirements record the
# version instead, so a figure's bytes change only when its pixels do.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


@contextmanager
def _frozen_layout(fig: Figure, decimals: int = 10):
    """Keep ``fig``'s axes where the last draw put them while saving.

    A layout engine (constrained, tight) re-runs on every save, and each backend
    measures text slightly differently, so without this the PNG, SVG and PDF of
    one figure would have axes a few pixels apart, and the positions would carry
    float noise from earlier draws (which changes the SVG's clip-path ids, hashes
    of the clip rectangle). Positions are rounded to ``decimals`` places of the
    figure fraction, far below a pixel; the engine is restored afterwards.
    """
    engine = fig.get_layout_engine()
    if engine is None:
        yield
        return
    for ax in fig.axes:
        in_layout = ax.get_in_layout()
        for which in ("original", "active"):
            bounds = ax.get_position(original=(which == "original")).bounds
            ax.set_position([round(float(v), decimals) for v in bounds], which=which)
        ax.set_in_layout(in_layout)  # set_position takes an axes out of the layout
    fig.set_layout_engine("none")
    try:
        yield
    finally:
        fig.set_layout_engine(engine)


@in_study_style
def save_figure(
    fig: Figure,
    name: str,
    data: pd.DataFrame,
    *,
    directory: Path | str | None = None,
) -> dict[str, Path]:
    """Write ``fig`` and the numbers it plots, reproducibly.

    Writes ``<name>.png`` (300 dpi), ``<name>.svg`` (text as paths), ``<name>.pdf``
    (Amiri embedded as TrueType) and ``<name>.csv`` (UTF-8 with BOM so that Excel
    shows Arabic, no index, ``\\n`` line ends), each replaced in one step
    (`files.replacing`). Dates and tool versions are kept out of the files, so saving
    the same figure again gives the same bytes. Text in ``fig`` must already have gone
    through `ar`.

    Parameters
    ----------
    fig : Figure
        The figure.
    name : str
        A content name: lower-case words and digits joined by single hyphens, e.g.
        ``"term-frequency-top20"``.
    data : DataFrame
        The values the figure shows.
    directory : Path or str, optional
        The output folder (default ``figures/`` at the project root; created if
        missing).

    Returns
    -------
    dict of str to Path
        ``{"png": path, "svg": path, "pdf": path, "csv": path}``.

    Raises
    ------
    ValueError
        A name that is not a content name.
    TypeError
        ``data`` is not a DataFrame.
    """
    if not isinstance(name, str) or not _NAME_RE.fullmatch(name):
        raise ValueError(
            f"figure name {name!r} is not a content name: use lower-case letters "
            "and digits joined by single hyphens, e.g. 'term-frequency-top20'"
        )
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame, not {type(data).__name__}")
    out = Path(FIGURES_DIR if directory is None else directory)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for fmt in ("png", "svg", "pdf"):
        path = out / f"{name}.{fmt}"
        with replacing(path) as partial:
            if fmt == "png":
                # The PNG draw runs the layout engine; the other formats reuse it.
                fig.savefig(partial, format=fmt, dpi=FIGURE_DPI, metadata=_METADATA[fmt])
            else:
                with _frozen_layout(fig):
                    fig.savefig(partial, format=fmt, dpi=FIGURE_DPI, metadata=_METADATA[fmt])
        written[fmt] = path
    csv = out / f"{name}.csv"
    with replacing(csv) as partial:
        data.to_csv(partial, index=False, encoding="utf-8-sig", lineterminator="\n")
    written["csv"] = csv
    return written
