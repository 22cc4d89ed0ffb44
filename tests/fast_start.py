"""A pytest plugin `make test` loads first (``-p tests.fast_start``): start-up without
jsonschema's IRI format checker.

nbval imports nbformat, which imports jsonschema, which imports ``rfc3987_syntax`` if it
is installed (jupyterlab installs it) to check the ``iri`` string format; that module
builds a parser at import, about 2 s in every pytest process (the main one, each xdist
worker, the nbval subprocess of ``test_notebooks_are_checked.py``). No notebook schema
uses that format (nbformat's schemas name none), so the import is blocked here, before
the other plugins load: jsonschema then skips that one checker, as when the module is
not installed. Nothing else changes.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # "import rfc3987_syntax" now raises ImportError
