"""Rendering and image-comparison helpers for tests/test_plotting.py.

Test-only: they use Pillow's own text layout (libraqm through Pillow, not
matplotlib) as an independent reference shaper, and pypdfium2 to rasterise PDFs.
The package never imports this module.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from PIL import Image, ImageDraw, ImageFont, features  # noqa: E402

#: Text height used for the label comparisons: the em size in pixels.
PX = 64
#: Both images are resized to this (width, height) after cropping to ink.
COMMON_SIZE = (512, 64)
#: A pixel is ink when it is this much darker than white (0-255 scale).
INK_LEVEL = 40

RAQM_AVAILABLE: bool = bool(features.check("raqm"))


def font_file(family: str) -> Path:
    """The regular TTF of ``family`` from its fontpkg package."""
    import fontpkg

    return Path(fontpkg.path(family))


def render_matplotlib(text: str, font: Path, px: int = PX) -> Image.Image:
    """``text`` drawn alone by matplotlib (Agg) in ``font`` at ``px`` pixels per em.

    The string is drawn exactly as given: the caller decides whether it went
    through ``ar()`` or not. Returns a greyscale image, black text on white.
    """
    # 72 dpi makes one point one pixel, so fontsize=px gives an em of px pixels.
    fig = plt.figure(figsize=(max(8, len(text) * px / 72 * 1.2), 3 * px / 72), dpi=72,
                     layout="none")
    fig.text(0.5, 0.5, text, fontproperties=FontProperties(fname=font, size=px),
             ha="center", va="center")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=72)
    plt.close(fig)
    buf.seek(0)
    return Image.open(buf).convert("L")


def render_reference(text: str, font: Path, px: int = PX) -> Image.Image:
    """``text`` (logical order) shaped and laid out by Pillow with libraqm.

    The base direction is detected from the text, as a renderer does.
    Returns a greyscale image, black text on white.
    """
    pil_font = ImageFont.truetype(str(font), px, layout_engine=ImageFont.Layout.RAQM)
    left, top, right, bottom = pil_font.getbbox(text)
    image = Image.new("L", (right - left + 2 * px, bottom - top + 2 * px), 255)
    ImageDraw.Draw(image).text((px - left, px - top), text, font=pil_font, fill=0)
    return image


def ink_crop(image: Image.Image) -> Image.Image:
    """``image`` cropped to the bounding box of its ink (dark pixels)."""
    ink = 255 - np.asarray(image.convert("L"), dtype=np.int16)
    rows, cols = np.nonzero(ink > INK_LEVEL)
    if rows.size == 0:
        raise ValueError("image has no ink")
    return image.crop((cols.min(), rows.min(), cols.max() + 1, rows.max() + 1))


def difference(a: Image.Image, b: Image.Image, size: tuple[int, int] = COMMON_SIZE,
               crop: bool = True) -> float:
    """Mean absolute pixel difference (0-255) of ``a`` and ``b``, each cropped to
    its ink (when ``crop``) and resized to ``size``."""
    if crop:
        a, b = ink_crop(a), ink_crop(b)
    pa = np.asarray(a.convert("L").resize(size, Image.Resampling.LANCZOS), dtype=float)
    pb = np.asarray(b.convert("L").resize(size, Image.Resampling.LANCZOS), dtype=float)
    return float(np.abs(pa - pb).mean())


def render_pdf_page(path: Path, dpi: int) -> Image.Image:
    """The first page of the PDF at ``path`` rasterised by pdfium at ``dpi``."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return document[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()


def pdf_fonts(path: Path) -> set[tuple[str, bool]]:
    """``(base font name, embedded?)`` for every font the PDF's first page's text uses."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(path)
    fonts: set[tuple[str, bool]] = set()
    try:
        page = document[0]
        for i in range(raw.FPDFPage_CountObjects(page.raw)):
            obj = raw.FPDFPage_GetObject(page.raw, i)
            if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
                continue
            font = raw.FPDFTextObj_GetFont(obj)
            name = ctypes.create_string_buffer(256)
            raw.FPDFFont_GetBaseFontName(font, name, len(name))
            fonts.add((name.value.decode("ascii", "replace"), bool(raw.FPDFFont_GetIsEmbedded(font))))
    finally:
        document.close()
    return fonts
