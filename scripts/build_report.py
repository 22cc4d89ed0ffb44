"""Write ``report/index.html``: the whole study as one page for a reader who does not use
Jupyter, from the executed notebooks and the saved figures (`arabic_media.report`).

    .venv/bin/python scripts/build_report.py     # or: make report
"""

from __future__ import annotations

import sys
import time

from arabic_media import paths
from arabic_media.charts.arabic import _study_font_files
from arabic_media.report import build_report

TITLE = "How an Arabic news report frames US tech companies' part in Islamic State propaganda"

if __name__ == "__main__":
    start = time.perf_counter()
    fonts = [f for f in _study_font_files() if f.name in ("Amiri-Regular.ttf", "Amiri-Bold.ttf")]
    index = build_report(paths.NOTEBOOKS_DIR, paths.FIGURES_DIR, paths.PROJECT_ROOT / "report", title=TITLE,
                         font_files=fonts)
    print(f"wrote {paths.relative(index)} in {time.perf_counter() - start:.1f} s")
    sys.exit(0)
