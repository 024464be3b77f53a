"""The environment variables of community/settings.py, the README's configuration table and the
two env examples say the same thing, and Django starts with either example as its environment.

Which variables the settings read is recorded by the settings' own helpers (env, env_bool,
env_int, env_list note each name in `_env_read`) while the module runs, once with nothing set
and once with the production example: this sees every read, however its name is written,
and a variable read only in production. A scan of the source for env*("NAME") calls checks
that no read hides behind a branch neither run takes.
"""

import os
import re
import runpy
import secrets
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = ROOT / "community" / "settings.py"
ENV_EXAMPLE = ROOT / ".env.example"
PRODUCTION_EXAMPLE = ROOT / "deploy" / "cimaise.env.example"
RUN_ASGI = ROOT / "deploy" / "run-asgi.sh"

# Variables of the settings that deploy/cimaise.env.example leaves out on purpose: name -> why.
ABSENT_FROM_PRODUCTION: dict[str, str] = {}


def listed(path: Path) -> set[str]:
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", path.read_text(), re.M))


def readme_table() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Configuration", 1)[1].split("\n## ", 1)[0]
    names = set()
    for row in re.findall(r"^\|(.*?)\|", section, re.M):
        names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", row))
    return names


def run_asgi_variables() -> set[str]:
    """What deploy/run-asgi.sh takes from the environment: the ${NAME:-default} it reads."""
    return set(re.findall(r"\$\{([A-Z][A-Z0-9_]*):", RUN_ASGI.read_text()))


def sourced(path: Path) -> dict[str, str]:
    """The variables of an env file as the deploy scripts get them: sourced by the shell (which
    also proves the file is one: an unquoted space or < > would break `set -a; . file`)."""
    result = subprocess.run(
        ["/bin/bash", "-c", 'set -euo pipefail; set -a; . "$1"; set +a; env -0', "_", path],
        env={},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, f"the shell cannot source {path.name}: {result.stderr}"
    environment = dict(item.split("=", 1) for item in result.stdout.split("\0") if item)
    names = listed(path)
    assert names <= set(environment), sorted(names - set(environment))
    return {name: environment[name] for name in names}


def load_settings(environment: dict[str, str]) -> dict:
    """The globals of community/settings.py run with exactly `environment`."""
    with mock.patch.dict(os.environ, environment, clear=True):
        return runpy.run_path(str(SETTINGS))


def django_settings(module_globals: dict) -> dict:
    return {name: value for name, value in module_globals.items() if name.isupper()}


def production_environment(tmp_path) -> dict[str, str]:
    # The example's placeholder secret is refused (as it should be); its /var/lib folder is not
    # ours to create.
    return {
        **sourced(PRODUCTION_EXAMPLE),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "CIMAISE_VAR_DIR": str(tmp_path / "var"),
    }


@pytest.fixture(scope="module")
def read_by_settings(tmp_path_factory) -> set[str]:
    tmp_path = tmp_path_factory.mktemp("read")
    laptop = load_settings({"CIMAISE_VAR_DIR": str(tmp_path / "var")})
    production = load_settings(production_environment(tmp_path))
    return laptop["_env_read"] | production["_env_read"]


def test_the_recorded_reads_include_every_env_call_of_the_source(read_by_settings):
    in_source = set(
        re.findall(
            r"""\benv(?:_bool|_int|_list)?\(\s*["']([A-Z][A-Z0-9_]*)["']""", SETTINGS.read_text()
        )
    )
    assert in_source, "the scan found no env*() call: has the helpers' name changed?"
    assert in_source <= read_by_settings, (
        f"read under a condition neither run of this test meets: {sorted(in_source - read_by_settings)}"
    )
    assert SETTINGS.read_text().count("os.environ") == 1, (
        "read the environment through env(), env_bool(), env_int() or env_list() only"
    )


def test_every_variable_the_settings_read_is_in_the_readme_table(read_by_settings):
    missing = read_by_settings - readme_table()
    assert not missing, f"README.md (Configuration) lacks {sorted(missing)}"


def test_every_variable_the_settings_read_is_in_env_example(read_by_settings):
    missing = read_by_settings - listed(ENV_EXAMPLE)
    assert not missing, f".env.example lacks {sorted(missing)}"


def test_every_variable_the_settings_read_is_in_the_production_example(read_by_settings):
    missing = read_by_settings - listed(PRODUCTION_EXAMPLE) - set(ABSENT_FROM_PRODUCTION)
    assert not missing, f"deploy/cimaise.env.example lacks {sorted(missing)}"
    listed_anyway = set(ABSENT_FROM_PRODUCTION) & listed(PRODUCTION_EXAMPLE)
    assert not listed_anyway, f"listed, yet said to be absent: {sorted(listed_anyway)}"


def test_the_readme_table_holds_only_variables_the_settings_read(read_by_settings):
    unknown = readme_table() - read_by_settings
    assert not unknown, f"README.md documents variables nothing reads: {sorted(unknown)}"


def test_env_example_holds_only_variables_the_settings_read(read_by_settings):
    unknown = listed(ENV_EXAMPLE) - read_by_settings
    assert not unknown, f".env.example sets variables nothing reads: {sorted(unknown)}"


def test_the_production_example_holds_only_variables_of_the_settings_or_run_asgi(
    read_by_settings,
):
    script = run_asgi_variables()
    assert {"WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS", "CIMAISE_BIND"} <= script
    unknown = listed(PRODUCTION_EXAMPLE) - read_by_settings - script
    assert not unknown, (
        f"deploy/cimaise.env.example sets variables nothing reads: {sorted(unknown)}"
    )


def test_env_example_gives_the_embedded_defaults(tmp_path):
    var = {"CIMAISE_VAR_DIR": str(tmp_path / "var")}
    embedded = django_settings(load_settings(var))
    from_example = django_settings(load_settings({**sourced(ENV_EXAMPLE), **var}))
    differing = sorted(name for name in embedded if embedded[name] != from_example.get(name))
    assert not differing, f".env.example is not the defaults for {differing}"


def test_an_empty_variable_means_its_default(tmp_path, read_by_settings):
    var = {"CIMAISE_VAR_DIR": str(tmp_path / "var")}
    embedded = django_settings(load_settings(var))
    emptied = django_settings(load_settings({**dict.fromkeys(read_by_settings, ""), **var}))
    differing = sorted(name for name in embedded if embedded[name] != emptied.get(name))
    assert not differing, differing


@pytest.mark.parametrize(
    "name, value",
    [
        ("MAX_UPLOAD_SIZE", "abc"),
        ("MAX_UPLOAD_SIZE", "200M"),
        ("CV_SEARCH_PAGE_SIZE", "0"),
        ("CONN_MAX_AGE", "-1"),
        ("DEBUG", "maybe"),
        ("CIMAISE_PRODUCTION", "oui"),
        ("LOG_LEVEL", "verbose"),
        ("S3_ADDRESSING_STYLE", "vhost"),
        ("DATABASE_URL", "postgres//cimaise@localhost/cimaise"),
        ("EMAIL_URL", "smpt://mail.example.org"),
        ("EMAIL_URL", "smtp://mail.example.org:port"),
        ("EMAIL_URL", "smtp://mail.example.org?tls=yes"),
    ],
)
def test_a_wrong_value_stops_the_start_naming_the_variable(tmp_path, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_settings({"CIMAISE_VAR_DIR": str(tmp_path / "var"), name: value})


def test_the_smtp_user_and_password_are_percent_decoded(tmp_path):
    loaded = load_settings(
        {
            "CIMAISE_VAR_DIR": str(tmp_path / "var"),
            "EMAIL_URL": "smtp://cimaise%40example.org:p%40ss%3Aw%2Frd@smtp.example.org:587",
        }
    )
    assert loaded["EMAIL_HOST_USER"] == "cimaise@example.org"
    assert loaded["EMAIL_HOST_PASSWORD"] == "p@ss:w/rd"
    assert (loaded["EMAIL_HOST"], loaded["EMAIL_PORT"], loaded["EMAIL_USE_TLS"]) == (
        "smtp.example.org",
        587,
        True,
    )


def manage(environment: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_django_starts_with_env_example_as_its_environment(tmp_path):
    # Exactly the example's variables; CIMAISE_VAR_DIR (empty there: var/ of the working tree)
    # points to the test's own folder.
    result = manage({**sourced(ENV_EXAMPLE), "CIMAISE_VAR_DIR": str(tmp_path / "var")}, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_django_passes_the_deploy_checks_with_the_production_example(tmp_path):
    result = manage(production_environment(tmp_path), "check", "--deploy", "--fail-level=WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
