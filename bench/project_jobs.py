"""Projects' batch jobs end to end (issue 7, ADR 0007): an Excel import of 10,000 addresses, then a DSO's
bulk action on the 10,000 cases it made, through the real services running as processes of their own
(GIS with the full demo network, cases, projects) on the same PostgreSQL and Kafka-protocol broker.

Import: a 10,000-row file filled into the group's own template (openpyxl, as a user's Excel would save
it) with real demo addresses in Sundkraft's grid areas (the demo's project DSO) and valid `row_houses`
values, uploaded as the installer; timed from the upload's first byte to the 202 (parse, GIS resolve and
cases validate at once, job write: probes in projects), the cases committed in cases, every answer
recorded on the job (then read through the API: all done), and the read model holding every case.
Targets: the job finished < 30 s; the peak resident memory of every service during it < 500 MB.

Bulk action: the grid company's handler rejects all 10,000 (allowed from submitted, with a reason), timed
until cases committed every change (target < 5 s) and until the read model shows every case rejected,
i.e. every case event was delivered and consumed (target < 30 s).

Raw baselines in the same run (medians of RAW_ROUNDS): asyncpg `executemany` INSERT of the import's very
case rows into a copy of the case table (indexes included) and UPDATE of them as the rejection does; and
aiokafka producing the import's 10,000 `case.submitted.v1` records (same values, keys, headers, acks=all)
to a topic of as many partitions as cases.cases, consumed by one consumer, first send to last record.
"""

import asyncio
import io
import os
import random
import statistics
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bench import REPOSITORY_ROOT, print_table
from bench.service_processes import ServiceGroup, ServiceProcess, ServiceSpec
from cases.__main__ import MIGRATIONS_DIR as CASES_MIGRATIONS
from cases.__main__ import seed_demo as seed_cases
from cases.config import CasesSettings
from contracts.topics import CASES_CASES
from gis.__main__ import MIGRATIONS_DIR as GIS_MIGRATIONS
from gis.__main__ import seed_demo as seed_gis
from gis.config import GISSettings
from gis.domain.demo_network import generate_demo_network
from projects.__main__ import MIGRATIONS_DIR as PROJECTS_MIGRATIONS
from projects.config import ProjectsSettings
from servicekit.db.engine import asyncpg_dsn
from servicekit.db.migrations import upgrade_to_head
from servicekit.infra import Infrastructure, drop_database, ensure_database
from servicekit.settings import ServiceSettings
from servicekit.testing.settings import settings_for_test
from servicekit.testing.tokens import TestTokenIssuer

ROWS = 10_000
ROUNDS = 3  # imports (each into a new project) and bulk actions; medians reported
RAW_ROUNDS = 5
DSO, CASE_TYPE = "sundkraft", "row_houses"
IMPORT_TARGET_S, MEMORY_TARGET_MB = 30.0, 500.0
COMMIT_TARGET_S, DELIVERY_TARGET_S = 5.0, 30.0
POLL_INTERVAL = 0.02
TIMEOUT = 300.0  # for any one job to finish and the read model to catch up
RAW_TOPIC = "bench.project_jobs"
MAIN_FUSES = ("16", "20", "25", "35", "50", "63")


def run(infra: Infrastructure) -> None:
    suffix = uuid.uuid4().hex[:8]
    names = {service: f"bench_jobs_{service}_{suffix}" for service in ("gis", "cases", "projects")}
    for name in names.values():
        ensure_database(infra.postgres_url, name)
    try:
        urls = {service: infra.database_url(name) for service, name in names.items()}
        for service, migrations in (
            ("gis", GIS_MIGRATIONS),
            ("cases", CASES_MIGRATIONS),
            ("projects", PROJECTS_MIGRATIONS),
        ):
            upgrade_to_head(migrations, urls[service])
        quiet = {"log_level": "WARNING"}
        gis = settings_for_test(GISSettings, infra, urls["gis"], **quiet)
        cases = settings_for_test(
            CasesSettings, infra, urls["cases"], draft_expiry_interval_seconds=0, **quiet
        )
        asyncio.run(seed_gis(gis))
        asyncio.run(seed_cases(cases))
        asyncio.run(_measure(infra, gis, cases, urls["projects"]))
    finally:
        for name in names.values():
            drop_database(infra.postgres_url, name)


# ------------------------------------------------------------------------------------------------ timing


@dataclass
class Milestone:
    """A count in a service's database, polled until it reaches `target`."""

    label: str
    connection: asyncpg.Connection
    sql: str
    args: tuple[Any, ...]
    target: int
    first_at: float | None = None  # when the count was first above zero
    done_at: float | None = None


async def _watch(milestones: Sequence[Milestone]) -> None:
    """Poll every milestone until each is reached (committed: another connection sees it)."""
    deadline = time.monotonic() + TIMEOUT
    while any(m.done_at is None for m in milestones):
        if time.monotonic() > deadline:
            late = ", ".join(m.label for m in milestones if m.done_at is None)
            raise TimeoutError(f"not reached within {TIMEOUT:.0f} s: {late}")
        for milestone in milestones:
            if milestone.done_at is not None:
                continue
            count = await milestone.connection.fetchval(milestone.sql, *milestone.args) or 0
            now = time.monotonic()
            if count and milestone.first_at is None:
                milestone.first_at = now
            if count >= milestone.target:
                milestone.done_at = now
        await asyncio.sleep(POLL_INTERVAL)


@dataclass
class Round:
    """One import and one bulk action; times in seconds from the request's start."""

    spans: dict[str, tuple[float, float]] = field(default_factory=dict)  # label -> (from, to)
    peaks_mb: dict[str, float] = field(default_factory=dict)  # service -> VmHWM during the import
    bulk_peaks_mb: dict[str, float] = field(default_factory=dict)
    probes: list[tuple[str, str, str, float, float, int]] = field(default_factory=list)  # with service


@dataclass(frozen=True)
class Raw:
    insert: list[float]
    update: list[float]
    kafka: list[float]


# ------------------------------------------------------------------------------------------ the system


@dataclass
class System:
    api: httpx.AsyncClient  # projects
    services: list[ServiceProcess]
    cases_db: asyncpg.Connection
    projects_db: asyncpg.Connection
    installer: dict[str, str]
    handler: dict[str, str]


async def _measure(infra: Infrastructure, gis: GISSettings, cases: CasesSettings, projects_url: str) -> None:
    tokens = TestTokenIssuer()
    jwks = tokens.jwks()
    team, installer_id = uuid.uuid4(), uuid.uuid4()
    headers = {"seconds": 3600, "dso_id": DSO}
    installer = tokens.headers(
        "installer", team_id=team, user_id=installer_id, name="Anna Andersson", **headers
    )
    handler = tokens.headers("dso_handler", user_id=uuid.uuid4(), name="Per Persson", **headers)
    group = ServiceGroup()
    cases_db = await asyncpg.connect(asyncpg_dsn(cases.database_url))
    projects_db = await asyncpg.connect(asyncpg_dsn(projects_url))
    try:
        started = time.monotonic()
        gis_service = await group.start(_spec("gis", gis, jwks))
        cases_service = await group.start(
            _spec("cases", cases.model_copy(update={"gis_url": gis_service.url}), jwks)
        )
        projects = settings_for_test(
            ProjectsSettings,
            infra,
            projects_url,
            log_level="WARNING",
            cases_url=cases_service.url,
            gis_url=gis_service.url,
        )
        projects_service = await group.start(_spec("projects", projects, jwks))
        print(f"  services ready in {time.monotonic() - started:.0f} s", flush=True)
        addresses = await _addresses(gis_service.url, installer)
        async with httpx.AsyncClient(base_url=projects_service.url, timeout=120) as api:
            system = System(api, group.services, cases_db, projects_db, installer, handler)
            file = await _filled_file(system, addresses)
            print(f"  {ROWS:,}-row file of {len(file) / 2**20:.1f} MB; load average {_load()}", flush=True)
            rounds = []
            for number in range(ROUNDS):
                rounds.append(await _round(system, file, number))
                spans = rounds[-1].spans
                print(
                    f"  round {number + 1}: import finished {spans['job finished'][1]:.1f} s, "
                    f"bulk committed {spans['bulk committed'][1]:.1f} s, "
                    f"delivered {spans['bulk delivered'][1]:.1f} s; load average {_load()}",
                    flush=True,
                )
        raw = await _raw(infra, cases_db)
        _report(rounds, raw)
    finally:
        group.stop()
        await cases_db.close()
        await projects_db.close()


def _spec(name: str, settings: ServiceSettings, jwks: dict[str, Any]) -> ServiceSpec:
    """The service with the timing probes; profiled with cProfile when BENCH_PROFILE names it (the
    statistics go to .data/bench/profile-<name>.pstats when it stops: `python -m pstats` reads them)."""
    probes = "bench.probes:install_in_projects" if name == "projects" else "bench.probes:install"
    profiled = name in os.environ.get("BENCH_PROFILE", "").split(",")
    profile = REPOSITORY_ROOT / ".data" / "bench" / f"profile-{name}.pstats" if profiled else None
    return ServiceSpec(name, f"{name}.bootstrap:build_app", settings, jwks, probes, profile)


@dataclass(frozen=True)
class Written:
    street: str  # with the number
    postcode: str
    city: str


async def _addresses(gis_url: str, installer: dict[str, str]) -> list[Written]:
    """ROWS addresses of the full demo network that GIS finds exactly and routes to DSO's grid areas:
    asked of GIS itself, as the import will ask, in a shuffled order (a real file is in no map order)."""
    network = await asyncio.to_thread(generate_demo_network)
    written = list(
        dict.fromkeys(Written(f"{a.street} {a.number}", a.postcode, a.town) for a in network.addresses)
    )
    random.Random(7).shuffle(written)
    found: list[Written] = []
    async with httpx.AsyncClient(base_url=gis_url, timeout=120) as client:
        for start in range(0, len(written), 10_000):
            asked = written[start : start + 10_000]
            answer = await client.post(
                "/addresses/resolve",
                json={
                    "addresses": [
                        {"ref": str(at), "street": a.street, "postcode": a.postcode, "city": a.city}
                        for at, a in enumerate(asked)
                    ]
                },
                headers=installer,
            )
            answer.raise_for_status()
            found += [
                asked[int(result["ref"])]
                for result in answer.json()["results"]
                if result["status"] == "found" and result["grid_area"]["dso_id"] == DSO
            ]
            if len(found) >= ROWS:
                return found[:ROWS]
    raise RuntimeError(f"only {len(found):,} demo addresses in {DSO}'s grid areas; {ROWS:,} wanted")


async def _new_group(system: System, number: int) -> tuple[str, str]:
    project = await system.api.post("/projects", json={"name": f"Bench {number}"}, headers=system.installer)
    project.raise_for_status()
    project_id = project.json()["id"]
    group = await system.api.post(
        f"/projects/{project_id}/groups",
        json={"name": "Radhus A–Ö", "case_type": CASE_TYPE},
        headers=system.installer,
    )
    group.raise_for_status()
    return project_id, group.json()["id"]


async def _filled_file(system: System, addresses: Sequence[Written]) -> bytes:
    """The group's template as downloaded, one address per row with valid values, saved as Excel would."""
    project_id, group_id = await _new_group(system, 0)
    template = await system.api.get(
        f"/projects/{project_id}/groups/{group_id}/template", headers=system.installer
    )
    template.raise_for_status()
    return await asyncio.to_thread(_fill, template.content, addresses)


def _fill(template: bytes, addresses: Sequence[Written]) -> bytes:
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    assert isinstance(sheet, Worksheet)
    columns = {str(cell.value): cell.column for cell in sheet[2] if cell.value}  # the hidden key row
    rng = random.Random(11)
    first_names = ("Anna", "Erik", "Karin", "Lars", "Maria", "Johan", "Sara", "Nils")
    last_names = ("Andersson", "Johansson", "Nilsson", "Persson", "Svensson", "Lindberg")
    for row, address in enumerate(addresses, start=3):
        owner = f"{rng.choice(first_names)} {rng.choice(last_names)}"
        values: dict[str, Any] = {
            "street": address.street,
            "postcode": address.postcode,
            "city": address.city,
            "main_fuse": rng.choice(MAIN_FUSES),
            "number_of_units": rng.randint(2, 12),
            "desired_date": date(2027, 3, 1) + timedelta(days=rng.randint(0, 120)),
        }
        for party in ("owner", "payer"):
            values |= {
                f"{party}_name": owner,
                f"{party}_personal_number": f"19{rng.randint(40, 99)}{rng.randint(1, 12):02d}"
                f"{rng.randint(1, 28):02d}-{rng.randint(0, 9999):04d}",
                f"{party}_street": address.street,
                f"{party}_postcode": address.postcode,
                f"{party}_city": address.city,
            }
        for name, value in values.items():
            if name in columns:
                sheet.cell(row=row, column=columns[name], value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------- a round


async def _round(system: System, file: bytes, number: int) -> Round:
    result = Round()
    project_id, group_id = await _new_group(system, number + 1)
    job_id, case_ids = await _import(system, file, project_id, group_id, result)
    await _bulk_reject(system, project_id, job_id, case_ids, result)
    return result


async def _import(
    system: System, file: bytes, project_id: str, group_id: str, result: Round
) -> tuple[uuid.UUID, list[str]]:
    """The upload, timed until every case is in cases, on the job and in the read model: (job, cases)."""
    await _probes(system)  # forget what came before
    reset = [service.reset_peak() for service in system.services]  # every one, whatever the first says
    if not all(reset):
        print("  (the peak memory cannot be reset here: it counts from each service's start)")
    started = time.monotonic()
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    upload = await system.api.post(
        f"/projects/{project_id}/groups/{group_id}/imports",
        files={"file": ("adresser.xlsx", file, xlsx)},
        headers=system.installer,
    )
    accepted = time.monotonic()
    if upload.status_code != 202:
        raise RuntimeError(f"the import was refused: {upload.status_code} {upload.text[:2000]}")
    job_id = uuid.UUID(upload.json()["id"])
    committed, answered, read_model = await _follow(
        system,
        job_id,
        ('SELECT count(*) FROM "case" WHERE import_job_id = $1', (job_id,)),
        ("SELECT count(*) FROM project_case WHERE project_id = $1", (uuid.UUID(project_id),)),
    )
    result.peaks_mb = {service.spec.name: service.peak_mb() for service in system.services}
    job = await _finished_job(system, project_id, job_id, system.installer)
    result.probes = await _probes(system)
    spans = result.spans
    spans["upload answered 202"] = (0.0, accepted - started)
    for _, kind, label, begun, ended, _ in result.probes:
        if kind == "import":
            spans[f"  {label}"] = (begun - started, ended - started)
    spans["cases committed"] = (_at(committed.first_at, started), _at(committed.done_at, started))
    spans["job finished"] = (accepted - started, _at(answered.done_at, started))
    spans["read model caught up"] = (accepted - started, _at(read_model.done_at, started))
    return job_id, [item["case_id"] for item in job["items"]]


async def _bulk_reject(
    system: System, project_id: str, job_id: uuid.UUID, case_ids: list[str], result: Round
) -> None:
    """The DSO rejects every case the import made, timed until cases committed every change, the job
    has every answer and the read model shows every case rejected."""
    for service in system.services:
        service.reset_peak()
    started = time.monotonic()
    bulk = await system.api.post(
        f"/projects/{project_id}/bulk-actions",
        json={"action": "reject", "case_ids": case_ids, "reason": "Nätet har ingen kapacitet i området"},
        headers=system.handler,
    )
    accepted = time.monotonic()
    if bulk.status_code != 202:
        raise RuntimeError(f"the bulk action was refused: {bulk.status_code} {bulk.text[:2000]}")
    bulk_id = uuid.UUID(bulk.json()["id"])
    rejected, answered, delivered = await _follow(
        system,
        bulk_id,
        ("SELECT count(*) FROM \"case\" WHERE import_job_id = $1 AND status = 'rejected'", (job_id,)),
        (
            "SELECT count(*) FROM project_case WHERE project_id = $1 AND status = 'rejected'",
            (uuid.UUID(project_id),),
        ),
    )
    result.bulk_peaks_mb = {service.spec.name: service.peak_mb() for service in system.services}
    await _finished_job(system, project_id, bulk_id, system.handler)
    result.probes += await _probes(system)
    spans = result.spans
    spans["bulk answered 202"] = (0.0, accepted - started)
    spans["bulk committed"] = (_at(rejected.first_at, started), _at(rejected.done_at, started))
    spans["bulk job finished"] = (accepted - started, _at(answered.done_at, started))
    spans["bulk delivered"] = (accepted - started, _at(delivered.done_at, started))


async def _follow(
    system: System,
    job_id: uuid.UUID,
    in_cases: tuple[str, tuple[Any, ...]],
    in_read_model: tuple[str, tuple[Any, ...]],
) -> tuple[Milestone, Milestone, Milestone]:
    """Watch a job's ROWS cases counted in cases, answered on the job, counted in the read model."""
    milestones = (
        Milestone("cases", system.cases_db, *in_cases, ROWS),
        Milestone("job", system.projects_db, "SELECT done + failed FROM job WHERE id = $1", (job_id,), ROWS),
        Milestone("read model", system.projects_db, *in_read_model, ROWS),
    )
    await _watch(milestones)
    return milestones


def _at(moment: float | None, started: float) -> float:
    assert moment is not None, "_watch returns only when every milestone is reached"
    return moment - started


async def _finished_job(
    system: System, project_id: str, job_id: uuid.UUID, headers: dict[str, str]
) -> dict[str, Any]:
    """The job as its user sees it: finished, every item done (else the first failures are named)."""
    answer = await system.api.get(f"/projects/{project_id}/jobs/{job_id}", headers=headers)
    answer.raise_for_status()
    job: dict[str, Any] = answer.json()
    if not job["finished"] or job["done"] != ROWS:
        failures = [item for item in job["items"] if item["outcome"] != "done"][:5]
        raise RuntimeError(f"job {job_id}: done {job['done']}, failed {job['failed']}: {failures}")
    return job


async def _probes(system: System) -> list[tuple[str, str, str, float, float, int]]:
    taken = []
    for service in system.services:
        answer = await system.api.get(f"{service.url}/bench/probes")
        answer.raise_for_status()
        taken += [(service.spec.name, *record) for record in answer.json()["records"]]
    return taken


# ------------------------------------------------------------------------------------------- baselines


async def _raw(infra: Infrastructure, cases_db: asyncpg.Connection) -> Raw:
    """The import's own case rows and case.submitted.v1 records, written and sent without the services."""
    rows = await cases_db.fetch(
        'SELECT * FROM "case" WHERE import_job_id = (SELECT import_job_id FROM "case" '
        "WHERE import_job_id IS NOT NULL LIMIT 1)"
    )
    records = await cases_db.fetch(
        "SELECT key, envelope::text AS value, headers FROM outbox_message "
        "WHERE event_type = 'case.submitted.v1' ORDER BY id LIMIT $1",
        ROWS,
    )
    columns = ", ".join(f'"{name}"' for name in rows[0].keys())  # noqa: SIM118 - a Record iterates values
    values = ", ".join(f"${n}" for n in range(1, len(rows[0]) + 1))
    await cases_db.execute('CREATE TABLE bench_raw_case (LIKE "case" INCLUDING ALL)')
    insert = f"INSERT INTO bench_raw_case ({columns}) VALUES ({values})"  # noqa: S608 - our own names
    update = (
        "UPDATE bench_raw_case SET status = 'rejected', updated_at = $2, version = version + 1 "
        "WHERE id = $1 AND version = $3"
    )
    inserts, updates, sends = [], [], []
    try:
        for _ in range(RAW_ROUNDS):
            await cases_db.execute("TRUNCATE bench_raw_case")
            started = time.monotonic()
            async with cases_db.transaction():
                await cases_db.executemany(insert, [tuple(row.values()) for row in rows])
            inserts.append(time.monotonic() - started)
            started = time.monotonic()
            async with cases_db.transaction():
                await cases_db.executemany(
                    update, [(row["id"], row["updated_at"], row["version"]) for row in rows]
                )
            updates.append(time.monotonic() - started)
    finally:
        await cases_db.execute("DROP TABLE bench_raw_case")
    await _create_raw_topic(infra.kafka_bootstrap)
    for _ in range(RAW_ROUNDS):
        sends.append(await _produce_and_consume(infra.kafka_bootstrap, records))
    return Raw(inserts, updates, sends)


async def _create_raw_topic(bootstrap: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="bench-raw")
    await admin.start()
    try:
        if RAW_TOPIC not in await admin.list_topics():
            await admin.create_topics([NewTopic(RAW_TOPIC, CASES_CASES.partitions, 1)])
    finally:
        await admin.close()


async def _produce_and_consume(bootstrap: str, records: Sequence[asyncpg.Record]) -> float:
    """Seconds from the first send to the last of this round's records consumed (the consumer already
    assigned, so no group join is timed; it tells this round's records by a header)."""
    marker = uuid.uuid4().hex.encode()
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=False, linger_ms=0
    )
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await producer.start()
    await consumer.start()
    try:
        partitions = [TopicPartition(RAW_TOPIC, n) for n in range(CASES_CASES.partitions)]
        consumer.assign(partitions)
        await consumer.seek_to_end(*partitions)
        prepared = [
            (
                record["key"].encode(),
                record["value"].encode(),
                [("round", marker), *((k, str(v).encode()) for k, v in _headers(record["headers"]).items())],
            )
            for record in records
        ]
        started = time.monotonic()
        deliveries = [await producer.send(RAW_TOPIC, value=v, key=k, headers=h) for k, v, h in prepared]
        seen = 0
        deadline = started + TIMEOUT
        while seen < len(prepared) and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=200)
            for got in batch.values():
                seen += sum(1 for record in got if ("round", marker) in record.headers)
        await asyncio.gather(*deliveries)
        if seen < len(prepared):
            raise TimeoutError(f"raw Kafka: {seen} of {len(prepared)} records consumed")
        return time.monotonic() - started
    finally:
        await consumer.stop()
        await producer.stop()


def _headers(value: Any) -> dict[str, Any]:
    return dict(orjson.loads(value) if isinstance(value, str) else value or {})


# ------------------------------------------------------------------------------------------ the report


def _report(rounds: Sequence[Round], raw: Raw) -> None:
    raw_insert, raw_update, raw_kafka = (statistics.median(v) for v in (raw.insert, raw.update, raw.kafka))
    baseline = {
        "cases committed": raw_insert,
        "read model caught up": raw_kafka,
        "bulk committed": raw_update,
        "bulk delivered": raw_kafka,
    }
    print(
        f"project_jobs: {ROUNDS} rounds of an import of {ROWS:,} {CASE_TYPE} addresses ({DSO}, full demo "
        f"network) into a new project, then a DSO bulk reject of its {ROWS:,} cases; gis, cases and projects "
        f"as processes of their own; {os.cpu_count()} CPUs"
    )
    labels = list(rounds[0].spans)
    rows = []
    for label in labels:
        begun = statistics.median(r.spans[label][0] for r in rounds if label in r.spans)
        ended = [r.spans[label][1] for r in rounds if label in r.spans]
        base = baseline.get(label.strip())
        rows.append(
            [
                label,
                f"{begun:.2f}",
                f"{statistics.median(ended):.2f}",
                f"{min(ended):.2f}",
                f"{max(ended):.2f}",
                f"{statistics.median(ended) / base:.1f}" if base else "",
            ]
        )
    print_table(["seconds from the request", "from", "to (median)", "min", "max", "x raw"], rows)
    print(
        "x raw: the row's end over its baseline: cases committed over the raw INSERT, bulk committed over "
        "the raw UPDATE, read model and bulk delivered over raw Kafka produce + consume"
    )
    print(
        f"raw (medians of {RAW_ROUNDS}): asyncpg executemany INSERT of the {ROWS:,} case rows "
        f"{raw_insert:.2f} s, UPDATE of them {raw_update:.2f} s; aiokafka {ROWS:,} case.submitted.v1 records "
        f"produced and consumed {raw_kafka:.2f} s"
    )
    _report_probes(rounds)
    _report_targets(rounds)


@dataclass(frozen=True)
class Calls:
    """One round's calls of one probe."""

    items: int
    times: list[float]
    span: float  # the first call's start to the last one's end: `sum(times)` of it was spent inside

    @classmethod
    def of(cls, records: Sequence[tuple[float, float, int]]) -> "Calls":
        return cls(
            sum(count for _, _, count in records),
            [ended - begun for begun, ended, _ in records],
            max(ended for _, ended, _ in records) - min(begun for begun, _, _ in records),
        )


def _report_probes(rounds: Sequence[Round]) -> None:
    """Where the services spent the time: per kind of event handled, per relay; per round, medians."""
    per_round: dict[tuple[str, str], list[Calls]] = defaultdict(list)
    for result in rounds:
        grouped: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
        for service, kind, label, begun, ended, count in result.probes:
            if kind != "import":
                grouped[service, f"{kind}: {label}"].append((begun, ended, count))
        for key, records in grouped.items():
            per_round[key].append(Calls.of(records))
    rows = [
        [
            f"{service} {label}",
            f"{statistics.median(c.items for c in seen):,.0f}",
            f"{statistics.median(len(c.times) for c in seen):,.0f}",
            f"{statistics.median(statistics.median(c.times) for c in seen) * 1000:.1f}",
            f"{statistics.median(sum(c.times) for c in seen):.2f}",
            f"{statistics.median(c.span for c in seen):.2f}",
        ]
        for (service, label), seen in sorted(per_round.items())
    ]
    print("where the services' time went (per round, import and bulk action together; medians of rounds):")
    print_table(["", "items", "calls", "ms per call", "s in calls", "s first to last"], rows)


def _report_targets(rounds: Sequence[Round]) -> None:
    def verdict(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    finished = statistics.median(r.spans["job finished"][1] for r in rounds)
    peaks = {name: max(r.peaks_mb[name] for r in rounds) for name in rounds[0].peaks_mb}
    committed = statistics.median(r.spans["bulk committed"][1] for r in rounds)
    delivered = statistics.median(r.spans["bulk delivered"][1] for r in rounds)
    memory = ", ".join(f"{name} {mb:.0f} MB" for name, mb in peaks.items())
    bulk_memory = ", ".join(
        f"{name} {max(r.bulk_peaks_mb[name] for r in rounds):.0f} MB" for name in rounds[0].bulk_peaks_mb
    )
    print(f"peak resident memory, highest of the rounds: import {memory}; bulk action {bulk_memory}")
    rows = [
        [
            "import: upload -> job finished",
            f"< {IMPORT_TARGET_S:g} s",
            f"{finished:.1f} s",
            verdict(finished < IMPORT_TARGET_S),
        ],
        [
            "import: peak memory of each service",
            f"< {MEMORY_TARGET_MB:g} MB",
            f"{max(peaks.values()):.0f} MB",
            verdict(max(peaks.values()) < MEMORY_TARGET_MB),
        ],
        [
            "bulk: request -> all committed in cases",
            f"< {COMMIT_TARGET_S:g} s",
            f"{committed:.1f} s",
            verdict(committed < COMMIT_TARGET_S),
        ],
        [
            "bulk: request -> every event consumed",
            f"< {DELIVERY_TARGET_S:g} s",
            f"{delivered:.1f} s",
            verdict(delivered < DELIVERY_TARGET_S),
        ],
    ]
    print_table(["target (medians of rounds)", "target", "measured", ""], rows)
    print(f"load average after: {_load()}")


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())
