"""The gateway's client of the projects service (ADR 0007). Every call carries the signed-in user's access
token, so projects decides whose projects that user may see, never the gateway; and the reader's language,
in which projects names case types and explains a wrong import row."""

from gateway.adapters.service_calls import ServiceClient, ServiceProblem


class ProjectsProblem(ServiceProblem):
    """Projects refused: `status` and its problem body (`errors` name fields, or an import's rows)."""

    service = "projects"


class ProjectsUnavailable(Exception):
    """Projects did not answer (down, timeout)."""


class ProjectsClient(ServiceClient):
    problem = ProjectsProblem
    unavailable = ProjectsUnavailable
