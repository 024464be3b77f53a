"""The English locale is complete for every Cimaise app, and members who pick English see it."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import trans_real

APPS = settings.CIMAISE_APPS
ROOT = Path(settings.BASE_DIR)


def _catalogues() -> list[Path]:
    found = []
    for app in APPS:
        for domain in ("django", "djangojs"):
            po = ROOT / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if po.exists():
                found.append(po)
    return found


def _msgfmt_statistics(po: Path) -> str:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt is missing: install Debian's gettext package (make test does)"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", os.devnull, str(po)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # Header warnings (default PO-Revision-Date...) are noise; the statistics line is the last.
    return result.stderr.strip().splitlines()[-1]


def test_every_app_has_an_english_catalogue():
    apps_with_catalogue = {po.parts[-5] for po in _catalogues() if po.name == "django.po"}
    assert apps_with_catalogue == set(APPS)


@pytest.mark.parametrize("po", _catalogues(), ids=lambda po: f"{po.parts[-5]}/{po.name}")
def test_the_english_catalogue_is_complete(po):
    statistics = _msgfmt_statistics(po)
    assert re.fullmatch(r"\d+ translated messages?\.", statistics), f"{po}: {statistics}"


@pytest.fixture(scope="session")
def compiled_messages():
    """The .mo files the pages need (make test builds them too); rebuilt when a .po is newer."""
    stale = [
        po
        for po in _catalogues()
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        call_command(
            "compilemessages", locale=["en"], ignore=[".venv", ".cache", "var"], verbosity=0
        )
        # Catalogues loaded before compiling would otherwise stay cached for the session.
        trans_real._translations = {}
        trans_real._default = None


@pytest.fixture
def english_client(compiled_messages, member_client):  # noqa: ARG001 - compiled_messages: the English catalogue first
    response = member_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return member_client


@pytest.mark.parametrize(
    ("url", "english", "french"),
    [
        ("/", "My next trainings", "Mes prochaines formations"),
        ("/formations/", "Trainings and professional days", "Formations à venir"),
        ("/documents/", "Document library", "Bibliothèque de documents"),
        ("/forum/", "Open questions", "Questions ouvertes"),
    ],
)
def test_a_member_who_picks_english_reads_the_pages_in_english(
    english_client, url, english, french
):
    response = english_client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Log out" in page
    assert ">Trainings</a>" in page
    assert english in page
    assert "Se déconnecter" not in page
    assert ">Formations</a>" not in page
    assert french not in page


@pytest.mark.usefixtures("compiled_messages")
def test_the_site_stays_french_by_default(member_client):
    page = member_client.get("/formations/").content.decode()

    assert "Se déconnecter" in page
    assert "Formations et journées professionnelles" in page
    assert "Log out" not in page
