"""Builds the token signer from settings: the PEM files, or outside production a generated dev key."""

from datetime import timedelta

from identity.adapters.signing_keys import TokenSigner, create_private_key_file, load_private_key
from identity.config import IdentitySettings

DEV_KEY_NAME = "signing-key.pem"


def token_signer(settings: IdentitySettings) -> TokenSigner:
    if settings.signing_key_file is not None:
        current = load_private_key(settings.signing_key_file)
    else:
        path = settings.dev_key_dir / DEV_KEY_NAME
        current = load_private_key(path) if path.exists() else create_private_key_file(path)
    previous = [load_private_key(path).public_key() for path in settings.previous_signing_key_files]
    return TokenSigner(
        current,
        previous,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        lifetime=timedelta(minutes=settings.access_token_minutes),
    )
