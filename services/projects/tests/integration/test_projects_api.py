"""Projects and groups over HTTP: installers make, name, rename and delete (only empty) projects and groups
of the project case types their grid company takes; nobody outside the team learns a project exists."""

import uuid

import httpx
import pytest

from servicekit.testing.tokens import TestTokenIssuer

from .conftest import Team, dso_staff

pytestmark = pytest.mark.integration


async def new_project(api: httpx.AsyncClient, team: Team, name: str = "Kv. Solrosen") -> dict:
    created = await api.post("/projects", json={"name": name}, headers=team.installer())
    assert created.status_code == 201, created.text
    project: dict = created.json()
    return project


async def test_an_installer_makes_names_and_renames_a_project_and_lists_it(
    projects_api: httpx.AsyncClient,
) -> None:
    team = Team()
    project = await new_project(projects_api, team, "  Kv.   Solrosen  ")
    assert project["name"] == "Kv. Solrosen"
    assert project["dso_id"] == "kystnet"

    renamed = await projects_api.patch(
        f"/projects/{project['id']}",
        json={"name": "Kv. Solrosen etapp 2", "version": 1},
        headers=team.installer(),
    )
    assert renamed.status_code == 200, renamed.text
    stale = await projects_api.patch(
        f"/projects/{project['id']}", json={"name": "Annat", "version": 1}, headers=team.installer()
    )
    assert stale.status_code == 409
    listed = await projects_api.get("/projects", headers=team.installer())
    assert [found["name"] for found in listed.json()] == ["Kv. Solrosen etapp 2"]


async def test_bad_names_are_refused_naming_the_field(projects_api: httpx.AsyncClient) -> None:
    team = Team()
    for name in ("   ", "x" * 101):
        refused = await projects_api.post("/projects", json={"name": name}, headers=team.installer())
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == "name"
    assert (await projects_api.get("/projects", headers=team.installer())).json() == []


async def test_groups_take_one_project_case_type_the_grid_company_takes(
    projects_api: httpx.AsyncClient,
) -> None:
    team = Team()
    project = await new_project(projects_api, team)
    types = await projects_api.get("/project-case-types", headers=team.installer())
    assert {found["code"] for found in types.json()} == {
        "commercial",
        "row_houses",
        "apartment",
        "care_housing",
    }

    url = f"/projects/{project['id']}/groups"
    houses = await projects_api.post(
        url, json={"name": "Hus A–D", "case_type": "row_houses"}, headers=team.installer()
    )
    assert houses.status_code == 201, houses.text
    flats = await projects_api.post(
        url, json={"name": "Hus E", "case_type": "apartment"}, headers=team.installer()
    )
    assert flats.status_code == 201
    not_project_type = await projects_api.post(
        url, json={"name": "Säkringar", "case_type": "fuse_change"}, headers=team.installer()
    )
    assert not_project_type.status_code == 422
    assert not_project_type.json()["errors"][0]["field"] == "case_type"

    detail = (await projects_api.get(f"/projects/{project['id']}", headers=team.installer())).json()
    assert [(group["name"], group["case_type"]) for group in detail["groups"]] == [
        ("Hus A–D", "row_houses"),
        ("Hus E", "apartment"),
    ]
    assert detail["actions"] == ["ready_for_meter", "cancel", "change_installer"]


async def test_only_empty_groups_and_projects_are_deleted(projects_api: httpx.AsyncClient) -> None:
    team = Team()
    project = await new_project(projects_api, team)
    group = (
        await projects_api.post(
            f"/projects/{project['id']}/groups",
            json={"name": "Hus A", "case_type": "row_houses"},
            headers=team.installer(),
        )
    ).json()

    with_group = await projects_api.delete(f"/projects/{project['id']}", headers=team.installer())
    assert with_group.status_code == 409
    assert "groups" in with_group.json()["detail"]
    deleted_group = await projects_api.delete(
        f"/projects/{project['id']}/groups/{group['id']}", headers=team.installer()
    )
    assert deleted_group.status_code == 204
    assert (
        await projects_api.delete(f"/projects/{project['id']}", headers=team.installer())
    ).status_code == 204
    assert (await projects_api.get(f"/projects/{project['id']}", headers=team.installer())).status_code == 404


async def test_nobody_outside_the_team_sees_or_changes_a_project(projects_api: httpx.AsyncClient) -> None:
    team, other_team = Team(), Team()
    project = await new_project(projects_api, team)
    url = f"/projects/{project['id']}"
    outsiders = {
        "another team": other_team.installer(),
        "the DSO, before the project has cases there": dso_staff("kystnet"),
        "another DSO": dso_staff("sundkraft", "dso_admin"),
    }
    for who, headers in outsiders.items():
        assert (await projects_api.get(url, headers=headers)).status_code == 404, who
        renamed = await projects_api.patch(url, json={"name": "Mitt", "version": 1}, headers=headers)
        assert renamed.status_code == 404, who
        grouped = await projects_api.post(
            f"{url}/groups", json={"name": "G", "case_type": "row_houses"}, headers=headers
        )
        assert grouped.status_code == 404, who
        assert (await projects_api.delete(url, headers=headers)).status_code == 404, who
        assert project["id"] not in {
            found["id"] for found in (await projects_api.get("/projects", headers=headers)).json()
        }
    dso_made = await projects_api.post("/projects", json={"name": "DSO:s"}, headers=dso_staff("kystnet"))
    assert dso_made.status_code == 403
    assert (await projects_api.get("/projects")).status_code == 401
    assert (
        await projects_api.get(url, headers=TestTokenIssuer().headers("installer", team_id=team.id))
    ).status_code == 401
    assert (await projects_api.get(url, headers=team.installer())).json()["name"] == project["name"]
    assert uuid.UUID(project["id"])
