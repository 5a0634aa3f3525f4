"""`python -m cases [serve|migrate|seed-demo]`."""

from pathlib import Path

from cases.adapters.uow import CasesUnitOfWork
from cases.bootstrap import build_app
from cases.config import CasesSettings
from cases.service_layer.dso_settings import seed_demo_dsos
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.serve import main

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


async def seed_demo(settings: CasesSettings) -> None:
    """Outside production, the demo DSOs' numbering and case types (service_layer/dso_settings.py)."""
    if settings.environment == "production":
        return
    engine = make_engine(settings.database_url, pool_size=1)
    try:
        await seed_demo_dsos(CasesUnitOfWork(make_session_factory(engine), source=settings.service_name))
    finally:
        await engine.dispose()


if __name__ == "__main__":
    main("cases", CasesSettings, build_app, MIGRATIONS_DIR, commands={"seed-demo": seed_demo})
