"""`python -m notifications [serve|migrate]`."""

from pathlib import Path

from notifications.bootstrap import build_app
from notifications.config import NotificationsSettings
from servicekit.serve import main

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"

if __name__ == "__main__":
    main("notifications", NotificationsSettings, build_app, MIGRATIONS_DIR)
