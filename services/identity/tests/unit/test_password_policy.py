"""The password policy: length, the shipped common-password list, and the owner's own address."""

import pytest

from identity.adapters.common_passwords import common_passwords
from identity.domain.password_policy import PasswordPolicy

EMAIL = "anna.andersson@elfirma.se"


@pytest.fixture(scope="module")
def policy() -> PasswordPolicy:
    return PasswordPolicy(common_passwords())


@pytest.mark.parametrize(
    "password",
    ["korrekt häst batteri häftklammer", "Tre små grodor hoppar 1927", "x" * 11 + "yz", "ä" * 128],
)
def test_good_passwords_pass(policy: PasswordPolicy, password: str) -> None:
    assert policy.refusal(password, EMAIL) is None


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("elva tecken", "at least 12 characters"),  # 11
        ("a" * 129, "at most 128 characters"),
        ("", "at least 12 characters"),
    ],
)
def test_length_is_12_to_128_characters(policy: PasswordPolicy, password: str, reason: str) -> None:
    assert reason in (policy.refusal(password, EMAIL) or "")


@pytest.mark.parametrize(
    "password",
    [
        "password1234",  # from the shipped breach list
        "qwerty123456",
        "1q2w3e4r5t6y",
        "Lösenord2024!",  # generated Swedish variant, any case
        "Midsommar2023",
        "Adgangskode123",  # Danish
        "qwertyuiopå1",
        "111111111111",
    ],
)
def test_common_passwords_are_refused_whatever_their_case(policy: PasswordPolicy, password: str) -> None:
    assert "commonly used" in (policy.refusal(password, EMAIL) or "")


def test_the_list_is_large_and_lower_cased() -> None:
    listed = common_passwords()
    assert len(listed) > 40_000
    assert all(entry == entry.casefold() for entry in listed)
    assert "#1bitch" in listed  # a listed password that starts with "#" is not taken for a comment


@pytest.mark.parametrize(
    "password",
    ["anna.andersson@elfirma.se", "ANNA.ANDERSSON@ELFIRMA.SE", "anna.andersson", "anna.andersson-2024!"],
)
def test_the_email_or_its_local_part_is_refused(policy: PasswordPolicy, password: str) -> None:
    refusal = policy.refusal(password.ljust(12, "x") if len(password) < 12 else password, EMAIL)
    assert refusal == "must not contain your e-mail address"


def test_a_short_local_part_does_not_refuse_everything(policy: PasswordPolicy) -> None:
    assert policy.refusal("korrekt häst batteri häftklammer", "ab@elfirma.se") is None
    assert policy.refusal("ab@elfirma.se", "ab@elfirma.se") is not None
