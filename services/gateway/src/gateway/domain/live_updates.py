"""What the portal pushes to open pages, and to whom: pure rules, so who may learn what is tested apart.

A case event goes to its team's pages, and to its DSO's pages once the case is sent (a DSO never learns of
a draft). A bell event goes to its user's pages only. Messages say what changed and where, never the
content: the page asks for that with the reader's own rights.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gateway.domain.session import SignedInUser

# Case events an open page reacts to; the DSO hears of a case only from its sending on.
CASE_EVENTS_FOR_TEAM = {
    "case.submitted.v1": "submitted",
    "case.status_changed.v1": "status_changed",
    "case.note_added.v1": "note_added",
    "case.handler_assigned.v1": "handler_assigned",
    "case.attachment_added.v1": "attachment_added",
}
CASE_EVENTS_FOR_DSO = {
    name: what for name, what in CASE_EVENTS_FOR_TEAM.items() if what != "attachment_added"
}
BELL_EVENTS = {"in_app_notification.created.v1", "in_app_notifications.read.v1"}


@dataclass(frozen=True, slots=True)
class Push:
    channel: str
    message: dict[str, Any]


def team_channel(team_id: object) -> str:
    return f"portal:live:team:{team_id}"


def dso_channel(dso_id: object) -> str:
    return f"portal:live:dso:{dso_id}"


def user_channel(user_id: object) -> str:
    return f"portal:live:user:{user_id}"


def channels_of(user: SignedInUser) -> list[str]:
    """What a signed-in user's open pages listen to: their bell, and their team's or DSO's cases."""
    channels = [user_channel(user.user_id)]
    if user.role in ("installer", "team_admin") and user.team_id:
        channels.append(team_channel(user.team_id))
    if user.role in ("dso_handler", "dso_admin") and user.dso_id:
        channels.append(dso_channel(user.dso_id))
    return channels


def pushes_for(event_type: str, payload: Mapping[str, Any]) -> list[Push]:
    """The messages one published event becomes (none for events no page shows)."""
    if event_type in BELL_EVENTS:
        return [Push(user_channel(payload["user_id"]), {"kind": "bell", "unread": payload["unread"]})]
    what = CASE_EVENTS_FOR_TEAM.get(event_type)
    if what is None:
        return []
    message = {"kind": "case", "case_id": str(payload["case_id"]), "what": what}
    if "to_status" in payload:
        message["status"] = payload["to_status"]
    pushes = [Push(team_channel(payload["team_id"]), message)]
    if event_type in CASE_EVENTS_FOR_DSO:
        pushes.append(Push(dso_channel(payload["dso_id"]), message))
    return pushes
