"""Follow the README's "Adding an article" in a scratch copy, then run the tests there.

Copies the project tree (without .git, the virtual environments and caches) to a
scratch folder, adds a second article to its ``corpus/`` exactly as a user would (the
held-out Al Arabiya article, an ANT report's ``<TEXT>``, copied into
``corpus/articles/`` with a manifest row written by `arabic_media.corpus.write_manifest`),
re-executes the notebooks named with ``--execute`` there (as ``make study`` would, so
their stored outputs are those of the two-article corpus), and, with ``--run``, runs a
command there with ``ARABIC_MEDIA_ROOT`` pointing at the
copy (`arabic_media.paths` honours it) and ``PYTHONPATH`` at the copy's ``src``.

    python scripts/add_sample_article.py --execute notebooks/01_load_corpus.ipynb \
        --run -- -m pytest tests -q -p no:cacheprovider

proves that the unit tests hold for a corpus of two articles, not only for the study's
one. The Sky News held-out article is never used: it is reserved for evaluation
outside the project.

Symbolic links are copied as links, not followed: a link the loader refuses in the
project (one pointing outside the corpus folder) is refused in the copy too, instead
of becoming a regular file there. Whatever fails (the corpus refused, a notebook that
does not execute), the scratch copy this script made is removed, and a refused corpus
is reported in one line (exit status 1), not as a traceback.
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

#: The article added: the held-out Al Arabiya report (never the Sky News one).
SAMPLE_ID = "al-technology-202-20180424"
_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", ".venv-*", "__pycache__", ".pytest_cache", ".hypothesis", "*.egg-info",
    ".ipynb_checkpoints", ".benchmarks", "build",
)


def make_scratch_copy(dest: Path, source: Path | None = None) -> Path:
    """Copy the project and add the sample article to the copy's corpus.

    Parameters
    ----------
    dest
        The folder to create (it must not exist).
    source
        The project to copy (default: this script's project, `ROOT`).

    Returns
    -------
    Path
        ``dest``.

    Raises
    ------
    FileExistsError
        ``dest`` exists already (it is left alone).
    CorpusError
        The copy's corpus or the held-out manifest does not check out (as
        `read_manifest` or `load_corpus` would refuse it), or the sample article's
        file is not what the held-out manifest registered. On this or any other
        failure, the copy made so far is removed.
    """
    from arabic_media.corpus import CorpusError, read_manifest, write_manifest
    from arabic_media.corpus.article import check_article
    from arabic_media.files import replacing

    dest = Path(dest)
    if dest.exists():  # never copied over, never removed on failure: it is not this script's
        raise FileExistsError(f"{dest.name}: already exists; the scratch copy must be a new folder")
    try:
        # links stay links: a link the loader refuses here must be refused in the copy too
        shutil.copytree(ROOT if source is None else source, dest, ignore=_IGNORE, symlinks=True)
        study = read_manifest(dest / "corpus")
        if SAMPLE_ID in set(study["article_id"]):  # already added (a copy of a copy)
            return dest
        held = read_manifest(dest / "corpus" / "heldout")
        chosen = held.loc[held["article_id"] == SAMPLE_ID]
        if chosen.empty:
            raise CorpusError(f"corpus/heldout/manifest.csv: no article {SAMPLE_ID!r} to add")
        row = chosen.iloc[0].to_dict()
        data = (dest / "corpus" / "heldout" / row["file"]).read_bytes()
        check_article(data, f"corpus/heldout/{row['file']}", row["sha256"])  # the bytes the manifest registered
        name = Path(row["file"]).name
        with replacing(dest / "corpus" / "articles" / name) as partial:
            partial.write_bytes(data)
        row.update(file=f"articles/{name}", sha256=hashlib.sha256(data).hexdigest())
        rows = [dict(r) for r in study.to_dict("records")] + [row]
        write_manifest(dest / "corpus" / "manifest.csv",
                       [{k: ("" if v is None else str(v)) for k, v in r.items()} for r in rows])
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


def execute_notebooks(dest: Path, notebooks: list[str], kernel: str = "arabic-media") -> None:
    """Execute ``notebooks`` (paths relative to the copy) in place in the copy, as
    ``make study`` does, on the study's kernel."""
    for notebook in notebooks:
        print(f"executing {notebook} in the copy", flush=True)
        subprocess.run(
            [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace",
             "--ExecutePreprocessor.timeout=600", f"--ExecutePreprocessor.kernel_name={kernel}",
             "--ExecutePreprocessor.record_timing=False", notebook],
            cwd=dest, env=scratch_env(dest), check=True, capture_output=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, help="scratch folder to create (default: a new temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder after --run")
    parser.add_argument("--execute", nargs="*", default=[], metavar="NOTEBOOK",
                        help="notebooks to re-execute in the copy (relative paths), as `make study` would")
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
    made = Path(tempfile.mkdtemp(prefix="arabic-media-two-articles-")) if options.dest is None else None
    dest = options.dest or made / "study"
    keep = False
    try:
        try:
            make_scratch_copy(dest)
        except CorpusError as err:
            print(f"the corpus is refused, so no scratch copy was made: {err}", file=sys.stderr)
            return 1
        print(f"scratch copy with a second article ({SAMPLE_ID}): {dest}", flush=True)
        execute_notebooks(dest, options.execute)
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
