"""The manifest: one row per article, with the sha256 of its file. Read strictly,
written in one way.

``read_manifest`` checks every row before any article is read; ``write_manifest`` is
the one writer (scripts that extract articles, the benchmark and the tests' scratch
corpora all use it), quoting every field that needs it, keeping the extra columns
``read_manifest`` keeps, and replacing the file in one step once every row is checked.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from arabic_media import paths
from arabic_media.corpus.errors import CorpusError
from arabic_media.files import replacing

__all__ = ["MANIFEST_COLUMNS", "read_manifest", "write_manifest", "display_name", "manifest_id_problem"]

#: Columns of ``corpus/manifest.csv``, documented in ``corpus/README.md``.
MANIFEST_COLUMNS = [
    "article_id",
    "file",
    "sha256",
    "title",
    "outlet",
    "original_outlet",
    "language",
    "original_language",
    "published",
    "url",
    "notes",
]
_REQUIRED = ["article_id", "file", "sha256"]
#: Ids become parts of file names (figures, CSVs): lower-case ASCII, digits, - and _.
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_DATE_RE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


def read_manifest(corpus_dir: Path) -> pd.DataFrame:
    """Read and check ``manifest.csv`` in ``corpus_dir`` (every cell as a string).

    Checks: the file exists and is UTF-8 CSV with the required columns; ids are unique
    and safe as file-name parts; each ``file`` is a relative path that stays inside the
    corpus folder and exists; sha256 is 64 hex digits; ``published`` is empty or a real
    date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, ASCII digits); no column name appears
    twice; at least one article is listed.

    Parameters
    ----------
    corpus_dir : Path
        The corpus folder.

    Returns
    -------
    DataFrame
        One row per article, cells stripped, of the ``string`` dtype:
        `MANIFEST_COLUMNS` (a column the file lacks is empty), then any other column
        of the file, in its order.

    Raises
    ------
    CorpusError
        The first problem found, naming the file and, for a row, the physical line the
        row starts on (a quoted cell may span lines).
    """
    manifest = corpus_dir / "manifest.csv"
    where = display_name(corpus_dir, "manifest.csv")
    if not manifest.is_file():
        raise CorpusError(f"{where}: the manifest is missing")
    header, records = _read_records(manifest, where)
    for index, column in enumerate(header):
        if column in header[:index]:
            raise CorpusError(
                f"{where}: column {column!r} appears more than once in the header (columns "
                f"{header.index(column) + 1} and {index + 1}); one would silently replace the other"
            )
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise CorpusError(f"{where}: missing column(s) {', '.join(missing)}; see corpus/README.md")
    if not records:
        raise CorpusError(f"{where}: no articles listed")
    root = corpus_dir.resolve()
    seen: dict[str, int] = {}
    rows = []
    for line, cells in records:  # line: the physical line the record starts on
        if len(cells) > len(header):
            raise CorpusError(f"{where} line {line}: more cells than the header has columns")
        row = dict(zip(header, cells))
        rows.append(row)
        # a short record leaves its last cells empty
        row.update({k: (row.get(k) or "").strip() for k in header})
        label = f"{where} line {line} (article_id {row['article_id']!r})"
        problem = manifest_id_problem(row["article_id"])
        if problem:
            raise CorpusError(f"{label}: {problem}")
        if row["article_id"] in seen:
            raise CorpusError(f"{label}: duplicate article_id (also on line {seen[row['article_id']]})")
        seen[row["article_id"]] = line
        file = row["file"]
        if not file:
            raise CorpusError(f"{label}: the file column is empty")
        if Path(file).is_absolute() or "\\" in file:
            raise CorpusError(f"{label}: file {file!r} must be a path relative to the corpus folder, with '/'")
        target = (corpus_dir / file).resolve()
        if not target.is_relative_to(root):
            raise CorpusError(f"{label}: file {file!r} points outside the corpus folder")
        if not target.is_file():
            raise CorpusError(f"{label}: file {file!r} is missing")
        if not _SHA_RE.match(row["sha256"].lower()):
            raise CorpusError(f"{label}: sha256 {row['sha256']!r} is not 64 hexadecimal digits")
        if row.get("published"):
            problem = _date_problem(row["published"])
            if problem:
                raise CorpusError(
                    f"{label}: published {row['published']!r} is not {problem} (YYYY, YYYY-MM or "
                    "YYYY-MM-DD); leave it empty when the date is not known"
                )
    frame = pd.DataFrame(rows, columns=header, dtype="string")
    extra = [c for c in MANIFEST_COLUMNS if c not in frame.columns]
    for column in extra:
        frame[column] = pd.Series([""] * len(frame), dtype="string")
    return frame[MANIFEST_COLUMNS + [c for c in header if c not in MANIFEST_COLUMNS]]


def manifest_id_problem(article_id: str) -> str | None:
    """Why ``article_id`` cannot be an article's id, or None when it can.

    Parameters
    ----------
    article_id : str
        A candidate id.

    Returns
    -------
    str or None
        None for lower-case ASCII letters and digits, ``-`` and ``_``, starting with
        a letter or digit, at most 80 characters (an id becomes part of file names);
        else the rule, as messages state it.
    """
    if isinstance(article_id, str) and _ID_RE.fullmatch(article_id):
        return None
    return ("article_id must be lower-case letters, digits, '-' or '_' (it becomes part of file names), "
            "and may not contain '/' or '..'")


def display_name(corpus_dir: Path, file: str) -> str:
    """How messages name an article file: never by an absolute machine path.

    Parameters
    ----------
    corpus_dir : Path
        The corpus folder.
    file : str
        The file, relative to ``corpus_dir`` (the manifest's ``file`` cell).

    Returns
    -------
    str
        The path relative to the project root when inside it, else
        ``<corpus folder name>/<file>``.
    """
    path = (corpus_dir / file).resolve()
    try:
        return path.relative_to(paths.PROJECT_ROOT).as_posix()
    except ValueError:
        return f"{corpus_dir.resolve().name}/{file}"


def _read_records(manifest: Path, where: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the records of the manifest, each record with the physical line
    it starts on (a quoted cell may hold line breaks, so records and lines differ;
    ``csv.reader.line_num`` is the line a record ends on). Blank lines are skipped."""
    records: list[tuple[int, list[str]]] = []
    try:
        with manifest.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            while True:
                first = reader.line_num + 1
                cells = next(reader, None)
                if cells is None:
                    break
                if cells:
                    records.append((first, cells))
    except UnicodeDecodeError as err:
        raise CorpusError(f"{where}: not UTF-8 (byte {err.start})") from None
    except csv.Error as err:
        raise CorpusError(f"{where} line {reader.line_num}: not valid CSV ({err})") from None
    return header, records


def _date_problem(value: str) -> str | None:
    """Why ``value`` is not a real date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with
    ASCII digits, or None when it is one."""
    if not _DATE_RE.fullmatch(value):
        return "an ISO date"
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        datetime.date(*parts[:3])
    except ValueError as err:
        return f"a real date ({err})"
    return None


def write_manifest(path: Path | str, rows: Iterable[Mapping[str, str]]) -> None:
    """Write a manifest: ``rows`` to ``path`` as UTF-8 CSV with LF line endings.

    The columns are `MANIFEST_COLUMNS`, then any other key of the rows, in the order
    first met: `read_manifest` keeps a manifest's extra columns (a note, a source of
    one's own), so a manifest read and written back keeps them too. A key a row lacks
    is an empty cell. Cells holding a comma, a quote or a line break are quoted
    (``csv.QUOTE_MINIMAL``), so titles like ``فيسبوك "يتأهب"`` round-trip through
    `read_manifest`. Every row is checked before the file is touched, and the file is
    written beside ``path`` and moved into place in one step (`files.replacing`): a
    refused or failed write leaves the old manifest as it was. (The cells' content is
    `read_manifest`'s to check: a test may write a bad id on purpose.)

    Parameters
    ----------
    path : Path or str
        The manifest file to write (``<corpus folder>/manifest.csv``); its folder must
        exist.
    rows : iterable of mapping of str to str
        One mapping per article, column name to cell text.

    Raises
    ------
    ValueError
        A row is not a mapping, a column name is empty or not text, or a cell is not
        text (``None``, a number, NaN) or cannot be written as UTF-8; the message names
        the row (from 1, with its ``article_id``) and the column.
    """
    rows = list(rows)
    columns = list(MANIFEST_COLUMNS)
    known = set(columns)
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise ValueError(f"manifest row {number}: a {type(row).__name__}, not a mapping of column to text")
        label = f"manifest row {number} (article_id {row.get('article_id')!r})"
        for column, value in row.items():
            if not isinstance(column, str) or not column.strip():
                raise ValueError(f"{label}: column name {column!r} is not a non-empty string")
            if not isinstance(value, str):
                raise ValueError(f"{label}: column {column!r} holds {type(value).__name__} {value!r}, not text; "
                                 "write an empty string for an unknown value")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as err:
                raise ValueError(f"{label}: column {column!r} cannot be written as UTF-8 ({err.reason} at "
                                 f"character {err.start})") from None
            if column not in known:
                known.add(column)
                columns.append(column)
    with replacing(Path(path)) as partial, partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
