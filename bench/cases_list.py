"""The case list through the cases service's HTTP API with 1,000,000 cases in PostgreSQL (issue 5, ADR 0005),
against the very SQL the service issues (its count and its page query) run directly with asyncpg in the same
run. Target: a filtered, searched page answers p95 < 50 ms for the biggest team (the worst case).

The cases are bulk-loaded with COPY (the list's indexes are dropped for the load and rebuilt from their own
definitions after it, as pg_restore does), then VACUUM ANALYZE: a table at rest, as autovacuum leaves it.
"""

import asyncio
import bisect
import functools
import multiprocessing
import os
import random
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import asyncpg
import httpx

from bench import print_table
from cases.__main__ import MIGRATIONS_DIR
from cases.adapters.uow import CasesUnitOfWork
from cases.bootstrap import build_app
from cases.config import CasesSettings
from cases.domain.case import site_address
from cases.domain.case_list import CaseListQuery, Sort
from cases.domain.case_number import format_case_number
from cases.domain.default_case_types import default_case_types
from cases.domain.search_text import search_text
from cases.domain.status import CaseStatus
from cases.domain.texts import Texts
from cases.service_layer.dso_settings import DEMO_DSOS, seed_demo_dsos
from servicekit.db.engine import asyncpg_dsn, make_engine, make_session_factory
from servicekit.db.migrations import upgrade_to_head
from servicekit.infra import Infrastructure, drop_database, ensure_database
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test
from servicekit.testing.tokens import TestTokenIssuer

CASES = 1_000_000
TEAMS = 400
DRAFT_SHARE = 0.05
YEARS = 5
CHUNK = 50_000  # rows a worker generates and copies at a time: bounded memory
WORKERS = max(2, min(4, os.cpu_count() or 2))  # generating rows in Python is the slow part of the load
ROUNDS, WARM_UP = 200, 20
TARGET_MS = 50.0
DSO_SHARES = {"sundkraft": 0.45, "kullabygden": 0.20, "kystnet": 0.35}
SEED = 5


# ---------------------------------------------------------------------------------------------- the data


@dataclass(frozen=True)
class City:
    name: str
    postcode: int  # the first of the town's postcodes
    lon: float
    lat: float


# Where each demo DSO has its customers: north-western Skåne, Kullaberg, north Zealand.
CITIES = {
    "sundkraft": (
        City("Helsingborg", 25220, 12.70, 56.05),
        City("Ängelholm", 26230, 12.86, 56.24),
        City("Landskrona", 26130, 12.83, 55.87),
        City("Höganäs", 26330, 12.56, 56.20),
        City("Bjuv", 26731, 12.92, 56.08),
        City("Åstorp", 26531, 12.94, 56.13),
        City("Klippan", 26431, 13.13, 56.13),
    ),
    "kullabygden": (
        City("Mölle", 26377, 12.50, 56.28),
        City("Arild", 26391, 12.59, 56.27),
        City("Viken", 26361, 12.58, 56.14),
        City("Jonstorp", 26371, 12.68, 56.23),
        City("Nyhamnsläge", 26352, 12.54, 56.24),
        City("Lerberget", 26372, 12.58, 56.18),
    ),
    "kystnet": (
        City("Helsingør", 3000, 12.59, 56.03),
        City("Hornbæk", 3100, 12.46, 56.09),
        City("Gilleleje", 3250, 12.31, 56.12),
        City("Espergærde", 3060, 12.55, 55.99),
        City("Humlebæk", 3050, 12.53, 55.96),
        City("Hillerød", 3400, 12.31, 55.93),
        City("Fredensborg", 3480, 12.40, 55.97),
        City("Tisvildeleje", 3220, 12.07, 56.05),
    ),
}
STREET_PARTS = {
    "SE": (
        "Kvarn Kyrko Skol Björk Ek Lind Ask Alm Rönn Häst Hamn Strand Sjö Äng Åker Berg Dal Lund Ros Lilje "
        "Solros Hag Stor Lill Väster Öster Norr Söder Prästgårds Mölle Fabriks Järnvägs Stations Tall Gran "
        "Fläder Syren Hassel Sälg Smedje",
        "gatan vägen stigen gränd backen allén torget platsen leden gången",
    ),
    "DK": (
        "Kirke Skole Mølle Havne Strand Bøge Ege Birke Linde Aske Rønne Hyld Syrene Rose Enge Mark Skov "
        "Bakke Dal Sø Vester Øster Nørre Sønder Stations Fabriks Præste Kongens Dronning Fiskers Hjorte "
        "Ravns Solsikke Hassel Pile Kastanie Grante Fyrre Smede Teglværks",
        "vej gade stræde allé parken toften vænget haven bakken stien",
    ),
}
NAMES = {
    "SE": (
        "Anna Erik Lars Karin Johan Maria Anders Eva Per Sara Nils Emma Magnus Lena Oskar Ida Henrik Sofia "
        "Mikael Elin Gustav Linnea Fredrik Ingrid Jonas Malin",
        "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson "
        "Pettersson Jönsson Jansson Hansson Bengtsson Lindberg Lindqvist Holm Berg Nyström Sjöberg Ekström "
        "Håkansson Mattsson",
    ),
    "DK": (
        "Mette Søren Jens Anne Lars Hanne Niels Kirsten Rasmus Camilla Mads Louise Frederik Sofie "
        "Christian Ida Mikkel Line Anders Trine",
        "Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Petersen "
        "Madsen Kristensen Olsen Thomsen Poulsen Johansen Møller Mortensen Lund",
    ),
}
# How often installers file each type; the rest count 1.
TYPE_WEIGHTS = {"fuse_change": 8, "new_connection": 5, "production_facility": 5, "service_line_change": 3}
# Statuses by how long ago the case was sent: old cases are finished or archived, recent ones open.
S = CaseStatus
STATUS_BY_AGE: tuple[tuple[float, tuple[tuple[CaseStatus, float], ...]], ...] = (
    (
        90,
        (
            (S.SUBMITTED, 20),
            (S.PLANNING, 25),
            (S.IN_PROGRESS, 25),
            (S.COMPLETION_NOTICE_RECEIVED, 10),
            (S.READY_FOR_METER, 10),
            (S.CLOSED, 5),
            (S.REJECTED, 3),
            (S.CANCELLED, 2),
        ),
    ),
    (
        365,
        (
            (S.CLOSED, 55),
            (S.ARCHIVED, 20),
            (S.REJECTED, 5),
            (S.CANCELLED, 5),
            (S.READY_FOR_METER, 5),
            (S.COMPLETION_NOTICE_RECEIVED, 5),
            (S.IN_PROGRESS, 5),
        ),
    ),
    (float("inf"), ((S.ARCHIVED, 60), (S.CLOSED, 30), (S.REJECTED, 5), (S.CANCELLED, 5))),
)
COLUMNS = (
    "id",
    "dso_id",
    "team_id",
    "installer_id",
    "installer_name",
    "case_type",
    "case_type_version",
    "status",
    "case_number",
    "values",
    "completion_notice",
    "address",
    "lon",
    "lat",
    "grid_area_id",
    "created_at",
    "updated_at",
    "submitted_at",
    "expiry_warned_for",
    "version",
    "search_text",
)
DAY = 86_400.0


@dataclass(frozen=True)
class Installer:
    id: uuid.UUID
    name: str


@dataclass
class Team:
    id: uuid.UUID
    dso_id: str
    size: float  # relative: the share of its DSO's cases it files
    installers: tuple[Installer, ...]
    installer_weights: tuple[float, ...]  # cumulative: a few installers file most of a team's cases
    cities: tuple[City, ...]  # a firm works around its home towns
    by_installer: Counter[uuid.UUID] = field(default_factory=Counter)  # sent cases, counted as loaded

    @property
    def sent(self) -> int:
        return sum(self.by_installer.values())

    @property
    def busiest_installer(self) -> Installer:
        busiest = self.by_installer.most_common(1)[0][0]
        return next(installer for installer in self.installers if installer.id == busiest)


@dataclass(frozen=True)
class CaseType:
    code: str
    names: Texts


@dataclass(frozen=True)
class Dso:
    id: str
    prefix: str
    country: str
    cities: tuple[City, ...]
    types: tuple[CaseType, ...]
    type_weights: tuple[float, ...]  # cumulative
    streets: dict[str, tuple[str, ...]]  # by town: each town has its own share of the country's names


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _cumulative(weights: Sequence[float]) -> tuple[float, ...]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return tuple(out)


def _pick(rng: random.Random, items: Sequence[Any], cumulative: Sequence[float]) -> Any:
    return items[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def _dsos() -> list[Dso]:
    dsos = []
    for settings in DEMO_DSOS:
        # The types set_up_dso provisions: project types only for Danish DSOs.
        danish = settings.country == "DK"
        schemas = [s for s in default_case_types(settings.dso_id) if danish or not s.project_capable]
        dsos.append(
            Dso(
                settings.dso_id,
                settings.case_prefix,
                settings.country,
                CITIES[settings.dso_id],
                tuple(CaseType(s.code, s.names) for s in schemas),
                _cumulative([TYPE_WEIGHTS.get(s.code, 1) for s in schemas]),
                _streets(settings.country, CITIES[settings.dso_id]),
            )
        )
    return dsos


def _streets(country: str, cities: Sequence[City]) -> dict[str, tuple[str, ...]]:
    """Every town has a Storgatan, but not every street name: a third of the country's names each, so a
    street typed in one team's towns is common in some other towns and absent from the rest."""
    first, last = (part.split() for part in STREET_PARTS[country])
    names = [a + b for a in first for b in last]
    return {city.name: tuple(random.Random(city.name).sample(names, len(names) // 3)) for city in cities}


def _teams(dsos: Sequence[Dso]) -> list[Team]:
    """~400 teams, sizes falling as 1 / (rank + 3): ranks 1-7 get 20-50k cases, rank 400 about 500."""
    rng = random.Random(SEED)
    share = _cumulative(list(DSO_SHARES.values()))
    sizes = [1 / (rank + 3) for rank in range(1, TEAMS + 1)]
    teams = []
    for size in sizes:
        dso = dsos[bisect.bisect(share, rng.random() * share[-1])]
        first, last = (part.split() for part in NAMES[dso.country])
        cases = CASES * size / sum(sizes)
        # Bigger firms employ more installers: 1-6 for a few hundred cases, 20 for the biggest.
        count = min(20, max(1, round(cases**0.5 / 11) + rng.randint(0, 3)))
        installers = tuple(
            Installer(_uuid(rng), f"{rng.choice(first)} {rng.choice(last)}") for _ in range(count)
        )
        team = Team(
            _uuid(rng),
            dso.id,
            size,
            installers,
            _cumulative([1 / (i + 1) for i in range(count)]),
            tuple(rng.sample(dso.cities, rng.randint(1, min(3, len(dso.cities))))),
        )
        teams.append(team)
    return teams


@functools.cache
def _world() -> tuple[dict[str, Dso], list[Team]]:
    """The DSOs and teams, the same in every process: worker processes rebuild them from the seed."""
    dsos = _dsos()
    return {dso.id: dso for dso in dsos}, _teams(dsos)


def _dso_totals(teams: Sequence[Team]) -> dict[str, int]:
    """Cases per DSO, by its teams' sizes; exactly CASES in all."""
    weight: dict[str, float] = {}
    for team in teams:
        weight[team.dso_id] = weight.get(team.dso_id, 0.0) + team.size
    whole = sum(weight.values())
    totals = {dso: round(CASES * w / whole) for dso, w in weight.items()}
    first = next(iter(totals))
    totals[first] += CASES - sum(totals.values())
    return totals


_STATUS_TABLES = [
    (limit, [status for status, _ in table], _cumulative([weight for _, weight in table]))
    for limit, table in STATUS_BY_AGE
]


def _status(rng: random.Random, age_days: float) -> CaseStatus:
    for limit, statuses, cumulative in _STATUS_TABLES:
        if age_days < limit:
            status: CaseStatus = _pick(rng, statuses, cumulative)
            return status
    raise AssertionError("the last age bracket is open-ended")


def _int(rng: random.Random, low: int, high: int) -> int:
    """`rng.randint`, three times faster: a million rows draw five each."""
    return low + int(rng.random() * (high - low + 1))


@dataclass(frozen=True)
class Slice:
    """A run of one DSO's rows that a worker process generates and copies on its own, from its own seed."""

    dso_id: str
    first: int  # position in the DSO's sent cases, which are numbered in the order they were sent
    stop: int
    drafts: int
    sent: int  # the DSO's sent cases in all: they are spread evenly over the years
    now: float


def _slices(totals: dict[str, int], now: float) -> list[Slice]:
    slices = []
    for dso_id, total in totals.items():
        drafts = round(total * DRAFT_SHARE)
        sent = total - drafts
        for first in range(0, sent, CHUNK):
            slices.append(Slice(dso_id, first, min(first + CHUNK, sent), 0, sent, now))
        slices.append(Slice(dso_id, sent, sent, drafts, sent, now))
    return slices


def _slice_rows(piece: Slice, sent_by: Counter[uuid.UUID]) -> Iterator[tuple[Any, ...]]:
    """The slice's sent cases in the order they were sent (numbers increase with time), then its drafts;
    counts the sent ones per installer into `sent_by`."""
    dsos, teams = _world()
    dso = dsos[piece.dso_id]
    members = [team for team in teams if team.dso_id == dso.id]
    cumulative = _cumulative([team.size for team in members])
    rng = random.Random(f"{SEED}-{dso.id}-{piece.first}-{piece.drafts}")
    now = piece.now
    start = now - YEARS * 365 * DAY
    step = (now - DAY - start) / piece.sent
    for i in range(piece.first, piece.stop):
        submitted = start + (i + rng.random()) * step
        created = submitted - rng.uniform(0.01, 3) * DAY  # drafted, then sent hours or days later
        age = (now - submitted) / DAY
        updated = min(now, submitted + rng.uniform(0, min(age, 120)) * DAY)
        team: Team = _pick(rng, members, cumulative)
        installer: Installer = _pick(rng, team.installers, team.installer_weights)
        sent_by[installer.id] += 1
        yield _row(rng, dso, team, installer, _status(rng, age), i + 1, (created, updated, submitted))
    for _ in range(piece.drafts):  # drafts live 14 days unless changed: all of them are recent
        updated = now - rng.uniform(0, 13) * DAY
        created = updated - rng.uniform(0, 10) * DAY
        team = _pick(rng, members, cumulative)
        installer = _pick(rng, team.installers, team.installer_weights)
        yield _row(rng, dso, team, installer, CaseStatus.DRAFT, None, (created, updated, None))


def _row(
    rng: random.Random,
    dso: Dso,
    team: Team,
    installer: Installer,
    status: CaseStatus,
    number: int | None,
    times: tuple[float, float, float | None],  # created, updated, submitted (epoch seconds)
) -> tuple[Any, ...]:
    case_type: CaseType = _pick(rng, dso.types, dso.type_weights)
    city: City = rng.choice(team.cities)
    street = f"{rng.choice(dso.streets[city.name])} {_int(rng, 1, 120)}"
    postcode = str(city.postcode + _int(rng, 0, 9))
    designation = f"{city.name} {_int(rng, 1, 60)}:{_int(rng, 1, 400)}"
    # JSON by hand, five times faster than json.dumps: the generated names hold no quote or backslash.
    values = (
        f'{{"street": "{street}", "postcode": "{postcode}", "city": "{city.name}", '
        f'"property_designation": "{designation}"}}'
    )
    address = site_address({"street": street, "postcode": postcode, "city": city.name})
    case_number = None if number is None else format_case_number(dso.prefix, number)
    created, updated, submitted = times
    created_at = datetime.fromtimestamp(created, UTC)
    return (
        _uuid(rng),
        dso.id,
        team.id,
        installer.id,
        installer.name,
        case_type.code,
        1,
        status.value,
        case_number,
        values,
        None,
        address,
        city.lon + (rng.random() - 0.5) * 0.06,
        city.lat + (rng.random() - 0.5) * 0.04,
        f"{dso.id}-{city.postcode}",
        created_at,
        datetime.fromtimestamp(updated, UTC),
        None if submitted is None else datetime.fromtimestamp(submitted, UTC),
        None,
        1 if status == CaseStatus.DRAFT else _int(rng, 2, 9),
        search_text(
            case_number=case_number,
            type_names=case_type.names,
            address=address,
            created_at=created_at,
            status=status,
            installer_name=installer.name,
        ),
    )


def _copy_slice(dsn: str, piece: Slice) -> Counter[uuid.UUID]:
    """In a worker process: generate the slice and COPY it; its sent cases per installer."""

    async def copy() -> Counter[uuid.UUID]:
        sent_by = Counter[uuid.UUID]()
        connection = await asyncpg.connect(dsn)
        try:
            await connection.execute("SET synchronous_commit = off")
            rows = list(_slice_rows(piece, sent_by))
            await connection.copy_records_to_table("case", records=rows, columns=COLUMNS)
        finally:
            await connection.close()
        return sent_by

    return asyncio.run(copy())


async def _load(dsn: str, teams: Sequence[Team]) -> float:
    """COPY all rows from worker processes (generating them is the slow part), with the list's indexes
    dropped and rebuilt after; returns the seconds spent."""
    started = time.perf_counter()
    connection = await asyncpg.connect(dsn)
    try:
        indexes = await _drop_indexes(connection)
        slices = _slices(_dso_totals(teams), time.time())
        loop = asyncio.get_running_loop()
        # spawn, not fork: the parent runs an event loop and the infrastructure's threads.
        with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn")) as pool:
            counts = await asyncio.gather(*(loop.run_in_executor(pool, _copy_slice, dsn, s) for s in slices))
        _count_sent(teams, counts)
        for dso_id, sent in {piece.dso_id: piece.sent for piece in slices}.items():
            # The counter stands where the numbering goes on, as if every case had been sent by the API.
            await connection.execute(
                "UPDATE dso_settings SET last_number = $1 WHERE dso_id = $2", sent, dso_id
            )
        print(f"  copied {CASES:,} rows in {time.perf_counter() - started:.0f} s", flush=True)
        await _rebuild_indexes(dsn, indexes)
        print(f"  rebuilt {len(indexes)} indexes at {time.perf_counter() - started:.0f} s", flush=True)
        await connection.execute('VACUUM (ANALYZE) "case"')
    finally:
        await connection.close()
    return time.perf_counter() - started


def _count_sent(teams: Sequence[Team], counts: Sequence[Counter[uuid.UUID]]) -> None:
    team_of = {installer.id: team for team in teams for installer in team.installers}
    for count in counts:
        for installer_id, sent in count.items():
            team_of[installer_id].by_installer[installer_id] += sent


async def _drop_indexes(connection: Any) -> list[str]:
    """The definitions of the case table's indexes that back no constraint, dropped for the load."""
    rows = await connection.fetch(
        """SELECT i.relname, pg_get_indexdef(i.oid) AS definition
           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
           WHERE x.indrelid = '"case"'::regclass
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"""
    )
    for row in rows:
        await connection.execute(f'DROP INDEX "{row["relname"]}"')
    return [row["definition"] for row in rows]


async def _rebuild_indexes(dsn: str, definitions: Sequence[str]) -> None:
    """The trigram index takes longest: build it on one connection, the b-trees on another, at once."""
    gin = [d for d in definitions if " USING gin " in d]
    rest = [d for d in definitions if d not in gin]

    async def build(group: Sequence[str]) -> None:
        connection = await asyncpg.connect(dsn)
        try:
            await connection.execute("SET maintenance_work_mem = '1GB'")
            for definition in group:
                await connection.execute(definition)
        finally:
            await connection.close()

    await asyncio.gather(build(gin), build(rest))


async def _seed(settings: CasesSettings) -> None:
    engine = make_engine(settings.database_url, pool_size=1)
    try:
        await seed_demo_dsos(CasesUnitOfWork(make_session_factory(engine), source="bench"))
    finally:
        await engine.dispose()


@dataclass(frozen=True)
class Population:
    teams: list[Team]
    drafts: int
    seconds: float


async def _populate(settings: CasesSettings) -> Population:
    await _seed(settings)
    _, teams = _world()
    seconds = await _load(asyncpg_dsn(settings.database_url), teams)
    drafts = sum(round(total * DRAFT_SHARE) for total in _dso_totals(teams).values())
    return Population(teams, drafts, seconds)


# ------------------------------------------------------------------------------------------- the queries


@dataclass(frozen=True)
class ListRequest:
    """One `GET /cases` of an installer, and the SQL `CaseQueries.page` issues for it."""

    statuses: tuple[str, ...] = ()
    case_type: str | None = None
    text: str = ""
    mine: bool = False
    sort: str = "-created_at"
    page: int = 1
    page_size: int = 10

    def params(self) -> httpx.QueryParams:
        params = [("status", status) for status in self.statuses]
        if self.case_type:
            params.append(("case_type", self.case_type))
        if self.text:
            params.append(("q", self.text))
        if self.mine:
            params.append(("mine", "true"))
        paging = [("sort", self.sort), ("page", str(self.page)), ("page_size", str(self.page_size))]
        return httpx.QueryParams([*params, *paging])

    def sql(self, team_id: uuid.UUID, user_id: uuid.UUID) -> tuple[str, str, list[Any]]:
        """(count SQL, page SQL, arguments): what SQLAlchemy's asyncpg dialect renders for
        cases.adapters.case_queries, condition by condition in the same order; the page query takes two
        more arguments (limit, offset)."""
        args: list[Any] = [team_id]
        where = ["\"case\".status != 'draft'", '"case".team_id = $1::UUID']

        def arg(value: Any, cast: str) -> str:
            args.append(value)
            return f"${len(args)}::{cast}"

        if self.statuses:
            where.append(f'"case".status IN ({", ".join(arg(s, "VARCHAR") for s in self.statuses)})')
        if self.case_type:
            where.append(f'"case".case_type = {arg(self.case_type, "VARCHAR")}')
        if self.mine:
            where.append(f'"case".installer_id = {arg(user_id, "UUID")}')
        query = CaseListQuery(team_id=team_id, text=self.text)  # its words: lower case, at most 8
        for word in query.words:
            where.append(f"\"case\".search_text LIKE {arg(f'%{_escape(word)}%', 'VARCHAR')} ESCAPE '\\'")
        condition = " AND ".join(where)
        sort = Sort.parse(self.sort)
        direction = "DESC" if sort.descending else "ASC"
        count = f'SELECT count(*) AS count_1 \nFROM "case" \nWHERE {condition}'
        page = (
            'SELECT "case".id, "case".case_number, "case".case_type, "case".address, "case".status, '
            '"case".installer_id, "case".installer_name, "case".created_at, "case".updated_at \n'
            f'FROM "case" \nWHERE {condition} '
            f'ORDER BY "case".{sort.key} {direction}, "case".id {direction} \n'
            f" LIMIT ${len(args) + 1}::INTEGER OFFSET ${len(args) + 2}::INTEGER"
        )
        return count, page, args


def _escape(word: str) -> str:  # as case_queries escapes LIKE's wildcards
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class RequestKind:
    label: str
    request: Callable[[int], ListRequest]  # round -> request: parameters vary, as users' do


def _kinds(team: Team, dsos: dict[str, Dso], rng: random.Random) -> list[RequestKind]:
    dso = dsos[team.dso_id]
    # A street of the team's towns as typed into the search box: its first 4 to 6 letters.
    streets = [rng.choice(dso.streets[rng.choice(team.cities).name]) for _ in range(WARM_UP + ROUNDS)]
    fragments = [street[: rng.randint(4, 6)].lower() for street in streets]
    # Mostly the open statuses a team follows up, sometimes a finished one (many more cases).
    statuses = [("planning",), ("in_progress",), ("submitted", "planning"), ("ready_for_meter",), ("closed",)]
    codes = [t.code for t in dso.types]
    finished = ("closed", "rejected", "archived")
    return [
        RequestKind("default first page", lambda i: ListRequest()),
        RequestKind(
            "status + type",
            lambda i: ListRequest(statuses=statuses[i % 5], case_type=codes[i % len(codes)]),
        ),
        RequestKind("free text (street, 4-6 letters)", lambda i: ListRequest(text=fragments[i])),
        RequestKind(
            "free text + status, by address",
            lambda i: ListRequest(text=fragments[i], statuses=(finished[i % 3],), sort="address"),
        ),
        RequestKind(
            "page 20 of closed+archived, 25/page",
            lambda i: ListRequest(statuses=("closed", "archived"), page=20, page_size=25),
        ),
        RequestKind("mine", lambda i: ListRequest(mine=True)),
    ]


# ------------------------------------------------------------------------------------------ measuring


@dataclass
class Result:
    team: str
    kind: str
    http: list[float]
    raw: list[float]
    totals: list[int]


async def _measure(settings: CasesSettings, population: Population) -> None:
    teams = sorted(population.teams, key=lambda team: team.sent)
    biggest, median = teams[-1], teams[len(teams) // 2]
    dsos, _ = _world()
    app = build_app(settings)
    tokens = TestTokenIssuer()
    tokens.trusted_by(app.state.jwks_verifier)
    # As the service plans its list queries (cases/adapters/case_queries.py): for the values, never generic.
    raw = await asyncpg.connect(
        asyncpg_dsn(settings.database_url), server_settings={"plan_cache_mode": "force_custom_plan"}
    )
    rng = random.Random(SEED + 1)
    results: list[Result] = []
    try:
        async with running_app(app) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
            floor = [await _elapsed(lambda: client.get("/healthz")) for _ in range(ROUNDS)]
            for label, team in (("biggest", biggest), ("median", median)):
                installer = team.busiest_installer
                headers = tokens.headers(
                    "installer", dso_id=team.dso_id, team_id=team.id, user_id=installer.id, seconds=3600
                )
                for kind in _kinds(team, dsos, rng):
                    results.append(await _compare(client, headers, raw, team, installer, label, kind))
    finally:
        await raw.close()
    _report(population, biggest, median, floor, results)


async def _compare(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    raw: Any,
    team: Team,
    installer: Installer,
    label: str,
    kind: RequestKind,
) -> Result:
    """Alternate HTTP and raw SQL round by round, so both see the same caches; check they agree first."""
    result = Result(label, kind.label, [], [], [])

    async def http(request: ListRequest) -> httpx.Response:
        response = await client.get("/cases", params=request.params(), headers=headers)
        response.raise_for_status()
        return response

    async def direct(request: ListRequest) -> tuple[int, list[Any]]:
        count, page, args = request.sql(team.id, installer.id)
        total = await raw.fetchval(count, *args)
        rows = await raw.fetch(page, *args, request.page_size, (request.page - 1) * request.page_size)
        return total, rows

    for i in range(WARM_UP + ROUNDS):
        request = kind.request(i)
        started = time.perf_counter()
        answer = await http(request)
        http_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        total, rows = await direct(request)
        raw_ms = (time.perf_counter() - started) * 1000
        if i < WARM_UP:
            _check_same(kind, answer.json(), total, rows)
            continue
        result.http.append(http_ms)
        result.raw.append(raw_ms)
        result.totals.append(total)
    return result


def _check_same(kind: RequestKind, body: dict[str, Any], total: int, rows: list[Any]) -> None:
    """The raw SQL is only a baseline if it is the service's query: same total, same page."""
    ids = [item["id"] for item in body["items"]]
    if body["total"] != total or ids != [str(row["id"]) for row in rows]:
        raise AssertionError(f"{kind.label}: the raw SQL answers differently from the service")


async def _elapsed(call: Callable[[], Awaitable[httpx.Response]]) -> float:
    started = time.perf_counter()
    (await call()).raise_for_status()
    return (time.perf_counter() - started) * 1000


def _p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def _report(
    population: Population, biggest: Team, median: Team, floor: list[float], results: Sequence[Result]
) -> None:
    print(
        f"cases_list: {CASES:,} cases ({population.drafts:,} drafts) of {len(population.teams)} teams, "
        f"loaded in {population.seconds:.0f} s; biggest team {biggest.sent:,} sent cases, "
        f"{len(biggest.installers)} installers; median team {median.sent:,}, {len(median.installers)}"
    )
    print(
        f"{ROUNDS} rounds each after {WARM_UP} warm-up, sequential, one client; raw = the service's count "
        "and page SQL through asyncpg, same run"
    )
    print(f"healthz (HTTP floor): p50 {statistics.median(floor):.2f} ms, p95 {_p95(floor):.2f} ms")
    rows = []
    for result in results:
        http95, raw95 = _p95(result.http), _p95(result.raw)
        verdict = f"{'PASS' if http95 < TARGET_MS else 'FAIL'}" if result.team == "biggest" else ""
        rows.append(
            [
                f"{result.team}: {result.kind}",
                f"{statistics.median(result.totals):,.0f}",
                f"{statistics.median(result.http):.2f}",
                f"{http95:.2f}",
                f"{statistics.median(result.raw):.2f}",
                f"{raw95:.2f}",
                f"{http95 / raw95:.2f}",
                verdict,
            ]
        )
    print_table(
        ["", "median total", "http p50", "http p95", "raw p50", "raw p95", "http/raw p95", "< 50 ms"], rows
    )
    failed = [r.kind for r in results if r.team == "biggest" and _p95(r.http) >= TARGET_MS]
    verdict = f"FAIL: {', '.join(failed)}" if failed else "PASS"
    print(f"target p95 < {TARGET_MS:g} ms for the biggest team: {verdict}")
    # Client, service and PostgreSQL share the machine: anything else running shows in the HTTP tail.
    print(f"load average after: {', '.join(f'{value:.2f}' for value in os.getloadavg())}")


def run(infra: Infrastructure) -> None:
    name = "bench_cases_list"
    ensure_database(infra.postgres_url, name)
    try:
        database_url = infra.database_url(name)
        upgrade_to_head(MIGRATIONS_DIR, database_url)
        settings = settings_for_test(
            CasesSettings, infra, database_url, log_level="WARNING", draft_expiry_interval_seconds=0
        )
        print(f"cases_list: loading {CASES:,} cases", flush=True)
        population = asyncio.run(_populate(settings))
        asyncio.run(_measure(settings, population))
    finally:
        drop_database(infra.postgres_url, name)
