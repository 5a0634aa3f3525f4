"""Database access shared by every service."""

from servicekit.db.engine import make_engine, make_session_factory
from servicekit.db.uow import UnitOfWork

__all__ = ["UnitOfWork", "make_engine", "make_session_factory"]
