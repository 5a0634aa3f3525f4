"""Whether a user also gets a mail for a kind of notification: their choice, else the default.

Only notifications follow these choices. Account mails (set-password links, the applicant's answer to a
team application) go to an address, not to a user's bell, and are always sent.
"""

from collections.abc import Mapping

from notifications.domain.notification import NotificationKind

# Mail for every kind until the user says otherwise: the bell is seen only by someone signed in.
MAIL_BY_DEFAULT: Mapping[NotificationKind, bool] = dict.fromkeys(NotificationKind, True)

# The kinds a role can receive at all, in the order the settings page lists them: a case is assigned to a
# DSO handler or given to another installer of its team (one choice for both), only the team has drafts,
# and only DSO admins decide on team applications.
_CASE = (NotificationKind.CASE_STATUS, NotificationKind.CASE_NOTE, NotificationKind.CASE_ASSIGNED)
KINDS_BY_ROLE: Mapping[str, tuple[NotificationKind, ...]] = {
    "installer": (*_CASE, NotificationKind.DRAFT_EXPIRING),
    "team_admin": (*_CASE, NotificationKind.DRAFT_EXPIRING),
    "dso_handler": _CASE,
    "dso_admin": (*_CASE, NotificationKind.APPLICATION_DECISION),
}


def wants_mail(kind: NotificationKind, chosen: Mapping[NotificationKind, bool]) -> bool:
    return chosen.get(kind, MAIL_BY_DEFAULT[kind])


def mail_choices(role: str, chosen: Mapping[NotificationKind, bool]) -> dict[NotificationKind, bool]:
    """The role's kinds with the mail choice in effect for each (a role unknown here: all kinds)."""
    return {kind: wants_mail(kind, chosen) for kind in KINDS_BY_ROLE.get(role, tuple(NotificationKind))}
