"""The benchmarks' one memory sampler (`benchmarks/process_memory.py`) counts the whole
process tree and reads a child's output to its end."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from arabic_media.paths import PROJECT_ROOT

#: A parent holding 60 MB whose child holds 80 MB at the same time, printing much.
_TREE = r"""
import subprocess, sys, time
held = bytearray(60 << 20)
child = subprocess.Popen([sys.executable, "-c", "import time; held = bytearray(80 << 20); time.sleep(1.5)"])
print("x" * (1 << 18))  # more than a pipe holds: the reader must not wait for the end first
child.wait()
print("done")
"""


def _module():
    spec = importlib.util.spec_from_file_location("process_memory", PROJECT_ROOT / "benchmarks" / "process_memory.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(sys.modules[spec.name])
    return sys.modules[spec.name]


def test_the_peak_is_the_sum_over_the_process_tree():
    run = _module().run_sampled([sys.executable, "-c", _TREE], interval=0.02, stdout=subprocess.PIPE, text=True)
    assert run.returncode == 0 and run.stdout.endswith("done\n") and run.stderr is None
    assert run.peak_rss_bytes > (60 + 80) << 20


def test_a_tree_that_has_gone_counts_nothing():
    import psutil

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    process = psutil.Process(child.pid)
    child.wait()
    assert _module().tree_rss(process) == 0
