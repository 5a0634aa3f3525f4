"""What team-application events tell users in the bell (kind `application_decision`: an application for a
DSO admin to decide on, or the decision for the new team's administrator)."""

from typing import Any

from contracts.events.identity import TeamApplicationApprovedV1, TeamApplicationSubmittedV1
from notifications.domain.links import PortalLinks
from notifications.domain.mail import Language
from notifications.domain.notification import NotificationKind
from notifications.service_layer.notify import Notice


def new_application_notice(event: TeamApplicationSubmittedV1, links: PortalLinks) -> Notice:
    """For the DSO's admins; the mail is the one the DSO's inbox gets, in each admin's own language."""

    def mail(language: Language) -> dict[str, Any]:
        return {
            "contact_name": event.contact_name,
            "contact_email": str(event.contact_email),
            "company_name": event.company_name,
            "organisation_number": event.organisation_number,
            "dso_name": event.dso_name,
            "application_id": str(event.application_id),
            "review_url": links.dso_application(event.application_id),
        }

    parameters = {
        "decision": "pending",
        "company_name": event.company_name,
        "application_id": str(event.application_id),
    }
    return Notice(
        NotificationKind.APPLICATION_DECISION,
        parameters,
        mail_kind="team_application_received_by_dso",
        mail_context=mail,
    )


def approval_notice(event: TeamApplicationApprovedV1) -> Notice:
    """For the new team's administrator, read at their first sign-in. No mail here: the welcome mail with
    the set-password link tells them, and it is an account mail, sent whatever they choose later."""
    parameters = {"decision": "approved", "application_id": str(event.application_id)}
    return Notice(NotificationKind.APPLICATION_DECISION, parameters)
