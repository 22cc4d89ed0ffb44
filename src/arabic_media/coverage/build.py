"""``corpus/coverage/``: the 2018 Arabic coverage of the US technology companies and
extremist content, misinformation or moderation, as tables a notebook reads.

`build_coverage` streams the ANT archive once (never unpacked; Sky News Arabia skipped by
path, unread), selects the reports of the committed query
(``corpus/queries/us_tech_extremism.json``, `arabic_media.slices`), and labels and traces
each selected report as the study labels and traces its article
(`arabic_media.coverage.analyse_source`: on every core here, or on a Dask cluster). It
writes, all at once or not at all:

================== ===========================================================================
``members.csv``    one row per report of the slice: archive member and sha256, outlet,
                   section, date, title, and what the query found in it
``counts.csv``     reports read and reports in the slice, per outlet and month
``sentences.csv``  every sentence of the slice: its offsets into the report and its stance label
``attributions.csv`` every attribution: cue, source, their offsets, depth, source actor and type
``terms.csv``      the slice's word forms per outlet: ``outlet, term, category, count, documents,
                   surface`` (the form's most frequent spelling, for display)
                   (counted as the study counts its article, `arabic_media.terms.annotate`)
``outlets.csv``    per outlet: reports read, reports in the slice, sentences, running tokens
``labeller_confusion.csv`` the stance labeller's errors on the extremism test set, per test
                   report (`labeller_confusion`): what the
                   corrected shares are corrected by
``provenance.json`` the archive's name, size and sha256, the query (its file's sha256 and its
                   rules), the target, the counts of every step, and the code's fingerprint
================== ===========================================================================

Every file is sorted and written with fixed formats, so a rebuild gives the same bytes
(``tests/coverage_slice/test_build.py`` compares when the archive is beside the project). The
fingerprint (`code_fingerprint`) hashes the source of the modules that decide a row, with
their docstrings left out, and the lexicons and the query they read: it changes when a
rebuild could change, and not otherwise.
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections import Counter
from pathlib import Path

from arabic_media import paths
from arabic_media.paths import CORPUS_DIR, relative

__all__ = ["COVERAGE_DIR", "QUERY", "TARGET", "FILES", "build_coverage", "code_fingerprint", "labeller_confusion",
           "slice_tables"]

#: Where the coverage tables live.
COVERAGE_DIR: Path = CORPUS_DIR / "coverage"
#: The committed query that states the slice.
QUERY = "us_tech_extremism"
#: The stance target.
TARGET = "us_tech_companies"
#: The tables, by name.
FILES = {"members": "members.csv", "counts": "counts.csv", "sentences": "sentences.csv",
         "attributions": "attributions.csv", "terms": "terms.csv", "outlets": "outlets.csv",
         "confusion": "labeller_confusion.csv"}
#: The modules whose code decides a row of the tables (with every module below them).
_CODE = ("text", "affixes", "clitics", "categories", "wordlists", "lexicons", "matching", "actors", "slices",
         "corpus", "stance", "attribution", "terms", "transfer", "annotations", "coverage/build", "coverage/report",
         "coverage/run")


def code_fingerprint() -> str:
    """A sha256 of what decides the coverage tables.

    The source of the modules in ``_CODE`` with docstrings removed (their syntax trees),
    the lexicons, the targets and the queries.

    Returns
    -------
    str
        64 hex digits.
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    files = []
    for name in _CODE:
        found = package / name
        files += sorted(found.rglob("*.py")) if found.is_dir() else [found.with_suffix(".py")]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(
                    getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + ast.dump(tree).encode() + b"\0")
    for folder in (paths.LEXICONS_DIR, CORPUS_DIR / "queries"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".csv", ".json", ".txt", ".zlib"):
                digest.update(path.relative_to(CORPUS_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()



def slice_tables(rows: list[dict]):
    """The tables of the slice from the rows of a pass.

    The rows are those of `analyse_source` with the query and ``keep_text=True``; the
    test-set confusion is added by `build_coverage`.

    Parameters
    ----------
    rows : list of dict
        One per member of the archive.

    Returns
    -------
    dict of str to DataFrame
        By the names of `FILES`, each sorted.
    """
    import pandas as pd

    from arabic_media.corpus import corpus_from_texts
    from arabic_media.terms import annotate, running_tokens

    read = [r for r in rows if r["status"] == "read"]
    chosen = sorted((r for r in read if r.get("matched")), key=lambda r: (r["outlet"], r["article_id"]))
    members = pd.DataFrame([{
        "article_id": r["article_id"], "outlet": r["outlet"], "section": r["section"], "published": r["published"],
        "month": r["published"][:7], "title": r["title"], "member": r["member"], "sha256": r["sha256"],
        "sentences": r["sentences"], "company_mentions": r["company_mentions"], "companies": "|".join(r["companies"]),
        "named_in_lead": r["named_in_lead"], "topic_hits": r["topic_hits"], "topics": "|".join(r["topics"]),
        "linked_sentences": r["linked_sentences"]} for r in chosen])
    in_slice = Counter((r["outlet"], r["published"][:7]) for r in chosen)
    all_read = Counter((r["outlet"], r["published"][:7]) for r in read)
    counts = pd.DataFrame([{"outlet": o, "month": m, "reports_read": n, "reports_in_slice": in_slice[(o, m)]}
                           for (o, m), n in sorted(all_read.items())])
    sentences = pd.DataFrame([{"article_id": r["article_id"], "sentence": i, "start": span[0], "end": span[1],
                               "label": label}
                              for r in chosen for i, (span, label) in enumerate(zip(r["spans"], r["labels"]), start=1)])
    attributions = pd.DataFrame([{"article_id": r["article_id"], **a} for r in chosen for a in r["attributions"]],
                                columns=["article_id", "sentence", "attribution", "parent", "depth", "cue",
                                         "cue_start", "cue_end", "source", "source_start", "source_end",
                                         "source_actor_id", "source_type"])
    for column in ("parent", "source_start", "source_end"):
        attributions[column] = attributions[column].astype("Int64")
    corpus = corpus_from_texts({r["article_id"]: r["text"] for r in chosen})
    tokens = annotate(corpus.tokens)
    outlet_of = {r["article_id"]: r["outlet"] for r in chosen}
    words = tokens[tokens["kind"] == "word"].assign(outlet=tokens["article_id"].astype(str).map(outlet_of))
    terms = (words.groupby(["outlet", "norm", "category"], observed=True)
             .agg(count=("norm", "size"), documents=("article_id", "nunique"),
                  surface=("surface", _most_frequent)).reset_index()
             .rename(columns={"norm": "term"}))
    terms = terms.sort_values(["outlet", "count", "term"], ascending=[True, False, True]).reset_index(drop=True)
    per_article = running_tokens(tokens, by_article=True)
    outlets = []
    for outlet in sorted({r["outlet"] for r in read}):
        mine = [r for r in chosen if r["outlet"] == outlet]
        outlets.append({"outlet": outlet, "reports_read": sum(r["outlet"] == outlet for r in read),
                        "reports_in_slice": len(mine), "sentences": sum(r["sentences"] for r in mine),
                        "running_tokens": int(sum(per_article.get(r["article_id"], 0) for r in mine))})
    return {"members": members, "counts": counts, "sentences": sentences, "attributions": attributions,
            "terms": terms, "outlets": pd.DataFrame(outlets)}


def _most_frequent(values) -> str:
    """The most frequent value (ties: the first in sort order), for a term's spelling."""
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def build_coverage(archive: Path | str | None = None, out_dir: Path | str | None = None, *, query: str = QUERY,
                   target: str = TARGET, workers: int | None = None, scheduler=None,
                   progress: bool | None = None) -> dict:
    """Stream the archive, select the slice, analyse it, and write ``corpus/coverage/``.

    Parameters
    ----------
    archive : Path or str, optional
        The ANT archive (default ``paths.ANT_ARCHIVE``).
    out_dir : Path or str, optional
        Default `COVERAGE_DIR`.
    query : str
        A committed query's name.
    target : str
        The stance target.
    workers : int, optional
        Processes that analyse, this one included (default: one per core).
    scheduler : str or distributed.Client, optional
        A Dask scheduler: the reports are analysed on that cluster.
    progress : bool, optional
        A progress bar (None: on a terminal or in a notebook only).

    Returns
    -------
    dict
        The provenance record written.

    Raises
    ------
    CorpusError
        The archive cannot be read to its end, or no report of the slice is found:
        nothing is written, and the folder stays as it was.
    """
    from arabic_media.corpus import CorpusError
    from arabic_media.corpus.sources import TrecArchive
    from arabic_media.coverage.run import analyse_source
    from arabic_media.files import file_sha256, replacing_all
    from arabic_media.slices import QUERIES_DIR, load_query

    archive = Path(archive) if archive is not None else paths.ANT_ARCHIVE
    out_dir = Path(out_dir) if out_dir is not None else COVERAGE_DIR
    rows = analyse_source(TrecArchive(archive), target=target, query=query, slice_only=True, workers=workers,
                          scheduler=scheduler, progress=progress, keep_text=True, reader_analyses=False)
    steps = Counter(r["status"] for r in rows)
    steps["matched"] = sum(bool(r.get("matched")) for r in rows)
    if not steps["matched"]:
        raise CorpusError(f"{archive.name}: no report matches the query {query!r}; "
                          f"{relative(out_dir)}/ is not written and stays as it is")
    tables = slice_tables(rows)
    tables["confusion"] = _test_confusion(target)
    query_path = QUERIES_DIR / f"{query}.json"
    spec = load_query(query)
    provenance = {
        "what": "2018 Arabic coverage of the US technology companies and extremist content, misinformation or "
                "moderation: the reports of the committed query, labelled and traced as the study's article is",
        "archive": {"name": archive.name, "bytes": archive.stat().st_size, "sha256": file_sha256(archive)},
        "query": {"name": query, "file": relative(query_path), "sha256": file_sha256(query_path),
                  "target": spec.target, "topics": spec.topics, "min_company_mentions": spec.min_company_mentions,
                  "lead_sentences": spec.lead_sentences, "min_topic_hits": spec.min_topic_hits,
                  "min_linked_sentences": spec.min_linked_sentences, "excluded_folders": list(spec.excluded_folders)},
        "target": target,
        "members": len(rows),
        "skipped_by_path": steps["skipped"],
        "refused": steps["refused"],
        "read": steps["read"],
        "in_slice": steps["matched"],
        "rows": {FILES[name]: len(table) for name, table in tables.items()},
        "code": {"package_version": _version(), "fingerprint": code_fingerprint(),
                 "built_by": "scripts/build_coverage.py (arabic_media.coverage.build.build_coverage)"},
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    names = [*FILES.values(), "provenance.json"]
    with replacing_all(out_dir / name for name in names) as partials:
        written = dict(zip(names, partials))
        for name, table in tables.items():
            table.to_csv(written[FILES[name]], index=False, encoding="utf-8", lineterminator="\n")
        written["provenance.json"].write_text(json.dumps(provenance, ensure_ascii=False, indent=2) + "\n",
                                              encoding="utf-8", newline="\n")
    return provenance


def _test_confusion(target: str):
    """The labeller's errors on the extremism test set (`labeller_confusion`)."""
    from arabic_media.stance import label_sentences
    from arabic_media.transfer import load_split

    test = load_split("extremism_test")
    return labeller_confusion(test.stance, label_sentences(test.corpus, target), target)


def labeller_confusion(gold, predicted, target: str = TARGET):
    """The labeller's test-set errors per test report, as a table the bootstrap resamples.

    Parameters
    ----------
    gold : DataFrame
        The test set's stance gold.
    predicted : Labelling or DataFrame
        The labeller's labels of the test set.
    target : str

    Returns
    -------
    DataFrame
        ``article_id, gold, predicted, sentences``, sorted.
    """
    from arabic_media.stance import gold_for

    labels = getattr(predicted, "labels", predicted)
    merged = gold_for(gold, target).merge(labels[["article_id", "sentence", "label"]], on=["article_id", "sentence"],
                                          suffixes=("_gold", "_pred"))
    table = merged.groupby(["article_id", "label_gold", "label_pred"]).size().rename("sentences").reset_index()
    return table.rename(columns={"label_gold": "gold", "label_pred": "predicted"}).sort_values(
        ["article_id", "gold", "predicted"]).reset_index(drop=True)


def _version() -> str:
    from arabic_media import __version__

    return __version__
