"""Random input to the search, upload and registration forms, on PostgreSQL: never a 500."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

FUZZ = settings(
    max_examples=30,
    # Reproducible in CI (the same examples on every run); exploring anew on a laptop.
    derandomize=os.environ.get("CI") == "true",
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Any text, including NUL bytes, control characters, RTL marks and very long strings.
text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=150, max_size=400),
    st.sampled_from(["", " ", "\x00", "' OR 1=1 --", "%", "_", "<script>", "2026-02-30", "9" * 30]),
)

SEARCHES = {
    "/annuaire/": ["q", "departement", "profession", "structure", "page"],
    "/documents/recherche/": ["q", "folder", "tag", "page", "sort"],
    "/cvtheque/cv/recherche/": [
        "q",
        "profession",
        "skill",
        "departement",
        "available_by",
        "contract_type",
        "page",
    ],
    "/cvtheque/offres/": ["q", "profession", "departement", "contract_type", "page"],
    "/formations/": ["kind", "departement", "page"],
}


def assert_no_server_error(response, what):
    assert response.status_code < 500, what


@pytest.mark.django_db
@pytest.mark.parametrize("url", sorted(SEARCHES))
def test_search_forms_never_fail(url, recruiter):
    client = Client()
    client.force_login(recruiter)
    assert client.get(url).status_code == 200  # the form is really there
    params = st.fixed_dictionaries({}, optional={name: text for name in SEARCHES[url]})

    @FUZZ
    @given(params)
    def search(query):
        assert_no_server_error(client.get(url, query), (url, query))

    search()


@pytest.mark.django_db
def test_upload_form_never_fails(staff):
    folder = factories.FolderFactory()
    client = Client()
    client.force_login(staff)
    url = f"/documents/dossiers/{folder.pk}/deposer/"
    assert client.get(url).status_code == 200

    @FUZZ
    @given(
        title=text,
        description=text,
        tags=text,
        name=st.text(min_size=0, max_size=80),
        body=st.binary(max_size=2048),
        ticket=text,
        sha256=text,
    )
    def upload(title, description, tags, name, body, ticket, sha256):
        data = {
            "title": title,
            "description": description,
            "tags": tags,
            "ticket": ticket,
            "sha256": sha256,
        }
        # What a browser could send as a file name (Django's parser keeps the base name only).
        safe_name = os.path.basename(name.replace("\x00", ""))[:200]
        if safe_name in ("", ".", ".."):
            safe_name = "fichier"
        data["file"] = SimpleUploadedFile(safe_name, body)
        response = client.post(url, data)
        assert_no_server_error(response, data)

    upload()


@pytest.mark.django_db
def test_registration_form_never_fails(member):
    training = factories.TrainingFactory()
    client = Client()
    client.force_login(member)
    assert client.get(f"/formations/{training.pk}/").status_code == 200

    @FUZZ
    @given(note=text, extra=st.dictionaries(st.text(max_size=10), text, max_size=3))
    def register(note, extra):
        response = client.post(f"/formations/{training.pk}/inscription/", {**extra, "note": note})
        assert_no_server_error(response, note)

    register()
