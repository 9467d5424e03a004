# Rotation Advisor — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
MARKET_DATA ?= ../shared/market-data
export QT_QPA_PLATFORM ?= offscreen

.PHONY: install run test fuzz lint validate bench screenshots demo-data package package-test \
        install-desktop uninstall-desktop clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,sweep]'
	touch $(STAMP)

install: $(STAMP)

run: QT_QPA_PLATFORM=
run: install
	$(BIN)/rotation-advisor

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider

# The suite's fuzz and fault tests run for longer (thousands of mutated CSV and TOML files,
# 200 command lines, 30 kill -9 each during import and export) and print their counts
# and the damaged-database table.
fuzz: install
	ROTATION_ADVISOR_FUZZ=1 $(BIN)/python -m pytest -p no:cacheprovider -q -rN \
		tests/test_desktop/fuzz tests/test_desktop/cli/test_damaged_database.py

validate: install
	$(BIN)/python -m scripts.validate_notes $(MARKET_DATA)

demo-data: install
	$(BIN)/python -m scripts.build_demo_data

bench: install
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python -m scripts.bench_allocator
	$(BIN)/python -m scripts.bench_backtest $(MARKET_DATA)

screenshots: install
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf build dist *.egg-info .pytest_cache

package: install
	$(BIN)/python -m pip install -q -e '.[package]'
	$(BIN)/python packaging/build.py

package-test: package
	$(BIN)/python packaging/package_test.py

install-desktop: install
	packaging/install-desktop.sh "$(abspath $(BIN))/rotation-advisor"

uninstall-desktop:
	packaging/install-desktop.sh --uninstall
