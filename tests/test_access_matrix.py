"""Every URL of the project, as every role: the members-only gate lets in exactly who it should.

The URLs come from the resolver, not from a hand-written list, so a new page is covered as
soon as it exists, and a page no app classified in its access.py makes this test fail.
"""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from community import roles
from community.access import level_for
from tests.conftest import refused_by_gate

# What each role may reach, written out here rather than derived from community.roles.
REACHABLE = {
    "anonymous": {roles.PUBLIC},
    "suspended": {roles.PUBLIC},
    "applicant": {roles.PUBLIC, roles.APPLICANT},
    "expired": {roles.PUBLIC, roles.APPLICANT},
    "member": {roles.PUBLIC, roles.APPLICANT, roles.MEMBER},
    "recruiter": {roles.PUBLIC, roles.APPLICANT, roles.MEMBER, roles.RECRUITER},
    "moderator": {roles.PUBLIC, roles.APPLICANT, roles.MEMBER, roles.MODERATOR},
    "staff": set(roles.LEVELS),
}

SAMPLE_VALUES = {
    "int": "999999",
    "id": "999999",
    "slug": "inconnu",
    "str": "inconnu",
    "path": "inconnu",
    "uuid": str(uuid.UUID(int=1)),
}


def _example(value_kind: str) -> str:
    return SAMPLE_VALUES.get(value_kind, "inconnu")


def _route_to_path(route: str, pattern) -> str:
    """Turn a route ('annuaire/<int:pk>/') or a regex into a concrete path."""
    if isinstance(pattern, RoutePattern):
        return re.sub(
            r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>",
            lambda m: _example(m.group("conv") or "str"),
            route,
        )
    regex = route.lstrip("^").rstrip("$").replace("\\Z", "")
    # Groups become a digit string (ids), which every group of the project accepts.
    regex = re.sub(r"\(\?P<[^>]+>[^)]*\)", "1", regex)
    regex = re.sub(r"\([^)]*\)", "1", regex)
    return regex.replace("\\", "").replace("?", "")


def walk(resolver=None, prefix="", namespace=""):
    """Yield (path, namespace, url_name) for every pattern of the project."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry, prefix + _route_to_path(route, entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + _route_to_path(route, entry.pattern), namespace, entry.name


ALL_URLS = sorted(set(walk()))


def test_every_url_is_classified():
    unclassified = [
        f"{path} ({ns}:{name})" for path, ns, name in ALL_URLS if level_for(ns, name) is None
    ]
    assert not unclassified, "URLs no app classified in its access.py: " + ", ".join(unclassified)


def test_the_walk_finds_the_project_urls():
    names = {f"{ns}:{name}" if ns else name for _, ns, name in ALL_URLS}
    assert {"community:home", "account_login", "community:legal"} <= names
    assert len(ALL_URLS) > 30


def _expected_refusal(role: str, response) -> bool:
    if role == "anonymous":
        return response.status_code == 302 and "/comptes/login/" in response["Location"]
    if role == "applicant":
        return response.status_code == 302 and response["Location"].endswith(
            "/adhesion/en-attente/"
        )
    if role == "expired":
        return response.status_code == 302 and response["Location"].endswith(
            "/adhesion/renouvellement/"
        )
    return response.status_code == 403


@pytest.mark.parametrize("role", list(REACHABLE))
@pytest.mark.usefixtures("db")
def test_access_matrix(role, client_for_role):
    client, _user = client_for_role(role)
    client.raise_request_exception = False
    problems = []
    for path, ns, name in ALL_URLS:
        level = level_for(ns, name) or roles.MEMBER
        response = client.get(path)
        denied = refused_by_gate(response)
        label = f"{path} [{ns}:{name}, {level}] -> {response.status_code}"
        if level in REACHABLE[role]:
            if denied:
                problems.append(f"refused but should be allowed: {label}")
            elif response.status_code >= 500:
                problems.append(f"server error: {label}")
        else:
            if not denied:
                problems.append(f"allowed but should be refused: {label}")
            elif not _expected_refusal(role, response):
                problems.append(f"refused the wrong way: {label}")
    assert not problems, f"{role}:\n" + "\n".join(problems)


@pytest.mark.usefixtures("db")
def test_json_clients_get_401_not_a_redirect(anonymous_client):
    response = anonymous_client.get("/", HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert response.json()["error"]


def test_member_in_grace_reads_but_cannot_post(in_grace_client):
    assert in_grace_client.get("/").status_code == 200
    response = in_grace_client.post("/annuaire/999999/")
    assert response.status_code == 403
    assert refused_by_gate(response)
    assert "mais pas y publier" in response.content.decode()
