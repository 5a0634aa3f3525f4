"""A project job survives a crash of either service (issue 7): cases is SIGKILLed while it works through an
import's parts and projects while a bulk action is under way; once each is started again, every row has
exactly one case and every case was acted on exactly once — nothing done twice, nothing skipped."""

import asyncio
import io
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from cases.__main__ import MIGRATIONS_DIR as CASES_MIGRATIONS
from cases.adapters.uow import CasesUnitOfWork
from cases.service_layer.dso_settings import seed_demo_dsos
from gis.__main__ import MIGRATIONS_DIR as GIS_MIGRATIONS
from gis.adapters.uow import GISUnitOfWork
from gis.bootstrap import build_app as build_gis
from gis.config import GISSettings
from gis.service_layer.demo import seed_demo_network
from projects.__main__ import MIGRATIONS_DIR as PROJECTS_MIGRATIONS
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.infra import Infrastructure
from servicekit.testing.plugin import migrated_databases
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test
from servicekit.testing.tokens import TestTokenIssuer
from tests.e2e.system import SMALL_NETWORK

from .service_process import ServiceProcess

pytestmark = pytest.mark.integration

TOKENS = TestTokenIssuer()
DSO = "sundkraft"  # on the demo map, and takes the project types in the demo
ROWS = 600  # six parts of 100: long enough to be killed in the middle of
TEAM_ID, INSTALLER_ID = uuid.uuid4(), uuid.uuid4()


def installer() -> dict[str, str]:
    return TOKENS.headers(
        "installer", dso_id=DSO, team_id=TEAM_ID, user_id=INSTALLER_ID, name="Erik Svensson"
    )


@dataclass
class Services:
    cases: ServiceProcess
    projects: ServiceProcess
    cases_database: str
    addresses: list[dict[str, str]]

    def api(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.projects.url, timeout=60)


def _keys() -> FastAPI:
    """Identity's key set, as the services fetch it: our test issuer's."""
    app = FastAPI()

    @app.get("/.well-known/jwks.json")
    async def jwks() -> dict[str, Any]:
        return TOKENS.jwks()

    @app.get("/readyz")
    async def ready() -> dict[str, str]:
        return {"status": "ready"}

    return app


@pytest.fixture(scope="module")
async def services(infra: Infrastructure) -> AsyncIterator[Services]:
    async with migrated_databases(infra) as databases, running_app(_keys()) as keys_url:
        jwks_url = f"{keys_url}/.well-known/jwks.json"
        gis_settings = settings_for_test(
            GISSettings, infra, await databases("gis", GIS_MIGRATIONS), identity_jwks_url=jwks_url
        )
        engine = make_engine(gis_settings.database_url, pool_size=1)
        await seed_demo_network(
            GISUnitOfWork(make_session_factory(engine), source="gis"), generate=SMALL_NETWORK
        )
        await engine.dispose()
        cases_database = await databases("cases", CASES_MIGRATIONS)
        engine = make_engine(cases_database, pool_size=1)
        await seed_demo_dsos(CasesUnitOfWork(make_session_factory(engine), source="cases"))
        await engine.dispose()
        async with running_app(build_gis(gis_settings)) as gis_url:
            cases = ServiceProcess(
                "cases",
                infra,
                cases_database,
                gis_url=gis_url,
                identity_jwks_url=jwks_url,
                draft_expiry_interval_seconds=0,
            )
            projects = ServiceProcess(
                "projects",
                infra,
                await databases("projects", PROJECTS_MIGRATIONS),
                cases_url=cases.url,
                gis_url=gis_url,
                identity_jwks_url=jwks_url,
            )
            await asyncio.gather(cases.start(), projects.start())
            try:
                yield Services(cases, projects, cases_database, await _addresses(gis_url))
            finally:
                await asyncio.gather(cases.stop(), projects.stop())


async def _addresses(gis_url: str) -> list[dict[str, str]]:
    """ROWS addresses in the DSO's area that GIS finds exactly, asked of GIS as the import will."""
    written: dict[str, dict[str, str]] = {}
    for address in SMALL_NETWORK().addresses:
        street = f"{address.street} {address.number}"
        written.setdefault(street, {"street": street, "postcode": address.postcode, "city": address.town})
    candidates = list(written.values())[: ROWS * 4]
    async with httpx.AsyncClient(base_url=gis_url, timeout=60) as client:
        answer = await client.post(
            "/addresses/resolve",
            json={"addresses": [{"ref": str(at), **one} for at, one in enumerate(candidates)]},
            headers=installer(),
        )
    assert answer.status_code == 200, answer.text
    found = [
        candidates[int(result["ref"])]
        for result in answer.json()["results"]
        if result["status"] == "found" and result["grid_area"]["dso_id"] == DSO
    ]
    assert len(found) >= ROWS, f"only {len(found)} addresses of {DSO} found"
    return found[:ROWS]


def _values(address: dict[str, str]) -> dict[str, str]:
    party = {"name": "Brf Solgården", "personal_number": "19800101-1234", **address}
    return {
        **address,
        "main_fuse": "35",
        "number_of_units": "6",
        **{f"{who}_{name}": value for who in ("owner", "payer") for name, value in party.items()},
    }


async def _filled_template(api: httpx.AsyncClient, group_url: str, addresses: list[dict[str, str]]) -> bytes:
    template = await api.get(f"{group_url}/template", headers=installer())
    assert template.status_code == 200, template.text
    workbook = load_workbook(io.BytesIO(template.content))
    sheet = workbook.worksheets[0]
    assert isinstance(sheet, Worksheet)
    column_of = {cell.value: cell.column for cell in sheet[2] if cell.value}  # row 2: the fields' names
    for row, address in enumerate(addresses, start=3):
        for name, value in _values(address).items():
            sheet.cell(row=row, column=column_of[name], value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def _job(api: httpx.AsyncClient, project_id: str, job_id: str) -> dict[str, Any]:
    answer = await api.get(f"/projects/{project_id}/jobs/{job_id}", headers=installer())
    assert answer.status_code == 200, answer.text
    job: dict[str, Any] = answer.json()
    return job


async def _when(api: httpx.AsyncClient, project_id: str, job_id: str, done: int, timeout: float = 120) -> Any:
    """The job once at least `done` of its items are done or failed."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        job = await _job(api, project_id, job_id)
        if job["done"] + job["failed"] >= done:
            return job
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"the job stopped at {job['done']} done, {job['failed']} failed of {done}")
        await asyncio.sleep(0.05)


async def _count(database_url: str, query: str, **params: Any) -> int:
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            return int((await connection.execute(text(query), params)).scalar_one())
    finally:
        await engine.dispose()


async def test_cases_killed_mid_import_makes_each_row_once_after_restart(services: Services) -> None:
    async with services.api() as api:
        project = (await api.post("/projects", json={"name": "Solgården"}, headers=installer())).json()
        group = await api.post(
            f"/projects/{project['id']}/groups",
            json={"name": "Hus 1–600", "case_type": "row_houses"},
            headers=installer(),
        )
        assert group.status_code == 201, group.text
        group_url = f"/projects/{project['id']}/groups/{group.json()['id']}"
        workbook = await _filled_template(api, group_url, services.addresses)
        upload = await api.post(
            f"{group_url}/imports",
            files={"file": ("solgarden.xlsx", workbook, "application/octet-stream")},
            headers=installer(),
        )
        assert upload.status_code == 202, upload.text
        job_id = upload.json()["id"]

        midway = await _when(api, project["id"], job_id, done=1)
        await services.cases.kill()
        assert midway["done"] < ROWS, "cases finished before it could be killed: make the job longer"
        await services.cases.start()
        finished = await _when(api, project["id"], job_id, done=ROWS)

    assert (finished["done"], finished["failed"], finished["finished"]) == (ROWS, 0, True)
    assert {item["outcome"] for item in finished["items"]} == {"done"}
    assert len({item["case_id"] for item in finished["items"]}) == ROWS
    made = await _count(
        services.cases_database, 'SELECT count(*) FROM "case" WHERE import_job_id = :job', job=job_id
    )
    assert made == ROWS  # the part cases was in the middle of when it died was made again, not twice


async def test_projects_killed_mid_bulk_action_acts_on_each_case_once_after_restart(
    services: Services,
) -> None:
    async with services.api() as api:
        project = (
            await api.post("/projects", json={"name": "Solgården etapp 2"}, headers=installer())
        ).json()
        group = await api.post(
            f"/projects/{project['id']}/groups",
            json={"name": "Hus", "case_type": "row_houses"},
            headers=installer(),
        )
        group_url = f"/projects/{project['id']}/groups/{group.json()['id']}"
        workbook = await _filled_template(api, group_url, services.addresses[: ROWS // 2])
        upload = await api.post(
            f"{group_url}/imports",
            files={"file": ("etapp2.xlsx", workbook, "application/octet-stream")},
            headers=installer(),
        )
        assert upload.status_code == 202, upload.text
        imported = await _when(api, project["id"], upload.json()["id"], done=ROWS // 2)
        case_ids = [item["case_id"] for item in imported["items"]]
        await _until_listed(api, project["id"], len(case_ids))

        cancel = await api.post(
            f"/projects/{project['id']}/bulk-actions",
            json={"action": "cancel", "case_ids": case_ids},
            headers=installer(),
        )
        assert cancel.status_code == 202, cancel.text
        # Killed at once: the parts may or may not have left its outbox, no answer is recorded yet.
        await services.projects.kill()
        await services.projects.start()
        finished = await _when(api, project["id"], cancel.json()["id"], done=len(case_ids))

    assert (finished["done"], finished["failed"]) == (len(case_ids), 0)
    cancelled = await _count(
        services.cases_database,
        "SELECT count(*) FROM case_history"
        " WHERE to_status = 'cancelled' AND case_id = ANY(CAST(:ids AS uuid[]))",
        ids=case_ids,
    )
    assert cancelled == len(case_ids)  # one step per case: none cancelled twice, none skipped


async def _until_listed(api: httpx.AsyncClient, project_id: str, count: int, timeout: float = 60) -> None:
    """The project's read model holds every case as sent (bulk actions are checked against it)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        project = (await api.get(f"/projects/{project_id}", headers=installer())).json()
        if len([case for case in project["cases"] if case["status"] == "submitted"]) >= count:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"the project lists {len(project['cases'])} of {count} cases")
        await asyncio.sleep(0.1)
