"""The production recipe as written: deploy/run-asgi.sh (uvicorn workers on a unix socket,
CIMAISE_PRODUCTION=1, PostgreSQL and Redis) behind nginx running deploy/nginx-cimaise.conf.

A member logs in for real through it, a password reset goes out, and the login limits count the
address nginx saw, whatever X-Forwarded-For or X-Real-IP the client sends.
"""

import datetime
import http.client
import os
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
import redis
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils.html import escape

from tests import factories
from tests.services.conftest import ROOT, free_port, pg_test_url

HOST = "cimaise.example.org"  # server_name of the recipe, sent as Host like a browser would
NGINX_SETUP = "nginx is needed: `make test` installs it (scripts/services.sh, Debian's nginx)"


def find_nginx() -> str:
    found = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(path, os.X_OK)),
        None,
    )
    if found is None:
        pytest.fail(f"nginx is not installed. {NGINX_SETUP}.")
    if not Path("/etc/nginx/mime.types").exists():
        pytest.fail(f"/etc/nginx/mime.types is missing. {NGINX_SETUP}.")
    return found


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for HOST, in place of the recipe's certbot one."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def recipe_site(
    *, socket: Path, http_port: int, https_port: int, cert: Path, key: Path, static: Path
) -> str:
    """deploy/nginx-cimaise.conf with only its machine-specific paths and ports replaced; every
    proxy and cache directive is the recipe's own."""
    site = (ROOT / "deploy/nginx-cimaise.conf").read_text()
    replacements = [
        (r"unix:/run/cimaise/asgi\.sock", f"unix:{socket}"),
        (r"listen 80;", f"listen 127.0.0.1:{http_port};"),
        (r"listen 443 (ssl[^;]*);", rf"listen 127.0.0.1:{https_port} \1;"),
        (r"\n\s*listen \[::\]:80;", ""),  # IPv6 loopback may be missing on the test machine
        (r"\n\s*listen \[::\]:443 [^;]*;", ""),
        (r"/etc/letsencrypt/live/cimaise\.example\.org/fullchain\.pem", str(cert)),
        (r"/etc/letsencrypt/live/cimaise\.example\.org/privkey\.pem", str(key)),
        (r"alias /var/lib/cimaise/static/;", f"alias {static}/;"),
        (r"root /var/www/letsencrypt;", f"root {static.parent / 'acme'};"),
    ]
    for pattern, replacement in replacements:
        site, count = re.subn(pattern, replacement, site)
        if count != 1:
            pytest.fail(
                f"deploy/nginx-cimaise.conf no longer has {pattern!r} once ({count} found): "
                "update recipe_site() in this test along with the recipe."
            )
    return site


@dataclass
class Page:
    status: int
    text: str
    headers: http.client.HTTPMessage

    def csrf_token(self) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.text)
        assert found, f"no CSRF token in the page (status {self.status}):\n{self.text[:2000]}"
        return found.group(1)

    def cache_directives(self) -> set[str]:
        values = ",".join(self.headers.get_all("Cache-Control") or [])
        return {part.strip().split("=")[0].lower() for part in values.split(",") if part.strip()}


@dataclass
class Browser:
    """One person's browser: keeps its cookies, speaks HTTPS to nginx from `address` (any
    127.x.y.z: another office, as far as nginx can tell), follows no redirect."""

    port: int
    address: str = "127.0.0.1"
    cookies: dict = field(default_factory=dict)

    def get(self, path: str, headers: dict | None = None) -> Page:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, form: dict, headers: dict | None = None) -> Page:
        return self.request("POST", path, form=form, headers=headers)

    def request(self, method, path, *, form=None, headers=None) -> Page:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # our own self-signed certificate
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.port, context=context, source_address=(self.address, 0), timeout=30
        )
        sent = {"Host": HOST, "Accept": "text/html", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"https://{HOST}"
            sent["Referer"] = f"https://{HOST}{path}"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            page = Page(response.status, response.read().decode(errors="replace"), response.msg)
        finally:
            connection.close()
        for header in page.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return page


@dataclass
class Recipe:
    https_port: int
    asgi: subprocess.Popen
    nginx: subprocess.Popen
    folder: Path

    def browser(self, address: str = "127.0.0.1") -> Browser:
        return Browser(self.https_port, address)

    def log(self) -> str:
        parts = []
        for name in ("run-asgi.log", "nginx.log", "nginx-error.log"):
            path = self.folder / name
            if path.exists():
                parts.append(f"--- {name}\n{path.read_text(errors='replace')[-4000:]}")
        return "\n".join(parts)


def stop(process: subprocess.Popen) -> None:
    """Stop a process started below in its own session, with every worker it forked."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def recipe(django_db_setup, services_env, tmp_path_factory):  # noqa: ARG001 - django_db_setup: the test database must exist first
    nginx = find_nginx()
    folder = tmp_path_factory.mktemp("recipe")
    static, socket = folder / "static", folder / "asgi.sock"
    (folder / "acme").mkdir()
    # The production environment file run-asgi.sh and manage.sh read (deploy/cimaise.env.example),
    # pointed at the test services; mail stays in the workers (locmem).
    production_env = {
        "CIMAISE_PRODUCTION": "1",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "SITE_URL": f"https://{HOST}",
        "CIMAISE_VAR_DIR": str(folder / "var"),
        "STATIC_ROOT": str(static),
        "MEDIA_ROOT": str(folder / "media"),
        "DATABASE_URL": pg_test_url(),
        "REDIS_URL": services_env["redis"],
        "EMAIL_URL": "locmem://",
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": "2",
        "CIMAISE_SOCKET": str(socket),
    }
    env_file = folder / "cimaise.env"
    env_file.write_text("".join(f"{name}='{value}'\n" for name, value in production_env.items()))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "LANG": "C.UTF-8",
        "CIMAISE_ENV_FILE": str(env_file),
        "CIMAISE_PYTHON": sys.executable,
    }
    # What the systemd unit runs before the workers (ExecStartPre); the test database is migrated.
    collected = subprocess.run(
        [str(ROOT / "deploy/manage.sh"), "collectstatic", "--noinput", "-v", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr

    cert, key = self_signed_certificate(folder)
    http_port, https_port = free_port(), free_port()
    (folder / "site.conf").write_text(
        recipe_site(
            socket=socket,
            http_port=http_port,
            https_port=https_port,
            cert=cert,
            key=key,
            static=static,
        )
    )
    (folder / "nginx.conf").write_text(nginx_main_conf(folder))
    nginx_command = [nginx, "-e", str(folder / "nginx-error.log"), "-c", str(folder / "nginx.conf")]
    checked = subprocess.run([*nginx_command, "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, f"nginx refuses the recipe's site:\n{checked.stderr}"

    started: list[subprocess.Popen] = []
    try:
        with (folder / "run-asgi.log").open("wb") as log:
            started.append(
                subprocess.Popen(
                    [str(ROOT / "deploy/run-asgi.sh")],
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        with (folder / "nginx.log").open("wb") as log:
            started.append(
                subprocess.Popen(
                    nginx_command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
            )
        site = Recipe(https_port=https_port, asgi=started[0], nginx=started[1], folder=folder)
        wait_until_served(site)
        yield site
    finally:
        for process in reversed(started):
            stop(process)


def nginx_main_conf(folder: Path) -> str:
    """The http block Debian's /etc/nginx/nginx.conf would hold, with everything in `folder`."""
    temp = folder / "nginx-temp"
    temp.mkdir()
    temp_paths = "".join(
        f"    {kind}_temp_path {temp / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, nginx's workers would otherwise run as nobody, who cannot enter pytest's folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'nginx-error.log'} warn;\n"
        "events { worker_connections 128; }\n"
        "http {\n"
        "    include /etc/nginx/mime.types;\n"
        "    default_type application/octet-stream;\n"
        "    access_log off;\n"
        f"{temp_paths}"
        f"    include {folder / 'site.conf'};\n"
        "}\n"
    )


def wait_until_served(site: Recipe, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    status = None
    while time.monotonic() < deadline:
        for name, process in (("run-asgi.sh", site.asgi), ("nginx", site.nginx)):
            if process.poll() is not None:
                pytest.fail(f"{name} exited with {process.returncode}:\n{site.log()}")
        try:
            status = site.browser().get("/comptes/login/").status
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)  # polling interval while the workers import Django
    pytest.fail(
        f"The site did not answer 200 through nginx in {timeout}s ({status}):\n{site.log()}"
    )


@pytest.fixture
def site(recipe, transactional_db, services_env):  # noqa: ARG001 - transactional_db: rows are committed for the servers' threads
    """The running recipe, with fresh login-limit counters (allauth's keys in the Redis cache)."""
    cache = redis.Redis.from_url(services_env["redis"])
    for key in cache.scan_iter(match="*allauth:rl:*"):
        cache.delete(key)
    for process in (recipe.asgi, recipe.nginx):
        if process.poll() is not None:
            pytest.fail(f"The recipe stopped:\n{recipe.log()}")
    return recipe


def member_with_a_real_password():
    """A member whose password the workers can check with production's hashers."""
    member = factories.make_member()
    hasher = PBKDF2PasswordHasher()
    member.password = hasher.encode(factories.PASSWORD, hasher.salt())
    member.save(update_fields=["password"])
    return member


def log_in(browser: Browser, email: str, password: str, headers=None) -> Page:
    token = browser.get("/comptes/login/").csrf_token()
    return browser.post(
        "/comptes/login/",
        {"csrfmiddlewaretoken": token, "login": email, "password": password},
        headers=headers,
    )


def test_a_member_logs_in_through_nginx_and_lands_on_the_home_page(site):
    member = member_with_a_real_password()
    browser = site.browser()
    login_page = browser.get("/comptes/login/")
    assert login_page.status == 200
    assert {"private", "no-store"} <= login_page.cache_directives()

    answer = browser.post(
        "/comptes/login/",
        {
            "csrfmiddlewaretoken": login_page.csrf_token(),
            "login": member.email,
            "password": factories.PASSWORD,
        },
    )
    assert answer.status == 302, answer.text[-2000:] + site.log()
    assert answer.headers["Location"] == "/"
    assert "sessionid" in browser.cookies

    home = browser.get("/")
    assert home.status == 200, site.log()
    assert f"Bonjour {escape(member.first_name)}" in home.text
    assert {"private", "no-store"} <= home.cache_directives()


def test_a_password_reset_request_goes_through_nginx(site):
    member = member_with_a_real_password()
    browser = site.browser()
    token = browser.get("/comptes/password/reset/").csrf_token()
    answer = browser.post(
        "/comptes/password/reset/", {"csrfmiddlewaretoken": token, "email": member.email}
    )
    assert answer.status == 302, answer.text[-2000:] + site.log()
    assert answer.headers["Location"] == "/comptes/password/reset/done/"


def test_the_login_limit_counts_the_address_nginx_saw_not_the_one_the_client_claims(site):
    """An attacker rotating X-Forwarded-For (and X-Real-IP) is still one address to the login
    limit, and only that address waits: a member at another office logs in."""
    member = member_with_a_real_password()
    per_minute = int(settings.ACCOUNT_RATE_LIMITS["login"].split("/")[0])
    attacker = site.browser("127.0.0.1")
    token = attacker.get("/comptes/login/").csrf_token()
    for attempt in range(per_minute):
        forged = {
            "X-Forwarded-For": f"203.0.113.{attempt % 250 + 1}",
            "X-Real-IP": f"198.51.100.{attempt % 250 + 1}",
        }
        answer = attacker.post(
            "/comptes/login/",
            {"csrfmiddlewaretoken": token, "login": "", "password": ""},
            headers=forged,
        )
        assert answer.status == 200, f"attempt {attempt + 1}: {answer.status}\n{site.log()}"

    forged = {"X-Forwarded-For": "192.0.2.77", "X-Real-IP": "192.0.2.78"}
    refused = log_in(attacker, member.email, factories.PASSWORD, headers=forged)
    assert refused.status == 429
    assert "Trop de tentatives" in refused.text
    assert "sessionid" not in attacker.cookies

    elsewhere = site.browser("127.0.0.2")
    answer = log_in(elsewhere, member.email, factories.PASSWORD)
    assert answer.status == 302, answer.text[-2000:] + site.log()
    assert elsewhere.get("/").status == 200


def test_static_files_served_by_nginx_stay_public_and_cached(site):
    stylesheet = site.browser().get("/static/community/css/site.css")
    assert stylesheet.status == 200
    assert "public" in stylesheet.cache_directives()
    assert not {"private", "no-store"} & stylesheet.cache_directives()
