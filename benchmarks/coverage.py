"""Benchmark: building ``corpus/coverage/`` against building ``corpus/reference/``.

Both stream the whole ANT archive on every core. The reference counts every report; the
coverage pass matches every report outside Sky News Arabia against the slice query and
labels and traces the reports it selects. The targets: the coverage build takes at most
3 times the wall time of the reference build run in the same invocation (a ratio, so a
slow day on a shared machine does not decide it), and at most 300 MB for all the
processes it starts together. Each build runs in a fresh interpreter, writing to a
scratch folder (the committed folders are left alone), its process tree's peak resident
memory sampled every 50 ms (`process_memory.run_sampled`). Usage:
``python benchmarks/coverage.py [--repeat 1]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from process_memory import run_sampled  # noqa: E402  (beside this file)

RATIO_TARGET = 3.0
MEMORY_TARGET_MB = 300.0
ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = {"reference": ROOT / "scripts" / "build_reference.py", "coverage": ROOT / "scripts" / "build_coverage.py"}


def _build(name: str, out: Path) -> tuple[float, float]:
    start = time.perf_counter()
    run = run_sampled([sys.executable, str(SCRIPTS[name]), "--out", str(out), "--no-progress"],
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if run.returncode:
        sys.exit(f"{name} build failed:\n{run.stderr}")
    return wall, run.peak_rss_bytes / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each build; the shortest wall is kept")
    args = parser.parse_args()
    from arabic_media import paths

    if not paths.ANT_ARCHIVE.is_file():
        print(f"{paths.ANT_ARCHIVE.name} not found beside the project: nothing measured", file=sys.stderr)
        return 1
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name in SCRIPTS:
            runs = [_build(name, Path(scratch) / f"{name}{i}") for i in range(args.repeat)]
            results[name] = (min(w for w, _ in runs), max(m for _, m in runs))
    (ref_wall, ref_mb), (cov_wall, cov_mb) = results["reference"], results["coverage"]
    ratio = cov_wall / ref_wall
    print(f"make reference (yardstick): {ref_wall:.1f} s wall, peak {ref_mb:.0f} MB (all processes)")
    print(f"make coverage:              {cov_wall:.1f} s wall, peak {cov_mb:.0f} MB (all processes)")
    print(f"ratio {ratio:.2f} (target at most {RATIO_TARGET:.0f}: {'met' if ratio <= RATIO_TARGET else 'NOT met'}); "
          f"memory {cov_mb:.0f} MB (target at most {MEMORY_TARGET_MB:.0f}: "
          f"{'met' if cov_mb <= MEMORY_TARGET_MB else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
