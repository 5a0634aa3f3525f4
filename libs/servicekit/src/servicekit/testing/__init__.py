"""Pytest fixtures and helpers for every service's tests (real PostgreSQL, Redis, Kafka, SMTP)."""
