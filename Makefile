# Shortcuts for developers. The newcomer's two commands are in README.md:
#   python3 -m cms run     (same as: make run)
#   python3 -m cms test    (same as: make test; what .ci/run calls)
PYTHON ?= python3
BIN := .venv/bin

.PHONY: run setup test lint format messages bench bench-audit

run:
	$(PYTHON) -m cms run

setup:
	$(PYTHON) -m cms setup

test:
	$(PYTHON) -m cms test

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files '*.html')

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(git ls-files '*.html')

# Rebuild an app's catalogue after changing translatable strings, e.g.
#   make messages APP=home
# (cms/wagtail_id holds the translated Wagtail gaps: never regenerate it from source.)
messages:
	cd $(APP) && ../$(BIN)/python ../manage.py makemessages -l id --ignore 'wagtail_id/*'
	cd $(APP) && ../$(BIN)/python ../manage.py compilemessages

bench:
	$(BIN)/python -m tests.bench.bench_scheduler

bench-audit:
	$(BIN)/python -m tests.bench.bench_audit
