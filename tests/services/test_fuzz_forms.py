"""Random input to the search, upload and registration forms, on PostgreSQL: never a 500."""

import datetime
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from machina.core.db.models import get_model

from tests import factories
from tests.community.test_odd_input import HUGE_IDS, paths_with, server_errors
from tests.forum.conftest import create_topic_url, topic_url
from tests.forum.test_polls import poll_data
from tests.trainings.test_lifecycle import _form as training_form

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
    "/documents/recherche/": ["q", "page"],
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


# -- odd input found by the audit: NUL bytes, ids past the integer range, far-away dates ---------

NUL = "a\x00b"
# Every name a page of the project reads from its query string.
QUERY_NAMES = sorted(
    {name for names in SEARCHES.values() for name in names}
    | {"tri", "etiquette", "quand", "filtre", "parent", "post", "next", "view_results"}
)


@pytest.mark.django_db
def test_a_nul_byte_in_any_query_parameter_is_never_a_server_error(recruiter, staff):
    folder = factories.FolderFactory()
    training = factories.TrainingFactory()
    pages = [
        *SEARCHES,
        f"/documents/dossiers/{folder.pk}/",
        "/documents/dossiers/nouveau/",
        f"/formations/{training.pk}/",
        "/formations/mois/",
        "/forum/entraide/questions/",
        "/forum/",
        "/forum/search/",
        "/notifications/",
        "/adhesions/",
    ]
    for user in (recruiter, staff):
        client = Client()
        client.force_login(user)
        client.raise_request_exception = False
        for page in pages:
            for name in QUERY_NAMES:
                response = client.get(page, {name: NUL})
                assert_no_server_error(response, (user.email, page, name))


@pytest.mark.django_db
def test_documents_search_and_tag_with_a_nul_byte_are_refused_with_a_message(member):
    folder = factories.FolderFactory(name="Procédures")
    client = Client()
    client.force_login(member)
    response = client.get("/documents/recherche/", {"q": NUL})
    assert response.status_code == 400
    assert "Recherche impossible" in response.content.decode()
    response = client.get(f"/documents/dossiers/{folder.pk}/", {"etiquette": NUL})
    assert response.status_code == 400
    assert "Filtre ignoré" in response.content.decode()


@pytest.mark.django_db
def test_folder_filters_never_fail(member):
    folder = factories.FolderFactory()
    client = Client()
    client.force_login(member)
    url = f"/documents/dossiers/{folder.pk}/"

    @FUZZ
    @given(st.fixed_dictionaries({}, optional={"tri": text, "etiquette": text, "page": text}))
    def browse(query):
        assert_no_server_error(client.get(url, query), query)

    browse()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["member", "staff"])
def test_odd_ids_and_nul_bytes_in_any_url_are_never_a_server_error(role, client_for_role):
    client, _user = client_for_role(role)
    for number in HUGE_IDS:
        paths = paths_with(number, text="a%00b")
        assert len(paths) > 40
        assert server_errors(client, paths) == []


@pytest.mark.django_db
def test_a_training_dated_year_one_is_refused_and_the_staff_list_still_opens(staff):
    client = Client()
    client.force_login(staff)
    structure = factories.StructureFactory()
    for typed in ["0001-01-01T00:00", "0001-01-01T12:00", "9999-12-31T23:59"]:
        data = training_form(structure, starts_at=typed, registration_opens_at=typed)
        response = client.post("/formations/gestion/nouvelle/", data)
        assert response.status_code == 400, typed
        assert "Indiquez une date entre 2000 et 2100." in response.content.decode()
    assert client.get("/formations/gestion/").status_code == 200


@pytest.mark.django_db
def test_training_dates_never_break_the_staff_pages(staff):
    client = Client()
    client.force_login(staff)
    structure = factories.StructureFactory()
    moments = st.datetimes(
        min_value=datetime.datetime(1, 1, 1), max_value=datetime.datetime(9999, 12, 31, 23, 59)
    ).map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M").rjust(16, "0"))

    @FUZZ
    @given(start=moments, end=moments, opens=moments, closes=moments)
    def create(start, end, opens, closes):
        data = training_form(
            structure,
            starts_at=start,
            ends_at=end,
            registration_opens_at=opens,
            registration_closes_at=closes,
        )
        assert_no_server_error(client.post("/formations/gestion/nouvelle/", data), data)
        assert client.get("/formations/gestion/").status_code == 200
        assert client.get("/formations/").status_code == 200

    create()


@pytest.mark.django_db
def test_poll_durations_are_bounded_and_the_topic_stays_readable(member):
    forum = get_model("forum", "Forum").objects.get(slug="conservation-preventive")
    Topic = get_model("forum_conversation", "Topic")
    client = Client()
    client.force_login(member)
    client.raise_request_exception = False
    for duration in ["3000000", str(10**20), str(2**31), "366"]:
        response = client.post(create_topic_url(forum), poll_data(duration=duration))
        assert response.status_code == 400, duration
        assert "Un sondage dure au plus 365 jours" in response.content.decode()
    assert not Topic.objects.exists()
    # The longest poll allowed is saved, and its topic opens.
    assert client.post(create_topic_url(forum), poll_data(duration="365")).status_code == 302
    assert client.get(topic_url(Topic.objects.get())).status_code == 200
