"""The common-password list shipped with identity (common_passwords.txt beside this file)."""

import functools
from importlib import resources


@functools.cache
def common_passwords() -> frozenset[str]:
    """Case-folded; lines starting "# " are comments (a few listed passwords begin with "#")."""
    text = resources.files("identity.adapters").joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().casefold() for line in text.splitlines() if line.strip() and not line.startswith("# ")
    )
