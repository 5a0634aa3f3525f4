"""HTTP: `GET` and `PUT /me/notification-preferences`: which kinds of notification also come as mail."""

from typing import Annotated

from fastapi import APIRouter, Body
from pydantic import BaseModel, StrictBool

from notifications.domain.mail import Language
from notifications.domain.notification import NotificationKind
from notifications.domain.notification_texts import KIND_LABELS
from notifications.entrypoints.api.deps import CurrentReader, Uow
from notifications.service_layer.preferences import choose_mail, mail_preferences
from servicekit.problems import FieldError, InvalidInput

router = APIRouter(tags=["notification preferences"])
PATH = "/me/notification-preferences"


class PreferenceOut(BaseModel):
    kind: NotificationKind
    label: str
    mail: bool


@router.get(PATH)
async def get_preferences(reader: CurrentReader, uow: Uow) -> list[PreferenceOut]:
    """The kinds the user's role can receive, in the reader's language, each with its mail choice."""
    chosen = await mail_preferences(uow, reader.user_id, reader.principal.role.value)
    return _out(chosen, reader.language)


@router.put(PATH)
async def put_preferences(
    reader: CurrentReader,
    uow: Uow,
    choices: Annotated[dict[str, StrictBool], Body(examples=[{"case_note": False}])],
) -> list[PreferenceOut]:
    """`{kind: mail}` for the kinds to change; the others keep their choice. 422 names an unknown kind."""
    known = {kind.value for kind in NotificationKind}
    if unknown := [name for name in choices if name not in known]:
        message = f"is not a kind of notification; one of {', '.join(sorted(known))}"
        raise InvalidInput(
            "; ".join(f"{name}: {message}" for name in unknown),
            errors=[FieldError(name, message) for name in unknown],
        )
    wanted = {NotificationKind(name): mail for name, mail in choices.items()}
    chosen = await choose_mail(uow, reader.user_id, reader.principal.role.value, wanted)
    return _out(chosen, reader.language)


def _out(chosen: dict[NotificationKind, bool], language: Language) -> list[PreferenceOut]:
    return [
        PreferenceOut(kind=kind, label=KIND_LABELS[kind][language], mail=mail)
        for kind, mail in chosen.items()
    ]
