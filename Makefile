# ctip — the commands a developer and CI need. Everything installs into .venv.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: install run demo-report test bench eval lint format load messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/ctip migrate --noinput
	$(BIN)/ctip load-demo
	@echo ""
	@echo "ctip is running at http://127.0.0.1:$(PORT)/  (stop with Ctrl-C)"
	@echo "Demo logins are printed above (password for all: see 'Demo logins')."
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
