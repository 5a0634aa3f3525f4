"""Sealed values open only with our keys, survive a key rotation and show no plaintext."""

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr

from servicekit.sealing import SealBroken, Sealer


def test_a_sealed_value_hides_its_content_and_opens_to_the_same_value() -> None:
    sealer = Sealer([Fernet.generate_key().decode()])
    rows = {"7": {"owner_personal_number": "19800101-1234", "owner_name": "Karin Holm"}}
    token = sealer.seal(rows)
    assert "19800101" not in token and "Karin" not in token
    assert sealer.open(token) == rows


def test_keys_rotate_the_first_seals_and_every_key_opens() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    sealed_before = Sealer([old]).seal("before")
    rotated = Sealer.from_setting(SecretStr(f"{new}, {old}"))
    assert rotated.open(sealed_before) == "before"
    assert Sealer([new]).open(rotated.seal("after")) == "after"


def test_a_foreign_or_altered_token_is_refused() -> None:
    ours, theirs = Sealer([Fernet.generate_key().decode()]), Sealer([Fernet.generate_key().decode()])
    with pytest.raises(SealBroken):
        ours.open(theirs.seal("x"))
    token = ours.seal("x")
    with pytest.raises(SealBroken):
        ours.open(token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"))
