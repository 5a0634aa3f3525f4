"""`python -m gateway [serve|migrate]`."""

from pathlib import Path

from gateway.bootstrap import build_app
from gateway.config import GatewaySettings
from servicekit.serve import main

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"

if __name__ == "__main__":
    main("gateway", GatewaySettings, build_app, MIGRATIONS_DIR)
