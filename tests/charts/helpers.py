"""PDF helpers for tests/charts/test_arabic.py, and the shaping-check helpers it uses.

The rendering and comparison functions live in `arabic_media.charts.shaping_check` (notebook 00
shows them too); the PDF rasterising and font listing (pypdfium2) are test-only.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from arabic_media.charts import STUDY_LABELS  # noqa: E402

from arabic_media.charts.shaping_check import (  # noqa: E402,F401  (re-exported for the tests)
    COMMON_SIZE,
    PX,
    difference,
    font_file,
    ink_crop,
    render_matplotlib,
    render_reference,
)
from arabic_media.charts.shaping_check import REFERENCE_AVAILABLE as RAQM_AVAILABLE  # noqa: E402,F401


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


#: ASCII test ids (pytest would escape the Arabic): label00, label01, ...
LABEL_IDS = [f"label{i:02d}" for i in range(len(STUDY_LABELS))]
#: A study title mixing Arabic, digits and Latin.
TITLE = "أكثر 20 كلمة تكرارا في تقرير Le Figaro"

needs_raqm = pytest.mark.skipif(
    not RAQM_AVAILABLE,
    reason="Pillow was built without libraqm, so there is no independent reference shaper",
)
