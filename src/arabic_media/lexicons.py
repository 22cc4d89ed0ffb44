"""Reading the study's lexicon files (``corpus/lexicons/``, ``corpus/annotations/``).

One reader for every CSV lexicon, so each gets the same checks and the same errors.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from arabic_media.paths import relative

__all__ = ["read_lexicon"]


def read_lexicon(path: Path | str, columns: list[str]) -> pd.DataFrame:
    """Read a lexicon CSV as strings and return its ``columns``, in that order.

    Checks that the file exists and that its header has every one of ``columns``
    (other columns are allowed and dropped). Errors name the file relative to the
    project (`arabic_media.paths.relative`), never by a machine path. Empty cells stay
    empty strings, not NaN (``keep_default_na=False``: an Arabic word is never "NA").
    """
    path = Path(path)
    name = relative(path)
    if not path.is_file():
        raise FileNotFoundError(f"{name}: no such lexicon file")
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    missing = [c for c in columns if c not in header]
    if missing:
        raise ValueError(f"{name}: header is {header}, missing column(s) {missing}; expected {columns}")
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return table[columns]
