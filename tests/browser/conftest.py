"""A real browser for the tests of what a reader sees: Debian's ``chromium`` and
``chromium-driver``, driven by Selenium, headless; and a JupyterLab server on the study's
notebooks that trusts none of them, as on a fresh clone.

The tests here run with ``make test-browser``. Without chromium they skip, unless
``ARABIC_MEDIA_REQUIRE_BROWSER=1`` (set by ``.ci/run``, which installs it): then a
missing browser fails them, so CI cannot pass with them skipped.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from arabic_media import paths

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def _require_browser() -> None:
    if CHROMIUM and CHROMEDRIVER:
        return
    message = "chromium and chromedriver are not installed (Debian: apt-get install chromium chromium-driver)"
    if os.environ.get("ARABIC_MEDIA_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """A headless Chromium driven by Selenium, 1400 x 1000, on a fresh profile."""
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=en",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    yield driver
    driver.quit()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    """JupyterLab serving a copy of the study's notebooks with an empty trust database, so
    every notebook opens untrusted, as a fresh clone's do. Yields its base address."""
    _require_browser()
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(paths.NOTEBOOKS_DIR, root / "notebooks")
    shutil.copytree(paths.FIGURES_DIR, root / "figures")  # the openings' lead figures
    data, config = tmp_path_factory.mktemp("jupyter-data"), tmp_path_factory.mktemp("jupyter-config")
    port, token = _free_port(), "browser-test"
    env = {**os.environ, "JUPYTER_DATA_DIR": str(data), "JUPYTER_CONFIG_DIR": str(config), "JUPYTER_NO_CONFIG": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", f"--port={port}", "--ip=127.0.0.1",
         f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}", "--LabApp.news_url=",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start within a minute")
        yield base, token, root
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def report_page(tmp_path_factory):
    """The HTML report built from the committed notebooks into a scratch folder."""
    from arabic_media.charts.arabic import _study_font_files
    from arabic_media.report import build_report

    out = tmp_path_factory.mktemp("report")
    fonts = [f for f in _study_font_files() if f.name in ("Amiri-Regular.ttf", "Amiri-Bold.ttf")]
    return build_report(paths.NOTEBOOKS_DIR, paths.FIGURES_DIR, Path(out), title="report", font_files=fonts)
