"""Links into the portal that mails carry; the gateway serves these paths."""

import uuid
from urllib.parse import quote


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
