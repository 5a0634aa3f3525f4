"""Structured JSON logs on stdout carrying service, trace id and correlation id; personal identity
numbers are masked before anything is written."""

import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any

import orjson

from servicekit.correlation import current_correlation_id
from servicekit.telemetry import current_trace_id

# Swedish personnummer/samordningsnummer (YYYYMMDD-NNNN, YYMMDD-NNNN, with - or +) and Danish CPR
# (DDMMYY-NNNN). Over-matching a date-like number is the safe side of the trade.
_PERSONAL_NUMBER = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)")
MASK = "[personal-number]"


def redact(text: str) -> str:
    return _PERSONAL_NUMBER.sub(MASK, text)


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "service": self._service,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        if trace_id := current_trace_id():
            entry["trace_id"] = trace_id
        if correlation_id := current_correlation_id():
            entry["correlation_id"] = correlation_id
        if record.exc_info:
            entry["error"] = redact(self.formatException(record.exc_info))
        return orjson.dumps(entry).decode()


def configure_logging(service: str, level: str = "INFO") -> None:
    """Replace the root handlers with one JSON handler; uvicorn and aiokafka loggers go through it too."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("aiokafka", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
