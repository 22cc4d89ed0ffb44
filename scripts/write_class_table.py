"""Rewrite the scanner's shipped character table (`arabic_media.counting.scan.SHIPPED_TABLE`)
from this Python's Unicode database: after a change to the study's character classes
(`text.class_masks`) or to the word keys (`scan._keyed_characters`), or to ship it for
another Unicode version. ``tests/counting/test_scan.py`` fails until the shipped table is the one
`scan.class_table` builds.

Usage: ``.venv/bin/python scripts/write_class_table.py``
"""

import unicodedata

from arabic_media import paths
from arabic_media.counting.scan import SHIPPED_TABLE, write_table

if __name__ == "__main__":
    write_table()
    print(f"wrote {paths.relative(SHIPPED_TABLE)} (Unicode {unicodedata.unidata_version})")
