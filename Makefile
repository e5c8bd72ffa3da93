# Two commands for a fresh Debian/Ubuntu machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SERVICES := services.personnel.service:PersonnelService services.training.service:TrainingService \
            services.inspection.service:InspectionService services.feedback.service:FeedbackService \
            gateway.service:GatewayService

.PHONY: run test lint unit integration e2e reliability bench broker catalog demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

broker: $(STAMP)
	@bash scripts/ensure_rabbitmq.sh
	@$(BIN)/python -m services.common.broker_setup

run: broker
	@echo "Gateway: http://localhost:8000  (API docs: http://localhost:8000/docs)"
	@echo "Log in:  curl -X POST localhost:8000/api/v1/auth/token -H 'Content-Type: application/json' \\"
	@echo "           -d '{\"username\": \"$${GATEWAY_ADMIN_USER:-admin}\", \"password\": \"<GATEWAY_ADMIN_PASSWORD>\"}'"
	@echo "         (defaults from config.yml: admin / change-me-now; set them in the environment)"
	PYTHONWARNINGS=ignore::DeprecationWarning $(BIN)/nameko run --config config.yml $(SERVICES)

# Tests run in TEST_WORKERS processes (pytest-xdist; one file per worker at a time, so a file's fixtures
# stay together), then the `serial` ones alone: they stop the broker or time an outage.
TEST_WORKERS ?= 4
test: broker
	@bash scripts/ensure_chromium.sh
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile -m "not serial" tests
	$(BIN)/python -m pytest -q -m serial tests

# The import boundaries of pyproject.toml's [tool.importlinter] (gateway -> services' api only, pure domains,
# independent services).
lint: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/python -m pytest -q tests/unit

integration: broker
	$(BIN)/python -m pytest -q tests/integration

e2e: broker
	$(BIN)/python -m pytest -q tests/e2e

reliability: broker
	$(BIN)/python -m pytest -q tests/reliability

bench: broker
	PYTHONWARNINGS=ignore::DeprecationWarning $(BIN)/python -m bench.run

demo: $(STAMP)
	$(BIN)/python -m tools.demo --url $${DEMO_URL:-http://localhost:8000}

catalog: $(STAMP)
	$(BIN)/python -m services.common.catalog -o docs/events/asyncapi.json

clean:
	rm -rf $(VENV) *.egg-info
