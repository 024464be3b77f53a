"""Production mode: `check --deploy` clean, no embedded secret, login throttling, staff MFA, CSP,
and a deploy/ recipe in step with the settings."""

import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def run_manage(tmp_path, *args, **env):
    base = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "community.settings",
        "CIMAISE_VAR_DIR": str(tmp_path / "var"),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "CIMAISE_PRODUCTION": "1",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "cimaise.example.org",
    "DATABASE_URL": "postgres://cimaise@127.0.0.1:5432/cimaise",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    result = run_manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level=WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("secret", ["", "short-secret", None])
def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, secret):
    env = dict(PRODUCTION_ENV)
    if secret is not None:
        env["SECRET_KEY"] = secret
    result = run_manage(tmp_path, "check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    env = {**PRODUCTION_ENV, "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": ""}
    result = run_manage(tmp_path, "check", **env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


# --- staff MFA (community/hardening.py) -----------------------------------------------------


def activate_totp(user):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )


@pytest.mark.django_db
def test_staff_without_totp_are_sent_to_the_mfa_setup_when_required(staff_client, settings):
    settings.CIMAISE_REQUIRE_STAFF_MFA = True
    for url in ("/adhesions/", "/admin/"):
        response = staff_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_activate_totp"))
    # The setup page itself stays reachable: allauth first asks for the password again (the
    # session was not opened just now), then shows the form, never a redirect back to itself.
    setup = reverse("mfa_activate_totp")
    response = staff_client.get(setup)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_reauthenticate')}?next={quote(setup, '')}"
    response = staff_client.post(response["Location"], {"password": factories.PASSWORD})
    assert response.status_code == 302 and response["Location"] == setup
    page = staff_client.get(setup)
    assert page.status_code == 200
    assert [t.name for t in page.templates][:1] == ["mfa/totp/activate_form.html"]


@pytest.mark.django_db
def test_staff_json_requests_without_totp_get_a_403(staff_client, settings):
    settings.CIMAISE_REQUIRE_STAFF_MFA = True
    response = staff_client.get("/adhesions/", HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    assert "double authentification" in response.json()["error"]


@pytest.mark.django_db
def test_staff_with_totp_reach_staff_pages(staff, staff_client, settings):
    settings.CIMAISE_REQUIRE_STAFF_MFA = True
    activate_totp(staff)
    assert staff_client.get("/adhesions/").status_code == 200


@pytest.mark.django_db
def test_staff_member_pages_do_not_ask_for_totp(staff_client, settings):
    settings.CIMAISE_REQUIRE_STAFF_MFA = True
    assert staff_client.get("/").status_code == 200


@pytest.mark.django_db
def test_without_the_setting_demo_staff_reach_staff_pages(staff_client, settings):
    settings.CIMAISE_REQUIRE_STAFF_MFA = False
    assert staff_client.get("/adhesions/").status_code == 200


def test_staff_mfa_is_required_by_default_only_in_production(tmp_path):
    code = "from django.conf import settings; print(settings.CIMAISE_REQUIRE_STAFF_MFA)"
    laptop = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "community.settings",
            "CIMAISE_VAR_DIR": str(tmp_path / "var"),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    production = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "community.settings",
            "CIMAISE_VAR_DIR": str(tmp_path / "var"),
            "SECRET_KEY": secrets.token_urlsafe(64),
            **PRODUCTION_ENV,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert laptop.stdout.strip() == "False", laptop.stderr
    assert production.stdout.strip() == "True", production.stderr


# --- Content Security Policy (django-csp) ---------------------------------------------------


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client, settings):
    settings.CONTENT_SECURITY_POLICY = settings.CONTENT_SECURITY_POLICY_REPORT_ONLY
    response = client.get(reverse("account_login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_base_template_has_no_inline_script_or_style():
    html = (ROOT / "community/templates/base.html").read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)


# --- deploy/ in step with the settings ------------------------------------------------------


# The variables of the settings against .env.example, deploy/cimaise.env.example and the README:
# tests/test_settings_documented.py.


def test_nginx_upload_limit_matches_max_upload_size():
    conf = (ROOT / "deploy/nginx-cimaise.conf").read_text()
    size = re.search(r"client_max_body_size\s+(\d+)([kmg]?);", conf)
    factor = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[size.group(2)]
    assert int(size.group(1)) * factor == django_settings.MAX_UPLOAD_SIZE
    static_root = re.search(
        r"^STATIC_ROOT=(.+)$", (ROOT / "deploy/cimaise.env.example").read_text(), re.M
    )
    assert f"alias {static_root.group(1).rstrip('/')}/;" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf


def test_cron_runs_every_periodic_command():
    cron = (ROOT / "deploy/cimaise.cron").read_text()
    for command in (
        "expire_memberships",
        "send_notification_digest",
        "send_training_reminders",
        "purge_expired_cvs",
        "close_expired_offers",
        "documents_gc",
        "send_outbox",
    ):
        assert re.search(rf"deploy/manage\.sh {command}\b", cron), command


@pytest.mark.parametrize(
    "style, expected",
    [
        ("path", ["https://s3.gra.io.cloud.ovh.net"]),
        (
            "virtual",
            ["https://s3.gra.io.cloud.ovh.net", "https://fichiers.s3.gra.io.cloud.ovh.net"],
        ),
    ],
)
def test_the_policy_lets_the_browser_reach_the_bucket(tmp_path, style, expected):
    """Direct uploads POST to the bucket and downloads follow presigned URLs to it."""
    code = (
        "from django.conf import settings; d = settings.CONTENT_SECURITY_POLICY['DIRECTIVES'];"
        "print(' '.join(d['connect-src'])); print(' '.join(d['form-action']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "community.settings",
            "CIMAISE_VAR_DIR": str(tmp_path / "var"),
            "SECRET_KEY": secrets.token_urlsafe(64),
            "S3_BUCKET": "fichiers",
            "S3_ENDPOINT_URL": "https://s3.gra.io.cloud.ovh.net",
            "S3_ADDRESSING_STYLE": style,
            **PRODUCTION_ENV,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    connect, form_action = result.stdout.splitlines()
    for origin in expected:
        assert origin in connect.split(), result.stderr
        assert origin in form_action.split(), result.stderr


# --- login limits for a museum office behind one public address (ACCOUNT_RATE_LIMITS) -------

OFFICE = "192.0.2.10"  # the public address a whole museum's staff shares
OTHER_OFFICE = "198.51.100.20"


def too_many_attempts() -> str:
    from allauth.account.adapter import get_adapter

    return str(get_adapter().error_messages["too_many_login_attempts"])


def log_in(email, password, *, address=OFFICE):
    """One person's browser posting the login form from `address`: (response, client)."""
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )
    return response, client


def assert_logged_in(response, client, user):
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_thirty_colleagues_behind_one_address_log_in_at_nine_even_when_half_mistype():
    colleagues = [factories.make_member() for _ in range(30)]
    for colleague in colleagues[:15]:
        response, _ = log_in(colleague.email, "mot-de-passe-mal-tape")
        assert response.status_code == 200
        assert too_many_attempts() not in response.content.decode()
    for colleague in colleagues:
        assert_logged_in(*log_in(colleague.email, factories.PASSWORD), colleague)


@pytest.mark.django_db
def test_failed_logins_on_many_accounts_from_the_office_do_not_shut_a_colleague_out():
    # 29 failures a minute from one address, each on a different account (the figure is 30).
    for someone in factories.UserFactory.create_batch(29):
        response, _ = log_in(someone.email, "mauvais-mot-de-passe")
        assert too_many_attempts() not in response.content.decode()
    colleague = factories.UserFactory()
    assert_logged_in(*log_in(colleague.email, factories.PASSWORD), colleague)


@pytest.mark.django_db
def test_after_thirty_failed_logins_a_minute_the_address_waits_but_other_offices_do_not():
    for someone in factories.UserFactory.create_batch(30):
        log_in(someone.email, "mauvais-mot-de-passe")
    colleague = factories.UserFactory()
    response, client = log_in(colleague.email, factories.PASSWORD)
    assert response.status_code == 200
    assert too_many_attempts() in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert_logged_in(*log_in(colleague.email, factories.PASSWORD, address=OTHER_OFFICE), colleague)


@pytest.mark.django_db
def test_the_sixth_failed_login_on_one_account_is_refused_whatever_the_address():
    target = factories.UserFactory()
    for attempt in range(5):
        response, _ = log_in(target.email, "devine-1234", address=f"203.0.113.{attempt + 1}")
        assert too_many_attempts() not in response.content.decode()
    for password in ("devine-1234", factories.PASSWORD):
        response, client = log_in(target.email, password, address="203.0.113.99")
        assert response.status_code == 200
        assert too_many_attempts() in response.content.decode()
        assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_failed_logins_on_one_account_do_not_throttle_another_from_the_same_address():
    target, other = factories.UserFactory(), factories.UserFactory()
    for _ in range(6):
        log_in(target.email, "mauvais-mot-de-passe")
    assert too_many_attempts() in log_in(target.email, factories.PASSWORD)[0].content.decode()
    assert_logged_in(*log_in(other.email, factories.PASSWORD), other)


@pytest.mark.django_db
def test_a_sixth_password_reset_for_one_address_within_the_hour_is_refused_in_french(mailoutbox):
    member, colleague = factories.UserFactory(), factories.UserFactory()
    url = reverse("account_reset_password")
    for _ in range(5):
        response = Client().post(url, {"email": member.email}, REMOTE_ADDR=OFFICE)
        assert response.status_code == 302
    assert len(mailoutbox) == 5
    response = Client().post(url, {"email": member.email}, REMOTE_ADDR=OFFICE)
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert len(mailoutbox) == 5
    # The limit is the address's inbox, not the office: a colleague can still reset.
    response = Client().post(url, {"email": colleague.email}, REMOTE_ADDR=OFFICE)
    assert response.status_code == 302
    assert mailoutbox[-1].to == [colleague.email]


@pytest.mark.django_db
def test_sign_ups_from_one_address_pause_after_twenty_a_minute_with_a_french_page():
    from community.models import User

    url = reverse("account_signup")
    for _ in range(20):
        response = Client().post(url, {"email": "pas-une-adresse"}, REMOTE_ADDR=OFFICE)
        assert response.status_code == 200  # the form again, with its errors
        assert "Trop de tentatives" not in response.content.decode()
    response = Client().post(url, {"email": "pas-une-adresse"}, REMOTE_ADDR=OFFICE)
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert not User.objects.exists()
    elsewhere = Client().post(url, {"email": "x"}, REMOTE_ADDR=OTHER_OFFICE)
    assert elsewhere.status_code == 200  # the form with its errors, not the pause
    assert "Trop de tentatives" not in elsewhere.content.decode()


def test_production_counts_the_address_nginx_writes_in_x_real_ip(tmp_path):
    code = "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "community.settings",
            "CIMAISE_VAR_DIR": str(tmp_path / "var"),
            "SECRET_KEY": secrets.token_urlsafe(64),
            **PRODUCTION_ENV,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "X-Real-IP", result.stderr


def test_every_nginx_location_reaching_the_workers_writes_the_client_address():
    conf = (ROOT / "deploy/nginx-cimaise.conf").read_text()
    locations = re.findall(r"location\s+(\S+)\s*\{(.*?)\n    \}", conf, re.S)
    proxied = {path: body for path, body in locations if "proxy_pass http://cimaise_asgi" in body}
    assert set(proxied) == {"/", "/ws/"}
    for path, body in proxied.items():
        assert "proxy_set_header X-Real-IP $remote_addr;" in body, path


# --- sessions and cache headers ---------------------------------------------------------------


def test_cron_clears_expired_sessions():
    cron = (ROOT / "deploy/cimaise.cron").read_text()
    assert re.search(r"^[^#].*deploy/manage\.sh clearsessions\b", cron, re.M)


@pytest.mark.django_db
def test_anonymous_visits_leave_no_session_behind():
    from django.contrib.sessions.models import Session

    # The login page itself, then member pages whose gate sends the visitor to it.
    for url, status in (
        ("/comptes/login/", 200),
        ("/forum/", 302),
        ("/forum/entraide/questions/", 302),
        ("/", 302),
        ("/documents/", 302),
    ):
        for _ in range(5):
            response = Client().get(url)  # a new visitor each time: no cookie
            assert response.status_code == status, url
    assert Session.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.usefixtures("member")
def test_a_member_still_reads_the_forum_with_a_session(member_client):
    from django.contrib.sessions.models import Session

    assert member_client.get("/forum/").status_code == 200
    assert Session.objects.count() == 1


def cache_directives(response) -> set[str]:
    return {
        part.strip().split("=")[0].lower()
        for part in response.get("Cache-Control", "").split(",")
        if part.strip()
    }


MEMBER_PAGES = [
    "/",
    "/forum/",
    "/forum/entraide/questions/",
    "/documents/",
    "/cvtheque/",
    "/formations/",
    "/annuaire/",
    "/profil/",
    "/notifications/",
    "/mentions-legales/",  # public, but with the member's name in the menu
]


@pytest.mark.django_db
def test_every_page_a_member_sees_is_private_and_never_stored(member_client):
    for url in MEMBER_PAGES:
        response = member_client.get(url)
        assert response.status_code == 200, url
        assert {"private", "no-store"} <= cache_directives(response), url


@pytest.mark.django_db
def test_the_login_forms_and_the_gate_answers_are_private_and_never_stored():
    for url, status in (
        ("/comptes/login/", 200),
        ("/comptes/signup/", 200),
        ("/comptes/password/reset/", 200),
        ("/forum/", 302),  # the gate's redirect to the login page
    ):
        response = Client().get(url)
        assert response.status_code == status, url
        assert {"private", "no-store"} <= cache_directives(response), url


@pytest.mark.django_db
def test_the_public_legal_page_and_static_files_stay_cacheable():
    legal = Client().get("/mentions-legales/")
    assert legal.status_code == 200
    assert not {"private", "no-store"} & cache_directives(legal)
    stylesheet = Client().get("/static/community/css/site.css")
    assert stylesheet.status_code == 200
    assert "public" in cache_directives(stylesheet)
    assert not {"private", "no-store"} & cache_directives(stylesheet)
