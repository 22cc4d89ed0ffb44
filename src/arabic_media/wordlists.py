"""The two word lists a corpus count needs, read without pandas.

`read_stopwords` (``stopwords_ar.txt``) and `read_reporting_terms`
(``reporting_terms.csv``) are the one reader of each file: `lexicons.load_stopwords`
and `lexicons.load_reporting_terms` return what they read (the latter as a table), and
the corpus count (`arabic_media.counting`) reads them here, in processes that do not
import pandas (80 MB) while they stream.
"""

from __future__ import annotations

import csv
from pathlib import Path

from arabic_media.paths import LEXICONS_DIR, relative

__all__ = ["REPORTING_COLUMNS", "read_reporting_terms", "read_stopwords"]

#: The columns of ``reporting_terms.csv`` the study reads, in order.
REPORTING_COLUMNS = ("norm", "lemma", "category")


def read_stopwords(path: Path | str | None = None) -> frozenset[str]:
    """The study's stop words (normalised forms).

    The file is built by ``scripts/build_stopwords.py`` from stopwords-iso 0.7.1 (its
    ``#`` header lines say how).

    Parameters
    ----------
    path : Path or str, optional
        The list (default ``corpus/lexicons/stopwords_ar.txt``).

    Returns
    -------
    frozenset of str
        Its lines, stripped, except blank lines and lines starting with ``#``.

    Raises
    ------
    FileNotFoundError
        The file does not exist (named relative to the project).
    """
    path = Path(path) if path is not None else LEXICONS_DIR / "stopwords_ar.txt"
    if not path.is_file():
        raise FileNotFoundError(f"{relative(path)}: no such lexicon file")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def read_reporting_terms(path: Path | str | None = None) -> list[dict[str, str]]:
    """Reporting verbs and attribution words, one row per normalised form.

    Parameters
    ----------
    path : Path or str, optional
        The list (default ``corpus/lexicons/reporting_terms.csv``).

    Returns
    -------
    list of dict of str to str
        Each row's `REPORTING_COLUMNS` (``norm, lemma, category``) as text, in file
        order; other columns are dropped, an empty cell is ``""``.

    Raises
    ------
    FileNotFoundError
        The file does not exist (named relative to the project).
    ValueError
        Its header lacks one of `REPORTING_COLUMNS` (as `lexicons.read_lexicon` says it).
    """
    path = Path(path) if path is not None else LEXICONS_DIR / "reporting_terms.csv"
    name = relative(path)
    if not path.is_file():
        raise FileNotFoundError(f"{name}: no such lexicon file")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, restval="")
        header = reader.fieldnames or []
        missing = [c for c in REPORTING_COLUMNS if c not in header]
        if missing:
            raise ValueError(f"{name}: header is {header}, missing column(s) {missing}; expected "
                             f"{list(REPORTING_COLUMNS)}")
        return [{column: row[column] for column in REPORTING_COLUMNS} for row in reader]
