# 法治指标看板 — the two commands of the README:
#   make run    install what the dashboard needs, build the warehouse from data/ if it is
#               missing, and serve the dashboard; it prints the address to open once it is
#               up (http://localhost:8501; another port: make run PORT=8600)
#   make test   install the test tools too, then lint and run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
ADDRESS ?= 0.0.0.0

.PHONY: run serve test test-under-load install install-dev system-deps build lint format bench bench-pages bench-memory bench-browser bench-reruns bench-exports clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(VENV)/.runtime $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# Debian packages some tests need (Chromium for the browser tests). As root it installs
# them; otherwise it prints the command and those tests skip, saying why.
system-deps:
	@bash scripts/install_system_deps.sh

build: install
	$(BIN)/python -m etl build

run: install
	$(BIN)/python -m etl build --if-missing
	$(BIN)/python scripts/announce.py $(PORT) &
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) --server.headless true

# On a server (README 部署 · Deploy): binds ADDRESS:PORT (every interface, 8501), builds the
# warehouse if missing, logs to logs/serve.log; deploy/'s systemd unit and image run the same script
serve: install
	ADDRESS=$(ADDRESS) PORT=$(PORT) bash scripts/serve.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install-dev system-deps lint
	$(BIN)/python -m pytest -q

# The suite while the ETL bench keeps both cores busy (a busy CI machine): every test must
# wait for what it checks. Run it before landing a change to a test that waits on anything.
test-under-load: install-dev system-deps
	bash scripts/test_under_load.sh

# The benchmarks of BENCHMARKS.md (each prints its figures; none is a test).
bench: install
	$(BIN)/python scripts/bench_etl.py

bench-pages: install-dev
	$(BIN)/python scripts/bench_pages.py

bench-memory: install-dev system-deps
	$(BIN)/python scripts/bench_memory.py

# first paint (a new document, and by the sidebar link from the page before) and a filter
# change per page in Chromium (out/province_45000, made if missing)
bench-browser: install-dev system-deps
	$(BIN)/python scripts/bench_browser.py

bench-reruns: install-dev
	$(BIN)/python scripts/bench_reruns.py

bench-exports: install
	$(BIN)/python -m etl build --if-missing
	$(BIN)/python scripts/bench_exports.py --db data/warehouse.duckdb --year 2024

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache data/warehouse.duckdb
