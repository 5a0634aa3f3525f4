"""What each case event tells its audience: the bell's parameters (codes, so that any language renders
them later) and the mail's context in the reader's language."""

from typing import Any

from contracts.events.cases import (
    CaseHandlerAssignedV1,
    CaseInstallerChangedV1,
    CaseNoteAddedV1,
    CaseStatusChangedV1,
    DraftExpiringV1,
)
from notifications.domain.case_texts import case_type_name, status_label
from notifications.domain.links import PortalLinks
from notifications.domain.local_time import format_local_time
from notifications.domain.mail import Language
from notifications.domain.notification import NotificationKind
from notifications.service_layer.notify import Notice

_CaseEvent = CaseStatusChangedV1 | CaseNoteAddedV1 | CaseHandlerAssignedV1 | CaseInstallerChangedV1


def _case(event: _CaseEvent) -> dict[str, str]:
    return {"case_number": event.case_number, "case_type": event.case_type, "address": event.address}


def _known(**values: str | None) -> dict[str, str]:
    """Only what is known: a missing name is left out, not stored empty."""
    return {key: value for key, value in values.items() if value}


def _mail_case(event: _CaseEvent, links: PortalLinks, language: Language) -> dict[str, Any]:
    return {
        "case_number": event.case_number,
        "case_type": case_type_name(event.case_type, language),
        "address": event.address,
        "case_url": links.case(event.case_id),
    }


def status_notice(event: CaseStatusChangedV1, links: PortalLinks, actor_name: str | None) -> Notice:
    """`actor_name`: who moved it as the directory knows them; an automatic move names its rule instead."""
    parameters = _case(event) | {"status": event.to_status}
    if event.actor_role == "system":
        parameters |= _known(rule_name=event.rule_name)
    else:
        parameters |= _known(actor_name=actor_name)

    def mail(language: Language) -> dict[str, Any]:
        return _mail_case(event, links, language) | {
            "status": status_label(event.to_status, language),
            "reason": event.reason,
            "rule_name": event.rule_name if event.actor_role == "system" else None,
        }

    return Notice(NotificationKind.CASE_STATUS, parameters, event.case_id, "case_status_changed", mail)


def note_notice(event: CaseNoteAddedV1, links: PortalLinks) -> Notice:
    """The note's text is not in the event (people write anything in a chat): the link leads to it."""

    def mail(language: Language) -> dict[str, Any]:
        return _mail_case(event, links, language) | {"author_name": event.author_name}

    parameters = _case(event) | _known(actor_name=event.author_name)
    return Notice(NotificationKind.CASE_NOTE, parameters, event.case_id, "case_note_added", mail)


def assignment_notice(
    event: CaseHandlerAssignedV1, links: PortalLinks, assigned_by_name: str | None
) -> Notice:
    def mail(language: Language) -> dict[str, Any]:
        return _mail_case(event, links, language) | {"assigned_by_name": assigned_by_name or ""}

    parameters = _case(event) | _known(actor_name=assigned_by_name)
    return Notice(NotificationKind.CASE_ASSIGNED, parameters, event.case_id, "case_assigned", mail)


def installer_change_notice(
    event: CaseInstallerChangedV1, links: PortalLinks, given_by_name: str | None
) -> Notice:
    """A case given to its team's new installer is theirs as an assigned one is a handler's: the same
    kind, so the same mail choice; `assigned_as` gives the bell its own words."""

    def mail(language: Language) -> dict[str, Any]:
        return _mail_case(event, links, language) | {"given_by_name": given_by_name or ""}

    parameters = _case(event) | {"assigned_as": "installer"} | _known(actor_name=given_by_name)
    return Notice(NotificationKind.CASE_ASSIGNED, parameters, event.case_id, "case_installer_changed", mail)


def expiring_draft_notice(event: DraftExpiringV1, links: PortalLinks) -> Notice:
    def mail(language: Language) -> dict[str, Any]:
        return {
            "case_type": case_type_name(event.case_type, language),
            "address": event.address,
            "expires_at": format_local_time(event.expires_at, language),
            "case_url": links.case(event.case_id),
        }

    parameters = {
        "case_type": event.case_type,
        "address": event.address,
        "expires_at": event.expires_at.isoformat(),
    }
    return Notice(NotificationKind.DRAFT_EXPIRING, parameters, event.case_id, "case_draft_expiring", mail)
