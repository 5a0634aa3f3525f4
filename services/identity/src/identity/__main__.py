"""`python -m identity [serve|migrate|seed-demo]`."""

from pathlib import Path

from identity.adapters.password_hasher import PasswordHasher
from identity.adapters.uow import IdentityUnitOfWork
from identity.bootstrap import build_app
from identity.config import IdentitySettings
from identity.service_layer.demo import seed_demo_accounts
from identity.service_layer.dsos import seed_demo_dsos
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.serve import main

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


async def seed_demo(settings: IdentitySettings) -> None:
    """The demo DSOs; outside production also the demo logins (service_layer/demo.py)."""
    engine = make_engine(settings.database_url, pool_size=1)
    sessions = make_session_factory(engine)
    try:
        await seed_demo_dsos(IdentityUnitOfWork(sessions, source=settings.service_name))
        if settings.environment != "production":
            uow = IdentityUnitOfWork(sessions, source=settings.service_name)
            await seed_demo_accounts(uow, PasswordHasher())
    finally:
        await engine.dispose()


if __name__ == "__main__":
    main("identity", IdentitySettings, build_app, MIGRATIONS_DIR, commands={"seed-demo": seed_demo})
