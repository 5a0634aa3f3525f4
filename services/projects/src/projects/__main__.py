"""`python -m projects [serve|migrate]`."""

from pathlib import Path

from projects.bootstrap import build_app
from projects.config import ProjectsSettings
from servicekit.serve import main

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"

if __name__ == "__main__":
    main("projects", ProjectsSettings, build_app, MIGRATIONS_DIR)
