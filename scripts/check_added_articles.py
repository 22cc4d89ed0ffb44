"""Add articles as a user would, in a scratch copy of the project, and check that nothing
the study reports about its own article moves.

    .venv/bin/python scripts/check_added_articles.py --study --compare-figures \
        --run -- -m pytest -n 2 tests -q -p no:cacheprovider --ignore=tests/browser

Copies the project tree (without .git, the virtual environments and caches) to a
scratch folder and adds the articles of a corpus folder (``--articles``, default the
two unrelated ANT reports of ``tests/data/unrelated_reports/``) to its ``corpus/``
exactly as the README says a user adds one: each file copied into
``corpus/articles/`` and its manifest row appended (`arabic_media.corpus.write_manifest`).
Then, as asked:

``--study``
    re-executes every notebook there, as ``make study`` does (`scripts/run_notebooks.py`);
``--compare-figures``
    compares every file of the copy's ``figures/`` with the project's, byte for byte:
    every figure is drawn for the study's article, so none may change (exit status 1,
    naming the files that did);
``--run -- ARGS``
    runs ``python ARGS`` there (the unit tests), with ``ARABIC_MEDIA_ROOT`` pointing at
    the copy (`arabic_media.paths` honours it) and ``PYTHONPATH`` at its ``src``.

CI runs all three. Symbolic links are copied as links, not followed: a link the loader
refuses in the project is refused in the copy too. Whatever fails, the scratch copy
this script made is removed (unless ``--keep``), and a refused corpus is reported in
one line (exit status 1), not as a traceback.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

#: The articles added by default: two ANT reports unrelated to the study's topic.
UNRELATED = ROOT / "tests" / "data" / "unrelated_reports"
_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", ".venv-*", "__pycache__", ".pytest_cache", ".hypothesis", "*.egg-info",
    ".ipynb_checkpoints", ".benchmarks", "build",
)


def make_scratch_copy(dest: Path, source: Path | None = None, articles: Path | None = None) -> Path:
    """Copy the project and add the articles of a corpus folder to the copy's corpus.

    Parameters
    ----------
    dest
        The folder to create (it must not exist).
    source
        The project to copy (default: this script's project, `ROOT`).
    articles
        A corpus folder (``manifest.csv`` and its files) whose articles are added
        (default `UNRELATED`). An article the copy holds already is not added again.

    Returns
    -------
    Path
        ``dest``.

    Raises
    ------
    FileExistsError
        ``dest`` exists already (it is left alone).
    CorpusError
        The copy's corpus or the added folder does not check out (as `read_manifest` or
        `load_corpus` would refuse it), or an added file is not what its manifest
        registered. On this or any other failure, the copy made so far is removed.
    """
    from arabic_media.corpus import load_corpus, read_manifest, write_manifest
    from arabic_media.corpus.article import check_article
    from arabic_media.files import replacing

    dest, articles = Path(dest), Path(articles) if articles is not None else UNRELATED
    if dest.exists():  # never copied over, never removed on failure: it is not this script's
        raise FileExistsError(f"{dest.name}: already exists; the scratch copy must be a new folder")
    try:
        # links stay links: a link the loader refuses here must be refused in the copy too
        shutil.copytree(ROOT if source is None else source, dest, ignore=_IGNORE, symlinks=True)
        study = read_manifest(dest / "corpus")
        added = read_manifest(articles)
        rows = [dict(r) for r in study.to_dict("records")]
        for row in added.to_dict("records"):
            if row["article_id"] in set(study["article_id"]):  # already added (a copy of a copy)
                continue
            data = (articles / row["file"]).read_bytes()
            check_article(data, f"{articles.name}/{row['file']}", row["sha256"])  # the bytes its manifest registered
            name = Path(row["file"]).name
            with replacing(dest / "corpus" / "articles" / name) as partial:
                partial.write_bytes(data)
            rows.append({**row, "file": f"articles/{name}", "sha256": hashlib.sha256(data).hexdigest()})
        write_manifest(dest / "corpus" / "manifest.csv",
                       [{k: ("" if v is None else str(v)) for k, v in r.items()} for r in rows])
        load_corpus(dest / "corpus")  # the grown corpus checks out as the loader checks it
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    return dest


def scratch_env(dest: Path) -> dict[str, str]:
    """The environment that points the study at the scratch copy."""
    env = dict(os.environ)
    env["ARABIC_MEDIA_ROOT"] = str(dest)
    env["PYTHONPATH"] = str(dest / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def execute_notebooks(dest: Path) -> None:
    """Execute every notebook of the copy in place, as ``make study`` does."""
    notebooks = sorted(str(p.relative_to(dest)) for p in (dest / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    print(f"executing {len(notebooks)} notebooks in the copy", flush=True)
    subprocess.run([sys.executable, "scripts/run_notebooks.py", *notebooks], cwd=dest, env=scratch_env(dest),
                   check=True, capture_output=True)


def changed_figures(dest: Path, source: Path | None = None) -> list[str]:
    """The files of the copy's ``figures/`` that differ from the project's, or that one of
    the two folders lacks (by name)."""
    ours, theirs = (ROOT if source is None else source) / "figures", dest / "figures"
    names = sorted({p.name for p in ours.iterdir()} | {p.name for p in theirs.iterdir()})
    return [name for name in names
            if not (ours / name).is_file() or not (theirs / name).is_file()
            or (ours / name).read_bytes() != (theirs / name).read_bytes()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, help="scratch folder to create (default: a new temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder after --run")
    parser.add_argument("--articles", type=Path, help="corpus folder whose articles are added (default: the "
                        "two unrelated reports of tests/data/unrelated_reports)")
    parser.add_argument("--study", action="store_true", help="re-execute every notebook in the copy, as make study")
    parser.add_argument("--compare-figures", action="store_true",
                        help="fail unless every figure of the copy equals the project's, byte for byte")
    parser.add_argument("--run", action="store_true",
                        help="run `python ARGS` in the copy (arguments after --), return its status")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    args = options.args[1:] if options.args[:1] == ["--"] else options.args
    from arabic_media.corpus import CorpusError

    if options.dest is not None and options.dest.exists():
        print(f"{options.dest.name}: already exists; give a new folder to --dest", file=sys.stderr)
        return 2
    # the folder this run makes: a temporary one holding the copy, or --dest itself
    made = Path(tempfile.mkdtemp(prefix="arabic-media-added-articles-")) if options.dest is None else None
    dest = options.dest or made / "study"
    keep = False
    try:
        try:
            make_scratch_copy(dest, articles=options.articles)
        except CorpusError as err:
            print(f"the corpus is refused, so no scratch copy was made: {err}", file=sys.stderr)
            return 1
        print(f"scratch copy with the added articles: {dest.name}", flush=True)
        if options.study:
            execute_notebooks(dest)
        if options.compare_figures:
            changed = changed_figures(dest)
            if changed:
                print(f"{len(changed)} figure file(s) changed when articles were added: {', '.join(changed)}",
                      file=sys.stderr)
                return 1
            print("every figure file is the same, byte for byte", flush=True)
        if not options.run:
            keep = True  # made to be looked at
            return 0
        status = subprocess.run([sys.executable, *args], cwd=dest, env=scratch_env(dest)).returncode
        keep = options.keep or options.dest is not None
        return status
    finally:
        if not keep:  # on every failure, and after --run unless --keep or --dest
            shutil.rmtree(made if made is not None else dest, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
