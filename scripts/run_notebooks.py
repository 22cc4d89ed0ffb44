"""Execute the study's notebooks in place, side by side, and tidy their metadata.

    .venv/bin/python scripts/run_notebooks.py [--jobs N] NOTEBOOK...

``make study`` runs it on every numbered notebook. The notebooks are independent: each
reads only committed inputs (the corpus, the lexicons, the annotations, the reference
list) and writes only its own figures, so they run in parallel, one kernel each, as
many at a time as the machine has cores (``--jobs``), longest first. Each is executed
by nbclient exactly as ``jupyter nbconvert --execute --inplace`` would, on the study's
kernel, then tidied (`tidy_notebooks.tidy`: no Python version, the study's
kernelspec, split stream outputs joined), so the files are the same bytes whatever the
order they finish in. A notebook that fails stops the run with its error.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

KERNEL, DISPLAY_NAME = "arabic-media", "Python (arabic-media study)"


def execute(path: str) -> tuple[str, float]:
    """Execute one notebook in place and tidy it; return its path and its seconds."""
    import nbformat
    from nbconvert.preprocessors import ExecutePreprocessor

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from tidy_notebooks import tidy

    start = time.perf_counter()
    notebook = nbformat.read(path, as_version=4)
    runner = ExecutePreprocessor(timeout=600, kernel_name=KERNEL, record_timing=False)
    runner.preprocess(notebook, {"metadata": {"path": str(Path(path).parent)}})
    nbformat.write(notebook, path)
    tidy(path, KERNEL, DISPLAY_NAME)
    return path, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks run at once")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args(argv)
    # the longest first (their size is a fair guess of their work), so none starts last alone
    ordered = sorted(args.notebooks, key=lambda p: -Path(p).stat().st_size)
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(execute, path): path for path in ordered}
        for future in as_completed(futures):
            try:
                path, seconds = future.result()
            except Exception as err:  # noqa: BLE001 - the notebook's own error, named
                print(f"{futures[future]} failed: {err}", file=sys.stderr)
                for other in futures:
                    other.cancel()
                return 1
            print(f"executed {path} in {seconds:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
