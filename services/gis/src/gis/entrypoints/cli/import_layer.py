"""`python -m gis.entrypoints.cli.import_layer <layer> <file.geojson> [--epsg 3006]`: replace one map layer
with a GeoJSON FeatureCollection, all or nothing. Every bad feature is listed; nothing is written then.
Running services load the new layer when they next start (a rebuild event is future work, ADR 0004)."""

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gis.adapters.uow import GISUnitOfWork
from gis.config import GISSettings
from gis.domain.features import Layer
from gis.domain.geojson_layers import LayerRejected
from gis.service_layer.import_layers import import_layer
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.serve import ConfigurationError, load_settings


async def run(settings: GISSettings, layer: Layer, collection: Any, epsg: int | None) -> int:
    engine = make_engine(settings.database_url, pool_size=1)
    try:
        uow = GISUnitOfWork(make_session_factory(engine), source=settings.service_name)
        return await import_layer(uow, layer, collection, epsg=epsg)
    finally:
        await engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gis.entrypoints.cli.import_layer", description=__doc__)
    parser.add_argument("layer", choices=[str(layer) for layer in Layer])
    parser.add_argument("file", type=Path)
    parser.add_argument("--epsg", type=int, help="the file's CRS when it does not say (3006 or 4326)")
    args = parser.parse_args(argv)
    try:
        collection = json.loads(args.file.read_bytes())
        count = asyncio.run(run(load_settings(GISSettings), Layer(args.layer), collection, args.epsg))
    except ConfigurationError as error:
        print(f"gis: {error}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        if isinstance(error, LayerRejected):
            for problem in error.errors:
                where = "the file" if problem.index is None else f"feature {problem.index}"
                print(f"{where}: {problem.field}: {problem.message}", file=sys.stderr)
            print(f"nothing imported: {len(error.errors)} problem(s)", file=sys.stderr)
        else:
            print(f"gis: cannot read {args.file}: {error}", file=sys.stderr)
        return 1
    print(f"{args.layer}: {count} features imported")
    return 0


if __name__ == "__main__":
    sys.exit(main())
