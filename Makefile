# Shortcuts for developers. The newcomer's two commands are in README.md:
#   python3 -m cms run     (same as: make run)
#   python3 -m cms test    (same as: make test; what .ci/run calls)
PYTHON ?= python3
BIN := .venv/bin

.PHONY: run setup test lint format messages wagtail-id bench bench-audit bench-slowloris bench-security bench-http

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
#   make messages APP=home   (or APP=cms, APP=cms/scheduler: each app its own catalogue)
# (cms/wagtail_id is built by `make wagtail-id`: never regenerate it from source.
# The ignores apply to APP=cms only: in cms/scheduler, 'scheduler/*' would also
# skip templates/scheduler/.)
messages:
	cd $(APP) && $(CURDIR)/$(BIN)/python $(CURDIR)/manage.py makemessages -l id $(if $(filter cms,$(APP)),--ignore 'wagtail_id/*' --ignore 'scheduler/*')
	cd $(APP) && $(CURDIR)/$(BIN)/python $(CURDIR)/manage.py compilemessages --ignore 'wagtail_id/*'

# The admin's Indonesian: our cms/wagtail_id/po/ (first, wins) merged with
# Wagtail's id_ID catalogues. Run after editing po/ and after every Wagtail upgrade.
wagtail-id:
	$(BIN)/python manage.py wagtail_id_merge

bench:
	$(BIN)/python -m tests.bench.bench_scheduler

bench-audit:
	$(BIN)/python -m tests.bench.bench_audit

bench-slowloris:
	$(BIN)/python -m tests.bench.bench_slowloris

bench-security:
	$(BIN)/python -m tests.bench.bench_security --seconds 6 --rounds 5

bench-http:
	$(BIN)/python -m tests.bench.bench_http
