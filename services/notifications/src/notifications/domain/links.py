"""Links into the portal that mails and the bell carry; the gateway serves these paths."""

import uuid
from urllib.parse import quote

from notifications.domain.notification import InAppNotification


class PortalLinks:
    def __init__(self, base_url: str) -> None:
        self._base = base_url.rstrip("/")

    def set_password(self, token: str) -> str:
        """The one-time set-password page; the token is quoted although identity makes it URL-safe."""
        return f"{self._base}/losenord/{quote(token, safe='')}"

    def dso_application(self, application_id: uuid.UUID) -> str:
        """Where a DSO admin reviews one team application."""
        return f"{self._base}/dso/ansokningar/{application_id}"

    def case(self, case_id: uuid.UUID) -> str:
        """A case's page in the portal, draft or sent."""
        return f"{self._base}/arenden/{case_id}"

    def notification(self, notification: InAppNotification) -> str | None:
        """Where a notification leads: its case, the application to decide on; None: nowhere to go."""
        if notification.case_id is not None:
            return self.case(notification.case_id)
        application = notification.parameters.get("application_id")
        if application and notification.parameters.get("decision") == "pending":
            return self.dso_application(uuid.UUID(application))
        return None
