# NN Lab. Needs only python3 (3.11), pip and apt on a fresh machine.
#   make demo   build the static site, serve it on 127.0.0.1 (port 8000 or PORT; the next free
#               one if taken; the address is printed) and open the browser
#   make test   ruff + all tests, including real-browser tests in headless Chromium; needs
#               internet once (Pyodide, wheels, Chromium) unless PYODIDE_DIR is set
# Set PYODIDE_DIR to a Pyodide 0.27.7 directory for a fully offline build; a distribution
# beside the checkout (../shared/pyodide, as on the lab's machines and in CI) is used when it
# is not set.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SITE   ?= site
CHROMIUM := /usr/bin/chromium
PYODIDE_DIR ?= $(if $(wildcard ../shared/pyodide/pyodide.js),$(abspath ../shared/pyodide))
ifneq ($(PYODIDE_DIR),)
export PYODIDE_DIR
endif
OFFLINE_FLAG := $(if $(PYODIDE_DIR),--offline,)

.PHONY: install demo serve site site-offline lint test bench clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV) \
	  || (apt-get update && apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV))
	$(PY) -m pip install -q -r requirements.txt -r requirements-dev.txt
	$(PY) -m pip install -q --no-build-isolation -e .
	touch $(STAMP)

site: install
	$(PY) build.py $(OFFLINE_FLAG) --out $(SITE)

site-offline: install
	$(PY) build.py --offline --out $(SITE)

# start.py (shipped in the site) prints the address it actually bound: PORT, or the next free
# port if PORT is taken; it also opens the browser.
demo: site
	$(PY) $(SITE)/start.py --port $(or $(PORT),8000)

serve: install
	@echo "NN Lab (panel serve): http://127.0.0.1:$(or $(PORT),5006)/app"
	$(VENV)/bin/panel serve web/app.py --port $(or $(PORT),5006) --address 127.0.0.1

lint: install
	$(VENV)/bin/ruff check .

$(CHROMIUM):
	apt-get update
	apt-get install -y chromium

test: install $(CHROMIUM)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

bench: install
	$(PY) -m benchmarks.site_load

clean:
	rm -rf $(SITE) .pytest_cache .ruff_cache
