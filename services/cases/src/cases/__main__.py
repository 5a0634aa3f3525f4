"""`python -m cases [serve|migrate]`."""

from pathlib import Path

from cases.bootstrap import build_app
from cases.config import CasesSettings
from servicekit.serve import main

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"

if __name__ == "__main__":
    main("cases", CasesSettings, build_app, MIGRATIONS_DIR)
