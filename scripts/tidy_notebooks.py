"""Make an executed notebook's metadata the same on every machine, in place.

``make study`` runs this after executing each notebook:

* nbconvert records the exact Python version (``3.11.7``) in
  ``metadata.language_info.version``; it is dropped, so a rebuild on any other Python
  3.11+ does not show every notebook as changed in ``git status`` when no output did.
* ``metadata.kernelspec`` names the study's own kernel (installed into ``.venv`` by
  ``make setup``), so JupyterLab started by ``make lab`` runs the notebooks on the
  study's environment even where a user-level ``python3`` kernel points elsewhere.

Outputs and sources are not touched.

Usage: ``python scripts/tidy_notebooks.py --kernel NAME --display-name TEXT NOTEBOOK...``
"""

from __future__ import annotations

import argparse

import nbformat


def tidy(path: str, kernel: str, display_name: str) -> None:
    """Drop the Python version and set the kernelspec of one notebook."""
    notebook = nbformat.read(path, as_version=4)
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
