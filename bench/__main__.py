"""`python -m bench [name ...]`: start the local infrastructure once, run all or the named benchmarks."""

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from bench import REPOSITORY_ROOT, cases_list, gis_api, gis_indexes, outbox_relay, project_jobs
from servicekit.infra import Infrastructure, InfrastructureError
from servicekit.infra.resolver import LocalInfrastructure

BENCHMARKS: dict[str, Callable[[Infrastructure], None]] = {
    "outbox_relay": outbox_relay.run,
    "gis_api": gis_api.run,
    "cases_list": cases_list.run,
    "project_jobs": project_jobs.run,
}
IN_MEMORY: dict[str, Callable[[], None]] = {  # need no infrastructure: run without starting it
    "gis_indexes": gis_indexes.run,
}


def main(argv: Sequence[str] | None = None) -> int:
    known = [*BENCHMARKS, *IN_MEMORY]
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "names", nargs="*", metavar="name", help=f"benchmarks to run (default: all): {', '.join(known)}"
    )
    names: list[str] = parser.parse_args(argv).names or known
    if unknown := [name for name in names if name not in known]:
        parser.error(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(known)}")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if in_memory := [name for name in names if name in IN_MEMORY]:
        print(f"in memory: {os.cpu_count()} CPUs, load average {_load()}")
    for name in in_memory:
        print()
        IN_MEMORY[name]()
    names = [name for name in names if name in BENCHMARKS]
    if not names:
        return 0

    # From the main thread: embedded servers are tied to the thread that forks them.
    local = LocalInfrastructure(REPOSITORY_ROOT / ".data" / "bench", allow_containers=False)
    try:
        infra = local.start()
    except InfrastructureError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    try:
        sources = ", ".join(f"{name} {source}" for name, source in infra.sources.items())
        print(f"infrastructure: {sources}; {os.cpu_count()} CPUs, load average {_load()}")
        for name in names:
            print()
            BENCHMARKS[name](infra)
    finally:
        local.stop()
    return 0


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
