"""Users and teams translated into the integration events others consume (contracts' literal names)."""

from contracts.events.identity import Authorisation as AuthorisationName
from contracts.events.identity import TeamRegisteredV1, UserCreatedV1, UserUpdatedV1
from identity.domain.authorisation import Authorisation
from identity.domain.team import Team
from identity.domain.user import User


def authorisation_names(authorisations: frozenset[Authorisation]) -> list[AuthorisationName]:
    return [a.value for a in sorted(authorisations)]


def team_registered(team: Team) -> TeamRegisteredV1:
    return TeamRegisteredV1(
        team_id=team.id,
        dso_id=team.dso_id,
        name=team.name,
        organisation_number=team.organisation_number,
        authorisations=authorisation_names(team.authorisations),
    )


def user_created(user: User) -> UserCreatedV1:
    return UserCreatedV1(
        user_id=user.id,
        role=user.role.value,
        team_id=user.team_id,
        dso_id=user.dso_id,
        name=user.name,
        email=user.email,
        language=user.language,
        authorisations=authorisation_names(user.authorisations),
    )


def user_updated(user: User) -> UserUpdatedV1:
    return UserUpdatedV1(
        user_id=user.id,
        team_id=user.team_id,
        name=user.name,
        email=user.email,
        authorisations=authorisation_names(user.authorisations),
    )
