"""The topic registry: every Kafka topic, its owning service, partition count and dead-letter topic."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Topic:
    """One aggregate's topic. Key = aggregate id, so one aggregate's events stay in order."""

    name: str
    owner: str
    partitions: int
    description: str

    @property
    def dlq(self) -> str:
        """Where a consumer parks an event it could not handle after its retries."""
        return f"{self.name}.dlq"


IDENTITY_TEAM_APPLICATIONS = Topic(
    "identity.team_applications", "identity", 6, "Team applications: submitted, approved, rejected."
)
IDENTITY_TEAMS = Topic("identity.teams", "identity", 6, "Registered installer teams.")
IDENTITY_USERS = Topic(
    "identity.users", "identity", 6, "Users (resources) and their credentials' life cycle."
)
CASES_CASES = Topic("cases.cases", "cases", 12, "Cases: drafted, submitted, status changes, notes.")
PROJECTS_PROJECTS = Topic("projects.projects", "projects", 6, "Projects, groups, imports and bulk jobs.")
PROJECTS_JOBS = Topic(
    "projects.jobs",
    "projects",
    6,
    "Requests to the cases service from projects' batch jobs (create cases, bulk actions), keyed by job.",
)
CASES_JOBS = Topic(
    "cases.jobs", "cases", 6, "What the cases service did with each part of a project job, keyed by job."
)
NOTIFICATIONS_IN_APP = Topic(
    "notifications.in_app", "notifications", 6, "In-app notifications (the bell): created, read."
)
GIS_LAYERS = Topic("gis.layers", "gis", 3, "Map layers changed (imports, permissions).")

ALL_TOPICS: tuple[Topic, ...] = (
    IDENTITY_TEAM_APPLICATIONS,
    IDENTITY_TEAMS,
    IDENTITY_USERS,
    CASES_CASES,
    PROJECTS_PROJECTS,
    PROJECTS_JOBS,
    CASES_JOBS,
    NOTIFICATIONS_IN_APP,
    GIS_LAYERS,
)


def topic_named(name: str) -> Topic:
    """The registered topic of that name; a KeyError names unknown ones."""
    for topic in ALL_TOPICS:
        if topic.name == name:
            return topic
    raise KeyError(f"unknown topic {name!r}; register it in contracts.topics")
