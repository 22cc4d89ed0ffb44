# The study's commands. `make help` lists them.
# Paths are relative to this Makefile, so `make -C path/to/study test` works too.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# The stamp is newer than requirements.txt and pyproject.toml once they are installed.
STAMP  := $(VENV)/.installed-stamp
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))

# Second environment: the plotting tests on matplotlib 3.10, which does not shape
# Arabic itself, so the reshape + bidi fallback path is what renders there.
VENV310 := .venv-mpl310
STAMP310 := $(VENV310)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help setup study report test test-unit test-notebooks test-browser test-mpl310 restore lab bench reference coverage lexicons docs clean

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

# The notebooks run on a kernel named after the study, installed inside .venv: a
# user-level "python3" kernelspec (conda, another Python) would otherwise take
# precedence and run them on an interpreter without the study's packages.
KERNEL := arabic-media
KERNEL_NAME := Python (arabic-media study)

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "$(KERNEL_NAME)" > /dev/null
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the pinned requirements (only when they changed)

study: $(STAMP) ## Execute every notebook in place (side by side, one per core) and write figures/
	$(PY) scripts/run_notebooks.py $(NOTEBOOKS)

report: $(STAMP) ## Write report/index.html: the whole study as one page (after make study)
	$(PY) scripts/build_report.py

# The tests run on two pytest-xdist workers. conftest.py sends every cell of a notebook
# to one worker, in order; the other tests go one by one to whichever worker is free.
# -p tests.fast_start (loaded before the other plugins) spares each pytest process 2 s of
# start-up: see tests/fast_start.py.
XDIST := -p tests.fast_start -n 2
NBVAL := -p no:randomly --nbval --nbval-sanitize-with notebooks/nbval_sanitize.cfg --nbval-current-env

test: $(STAMP) ## Unit tests and nbval over every notebook, in one run on two workers
	$(PY) -m pytest $(XDIST) tests --ignore=tests/browser $(NBVAL) $(NOTEBOOKS)

test-unit: $(STAMP) ## Unit and property tests only (two workers)
	$(PY) -m pytest $(XDIST) tests --ignore=tests/browser

test-notebooks: $(STAMP) ## nbval: re-execute every notebook and compare with its stored outputs
	$(PY) -m pytest $(XDIST) $(NBVAL) $(NOTEBOOKS)

# Needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver).
test-browser: $(STAMP) ## What a reader sees, in headless Chromium: the notebooks untrusted in JupyterLab, the report
	$(PY) -m pytest -p tests.fast_start tests/browser -q

$(STAMP310): requirements-mpl310.txt pyproject.toml
	@test -x $(VENV310)/bin/python || $(PYTHON) -m venv $(VENV310)
	$(VENV310)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-mpl310.txt
	@touch $(STAMP310)

test-mpl310: $(STAMP310) ## Plotting tests on matplotlib 3.10 (the reshape + bidi path)
	$(VENV310)/bin/python -m pytest tests/charts/test_arabic.py tests/charts/test_save.py

# As root (containers, cloud notebook servers) and without a browser: say where to open it.
LAB_PORT ?= 8888
lab: $(STAMP) ## Open JupyterLab on the study's notebooks and kernel; prints the address to open
	@echo "JupyterLab: open the http://127.0.0.1:$(LAB_PORT)/lab?token=... address printed below"
	$(PY) -m jupyter lab notebooks --no-browser --ip=127.0.0.1 --port=$(LAB_PORT) $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP) ## Benchmarks (speed, memory) with figures printed; not part of `make test`
	$(PY) benchmarks/run.py
	$(PY) benchmarks/loader.py --limit 5000
	$(PY) benchmarks/analyses.py
	$(PY) benchmarks/corpus_analyses.py
	$(PY) benchmarks/coverage.py
	$(PY) benchmarks/segmentation.py

# SCHEDULER=tcp://host:8786 counts on that Dask cluster; empty: every core of this machine.
SCHEDULER ?=
reference: $(STAMP) ## Rebuild corpus/reference/ from the ANT archive (SCHEDULER=tcp://host:8786 for a Dask cluster)
	$(PY) scripts/build_reference.py $(if $(SCHEDULER),--scheduler $(SCHEDULER))

coverage: $(STAMP) ## Rebuild corpus/coverage/ (the query's reports, labelled and traced) from the ANT archive (SCHEDULER=tcp://host:8786 for a Dask cluster)
	$(PY) scripts/build_coverage.py $(if $(SCHEDULER),--scheduler $(SCHEDULER))

lexicons: $(STAMP) ## Rebuild the stop-word and grouping-candidate lexicons from their pinned sources
	$(PY) scripts/build_stopwords.py
	$(PY) scripts/build_grouping_candidates.py

# After trying added articles: the corpus, the notebooks and the figures as committed.
restore: ## Put corpus/, notebooks/ and figures/ back as committed (added articles removed)
	git restore --source=HEAD --staged --worktree -- corpus notebooks figures
	git clean -fq -- corpus/articles figures

docs: $(STAMP) ## Rewrite docs/api.md, the API by module, from the docstrings
	$(PY) scripts/write_api_docs.py

clean: ## Remove the virtual environments and caches (not figures/ or notebooks)
	rm -rf $(VENV) $(VENV310) .pytest_cache .hypothesis report
