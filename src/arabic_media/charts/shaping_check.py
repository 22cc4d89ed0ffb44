"""Checking that Arabic drawn by matplotlib reads right, against an independent shaper.

A figure label is right when matplotlib draws it the way a real text shaper lays it out.
The reference here is Pillow with its libraqm layout (HarfBuzz shaping, FriBiDi
ordering): a different code path from matplotlib's own. Each string is rendered alone,
in the same font at the same size, cropped to its ink and resized to a common size.
The score is the mean absolute pixel difference (0-255): small for the same text,
large for reversed or unjoined text.

This is what ``tests/charts/test_arabic.py`` asserts on, and what notebook 00 shows. It
needs Pillow built with raqm (`REFERENCE_AVAILABLE`).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from arabic_reshaper import reshape
from bidi import get_display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from PIL import Image, ImageDraw, ImageFont, features

if TYPE_CHECKING:
    import pandas as pd

from arabic_media.charts.arabic import NATIVE_SHAPING, STUDY_FONT, ar

__all__ = [
    "COMMON_SIZE",
    "COMPARE_FONT",
    "PX",
    "check_labels",
    "label_check_summary",
    "REFERENCE_AVAILABLE",
    "THRESHOLD",
    "compare_label",
    "difference",
    "font_file",
    "ink_crop",
    "render_matplotlib",
    "render_reference",
    "wrong_recipe",
]

#: Text height used for the label comparisons: the em size in pixels.
PX = 64
#: Both images are resized to this (width, height) after cropping to ink.
COMMON_SIZE = (512, 64)
#: A pixel is ink when it is this much darker than white (0-255 scale).
INK_LEVEL = 40
#: Mean absolute pixel difference below which two renders are "the same text". Set
#: between what was measured for right text (up to about 15) and for reversed or
#: unjoined text (from about 38).
THRESHOLD = 25.0

REFERENCE_AVAILABLE: bool = bool(features.check("raqm"))

#: The font the comparison is made in. On matplotlib 3.11+ the study font itself. On
#: older matplotlib, arabic_reshaper's presentation-form code points are drawn glyph
#: by glyph, and Amiri's presentation-form glyphs lack the contextual ligatures its
#: OpenType tables give shaped text (it reads correctly but differs by up to about 52),
#: so there the comparison uses Noto Sans Arabic, whose presentation forms are the
#: shaped glyphs.
COMPARE_FONT = STUDY_FONT if NATIVE_SHAPING else "Noto Sans Arabic"


def font_file(family: str) -> Path:
    """The regular TTF of ``family`` from its fontpkg package.

    Parameters
    ----------
    family : str
        A font family installed by a ``fontpkg-*`` package (``Amiri``,
        ``Noto Sans Arabic``).

    Returns
    -------
    Path
        The font file.
    """
    import fontpkg

    return Path(fontpkg.path(family))


def wrong_recipe(text: str) -> str:
    """What a mistaken notebook would hand to the running matplotlib.

    Parameters
    ----------
    text : str
        Logical-order text.

    Returns
    -------
    str
        On a natively shaping matplotlib, the old recipe applied anyway (drawn
        reversed); on an older one, the raw logical text (isolated letters, left to
        right).
    """
    return get_display(reshape(text)) if NATIVE_SHAPING else text


def render_matplotlib(text: str, font: Path, px: int = PX) -> Image.Image:
    """``text`` drawn alone by matplotlib (Agg), exactly as given.

    The caller decides whether it went through ``ar()``. Uses no pyplot state.

    Parameters
    ----------
    text : str
        What to draw.
    font : Path
        The font file.
    px : int, default `PX`
        Pixels per em.

    Returns
    -------
    PIL.Image.Image
        A greyscale image, black text on white.
    """
    # 72 dpi makes one point one pixel, so fontsize=px gives an em of px pixels.
    fig = Figure(figsize=(max(8, len(text) * px / 72 * 1.2), 3 * px / 72), dpi=72, layout="none")
    FigureCanvasAgg(fig)
    fig.text(0.5, 0.5, text, fontproperties=FontProperties(fname=font, size=px), ha="center", va="center")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=72)
    buf.seek(0)
    return Image.open(buf).convert("L")


def render_reference(text: str, font: Path, px: int = PX) -> Image.Image:
    """``text`` shaped and laid out by Pillow with libraqm: the independent shaper.

    The base direction is detected from the text.

    Parameters
    ----------
    text : str
        Logical-order text.
    font : Path
        The font file.
    px : int, default `PX`
        Pixels per em.

    Returns
    -------
    PIL.Image.Image
        A greyscale image, black text on white.
    """
    pil_font = ImageFont.truetype(str(font), px, layout_engine=ImageFont.Layout.RAQM)
    left, top, right, bottom = pil_font.getbbox(text)
    image = Image.new("L", (right - left + 2 * px, bottom - top + 2 * px), 255)
    ImageDraw.Draw(image).text((px - left, px - top), text, font=pil_font, fill=0)
    return image


def ink_crop(image: Image.Image) -> Image.Image:
    """``image`` cropped to the bounding box of its ink (dark pixels).

    Parameters
    ----------
    image : PIL.Image.Image
        Dark text on a light ground.

    Returns
    -------
    PIL.Image.Image
        The crop: the pixels more than ``INK_LEVEL`` darker than white, and what lies
        between them.

    Raises
    ------
    ValueError
        The image has no ink.
    """
    ink = 255 - np.asarray(image.convert("L"), dtype=np.int16)
    rows, cols = np.nonzero(ink > INK_LEVEL)
    if rows.size == 0:
        raise ValueError("image has no ink")
    return image.crop((cols.min(), rows.min(), cols.max() + 1, rows.max() + 1))


def difference(a: Image.Image, b: Image.Image, size: tuple[int, int] = COMMON_SIZE, crop: bool = True) -> float:
    """Mean absolute pixel difference (0-255) of two renderings.

    Parameters
    ----------
    a, b : PIL.Image.Image
        The two images.
    size : tuple of (int, int), default `COMMON_SIZE`
        Both are resized to this (width, height).
    crop : bool, default True
        Crop each to its ink first (`ink_crop`).

    Returns
    -------
    float
        Small for the same text, large for reversed or unjoined text (`THRESHOLD`).
    """
    if crop:
        a, b = ink_crop(a), ink_crop(b)
    pa = np.asarray(a.convert("L").resize(size, Image.Resampling.LANCZOS), dtype=float)
    pb = np.asarray(b.convert("L").resize(size, Image.Resampling.LANCZOS), dtype=float)
    return float(np.abs(pa - pb).mean())


def compare_label(label: str, family: str = COMPARE_FONT) -> dict[str, float]:
    """Score one label against the reference shaper.

    Parameters
    ----------
    label : str
        Logical-order text.
    family : str, default `COMPARE_FONT`
        The font to compare in.

    Returns
    -------
    dict of str to float
        ``right``: how far ``ar(label)`` as drawn by matplotlib is from the reference
        shaper's rendering of ``label``; ``wrong``: the same for `wrong_recipe`. A
        label reads right when ``right < THRESHOLD < wrong``.

    Raises
    ------
    RuntimeError
        Pillow has no raqm layout (`REFERENCE_AVAILABLE` is false): no reference
        shaper.
    """
    if not REFERENCE_AVAILABLE:
        raise RuntimeError("Pillow has no raqm layout (libraqm/libfribidi missing): no reference shaper")
    font = font_file(family)
    reference = render_reference(label, font)
    return {
        "right": difference(render_matplotlib(ar(label), font), reference),
        "wrong": difference(render_matplotlib(wrong_recipe(label), font), reference),
    }


def check_labels(labels, family: str = COMPARE_FONT) -> "pd.DataFrame":
    """Score every label with `compare_label`.

    Parameters
    ----------
    labels : iterable of str
        Logical-order labels.
    family : str
        The font to compare in.

    Returns
    -------
    DataFrame
        ``label, right, wrong, reads_right`` (``reads_right``: ``right < THRESHOLD < wrong``).
    """
    import pandas as pd

    rows = [{"label": label, **compare_label(label, family)} for label in labels]
    table = pd.DataFrame(rows, columns=["label", "right", "wrong"])
    table["reads_right"] = (table["right"] < THRESHOLD) & (table["wrong"] > THRESHOLD)
    return table


def label_check_summary(checks) -> list[str]:
    """The lines notebook 00 prints about a `check_labels` table.

    The font and threshold, the range of each score, and how many labels read right.

    Parameters
    ----------
    checks : DataFrame
        From `check_labels`.

    Returns
    -------
    list of str
        Three lines.
    """
    return [
        f"font {COMPARE_FONT}, threshold {THRESHOLD}",
        f"ar(): {checks['right'].min():.1f} to {checks['right'].max():.1f}; "
        f"old recipe: {checks['wrong'].min():.1f} to {checks['wrong'].max():.1f}",
        f"{int(checks['reads_right'].sum())} of {len(checks)} labels read right",
    ]
