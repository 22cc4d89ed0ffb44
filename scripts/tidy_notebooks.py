"""Make an executed notebook's metadata the same on every machine, in place.

``make study`` runs this after executing each notebook:

* nbconvert records the exact Python version (``3.11.7``) in
  ``metadata.language_info.version``; it is dropped, so a rebuild on any other Python
  3.11+ does not show every notebook as changed in ``git status`` when no output did.
* ``metadata.kernelspec`` names the study's own kernel (installed into ``.venv`` by
  ``make setup``), so JupyterLab started by ``make lab`` runs the notebooks on the
  study's environment even where a user-level ``python3`` kernel points elsewhere.

* A cell's ``metadata.execution`` (the times a run recorded, when a notebook was
  executed with timing on) is dropped: times change on every run.

* Consecutive stream outputs of one cell to the same stream (``stdout``) are joined
  into one: the kernel flushes printed text on a timer, so the same prints can arrive
  as one output on one run and two on the next, which changes the file but not the
  text (nbval compares the joined text either way).

Sources and output text are not touched.

Usage: ``python scripts/tidy_notebooks.py --kernel NAME --display-name TEXT NOTEBOOK...``
"""

from __future__ import annotations

import argparse

import nbformat


def join_streams(outputs: list) -> list:
    """``outputs`` with each run of stream outputs to the same stream joined into one."""
    joined: list = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            previous["text"] = "".join(previous["text"]) + "".join(output["text"])
        else:
            joined.append(output)
    return joined


def tidy(path: str, kernel: str, display_name: str) -> None:
    """Drop the Python version and the run's times, set the kernelspec and join split
    stream outputs of one notebook."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        cell.get("metadata", {}).pop("execution", None)
        if cell.get("cell_type") == "code":
            cell["outputs"] = join_streams(cell.get("outputs", []))
    notebook.metadata.get("language_info", {}).pop("version", None)
    notebook.metadata["kernelspec"] = {"display_name": display_name, "language": "python", "name": kernel}
    nbformat.write(notebook, path)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--display-name", required=True)
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    for name in args.notebooks:
        tidy(name, args.kernel, args.display_name)
