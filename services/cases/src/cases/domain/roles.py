"""Who acts on a case: the four roles identity issues in its tokens, and the DSO's rules."""

import enum


class ActorRole(enum.StrEnum):
    INSTALLER = "installer"
    TEAM_ADMIN = "team_admin"
    DSO_HANDLER = "dso_handler"
    DSO_ADMIN = "dso_admin"
    SYSTEM = "system"  # the DSO's automatic approval rules; never in a token


TEAM_ROLES = frozenset({ActorRole.INSTALLER, ActorRole.TEAM_ADMIN})
DSO_ROLES = frozenset({ActorRole.DSO_HANDLER, ActorRole.DSO_ADMIN})
PERSON_ROLES = TEAM_ROLES | DSO_ROLES  # the roles tokens carry
