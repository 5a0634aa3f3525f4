"""`python -m gis [serve|migrate]`."""

from pathlib import Path

from gis.bootstrap import build_app
from gis.config import GISSettings
from servicekit.serve import main

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"

if __name__ == "__main__":
    main("gis", GISSettings, build_app, MIGRATIONS_DIR)
