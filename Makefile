# Two commands for a fresh Debian/Ubuntu machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-wire lint unit integration e2e deployed reliability readme-check bench bench-scale rabbitmq broker catalog demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

rabbitmq: $(STAMP)
	@bash scripts/ensure_rabbitmq.sh

# The tests and the benchmark prepare a vhost of their own each; only `make run` needs the default one.
broker: rabbitmq
	@# Exchanges, policy, and one broker user per service and the gateway; passwords missing from the
	@# environment are made once and kept in .broker-credentials.json (git-ignored, mode 600).
	@$(BIN)/python -m services.common.broker_setup --generate-missing

run: broker
	@echo "Gateway: http://localhost:8000  (API docs: http://localhost:8000/docs)"
	@echo "Log in:  curl -X POST localhost:8000/api/v1/auth/token -H 'Content-Type: application/json' \\"
	@echo "           -d '{\"username\": \"$${GATEWAY_ADMIN_USER:-admin}\", \"password\": \"<GATEWAY_ADMIN_PASSWORD>\"}'"
	@echo "         (defaults from config.yml: admin / change-me-now; set them in the environment)"
	@# Six processes, each service and the gateway connected as its own broker user.
	PYTHONWARNINGS=ignore::DeprecationWarning $(BIN)/python -m services.common.launch --config config.yml

# The suite runs in TEST_WORKERS pytest processes side by side (tools/parallel_tests.py; it mostly waits
# on the broker), then the `serial` tests alone: they stop the broker or time an outage.
TEST_WORKERS ?= 4
test: rabbitmq
	@bash scripts/ensure_chromium.sh
	$(BIN)/lint-imports
	@# Beside the suite (both mostly wait on the broker; the machine's cores are a third idle otherwise): the
	@# integration and e2e suites again over the MongoDB wire protocol, the 2017 demo aside (about a minute;
	@# skipped with a message where Python 3.13 is absent), in two workers, its output shown when both end.
	@TEST_WORKERS=2 bash scripts/wire_tests.sh > .wire-tests.log 2>&1 & wire=$$!; \
	$(BIN)/python -m tools.parallel_tests --workers $(TEST_WORKERS) tests; suite=$$?; \
	wait $$wire; wired=$$?; echo "--- over the MongoDB wire protocol:"; cat .wire-tests.log; rm -f .wire-tests.log; \
	test $$suite -eq 0 && test $$wired -eq 0
	@# Then the tests that stop the broker or time an outage, alone.
	$(BIN)/python -m pytest -q -m serial tests

# That last step alone: the integration and e2e suites against a MongoDB wire-protocol server (mongoeco,
# Python 3.13, its own venv); WIRE_SUITES=tests/e2e/test_x.py for fewer.
test-wire: rabbitmq
	bash scripts/wire_tests.sh

# The import boundaries of pyproject.toml's [tool.importlinter] (gateway -> services' api only, pure domains,
# independent services).
lint: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/python -m pytest -q tests/unit

integration: rabbitmq
	$(BIN)/python -m pytest -q tests/integration

e2e: rabbitmq
	$(BIN)/python -m pytest -q tests/e2e

reliability: rabbitmq
	$(BIN)/python -m pytest -q tests/reliability

# The deployed-shape tier alone: each module starts the platform as `make run` does (six processes, its own
# vhost and broker users); make test runs it with the rest.
deployed: rabbitmq
	@bash scripts/ensure_chromium.sh
	$(BIN)/python -m tools.parallel_tests --workers 2 tests/deployed

# The README's two commands as a user types them: make run, wait for /ready, make demo (which checks the seed's
# 2017 figures), SIGTERM, every process gone. Needs port 8000 free; CI runs it after make test.
readme-check: broker
	bash scripts/readme_commands.sh

bench: rabbitmq
	PYTHONWARNINGS=ignore::DeprecationWarning $(BIN)/python -m bench.run

# Issue 16 alone: OFFICIALS officials imported over the API, then the reads' p50 / p95 and the memory.
OFFICIALS ?= 50000
bench-scale: rabbitmq
	PYTHONWARNINGS=ignore::DeprecationWarning $(BIN)/python -m bench.scale --officials $(OFFICIALS)

# Waits for the gateway's /ready first, then fails if the printed report differs from the seed's 2017 figures.
demo: $(STAMP)
	$(BIN)/python -m tools.demo --url $${DEMO_URL:-http://localhost:8000}

catalog: $(STAMP)
	$(BIN)/python -m services.common.catalog -o docs/events/asyncapi.json

clean:
	rm -rf $(VENV) .venv-wire *.egg-info
