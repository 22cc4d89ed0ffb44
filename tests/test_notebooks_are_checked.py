"""nbval really compares: a notebook whose stored output is edited must fail.

This guards the study's claim that numbers stated in the notebooks are checked on
every `make test`; if nbval were misconfigured (``--nbval-lax``, a sanitiser that
masks digits, cells without outputs) this test would pass nothing and fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from arabic_media.paths import NOTEBOOKS_DIR

NOTEBOOK = NOTEBOOKS_DIR / "01_load_corpus.ipynb"
SANITIZE = NOTEBOOKS_DIR / "nbval_sanitize.cfg"
#: The claim the test edits: "N of N sentences equal text[start:end]", N being however
#: many sentences the corpus has (14 for the study's one article; more once a user adds one).
CLAIM = re.compile(r"\b(\d+) of (\d+) sentences equal text\[start:end\]")


def run_nbval(path):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
         "--nbval-current-env", "--nbval-sanitize-with", str(SANITIZE), str(path)],
        capture_output=True, text=True, cwd=path.parent, timeout=600,
    )


@pytest.fixture
def notebook_copy(tmp_path):
    target = tmp_path / NOTEBOOK.name
    shutil.copy(NOTEBOOK, target)
    return target


@pytest.mark.slow
def test_nbval_fails_when_a_stored_output_is_changed(notebook_copy):
    notebook = json.loads(notebook_copy.read_text(encoding="utf-8"))
    edited = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", ""))
            found = CLAIM.search(text) if output.get("name") == "stdout" else None
            if found:
                exact, total = int(found.group(1)), int(found.group(2))
                wrong = f"{exact - 1} of {total}"
                output["text"] = [text[: found.start()] + wrong + text[found.start() + len(f"{exact} of {total}") :]]
                edited.append(wrong)
    assert len(edited) == 1, "the claim this test edits is no longer printed by notebook 01"
    notebook_copy.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")
    result = run_nbval(notebook_copy)
    assert result.returncode != 0, result.stdout[-2000:]
    assert edited[0] in result.stdout and "failed" in result.stdout


@pytest.mark.slow
def test_nbval_passes_on_the_stored_notebook(notebook_copy):
    result = run_nbval(notebook_copy)
    assert result.returncode == 0, result.stdout[-3000:]


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
