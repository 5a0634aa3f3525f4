"""What a password must be: 12 to 128 characters, not a common one, not the owner's e-mail (ADR 0003).

Length and commonness follow NIST SP 800-63B and OWASP: no composition rules, a blocklist instead.
"""

from dataclasses import dataclass

MIN_LENGTH = 12
MAX_LENGTH = 128
# Below this a local part ("al", "ed") is too short to refuse every password that contains it.
LOCAL_PART_MIN_CONTAINED = 4


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    common_passwords: frozenset[str]  # case-folded

    def refusal(self, password: str, email: str) -> str | None:
        """Why `password` may not be used by the owner of `email`, in a sentence; None when it may."""
        if len(password) < MIN_LENGTH:
            return f"must be at least {MIN_LENGTH} characters long"
        if len(password) > MAX_LENGTH:
            return f"must be at most {MAX_LENGTH} characters long"
        folded = password.strip().casefold()
        if folded in self.common_passwords:
            return "is one of the most commonly used passwords; choose another"
        address = email.strip().casefold()
        local_part = address.rsplit("@", 1)[0]
        if folded in (address, local_part) or (
            len(local_part) >= LOCAL_PART_MIN_CONTAINED and local_part in folded
        ):
            return "must not contain your e-mail address"
        return None
