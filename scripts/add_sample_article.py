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
one (issue 13). The Sky News held-out article is never used: it is reserved for
evaluation outside the project.
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


def make_scratch_copy(dest: Path, source: Path = ROOT) -> Path:
    """Copy the project at ``source`` to ``dest`` (which must not exist) and add the
    sample article to its corpus. Returns ``dest``."""
    from arabic_media.corpus import read_manifest, write_manifest

    shutil.copytree(source, dest, ignore=_IGNORE)
    study = read_manifest(dest / "corpus")
    if SAMPLE_ID in set(study["article_id"]):  # already added (a copy of a copy)
        return dest
    held = read_manifest(dest / "corpus" / "heldout")
    row = held.loc[held["article_id"] == SAMPLE_ID].iloc[0].to_dict()
    data = (dest / "corpus" / "heldout" / row["file"]).read_bytes()
    name = Path(row["file"]).name
    (dest / "corpus" / "articles" / name).write_bytes(data)
    row.update(file=f"articles/{name}", sha256=hashlib.sha256(data).hexdigest())
    rows = [dict(r) for r in study.to_dict("records")] + [row]
    write_manifest(dest / "corpus" / "manifest.csv", [{k: ("" if v is None else str(v)) for k, v in r.items()} for r in rows])
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
    dest = options.dest or Path(tempfile.mkdtemp(prefix="arabic-media-two-articles-")) / "study"
    make_scratch_copy(dest)
    print(f"scratch copy with a second article ({SAMPLE_ID}): {dest}", flush=True)
    try:
        execute_notebooks(dest, options.execute)
        if not options.run:
            return 0
        return subprocess.run([sys.executable, *args], cwd=dest, env=scratch_env(dest)).returncode
    finally:
        if options.run and not options.keep and options.dest is None:
            shutil.rmtree(dest.parent, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
