"""Installs the portal's browser libraries from the npm registry into static/vendor.

Run by `make install` (so by `make up` and `make test`). The versions and their sha512 integrity come
from web/package-lock.json (kept with `npm install` by whoever upgrades a library); this script needs no
Node.js: it downloads each locked tarball, checks its integrity and copies the files the portal serves.
A page never loads code from a CDN at run time. Re-runs are free while the lock file is unchanged.
"""

import base64
import hashlib
import io
import json
import os
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path, PurePosixPath

GATEWAY = Path(__file__).resolve().parents[1]
LOCK_FILE = GATEWAY / "web" / "package-lock.json"
VENDOR = GATEWAY / "src" / "gateway" / "static" / "vendor"
STAMP = VENDOR / ".package-lock.sha256"
REGISTRY = os.environ.get("PORTAL_NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")

# package -> the files or directories (inside the package) the portal serves from vendor/<package>/
ASSETS: dict[str, list[str]] = {
    "leaflet": ["dist/leaflet.js", "dist/leaflet.css", "dist/images"],
}


def main() -> int:
    lock_bytes = LOCK_FILE.read_bytes()
    lock_hash = hashlib.sha256(lock_bytes).hexdigest()
    if STAMP.exists() and STAMP.read_text() == lock_hash:
        return 0
    locked = json.loads(lock_bytes)["packages"]
    staging = VENDOR.with_name("vendor.partial")
    shutil.rmtree(staging, ignore_errors=True)
    for package, paths in ASSETS.items():
        entry = locked[f"node_modules/{package}"]
        tarball = _download(package, entry["version"], entry["integrity"])
        _extract(tarball, paths, staging / package)
    (staging / STAMP.name).write_text(lock_hash)
    shutil.rmtree(VENDOR, ignore_errors=True)
    staging.rename(VENDOR)  # never a half-installed vendor directory
    print(f"portal assets installed in {VENDOR.relative_to(GATEWAY.parents[1])}")
    return 0


def _download(package: str, version: str, integrity: str) -> bytes:
    url = f"{REGISTRY}/{package}/-/{package.rsplit('/', 1)[-1]}-{version}.tgz"
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - a fixed https registry
        data: bytes = response.read()
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise SystemExit(f"{url}: integrity mismatch (lock file says {integrity})")
    return data


def _extract(tarball: bytes, paths: list[str], target: Path) -> None:
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            inside = PurePosixPath(*PurePosixPath(member.name).parts[1:])  # drop npm's "package/"
            for wanted in paths:
                if member.isfile() and (inside == PurePosixPath(wanted) or inside.is_relative_to(wanted)):
                    relative = inside.relative_to(PurePosixPath(wanted).parent)
                    destination = target / relative
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    source = archive.extractfile(member)
                    assert source is not None
                    destination.write_bytes(source.read())


if __name__ == "__main__":
    sys.exit(main())
