"""nbval really compares: a notebook whose stored output is edited must fail.

This guards the study's claim that numbers stated in the notebooks are checked on
every `make test`; if nbval were misconfigured (``--nbval-lax``, a sanitiser that
masks digits, cells without outputs) this test would pass nothing and fail. The
unedited notebook must pass in the same run, so the failure is the edit's doing (and,
in CI's scratch copy with a second article, notebook 01 re-executed there passes).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from arabic_media.paths import NOTEBOOKS_DIR

NOTEBOOK = NOTEBOOKS_DIR / "01_load_corpus.ipynb"
SANITIZE = NOTEBOOKS_DIR / "nbval_sanitize.cfg"
#: The claim the test edits: "N of N sentences equal text[start:end]", N being however
#: many sentences the corpus has (14 for the study's one article; more once a user adds one).
CLAIM = re.compile(r"\b(\d+) of (\d+) sentences equal text\[start:end\]")


def run_nbval(folder, *paths):
    """One pytest process running nbval on ``paths`` (each notebook gets its own kernel),
    in ``folder``, with every item's outcome in the short summary (``-rA``). The
    sanitiser is copied there too, so that ``folder`` is pytest's rootdir and the node
    ids read ``edited/01_load_corpus.ipynb::Cell 3``."""
    shutil.copy(SANITIZE, folder / SANITIZE.name)
    # tests/fast_start.py (as `make test` loads it) spares this pytest 2 s of start-up
    path = os.pathsep.join(filter(None, [str(Path(__file__).parent), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "fast_start", "-q", "-rA", "-p", "no:cacheprovider", "--nbval",
         "--nbval-current-env", "--nbval-sanitize-with", SANITIZE.name,
         *(str(path.relative_to(folder)) for path in paths)],
        capture_output=True, text=True, cwd=folder, timeout=600, env={**os.environ, "PYTHONPATH": path},
    )


def outcomes(stdout: str, folder: str) -> dict[str, str]:
    """``{"Cell 3": "PASSED", ...}`` for the notebook in ``folder``, from the -rA summary."""
    found = re.findall(rf"^(PASSED|FAILED|ERROR) {folder}/{NOTEBOOK.name}::(Cell \d+)", stdout, re.MULTILINE)
    return {cell: outcome for outcome, cell in found}


@pytest.mark.slow
def test_nbval_fails_when_a_stored_output_is_changed_and_passes_on_the_stored_notebook(tmp_path):
    """Notebook 01 twice in one nbval run (one pytest start-up instead of two): a copy
    with the claim's stored output edited must fail, on that cell and no other, showing
    the edited text; an unedited copy must pass, every cell."""
    stored, edited_copy = tmp_path / "stored" / NOTEBOOK.name, tmp_path / "edited" / NOTEBOOK.name
    for target in (stored, edited_copy):
        target.parent.mkdir()
        shutil.copy(NOTEBOOK, target)
    notebook = json.loads(edited_copy.read_text(encoding="utf-8"))
    edited, edited_cells = [], []
    code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    for number, cell in enumerate(code_cells):  # nbval numbers the code cells
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", ""))
            found = CLAIM.search(text) if output.get("name") == "stdout" else None
            if found:
                exact, total = int(found.group(1)), int(found.group(2))
                wrong = f"{exact - 1} of {total}"
                output["text"] = [text[: found.start()] + wrong + text[found.start() + len(f"{exact} of {total}") :]]
                edited.append(wrong)
                edited_cells.append(f"Cell {number}")
    assert len(edited) == 1, "the claim this test edits is no longer printed by notebook 01"
    edited_copy.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")
    result = run_nbval(tmp_path, edited_copy, stored)
    assert result.returncode != 0, result.stdout[-2000:]
    assert edited[0] in result.stdout and "failed" in result.stdout
    on_edited = outcomes(result.stdout, "edited")
    assert len(on_edited) == len(code_cells), result.stdout[-3000:]
    assert {cell for cell, outcome in on_edited.items() if outcome != "PASSED"} == set(edited_cells), result.stdout[-3000:]
    on_stored = outcomes(result.stdout, "stored")
    assert len(on_stored) == len(code_cells), result.stdout[-3000:]
    assert set(on_stored.values()) == {"PASSED"}, result.stdout[-3000:]


def test_tidy_joins_a_print_split_by_the_kernel_into_one_output():
    """`make study` must give the same bytes whether the kernel flushed a cell's prints as
    one stream output or two (seen in CI): tidy joins runs of one stream, nothing else."""
    import importlib.util

    from arabic_media.paths import PROJECT_ROOT

    spec = importlib.util.spec_from_file_location("tidy_notebooks", PROJECT_ROOT / "scripts" / "tidy_notebooks.py")
    tidy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tidy)
    out = lambda name, text: {"output_type": "stream", "name": name, "text": text}  # noqa: E731
    split = [out("stdout", "a\n"), out("stdout", ["b\n", "c\n"]), out("stderr", "w\n"), out("stdout", "d\n"),
             {"output_type": "execute_result", "data": {"text/plain": "1"}}]
    joined = tidy.join_streams(split)
    assert [o["output_type"] for o in joined] == ["stream", "stream", "stream", "execute_result"]
    assert [(o["name"], o["text"]) for o in joined[:3]] == [("stdout", "a\nb\nc\n"), ("stderr", "w\n"), ("stdout", "d\n")]
