"""The reference frequency list the study ships, built from the ANT news corpus.

``corpus/reference/`` holds, for the 31,525 articles of the multi-source ANT corpus v2.1
(Chouigui, Ben Khiroun, Elayeb 2021, doi:10.1007/s13369-020-05258-z; Apache-2.0, cite
it), counted by `arabic_media.counting.count_corpus`:

``norms.csv``
    ``term, category, count, documents``: normalised word forms counted at least
    ``MIN_COUNTS["norms"]`` times.
``groups.csv``
    ``group, label, category, count, documents, forms``: grouped forms (the key of
    ``CliticGrouper(vocabulary)``, vocabulary = every normalised word type of the
    archive; ``label`` its most frequent member), at least ``MIN_COUNTS["groups"]``.
``bigrams.csv``
    ``bigram, count, documents``: bigrams as `terms.ngrams(..., 2)` defines them,
    at least ``MIN_COUNTS["bigrams"]``.
``provenance.json``
    The archive's name and sha256, articles read and refused by reason, the running
    tokens of the whole archive (the denominator for keyness: all of them, not only
    those of the kept rows), word types before the cut, the minimum counts, the rows
    kept, the definitions and the code that built it. No timestamp, no machine path.

The CSVs are UTF-8 with a BOM and LF line endings, like the figures' CSVs, sorted by
count (descending) then term, so a rebuild gives the same bytes
(``tests/test_reference.py`` checks it when the archive is present).
"""

from __future__ import annotations

import json
from pathlib import Path

from arabic_media import __version__, paths
from arabic_media.corpus.errors import CorpusError
from arabic_media.corpus.sources import TrecArchive
from arabic_media.files import file_sha256, replacing_all

__all__ = ["MIN_COUNTS", "REFERENCE_DIR", "FILES", "build_reference", "write_reference", "read_reference"]

REFERENCE_DIR: Path = paths.CORPUS_DIR / "reference"
#: The least count a row needs to be kept, per table: the files stay a few MB in all.
MIN_COUNTS = {"norms": 10, "groups": 10, "bigrams": 10}
FILES = {"norms": "norms.csv", "groups": "groups.csv", "bigrams": "bigrams.csv"}
CITATION = (
    "A. Chouigui, O. Ben Khiroun, B. Elayeb, \"An Arabic Multi-source News Corpus: Experimenting on "
    "Single-document Extractive Summarization\", Arabian Journal for Science and Engineering 46(8), 2021, "
    "doi:10.1007/s13369-020-05258-z"
)



def write_reference(counts, out_dir: Path, *, archive: Path, min_counts: dict[str, int] | None = None) -> dict:
    """Write the three CSVs and ``provenance.json`` of a count into a folder.

    Nothing is written unless the count read at least one article, and then the four
    files are written beside their places and moved into place only once all four are
    written (`files.replacing_all`): a failed or refused write leaves the folder's
    reference (the committed ``corpus/reference/`` by default) as it was.

    Parameters
    ----------
    counts : Counts
        The `arabic_media.counting.Counts` of ``archive``.
    out_dir : Path
        The folder to write (created if missing).
    archive : Path
        The archive counted: its name and sha256 go into the provenance.
    min_counts : dict of str to int, optional
        The least count of a kept row, per table (default `MIN_COUNTS`).

    Returns
    -------
    dict
        The provenance record written to ``provenance.json``.

    Raises
    ------
    CorpusError
        The count read no article (an archive with no article file, or every one
        refused): an empty reference would replace a real one without a word.
    """
    min_counts = dict(MIN_COUNTS if min_counts is None else min_counts)
    out_dir = Path(out_dir)
    totals = counts.provenance
    if not totals["articles_read"]:
        refused = totals["articles_refused"]
        why = f"; {refused:,} refused {totals['refused_by_reason']}" if refused else ""
        raise CorpusError(
            f"{Path(archive).name}: no article was read{why}; the reference is not written, and "
            f"{paths.relative(out_dir)}/ stays as it is")
    out_dir.mkdir(parents=True, exist_ok=True)
    kept = {}
    tables = {}
    for table_name, file_name in FILES.items():
        table = getattr(counts, table_name)
        tables[file_name] = table[table["count"] >= min_counts[table_name]]
        kept[file_name] = len(tables[file_name])
    provenance = {
        "what": "reference frequency list of the study: word forms, groups and bigrams of the ANT corpus",
        "archive": {"name": Path(archive).name, "sha256": file_sha256(archive)},
        "citation": CITATION,
        "articles_read": totals["articles_read"],
        "articles_refused": totals["articles_refused"],
        "refused_by_reason": totals["refused_by_reason"],
        "refused": [{"source": s, "reason": r} for s, r in zip(counts.failures["source"], counts.failures["reason"])],
        "tokens": totals["tokens"],
        "words": totals["words"],
        "running_tokens": totals["running_tokens"],
        "running_tokens_note": "words and numbers of every article read, punctuation excluded: the denominator "
        "for per-1,000 shares and keyness (all of the archive, not only the kept rows)",
        "word_types_normalised_before_cut": totals["word_types_normalised"],
        "groups_before_cut": totals["groups"],
        "bigram_types_before_cut": totals["bigram_types"],
        "min_counts": {FILES[k]: v for k, v in min_counts.items()},
        "rows_kept": kept,
        "definitions": totals["definitions"],
        "built_by": f"scripts/build_reference.py with arabic_media {__version__} "
        "(arabic_media.reference.build_reference -> arabic_media.counting.count_corpus)",
    }
    text = json.dumps(provenance, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    names = [*FILES.values(), "provenance.json"]
    with replacing_all(out_dir / name for name in names) as partials:
        written = dict(zip(names, partials))
        for file_name, table in tables.items():
            table.to_csv(written[file_name], index=False, encoding="utf-8-sig", lineterminator="\n")
        written["provenance.json"].write_text(text, encoding="utf-8", newline="\n")
    return provenance


def build_reference(
    archive: Path | str | None = None,
    out_dir: Path | str | None = None,
    *,
    scheduler=None,
    workers: int | None = None,
    progress: bool | None = None,
    min_counts: dict[str, int] | None = None,
) -> dict:
    """Count the ANT archive and write the reference list (`write_reference`).

    Parameters
    ----------
    archive : Path or str, optional
        The ANT archive (default ``paths.ANT_ARCHIVE``).
    out_dir : Path or str, optional
        The folder to write (default ``corpus/reference/``).
    scheduler : str or distributed.Client, optional
        A Dask scheduler address or client: count on that cluster.
    workers : int, optional
        Processes that count here, this one included (default: one per core).
    progress : bool, optional
        The progress bar (`count_corpus`).
    min_counts : dict of str to int, optional
        The least count of a kept row, per table (default `MIN_COUNTS`); the bigram
        cut is also applied while counting.

    Returns
    -------
    dict
        The provenance record.

    Raises
    ------
    CorpusError
        The archive cannot be read to its end (a damaged or cut archive), or no
        article was read: nothing is written, and ``out_dir`` keeps what it held.
    """
    from arabic_media.counting import count_corpus

    archive = Path(archive) if archive is not None else paths.ANT_ARCHIVE
    cut = dict(MIN_COUNTS if min_counts is None else min_counts)
    counts = count_corpus(TrecArchive(archive), bigrams=True, scheduler=scheduler, workers=workers,
                          progress=progress, bigram_min_count=cut["bigrams"])
    return write_reference(counts, Path(out_dir) if out_dir is not None else REFERENCE_DIR,
                           archive=archive, min_counts=min_counts)


def read_reference(table: str = "norms", folder: Path | str | None = None):
    """One table of the shipped reference list.

    Its provenance is ``provenance.json`` beside it.

    Parameters
    ----------
    table : str, default "norms"
        ``norms``, ``groups`` or ``bigrams`` (a key of `FILES`).
    folder : Path or str, optional
        The reference folder (default ``corpus/reference/``).

    Returns
    -------
    DataFrame
        The table's columns as in the file; terms, groups, labels and bigrams as
        strings (empty cells stay empty strings, not NaN).

    Raises
    ------
    KeyError
        For a table that is not one of `FILES`.
    """
    import pandas as pd

    folder = Path(folder) if folder is not None else REFERENCE_DIR
    return pd.read_csv(folder / FILES[table], encoding="utf-8-sig", dtype={"term": str, "group": str,
                                                                            "label": str, "bigram": str},
                       keep_default_na=False)
