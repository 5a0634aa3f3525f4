"""An operator replaces a layer from a GeoJSON file with the import command; a bad file changes nothing
and every problem is printed."""

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest

from gis.config import GISSettings

from .conftest import UowFactory
from .layer_helpers import collection, facility_properties, grid_areas

pytestmark = pytest.mark.integration


async def import_file(settings: GISSettings, *args: str) -> tuple[int, str, str]:
    env = {
        **os.environ,
        "GIS_DATABASE_URL": settings.database_url,
        "GIS_KAFKA_BOOTSTRAP": settings.kafka_bootstrap,
        "GIS_REDIS_URL": settings.redis_url,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "gis.entrypoints.cli.import_layer",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    return process.returncode or 0, out.decode(), err.decode()


async def test_a_layer_file_in_sweref_is_imported_and_a_bad_one_changes_nothing(
    gis_settings: GISSettings, uow_factory: UowFactory, tmp_path: Path
) -> None:
    good = tmp_path / "natomraden.geojson"
    good.write_text(json.dumps(grid_areas(3006)))
    bad = tmp_path / "anlaggningar.geojson"
    bad.write_text(
        json.dumps(
            collection(
                [
                    {
                        "type": "Feature",
                        "geometry": grid_areas(4326)["features"][0]["geometry"],
                        "properties": facility_properties(),
                    },
                    {"type": "Feature", "geometry": None, "properties": facility_properties(ean="123")},
                ],
                4326,
            )
        )
    )

    imported = await import_file(gis_settings, "grid_areas", str(good), "--epsg", "3006")
    refused = await import_file(gis_settings, "facilities", str(bad))

    assert imported[0] == 0, imported
    assert "grid_areas: 2 features imported" in imported[1]
    async with uow_factory() as uow:
        assert [area.name for area in sorted(await uow.grid_areas.all(), key=lambda a: a.id)] == [
            "Öster",
            "Väster",
        ]
        assert await uow.facilities.count() == 0
    assert refused[0] == 1
    assert "feature 0: geometry" in refused[2]
    assert "feature 1:" in refused[2]
    assert "nothing imported" in refused[2]
