"""The one error the resolver raises: a single line saying what failed and how to fix it."""


class InfrastructureError(RuntimeError):
    """A component of the local infrastructure could not be started or reached."""
