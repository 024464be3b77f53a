"""Odd things typed in the address bar: an id too large for the database, junk in a query string.

Whatever arrives, the answer is a page or a 4xx, never a server error. The URLs come from the
resolver, so a new page is covered as soon as it exists.
"""

import re
from importlib import import_module

import pytest
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RoutePattern

from community.params import MAX_ID
from tests import factories

# Past SQLite's and PostgreSQL's bigint, past PostgreSQL's integer (machina's ids), far past both.
HUGE_IDS = [str(MAX_ID + 1), str(2**31), "9" * 30]
NUMBER_CONVERTERS = {"int", "id", "path"}


def paths_with(number: str, text: str = "x") -> list[str]:
    """Every URL of the project that takes a number, with `number` in its place (and `text` in
    its text parts)."""
    found = set()

    def fill(route, pattern):
        if isinstance(pattern, RoutePattern):
            return re.sub(
                r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>",
                lambda m: number if m.group("conv") in NUMBER_CONVERTERS else text,
                route,
            )
        regex = route.lstrip("^").rstrip("$").replace("\\Z", "")
        regex = re.sub(r"\(\?P<[^>]+>[^)]*\)", text, regex)
        return regex.replace("\\", "").replace("?", "")

    def walk(resolver, prefix):
        for entry in resolver.url_patterns:
            path = prefix + fill(str(entry.pattern), entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry, path)
            elif number in path:
                found.add("/" + path)

    walk(get_resolver(), "")
    return sorted(found)


def server_errors(client, paths) -> list[str]:
    client.raise_request_exception = False
    errors = []
    for path in paths:
        for method in (client.get, client.post):
            response = method(path)
            if response.status_code >= 500:
                errors.append(f"{method.__name__.upper()} {path} -> {response.status_code}")
    return errors


def test_a_certificate_for_an_id_past_the_database_range_is_not_found(member_client):
    member_client.raise_request_exception = False
    response = member_client.get(f"/formations/{MAX_ID + 1}/attestation.pdf")
    assert response.status_code == 404


def test_the_largest_id_the_database_holds_still_reaches_the_view(member_client):
    assert resolve(f"/formations/{MAX_ID}/").kwargs == {"pk": MAX_ID}
    assert member_client.get(f"/formations/{MAX_ID}/").status_code == 404  # no such training
    with pytest.raises(Resolver404):
        resolve(f"/formations/{MAX_ID + 1}/")


@pytest.mark.parametrize(
    "urlconf",
    ["community.membership.urls", "documents.urls", "cvtheque.urls", "trainings.urls"]
    + ["notifications.urls", "forum.urls"],
)
def test_our_urls_take_row_ids_through_the_bounded_converter(urlconf):
    patterns = import_module(urlconf).urlpatterns
    routes = [str(pattern.pattern) for pattern in patterns]
    assert [route for route in routes if re.search(r"<int:(\w+_)?pk>", route)] == []
    assert any("<id:" in route for route in routes)


@pytest.mark.parametrize("number", HUGE_IDS)
@pytest.mark.parametrize("role", ["member", "staff"])
def test_huge_ids_in_any_url_are_never_a_server_error(number, role, client_for_role):
    client, _user = client_for_role(role)
    paths = paths_with(number)
    assert len(paths) > 40  # the walk really found the project's URLs
    assert not server_errors(client, paths)


def test_a_new_folder_ignores_a_parent_that_is_not_an_id(staff_client):
    staff_client.raise_request_exception = False
    for junk in ["²", "٣", "-1", "9" * 30, "abc"]:
        response = staff_client.get("/documents/dossiers/nouveau/", {"parent": junk})
        assert response.status_code == 200, junk


def test_a_new_folder_preselects_its_parent(staff_client):
    parent = factories.FolderFactory(name="Procédures")
    response = staff_client.get("/documents/dossiers/nouveau/", {"parent": parent.pk})
    assert response.status_code == 200
    assert response.context["form"].initial["parent"] == parent


def test_a_search_with_a_nul_byte_is_refused_with_a_message(member_client):
    response = member_client.get("/documents/recherche/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert "Recherche impossible" in response.content.decode()
    assert "Le caractère nul n’est pas autorisé" in response.content.decode()


def test_an_over_long_search_is_refused_with_a_message(member_client):
    response = member_client.get("/documents/recherche/", {"q": "x" * 201})
    assert response.status_code == 400
    assert "au plus 200 caractères" in response.content.decode()


def test_a_folder_with_a_nul_byte_in_its_tag_filter_shows_unfiltered(member_client):
    folder = factories.FolderFactory(name="Procédures")
    response = member_client.get(f"/documents/dossiers/{folder.pk}/", {"etiquette": "a\x00b"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Filtre ignoré" in page
    assert "Procédures" in page


def test_a_folder_with_an_unknown_sort_says_so(member_client):
    folder = factories.FolderFactory()
    response = member_client.get(f"/documents/dossiers/{folder.pk}/", {"tri": "prix"})
    assert response.status_code == 400
    assert "Filtre ignoré" in response.content.decode()


def test_a_tag_with_an_ampersand_survives_in_the_page_links(member_client):
    folder = factories.FolderFactory()
    response = member_client.get(f"/documents/dossiers/{folder.pk}/", {"etiquette": "prêt & dépôt"})
    assert response.status_code == 200
    assert response.context["query"] == "tri=nom&etiquette=pr%C3%AAt+%26+d%C3%A9p%C3%B4t"
