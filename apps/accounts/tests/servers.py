"""Real servers for the sign-in tests: Debian's slapd, and the local OpenID Connect provider in
`oidc_provider/`, each on a free 127.0.0.1 port with its files in a temporary folder, stopped afterwards."""

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[3]
SLAPD = "/usr/sbin/slapd"
SLAPADD = "/usr/sbin/slapadd"
LDAP_SUFFIX = "dc=khedmat,dc=test"
LDAP_ADMIN_DN = f"cn=admin,{LDAP_SUFFIX}"
LDAP_ADMIN_PASSWORD = "Admin-Ramz-1405"
LDAP_PEOPLE = f"ou=people,{LDAP_SUFFIX}"
LDAP_GROUPS = f"ou=groups,{LDAP_SUFFIX}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(what: str, ready, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"{what} exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}"
            )
        if ready():
            return
        time.sleep(0.2)
    process.kill()
    pytest.fail(f"{what} did not answer in {seconds} s:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _ldif_line(name: str, value: str) -> str:
    # LDIF carries anything but plain ASCII (Persian names) in base64, after a double colon.
    if value.isascii():
        return f"{name}: {value}"
    return f"{name}:: {base64.b64encode(value.encode()).decode()}"


def ldif(entries: list[tuple[str, dict[str, list[str] | str]]]) -> str:
    blocks = []
    for dn, attrs in entries:
        lines = [_ldif_line("dn", dn)]
        for name, values in attrs.items():
            for value in [values] if isinstance(values, str) else values:
                lines.append(_ldif_line(name, value))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


class LdapServer:
    """slapd with an mdb database under `folder`, configured by a slapd.conf (-f) and loaded with slapadd."""

    def __init__(self, folder: Path, entries: list):
        self.folder = folder
        self.port = free_port()
        self.uri = f"ldap://127.0.0.1:{self.port}"
        self.entries = entries
        self.process = None

    def start(self) -> None:
        for tool in (SLAPD, SLAPADD):
            if not os.path.exists(tool):
                pytest.fail(f"the LDAP tests need Debian's slapd ({tool}): apt-get install slapd ldap-utils")
        data = self.folder / "data"
        data.mkdir()
        conf = self.folder / "slapd.conf"
        conf.write_text(
            "\n".join(
                [
                    *(
                        f"include /etc/ldap/schema/{s}.schema"
                        for s in ("core", "cosine", "inetorgperson", "nis")
                    ),
                    f"pidfile {self.folder / 'slapd.pid'}",
                    "modulepath /usr/lib/ldap",
                    "moduleload back_mdb",
                    "database mdb",
                    "maxsize 10485760",
                    f'suffix "{LDAP_SUFFIX}"',
                    f'rootdn "{LDAP_ADMIN_DN}"',
                    f"rootpw {LDAP_ADMIN_PASSWORD}",
                    f"directory {data}",
                    # Each person may bind as themself; the desk's service account reads everyone.
                    "access to attrs=userPassword by anonymous auth by self write by * none",
                    "access to * by * read",
                    "",
                ]
            )
        )
        loaded = self.folder / "entries.ldif"
        loaded.write_text(ldif(self.entries))
        subprocess.run([SLAPADD, "-f", str(conf), "-l", str(loaded)], check=True, capture_output=True)
        log = self.folder / "slapd.log"
        # -d keeps slapd in the foreground, where terminate() stops it.
        self.process = subprocess.Popen(
            [SLAPD, "-f", str(conf), "-h", f"{self.uri}/", "-d", "0"],
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        _wait("slapd", self._answers, self.process, log)

    def _answers(self) -> bool:
        import ldap

        try:
            connection = ldap.initialize(self.uri)
            connection.simple_bind_s(LDAP_ADMIN_DN, LDAP_ADMIN_PASSWORD)
            connection.unbind_s()
            return True
        except ldap.LDAPError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)


class OidcProvider:
    """django-oauth-toolkit with OIDC on (`oidc_provider/`), served by gunicorn, signing with an RSA key
    made here. `people` (username → password and claims) may change between tests: it is read per request."""

    client_id = "khedmat-desk"
    client_secret = "the-desk-secret-" + "s" * 32

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.seed = folder / "seed.json"
        self.process = None

    def endpoint(self, name: str) -> str:
        return f"{self.url}/o/{name}/"

    def people(self, people: dict) -> None:
        """Who may sign in at the provider: {username: {"password": …, "claims": {…}}}."""
        self.seed.write_text(
            json.dumps(
                {
                    "client": {
                        "id": self.client_id,
                        "secret": self.client_secret,
                        "redirect_uris": [
                            "http://127.0.0.1/accounts/oidc/callback/",
                            "http://localhost/accounts/oidc/callback/",
                        ],
                    },
                    "people": people,
                },
                ensure_ascii=False,
            )
        )

    def start(self) -> None:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        key_file = self.folder / "signing-key.pem"
        key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        self.people({})
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))},
            "DJANGO_SETTINGS_MODULE": "apps.accounts.tests.oidc_provider.settings",
            "OIDC_PROVIDER_DB": str(self.folder / "provider.sqlite3"),
            "OIDC_PROVIDER_KEY": str(key_file),
            "OIDC_PROVIDER_SEED": str(self.seed),
            "PYTHONPATH": str(ROOT),
        }
        log = self.folder / "provider.log"
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
        self.process = subprocess.Popen(
            [
                gunicorn,
                "apps.accounts.tests.oidc_provider.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                "4",
                "--timeout",
                "60",
                "--config",
                "/dev/null",
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        _wait("the OpenID Connect provider", self._answers, self.process, log)

    def _answers(self) -> bool:
        try:
            return (
                requests.get(f"{self.url}/o/.well-known/openid-configuration", timeout=2).status_code == 200
            )
        except requests.RequestException:
            return False

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)

    def sign_in(self, authorize_url: str, username: str, password: str) -> str:
        """What a browser does at the provider: open the authorize address, sign in on its page, and come
        back with the address the provider sends the browser to (the desk's callback, with a code)."""
        session = requests.Session()
        page = session.get(authorize_url, timeout=10)
        assert page.status_code == 200 and "Province single sign-on" in page.text, page.text[:500]
        answer = session.post(
            page.url,
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": session.cookies["provider_csrftoken"],
            },
            allow_redirects=False,
            timeout=10,
        )
        assert answer.status_code == 302, answer.text[:500]
        authorized = session.get(self.url + answer.headers["Location"], allow_redirects=False, timeout=10)
        assert authorized.status_code == 302, authorized.text[:500]
        return authorized.headers["Location"]
