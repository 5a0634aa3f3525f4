"""Every published payload, one module per owning service. Importing this registers them all."""

from contracts.events import identity

__all__ = ["identity"]
