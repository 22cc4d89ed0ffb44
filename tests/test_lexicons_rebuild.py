"""The committed lexicons are exactly what their build scripts make from the pinned
sources: provenance that is checked, not only claimed.

Each script runs in a subprocess against a scratch copy of ``corpus/lexicons``
(``ARABIC_MEDIA_ROOT`` points the package there) and its output is compared byte for
byte with the committed file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from arabic_media.paths import LEXICONS_DIR, PROJECT_ROOT

SCRIPTS = {
    "build_stopwords.py": ["stopwords_ar.txt", "stopwords_ar_changes.csv", "reporting_terms.csv"],
    "build_grouping_candidates.py": ["grouping_candidates.csv"],
}


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_script_rebuilds_the_committed_files(script, tmp_path):
    scratch = tmp_path / "corpus" / "lexicons"
    shutil.copytree(LEXICONS_DIR, scratch)
    for name in SCRIPTS[script]:
        (scratch / name).unlink()
    env = {**os.environ, "ARABIC_MEDIA_ROOT": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / script)],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for name in SCRIPTS[script]:
        rebuilt = (scratch / name).read_bytes()
        assert rebuilt == (LEXICONS_DIR / name).read_bytes(), f"{name} differs from what {script} builds"
