"""`python -m gis [serve|migrate|seed-demo]`."""

from pathlib import Path

from gis.adapters.uow import GISUnitOfWork
from gis.bootstrap import build_app
from gis.config import GISSettings
from gis.service_layer.demo import seed_demo_network
from gis.service_layer.demo_access import seed_demo_layer_access
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.serve import main

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


async def seed_demo(settings: GISSettings) -> None:
    """Outside production, the demo network into whichever layers are empty (service_layer/demo.py)."""
    if settings.environment == "production":
        return
    engine = make_engine(settings.database_url, pool_size=1)
    try:
        sessions = make_session_factory(engine)
        await seed_demo_network(GISUnitOfWork(sessions, source=settings.service_name))
        await seed_demo_layer_access(GISUnitOfWork(sessions, source=settings.service_name))
    finally:
        await engine.dispose()


if __name__ == "__main__":
    main("gis", GISSettings, build_app, MIGRATIONS_DIR, commands={"seed-demo": seed_demo})
