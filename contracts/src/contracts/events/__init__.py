"""Every published payload, one module per owning service. Importing this registers them all."""

from contracts.events import cases, identity, notifications, projects

__all__ = ["cases", "identity", "notifications", "projects"]
