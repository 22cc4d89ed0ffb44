"""Correctly shaped Arabic in matplotlib figures, and deterministic figure files.

Importing this module is enough for a notebook: it registers the study's Arabic
font (Amiri, installed from PyPI by the ``fontpkg-amiri`` package, so no system
font is needed) and sets the rcParams that make saved figures reproducible
(see :func:`use_study_style`).

The Arabic trap
---------------
Arabic is stored in *logical* order (the order it is typed and read) with
*unjoined* letters; a renderer has to pick each letter's contextual form
(isolated, initial, medial, final), form ligatures, and lay the run out right to
left. Whether matplotlib does that depends on its version:

* matplotlib >= 3.11 lays text out with libraqm, so it shapes and orders Arabic
  itself. The logical string must be handed over **unchanged**.
* matplotlib < 3.11 draws code points one by one, left to right. There the string
  must first be reshaped to presentation forms (``arabic_reshaper.reshape``) and
  reordered into visual order (``bidi.get_display``).

The old recipe ``get_display(reshape(s))`` is therefore *wrong* on 3.11: the
already-visual string is reversed a second time, and the figure shows the words
back to front with broken joins, with no error or warning (matplotlib issue
32262). :func:`ar` picks the right treatment for the running matplotlib; every
piece of Arabic that reaches a figure (titles, axis labels, tick labels, legend
entries, annotations) must go through it, and nothing else may reshape or
reorder text.
"""

from __future__ import annotations

import re
import warnings
from contextlib import contextmanager
from pathlib import Path

import matplotlib
import matplotlib.ft2font
import pandas as pd
from arabic_reshaper import reshape
from bidi import get_display
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from arabic_media.paths import FIGURES_DIR

__all__ = [
    "NATIVE_SHAPING",
    "STUDY_FONT",
    "FALLBACK_FONT",
    "STUDY_LABELS",
    "FIGURE_DPI",
    "FontFallbackWarning",
    "ar",
    "use_study_style",
    "active_font",
    "save_figure",
    "barh",
]

#: True when the installed matplotlib shapes and orders complex scripts itself
#: (its FreeType wrapper is built with libraqm, matplotlib >= 3.11). Then
#: :func:`ar` returns text unchanged; otherwise it reshapes and reorders it.
NATIVE_SHAPING: bool = hasattr(matplotlib.ft2font, "__libraqm_version__")

#: The study's Arabic font family, installed by the ``fontpkg-amiri`` package.
#: Amiri renders correctly in PNG, SVG (as paths) and PDF; Noto Sans Arabic, by
#: contrast, misplaces words with dotted letters in matplotlib's PDF output.
STUDY_FONT = "Amiri"

#: Used when the study font is missing (ships with matplotlib; has no Arabic
#: contextual forms, so Arabic will not look right) and, in normal use, as the
#: per-glyph fallback for anything Amiri lacks.
FALLBACK_FONT = "DejaVu Sans"

#: Arabic labels checked against an independent shaper (tests, notebook 00): the
#: study's title, its key phrases and stance words. Labels that figures draw from data
#: are checked from the figure CSVs (``FIGURE_LABEL_COLUMNS`` in the tests).
STUDY_LABELS: tuple[str, ...] = (
    "أكثر 20 كلمة تكرارا في تقرير Le Figaro",
    "تنظيم الدولة",
    "الشركات",
    "الصحيفة",
    "مواقع التواصل الاجتماعي",
    "خلية الدفاع الرقمي",
    "كلاود فلاير",
    "أرشيف أورغ",
    "تأييد",
    "معارضة",
    "محايد",
)

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

_STYLE = {
    # SVG: glyphs as paths (no font needed to view), fixed ids across runs.
    "svg.fonttype": "path",
    "svg.hashsalt": "arabic-media",
    # PDF: TrueType (Type 42) subset embedded, so the text stays text.
    "pdf.fonttype": 42,
    # Long Arabic tick labels and titles must not be clipped at the edges.
    "figure.constrained_layout.use": True,
}


class FontFallbackWarning(UserWarning):
    """The study's Arabic font is not installed; figures fall back to DejaVu Sans."""


def ar(text: str) -> str:
    """Return the string to hand to matplotlib for the logical-order ``text``.

    ``text`` is Arabic (possibly mixed with Latin words and digits, e.g.
    ``"أكثر 20 كلمة تكرارا في تقرير Le Figaro"``) in logical order, as stored in
    the corpus. The result, drawn by the running matplotlib, reads correctly:

    * matplotlib shapes natively (:data:`NATIVE_SHAPING`, >= 3.11): ``text``
      itself, unchanged. Reshaping here would reverse the text on screen.
    * otherwise: ``bidi.get_display(arabic_reshaper.reshape(text))``, i.e.
      contextual presentation forms in visual (left-to-right) order, with Latin
      runs and numbers kept in reading order.

    Call it exactly once per string, at the point the string goes to matplotlib;
    never on a string that has already been through it.
    """
    if not isinstance(text, str):
        raise TypeError(f"ar() takes a str, not {type(text).__name__}")
    if NATIVE_SHAPING:
        return text
    return get_display(reshape(text))


def _study_font_files() -> list[Path]:
    """Paths of the study font's TTF files (regular, bold, italic...).

    Raises LookupError when the font package (or ``fontpkg`` itself) is missing.
    """
    try:
        import fontpkg
    except ImportError as exc:
        raise LookupError("the 'fontpkg' package is not installed") from exc
    # FamilyNotInstalled is a LookupError.
    files = [Path(f.path) for f in fontpkg.family(STUDY_FONT).files]
    missing = [f.name for f in files if not f.is_file()]
    if not files or missing:
        raise LookupError(f"font files missing for {STUDY_FONT}: {missing or 'none listed'}")
    return files


def use_study_style() -> str:
    """Register the study font with matplotlib and set the study's rcParams.

    Run on import; call again after changing rcParams to restore them. Sets
    ``font.family`` to ``[Amiri, DejaVu Sans]`` (DejaVu Sans only as per-glyph
    fallback), SVG text as paths with a fixed hash salt, PDF fonts embedded as
    TrueType, and constrained layout. If the Amiri package is not installed it
    warns (:class:`FontFallbackWarning`) and uses DejaVu Sans alone, with which
    Arabic renders with wrong letter forms.

    Returns the name of the font family that Arabic text will use.
    """
    matplotlib.rcParams.update(_STYLE)
    try:
        files = _study_font_files()
    except LookupError as exc:
        warnings.warn(
            f"arabic_media.plotting: the Arabic font {STUDY_FONT} is not available "
            f"({exc}); falling back to {FALLBACK_FONT}, which cannot shape Arabic. "
            "Install the pinned requirements (fontpkg-amiri).",
            FontFallbackWarning,
            stacklevel=2,
        )
        matplotlib.rcParams["font.family"] = [FALLBACK_FONT]
        return FALLBACK_FONT
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in files:
        if str(path) not in known:
            font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams["font.family"] = [STUDY_FONT, FALLBACK_FONT]
    return STUDY_FONT


def active_font() -> str:
    """The family that text is drawn in now (the first of ``font.family``)."""
    return matplotlib.rcParams["font.family"][0]


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


def save_figure(
    fig: Figure,
    name: str,
    data: pd.DataFrame,
    *,
    directory: Path | str | None = None,
) -> dict[str, Path]:
    """Write ``fig`` and the numbers it plots, reproducibly.

    Takes the figure, a content name (lower-case words and digits joined by
    single hyphens, e.g. ``"term-frequency-top20"``), the DataFrame of the values
    the figure shows, and optionally the output ``directory`` (default
    ``figures/`` at the project root). Writes ``<name>.png`` (300 dpi),
    ``<name>.svg`` (text as paths), ``<name>.pdf`` (Amiri embedded as TrueType)
    and ``<name>.csv`` (UTF-8 with BOM so that Excel shows Arabic, no index,
    ``\\n`` line ends). Dates and tool versions are kept out of the files, so
    saving the same figure again gives the same bytes.

    Returns ``{"png": path, "svg": path, "pdf": path, "csv": path}``.
    Raises ValueError for a bad name and TypeError when ``data`` is not a
    DataFrame. Text in ``fig`` must already have gone through :func:`ar`.
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
        if fmt == "png":
            # The PNG draw runs the layout engine; the other formats reuse it.
            fig.savefig(path, format=fmt, dpi=FIGURE_DPI, metadata=_METADATA[fmt])
        else:
            with _frozen_layout(fig):
                fig.savefig(path, format=fmt, dpi=FIGURE_DPI, metadata=_METADATA[fmt])
        written[fmt] = path
    csv = out / f"{name}.csv"
    data.to_csv(csv, index=False, encoding="utf-8-sig", lineterminator="\n")
    written["csv"] = csv
    return written


def barh(ax: Axes, labels, values, *, title: str | None = None,
         xlabel: str | None = None, color: str = "#4c72b0") -> Axes:
    """Horizontal bar chart of ``values`` with Arabic ``labels``, first at the top.

    ``labels``, ``title`` and ``xlabel`` are logical-order text; this function
    passes each through :func:`ar` (do not do it yourself). Returns ``ax``.
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


use_study_style()
