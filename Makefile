# ctip — the commands a developer and CI need. Everything installs into .venv.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock"
# The development lock holds every extra: tests, the browser driver, benchmarks, psycopg's binary.
DEV_EXTRAS := --extra dev --extra browser --extra bench --extra postgres-binary
# Interpreters `make test-pythons` tries; those the machine lacks are reported and skipped.
PYTHONS ?= python3.11 python3.12 python3.13

.PHONY: install lock test-pythons run demo-report test bench eval lint typecheck format load messages clean

# Installs exactly what requirements/dev.txt pins, every file checked against its hash.
$(STAMP): pyproject.toml requirements/dev.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Regenerate both lock files from pyproject.toml (after a dependency changes or a merge).
# Pass UPGRADE=--upgrade to move every pin to the newest release the floors allow.
lock:
	test -x $(BIN)/uv || { test -x $(BIN)/python || $(PY) -m venv $(VENV); $(BIN)/python -m pip install --quiet uv; }
	$(BIN)/uv pip compile pyproject.toml $(LOCK_FLAGS) $(UPGRADE) -o requirements/runtime.txt
	$(BIN)/uv pip compile pyproject.toml $(DEV_EXTRAS) $(LOCK_FLAGS) $(UPGRADE) -o requirements/dev.txt

# A fast subset (azlang, extraction, a Django smoke test) on every Python the machine has.
test-pythons:
	PYTHONS="$(PYTHONS)" bash .ci/test-pythons

run: install
	$(BIN)/ctip migrate --noinput
	$(BIN)/ctip load-demo --national-job --base-url http://127.0.0.1:$(PORT)
	@echo ""
	@echo "ctip is running at http://127.0.0.1:$(PORT)/  (stop with Ctrl-C)"
	@echo "Demo logins are printed above (password for all: see 'Demo logins')."
	@# A background-job worker beside the web server, stopped with it.
	$(BIN)/ctip worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/ctip runserver 127.0.0.1:$(PORT)

# The demo with the real 2022 report of the State Migration Service read into the plan (needs ../shared).
demo-report: install
	$(BIN)/ctip migrate --noinput
	$(BIN)/ctip load-demo
	$(BIN)/ctip import-report ../shared/seeds/000_434bf5f6e76f4b5d.txt --plan NAP-2020-2024 --agency DMX --period 2022 --status approved

test: install
	$(BIN)/python -m pytest -m "not browser"
	$(BIN)/python -m pytest -m browser || [ $$? -eq 5 ]

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check ctip tests bench
	$(MAKE) typecheck

# mypy with the Django and DRF stubs (config: [tool.mypy] in pyproject.toml) over the pure cores,
# every services/selectors/permissions module and the API.
TYPED := ctip/azlang ctip/extraction ctip/api ctip/accounts/types.py ctip/core/errors.py \
	ctip/core/forms.py $(wildcard ctip/*/services.py ctip/*/selectors.py ctip/*/permissions.py) \
	ctip/plan/catalogue/services.py ctip/plan/catalogue/selectors.py \
	ctip/plan/services
typecheck: install
	$(BIN)/mypy $(TYPED)

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format ctip tests bench

# PostgreSQL for the plan bench when a server answers on 127.0.0.1:5432 (set CTIP_BENCH_PG= to skip).
bench: install
	CTIP_BENCH_PG=$${CTIP_BENCH_PG-$$(pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && echo postgres://postgres@127.0.0.1:5432/ctip_bench)} \
	  $(BIN)/python bench/run.py

# The extractor against ../shared/corpus and the seed: P/R/F1 per document and fact type.
eval: install
	$(BIN)/python bench/eval_extraction.py

load: install
	$(BIN)/python bench/load.py

messages: install
	cd ctip && ../$(BIN)/ctip makemessages -l az -l en -l ru --no-obsolete && ../$(BIN)/ctip compilemessages

clean:
	rm -rf $(VENV) var build *.egg-info
