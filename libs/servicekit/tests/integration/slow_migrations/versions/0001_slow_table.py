"""A table created slowly, so that two migrators started together overlap.

Revision ID: 0001
Revises:
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SELECT pg_sleep(1)")
    op.execute("CREATE TABLE slow (id integer PRIMARY KEY)")
    op.execute("INSERT INTO slow VALUES (1)")


def downgrade() -> None:
    op.execute("DROP TABLE slow")
