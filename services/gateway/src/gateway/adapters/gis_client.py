"""The gateway's client of the GIS service (ADR 0004, "GIS HTTP API"). Every call carries the signed-in
user's access token: GIS decides which layers and data that user may see, never the gateway."""

from gateway.adapters.service_calls import ServiceClient, ServiceProblem


class GisProblem(ServiceProblem):
    """GIS refused: `status` and its problem body (`errors` name the fields)."""

    service = "GIS"


class GisUnavailable(Exception):
    """GIS did not answer (down, timeout)."""


class GisClient(ServiceClient):
    problem = GisProblem
    unavailable = GisUnavailable
