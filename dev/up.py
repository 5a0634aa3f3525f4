"""`make up`: the whole installer portal locally, on embedded infrastructure unless PORTAL_* URLs say
otherwise. Ctrl-C stops everything."""

import argparse
import secrets
import sys
from pathlib import Path

from identity.service_layer.demo import DEMO_LOGINS, DEMO_PASSWORD
from servicekit.devrun import ServiceSpec, System
from servicekit.infra import Infrastructure, InfrastructureError

ROOT = Path(__file__).resolve().parents[1]

SERVICES = (
    ServiceSpec("identity", 8001, seed_commands=("seed-demo",)),
    ServiceSpec("cases", 8002, seed_commands=("seed-demo",)),
    ServiceSpec("projects", 8003),
    ServiceSpec("notifications", 8004),
    ServiceSpec("gis", 8005, seed_commands=("seed-demo",)),
    ServiceSpec("gateway", 8000),
)

DEMO_DSOS = "Sundkraft Elnät AB (sundkraft), Kullabygdens Energi AB (kullabygden), Kystnet A/S (kystnet)"


def persistent_secret(path: Path) -> str:
    """A dev-only secret kept under .data/, so browser sessions survive a restart."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=ROOT / ".data" / "dev")
    args = parser.parse_args()
    system = System(SERVICES, args.data_dir)
    try:
        infra = system.start(lambda infra: _extra_env(infra, args.data_dir))
    except InfrastructureError as error:
        system.stop()
        print(f"make up: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        system.stop()
        return 130
    try:
        smtp = f"{infra.smtp_host}:{infra.smtp_port}"
        mail_page = "http://127.0.0.1:8000/dev/mail" if infra.mailbox_dir else f"your SMTP server at {smtp}"
        print(
            "\nThe installer portal is ready:  http://127.0.0.1:8000\n"
            f"  Demo grid companies: {DEMO_DSOS}\n"
            f"  Demo logins (password {DEMO_PASSWORD}):\n{demo_logins()}\n"
            f"  Mail sent by the system: {mail_page}\n"
            f"  Infrastructure: {', '.join(f'{k} {v}' for k, v in infra.sources.items())}\n"
            f"  Logs: {args.data_dir / 'logs'}\n"
            "Ctrl-C stops everything.",
            flush=True,
        )
        reason = system.wait()
        print(f"\nStopping ({reason}) …", flush=True)
    finally:
        system.stop()
    print("Stopped.", flush=True)
    return 0


def demo_logins() -> str:
    return "\n".join(
        f"    {login.email:<34} {login.role.value:<11} {login.first_name} {login.last_name}, {login.dso_id}"
        for login in DEMO_LOGINS
    )


def _extra_env(infra: Infrastructure, data_dir: Path) -> dict[str, dict[str, str]]:
    gateway = {"GATEWAY_SESSION_SECRET": persistent_secret(data_dir / "gateway-session-secret")}
    if infra.mailbox_dir:
        gateway["GATEWAY_MAILBOX_DIR"] = str(infra.mailbox_dir)
    return {
        "identity": {"IDENTITY_DEV_KEY_DIR": str(data_dir / "identity")},
        "gateway": gateway,
        "notifications": {
            "NOTIFICATIONS_SMTP_HOST": infra.smtp_host,
            "NOTIFICATIONS_SMTP_PORT": str(infra.smtp_port),
        },
    }


if __name__ == "__main__":
    sys.exit(main())
