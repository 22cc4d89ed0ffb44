"""One place for paths.

Every path is derived from the project root (the folder holding ``pyproject.toml``),
found from this file's location, never from the current directory, so a notebook
works whether JupyterLab was started at the root or in ``notebooks/``.
"""

from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    # ARABIC_MEDIA_ROOT lets tests point the study at a scratch copy.
    override = os.environ.get("ARABIC_MEDIA_ROOT")
    if override:
        return Path(override).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "corpus").is_dir():
            return parent
    raise RuntimeError(
        "arabic_media: cannot find the project root (a folder with pyproject.toml and "
        "corpus/) above the installed package; install it with `pip install -e .` "
        "from a checkout of the study."
    )


PROJECT_ROOT: Path = _find_root()
CORPUS_DIR: Path = PROJECT_ROOT / "corpus"
#: A second corpus, never read while the rules were written: the stance labeller's
#: out-of-sample check (``corpus/heldout/README.md``).
HELDOUT_DIR: Path = CORPUS_DIR / "heldout"
LEXICONS_DIR: Path = CORPUS_DIR / "lexicons"
ANNOTATIONS_DIR: Path = CORPUS_DIR / "annotations"
FIGURES_DIR: Path = PROJECT_ROOT / "figures"
#: The ANT news corpus beside the project (``../shared/data/``), where CI and developers
#: have it. Only the benchmark and the held-out extraction script read it; the study
#: itself never needs it, and a user's clone does not have it.
ANT_ARCHIVE: Path = PROJECT_ROOT.parent / "shared" / "data" / "antcorpus-multisource-v2.1.tar.xz"
NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"


def relative(path: Path) -> str:
    """How a message or an output names ``path``: never by a machine path.

    Parameters
    ----------
    path : Path or str
        Any path, absolute or relative to the current directory.

    Returns
    -------
    str
        ``path`` relative to the project root, with ``/`` separators, when it lies
        inside it; otherwise its file name alone.
    """
    try:
        return Path(path).resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return Path(path).name
