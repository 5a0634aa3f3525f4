"""Logs are one JSON object per line, carry the correlation id and never a personal identity number."""

import logging

import orjson
import pytest

from servicekit.correlation import reset_correlation_id, set_correlation_id
from servicekit.logs import MASK, JsonFormatter, redact


@pytest.mark.parametrize(
    "text",
    [
        "personnummer 19121212-1212 given",
        "pnr 121212-1212",
        "pnr 1212121212",
        "cpr 010203-1234",
        "x 200001011234 y",
    ],
)
def test_personal_numbers_are_masked(text: str) -> None:
    redacted = redact(text)
    assert MASK in redacted
    assert not any(ch.isdigit() for ch in redacted.replace(MASK, ""))


def test_ordinary_numbers_survive() -> None:
    assert redact("case OK-0003826 fuse 25 A, EAN 735999100000000001") == (
        "case OK-0003826 fuse 25 A, EAN 735999100000000001"
    )


def test_a_record_is_one_json_line_with_correlation_id() -> None:
    token = set_correlation_id("corr-1")
    try:
        record = logging.LogRecord(
            "x", logging.WARNING, __file__, 1, "applicant %s", ("19121212-1212",), None
        )
        line = JsonFormatter("identity").format(record)
    finally:
        reset_correlation_id(token)
    entry = orjson.loads(line)
    assert entry["service"] == "identity" and entry["level"] == "warning"
    assert entry["correlation_id"] == "corr-1"
    assert entry["message"] == f"applicant {MASK}"
