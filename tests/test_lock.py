"""requirements.lock agrees with pyproject.toml: every pin there is locked at the same version."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def canonical(name: str) -> str:
    """The package name as pip compares it (PEP 503): "channels_redis" is "channels-redis"."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [*project["dependencies"]]
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    pins = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^;\s]+)", requirement.strip())
        assert match, f"pyproject.toml: {requirement!r} is not pinned as name==version"
        pins[canonical(match[1])] = match[2]
    return pins


def locked() -> dict[str, str]:
    versions = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, version = line.partition("==")
        assert equals and version, f"requirements.lock: {line!r} is not name==version"
        versions[canonical(name)] = version
    return versions


def test_every_pin_of_pyproject_is_locked_at_the_same_version():
    lock = locked()
    wrong = {
        name: (version, lock.get(name, "missing"))
        for name, version in pyproject_pins().items()
        if lock.get(name) != version
    }
    assert not wrong, f"run `make lock`: pyproject.toml pin vs requirements.lock: {wrong}"


def test_the_lock_does_not_hold_the_project_itself():
    assert "cimaise" not in locked()
