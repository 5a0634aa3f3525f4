"""The gateway's client of the cases service (ADR 0005, "Cases HTTP API"). Every call carries the signed-in
user's access token, so cases decides which team's or DSO's cases that user may see, never the gateway;
and the reader's language, in which cases names types, fields and statuses."""

from gateway.adapters.service_calls import ServiceClient, ServiceProblem


class CasesProblem(ServiceProblem):
    """Cases refused: `status` and its problem body (`errors` name fields, `missing` what a send lacks)."""

    service = "cases"


class CasesUnavailable(Exception):
    """Cases did not answer (down, timeout)."""


class CasesClient(ServiceClient):
    problem = CasesProblem
    unavailable = CasesUnavailable
