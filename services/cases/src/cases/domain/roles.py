"""Who acts on a case; the same four roles identity issues in its tokens."""

import enum


class ActorRole(enum.StrEnum):
    INSTALLER = "installer"
    TEAM_ADMIN = "team_admin"
    DSO_HANDLER = "dso_handler"
    DSO_ADMIN = "dso_admin"


TEAM_ROLES = frozenset({ActorRole.INSTALLER, ActorRole.TEAM_ADMIN})
DSO_ROLES = frozenset({ActorRole.DSO_HANDLER, ActorRole.DSO_ADMIN})
