"""Async engine and session factory; one engine per process, one session per unit of work."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def make_engine(database_url: str, *, pool_size: int = 10) -> AsyncEngine:
    """An asyncpg engine that notices connections the server dropped."""
    return create_async_engine(
        database_url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        pool_recycle=1800,
        hide_parameters=True,  # SQL errors in logs never quote values (mail bodies, personal data)
    )


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit (responses are built after it)."""
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False, autoflush=False)


def asyncpg_dsn(database_url: str) -> str:
    """The same URL in the form asyncpg itself takes (for LISTEN and COPY).

    SQLAlchemy's asyncpg dialect spells TLS `ssl=`; asyncpg's DSN parser wants libpq's `sslmode=` and
    would send an unknown `ssl` to the server as a run-time setting, which PostgreSQL refuses."""
    parts = urlsplit(database_url.replace("postgresql+asyncpg://", "postgresql://", 1))
    query = [("sslmode" if name == "ssl" else name, value) for name, value in parse_qsl(parts.query)]
    return urlunsplit(parts._replace(query=urlencode(query)))
