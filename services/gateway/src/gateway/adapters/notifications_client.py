"""The gateway's client of the notifications service (the bell): every call carries the signed-in user's
token, so a user only ever reads and marks their own notifications."""

from gateway.adapters.service_calls import ServiceClient, ServiceProblem


class NotificationsProblem(ServiceProblem):
    service = "notifications"


class NotificationsUnavailable(Exception):
    """Notifications did not answer (down, timeout)."""


class NotificationsClient(ServiceClient):
    problem = NotificationsProblem
    unavailable = NotificationsUnavailable
