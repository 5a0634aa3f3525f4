"""Issuing a set-password link: stored as a hash, mailed by notifications through an event."""

from datetime import UTC, datetime

from contracts.events.identity import PasswordLinkIssuedV1
from identity.adapters.uow import IdentityUnitOfWork
from identity.domain.password_link import PasswordLink, Purpose
from identity.domain.user import User


async def issue_password_link(
    uow: IdentityUnitOfWork, user: User, purpose: Purpose, *, team_name: str | None = None
) -> None:
    """Within the caller's open unit of work; the mail goes out after its commit."""
    now = datetime.now(UTC)
    link, token = PasswordLink.issue(user.id, purpose, now)
    await uow.flush()  # the user may be new in this transaction
    uow.password_links.add(link)
    dso = await uow.dsos.get(user.dso_id)
    uow.emit(
        PasswordLinkIssuedV1(
            user_id=user.id,
            purpose=purpose,
            name=user.name,
            email=user.email,
            language=user.language,
            dso_name=dso.name if dso else user.dso_id,
            team_name=team_name,
            token=token,
            expires_at=link.expires_at,
        ),
        key=str(user.id),
        tenant=user.dso_id,
    )
