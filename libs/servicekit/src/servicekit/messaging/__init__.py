"""Events in and out: outbox relay, idempotent consumer, broker."""
