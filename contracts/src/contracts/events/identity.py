"""Events published by the identity service."""

import uuid
from datetime import datetime
from typing import ClassVar, Literal

from pydantic import EmailStr, Field

from contracts.payload import EventPayload
from contracts.topics import IDENTITY_TEAM_APPLICATIONS, IDENTITY_TEAMS, IDENTITY_USERS, Topic

Language = Literal["sv", "da", "en"]
Role = Literal["installer", "team_admin", "dso_handler", "dso_admin"]
Authorisation = Literal["electricity", "district_heating", "biogas"]
PasswordLinkPurpose = Literal["team_admin_welcome", "resource_welcome", "password_reset"]


class TeamApplicationSubmittedV1(EventPayload):
    """An installer company applied to register a team with a DSO.

    Carries what the applicant's confirmation mail and the DSO's review queue need. Never carries a
    personal identity number (a sole trader's stays in identity's database).
    """

    event_type: ClassVar[str] = "team_application.submitted.v1"
    topic: ClassVar[Topic] = IDENTITY_TEAM_APPLICATIONS

    application_id: uuid.UUID = Field(description="The application's id.")
    dso_id: str = Field(description="The DSO applied to.", examples=["okab"])
    dso_name: str = Field(description="The DSO's display name, for mails.", examples=["Öresundskraft AB"])
    company_name: str = Field(description="The applying company.", examples=["Elfirma Solgatan AB"])
    organisation_number: str = Field(
        description="Company registration number (never a personal number).", examples=["5560360793"]
    )
    contact_name: str = Field(description="The team administrator-to-be.", examples=["Anna Andersson"])
    contact_email: EmailStr = Field(description="Where the confirmation goes.", examples=["anna@elfirma.se"])
    language: Language = Field(description="The applicant's language for mails.", examples=["sv"])
    dso_contact_email: EmailStr | None = Field(
        None,
        description="The DSO's inbox for new applications, told of each one; None: the queue only.",
        examples=["installatorer@sundkraft.se"],
    )


class TeamApplicationApprovedV1(EventPayload):
    """A DSO admin approved an application: the team and its administrator account exist now.

    The administrator's set-password link follows as `password_link.issued.v1`."""

    event_type: ClassVar[str] = "team_application.approved.v1"
    topic: ClassVar[Topic] = IDENTITY_TEAM_APPLICATIONS

    application_id: uuid.UUID = Field(description="The application's id.")
    dso_id: str = Field(description="The DSO that approved.", examples=["sundkraft"])
    team_id: uuid.UUID = Field(description="The team created by the approval.")
    admin_user_id: uuid.UUID = Field(description="The team administrator's account.")
    decided_by: uuid.UUID = Field(description="The DSO admin who decided.")


class TeamApplicationRejectedV1(EventPayload):
    """A DSO admin rejected an application, with the reason the applicant is told."""

    event_type: ClassVar[str] = "team_application.rejected.v1"
    topic: ClassVar[Topic] = IDENTITY_TEAM_APPLICATIONS

    application_id: uuid.UUID = Field(description="The application's id.")
    dso_id: str = Field(description="The DSO that rejected.", examples=["sundkraft"])
    dso_name: str = Field(description="The DSO's display name, for mails.", examples=["Sundkraft Elnät AB"])
    company_name: str = Field(description="The applying company.", examples=["Elfirma Solgatan AB"])
    contact_name: str = Field(description="The applicant.", examples=["Anna Andersson"])
    contact_email: EmailStr = Field(description="Where the decision goes.", examples=["anna@elfirma.se"])
    language: Language = Field(description="The applicant's language for mails.", examples=["sv"])
    reason: str = Field(
        description="Why, in the DSO's words.", examples=["Auktorisationsbeviset har gått ut."]
    )
    decided_by: uuid.UUID = Field(description="The DSO admin who decided.")


class TeamRegisteredV1(EventPayload):
    """An installer team exists (created by an approved application)."""

    event_type: ClassVar[str] = "team.registered.v1"
    topic: ClassVar[Topic] = IDENTITY_TEAMS

    team_id: uuid.UUID = Field(description="The team's id.")
    dso_id: str = Field(description="The DSO the team is registered with.", examples=["sundkraft"])
    name: str = Field(description="The company's name.", examples=["Elfirma Solgatan AB"])
    organisation_number: str = Field(description="Company registration number.", examples=["5560360793"])
    authorisations: list[Authorisation] = Field(
        description="Utilities the team may work on.", examples=[["electricity"]]
    )


class UserCreatedV1(EventPayload):
    """A user account exists: a team administrator, a team's resource, or DSO staff."""

    event_type: ClassVar[str] = "user.created.v1"
    topic: ClassVar[Topic] = IDENTITY_USERS

    user_id: uuid.UUID = Field(description="The user's id.")
    role: Role = Field(description="What the user may do.", examples=["installer"])
    team_id: uuid.UUID | None = Field(description="The user's team; None for DSO staff.")
    dso_id: str = Field(description="The DSO the user works with.", examples=["sundkraft"])
    name: str = Field(description="First and last name.", examples=["Erik Svensson"])
    email: EmailStr = Field(description="Login and mail address.", examples=["erik@elfirma.se"])
    language: Language = Field(description="Language for mails.", examples=["sv"])
    authorisations: list[Authorisation] = Field(
        description="Utilities the user may work on.", examples=[["electricity"]]
    )


class UserUpdatedV1(EventPayload):
    """A user's details changed (name, contact, authorisations); carries the new values."""

    event_type: ClassVar[str] = "user.updated.v1"
    topic: ClassVar[Topic] = IDENTITY_USERS

    user_id: uuid.UUID = Field(description="The user's id.")
    team_id: uuid.UUID | None = Field(description="The user's team; None for DSO staff.")
    name: str = Field(description="First and last name.", examples=["Erik Svensson"])
    email: EmailStr = Field(description="Login and mail address.", examples=["erik@elfirma.se"])
    authorisations: list[Authorisation] = Field(
        description="Utilities the user may work on.", examples=[["electricity"]]
    )


class UserDeactivatedV1(EventPayload):
    """A user may no longer log in; every session of theirs ends now."""

    event_type: ClassVar[str] = "user.deactivated.v1"
    topic: ClassVar[Topic] = IDENTITY_USERS

    user_id: uuid.UUID = Field(description="The user's id.")
    team_id: uuid.UUID | None = Field(description="The user's team; None for DSO staff.")
    deactivated_by: uuid.UUID = Field(description="Who deactivated the user.")


class UserReactivatedV1(EventPayload):
    """A deactivated user may log in again (with their password, or a new one if they never set one)."""

    event_type: ClassVar[str] = "user.reactivated.v1"
    topic: ClassVar[Topic] = IDENTITY_USERS

    user_id: uuid.UUID = Field(description="The user's id.")
    team_id: uuid.UUID | None = Field(description="The user's team; None for DSO staff.")
    reactivated_by: uuid.UUID = Field(description="Who reactivated the user.")


class UserSessionsEndedV1(EventPayload):
    """Every session a user had before `ended_at` is over (password set or changed, deactivation)."""

    event_type: ClassVar[str] = "user.sessions_ended.v1"
    topic: ClassVar[Topic] = IDENTITY_USERS

    user_id: uuid.UUID = Field(description="The user's id.")
    ended_at: datetime = Field(description="Sessions begun before this instant are over.")
    reason: Literal["password_set", "password_changed", "deactivated"] = Field(
        description="Why, for the audit trail.", examples=["deactivated"]
    )
    keep_session_id: str | None = Field(
        None, description="An opaque id of the one session that stays (the one that changed the password)."
    )


class PasswordLinkIssuedV1(EventPayload):
    """A one-time set-password link was made for a user; notifications mails it.

    `token` is the link's secret. It is single-use, expires in 30 minutes, and identity stores only its
    hash; it travels only on this internal topic, whose retention is short (ADR 0003)."""

    event_type: ClassVar[str] = "password_link.issued.v1"
    topic: ClassVar[Topic] = IDENTITY_USERS

    user_id: uuid.UUID = Field(description="The user the link is for.")
    purpose: PasswordLinkPurpose = Field(description="Which mail to send.", examples=["resource_welcome"])
    name: str = Field(description="The recipient's name.", examples=["Erik Svensson"])
    email: EmailStr = Field(description="The recipient.", examples=["erik@elfirma.se"])
    language: Language = Field(description="Language of the mail.", examples=["sv"])
    dso_name: str = Field(description="The DSO's display name, for mails.", examples=["Sundkraft Elnät AB"])
    team_name: str | None = Field(None, description="The team, for welcome mails.", examples=["Elfirma AB"])
    token: str = Field(description="The link's one-time secret.")
    expires_at: datetime = Field(description="When the link stops working.")
