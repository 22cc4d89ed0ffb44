"""Correctly shaped Arabic in matplotlib figures: `ar`, the study font, the study style.

Importing `arabic_media.charts` changes no setting. Every chart builder and
`save_figure` work inside `study_style` (the study's Arabic font, Amiri, installed
from PyPI by the ``fontpkg-amiri`` package, so no system font is needed, and the
rcParams that make saved figures reproducible), so a figure is the same whatever the
caller's settings; a notebook that draws with matplotlib directly calls
`use_study_style` once.

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
back to front with broken joins, with no error or warning (reported to
matplotlib: github.com/matplotlib/matplotlib/issues/32262). `ar` picks the right treatment for the running matplotlib; every piece of
Arabic that reaches a figure must go through it, and nothing else may reshape or
reorder text.
"""

from __future__ import annotations

import functools
import warnings
from contextlib import contextmanager
from pathlib import Path

import matplotlib
import matplotlib.ft2font
from arabic_reshaper import reshape
from bidi import get_display
from matplotlib import font_manager

__all__ = [
    "NATIVE_SHAPING",
    "STUDY_FONT",
    "FALLBACK_FONT",
    "STUDY_LABELS",
    "FontFallbackWarning",
    "ar",
    "use_study_style",
    "study_style",
    "in_study_style",
    "active_font",
]



#: True when the installed matplotlib shapes and orders complex scripts itself
#: (its FreeType wrapper is built with libraqm, matplotlib >= 3.11). Then
#: `ar` returns text unchanged; otherwise it reshapes and reorders it.
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

    The result, drawn by the running matplotlib, reads correctly. Call it exactly once
    per string, at the point the string goes to matplotlib; never on a string that has
    already been through it.

    Parameters
    ----------
    text : str
        Arabic (possibly mixed with Latin words and digits, e.g.
        ``"أكثر 20 كلمة تكرارا في تقرير Le Figaro"``) in logical order, as stored in
        the corpus.

    Returns
    -------
    str
        Where matplotlib shapes natively (`NATIVE_SHAPING`, >= 3.11): ``text``
        itself, unchanged; reshaping here would reverse the text on screen.
        Otherwise ``bidi.get_display(arabic_reshaper.reshape(text))``, i.e.
        contextual presentation forms in visual (left-to-right) order, with Latin
        runs and numbers kept in reading order.

    Raises
    ------
    TypeError
        ``text`` is not a `str`.
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


def _register_study_font() -> str:
    """Register the study font's files with matplotlib's font manager (once) and return
    the family Arabic will use: ``Amiri``, or ``DejaVu Sans`` with a
    `FontFallbackWarning` when the font package is missing."""
    try:
        files = _study_font_files()
    except LookupError as exc:
        warnings.warn(
            f"arabic_media.charts: the Arabic font {STUDY_FONT} is not available "
            f"({exc}); falling back to {FALLBACK_FONT}, which cannot shape Arabic. "
            "Install the pinned requirements (fontpkg-amiri).",
            FontFallbackWarning,
            stacklevel=3,
        )
        return FALLBACK_FONT
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in files:
        if str(path) not in known:
            font_manager.fontManager.addfont(str(path))
    return STUDY_FONT


def _study_params(family: str) -> dict:
    fonts = [STUDY_FONT, FALLBACK_FONT] if family == STUDY_FONT else [FALLBACK_FONT]
    return {**_STYLE, "font.family": fonts}


def use_study_style() -> str:
    """Register the study font with matplotlib and set the study's rcParams globally.

    For a notebook that draws with matplotlib directly; the chart builders and
    `save_figure` use `study_style` and need no call. Sets ``font.family`` to
    ``[Amiri, DejaVu Sans]`` (DejaVu Sans only as per-glyph fallback), SVG text as paths
    with a fixed hash salt, PDF fonts embedded as TrueType, and constrained layout.

    Returns
    -------
    str
        The family Arabic text will use: ``Amiri``, or ``DejaVu Sans`` (with a
        `FontFallbackWarning`) when the Amiri package is not installed, in which case
        Arabic renders with wrong letter forms.
    """
    family = _register_study_font()
    matplotlib.rcParams.update(_study_params(family))
    return family


@contextmanager
def study_style():
    """The study's style for the duration of a ``with`` block, the caller's after it.

    Every chart builder creates its figure inside it and `save_figure` saves inside it,
    so a figure's bytes do not depend on the rcParams of whoever calls them.

    Yields
    ------
    str
        The family Arabic text uses (see `use_study_style`).
    """
    family = _register_study_font()
    with matplotlib.rc_context(_study_params(family)):
        yield family


def in_study_style(function):
    """Decorate a chart builder (or `save_figure`) to run inside `study_style`.

    Parameters
    ----------
    function : callable
        The builder.

    Returns
    -------
    callable
        A wrapper with the builder's name, docstring and signature, that calls it
        inside `study_style`.
    """

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with study_style():
            return function(*args, **kwargs)

    return wrapper


def active_font() -> str:
    """The family that text is drawn in now.

    Returns
    -------
    str
        The first family of matplotlib's ``font.family`` setting.
    """
    return matplotlib.rcParams["font.family"][0]
