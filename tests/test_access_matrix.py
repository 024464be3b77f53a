"""Every URL of the project, as every role: the members-only gate lets in exactly who it should.

The URLs come from the resolver, not from a hand-written list, so a new page is covered as
soon as it exists. The level each URL must require is written out below (EXPECTED), not taken
from the apps' access.py: a page missing from this table fails, and so does an access.py that
disagrees with it. Adding a page means deciding here who may open it.
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

# Who may open each URL: the specification the gate is tested against. "ns:*" stands for every
# URL of a namespace (machina's, the admin's) whose pages all require the same level.
EXPECTED = {
    "account_change_password": roles.APPLICANT,
    "account_confirm_email": roles.PUBLIC,
    "account_confirm_login_code": roles.PUBLIC,
    "account_email": roles.APPLICANT,
    "account_email_verification_sent": roles.PUBLIC,
    "account_inactive": roles.PUBLIC,
    "account_login": roles.PUBLIC,
    "account_logout": roles.PUBLIC,
    "account_reauthenticate": roles.APPLICANT,
    "account_reset_password": roles.PUBLIC,
    "account_reset_password_done": roles.PUBLIC,
    "account_reset_password_from_key": roles.PUBLIC,
    "account_reset_password_from_key_done": roles.PUBLIC,
    "account_set_password": roles.APPLICANT,
    "account_signup": roles.PUBLIC,
    "mfa_activate_totp": roles.APPLICANT,
    "mfa_authenticate": roles.PUBLIC,
    "mfa_deactivate_totp": roles.APPLICANT,
    "mfa_download_recovery_codes": roles.APPLICANT,
    "mfa_generate_recovery_codes": roles.APPLICANT,
    "mfa_index": roles.APPLICANT,
    "mfa_reauthenticate": roles.APPLICANT,
    "mfa_view_recovery_codes": roles.APPLICANT,
    "set_language": roles.PUBLIC,
    "admin:*": roles.STAFF,
    "cimaise_forum:ask": roles.MEMBER,
    "cimaise_forum:attachment_preview": roles.MEMBER,
    "cimaise_forum:follow_forum": roles.MEMBER,
    "cimaise_forum:mark_solution": roles.MEMBER,
    "cimaise_forum:open_questions": roles.MEMBER,
    "cimaise_forum:preview": roles.MEMBER,
    "cimaise_forum:unmark_solution": roles.MEMBER,
    "community:account_deleted": roles.PUBLIC,
    "community:favicon": roles.PUBLIC,
    "community:apply": roles.APPLICANT,
    "community:directory": roles.MEMBER,
    "community:search": roles.MEMBER,
    "community:gdpr": roles.APPLICANT,
    "community:gdpr_delete": roles.APPLICANT,
    "community:gdpr_export": roles.APPLICANT,
    "community:home": roles.APPLICANT,
    "community:accessibility": roles.PUBLIC,
    "community:legal": roles.PUBLIC,
    "community:member_detail": roles.MEMBER,
    "community:membership_approve": roles.STAFF,
    "community:membership_detail": roles.STAFF,
    "community:membership_export": roles.STAFF,
    "community:membership_list": roles.STAFF,
    "community:membership_record_dues": roles.STAFF,
    "community:membership_structure": roles.STAFF,
    "community:vouch_list": roles.MEMBER,
    "community:vouch_answer": roles.MEMBER,
    "community:structure_list": roles.STAFF,
    "community:structure_detail": roles.STAFF,
    "community:structure_contact": roles.STAFF,
    "community:knowledge_lists": roles.STAFF,
    "community:knowledge_entry": roles.STAFF,
    "community:membership_reject": roles.STAFF,
    "community:membership_renew": roles.STAFF,
    "community:membership_suspend": roles.STAFF,
    "community:pending": roles.APPLICANT,
    "community:profile": roles.APPLICANT,
    "community:profile_work": roles.APPLICANT,
    "community:profile_photo": roles.APPLICANT,
    "community:member_photo": roles.MEMBER,
    "community:renew": roles.APPLICANT,
    "cvtheque:contact_candidate": roles.RECRUITER,
    "cvtheque:contact_decline": roles.MEMBER,
    "cvtheque:contact_detail": roles.MEMBER,
    "cvtheque:contact_list": roles.MEMBER,
    "cvtheque:contact_reply": roles.MEMBER,
    "cvtheque:home": roles.MEMBER,
    "cvtheque:my_offers": roles.RECRUITER,
    "cvtheque:my_profile": roles.MEMBER,
    "cvtheque:my_profile_delete": roles.MEMBER,
    "cvtheque:my_profile_export": roles.MEMBER,
    "cvtheque:my_profile_renew": roles.MEMBER,
    "cvtheque:offer_close": roles.RECRUITER,
    "cvtheque:offer_create": roles.RECRUITER,
    "cvtheque:offer_delete": roles.RECRUITER,
    "cvtheque:offer_detail": roles.MEMBER,
    "cvtheque:offer_edit": roles.RECRUITER,
    "cvtheque:offer_list": roles.MEMBER,
    "cvtheque:offer_publish": roles.RECRUITER,
    "cvtheque:profile_cv": roles.MEMBER,
    "cvtheque:profile_detail": roles.MEMBER,
    "cvtheque:profile_list": roles.MEMBER,
    "cvtheque:search": roles.RECRUITER,
    "cvtheque:sent_contacts": roles.RECRUITER,
    "documents:document": roles.MEMBER,
    "documents:document_delete": roles.MEMBER,
    "documents:document_edit": roles.MEMBER,
    "documents:download": roles.MEMBER,
    "documents:folder": roles.MEMBER,
    "documents:folder_create": roles.STAFF,
    "documents:folder_edit": roles.STAFF,
    "documents:folder_follow": roles.MEMBER,
    "documents:folder_move": roles.STAFF,
    "documents:index": roles.MEMBER,
    "documents:search": roles.MEMBER,
    "documents:upload": roles.MEMBER,
    "documents:upload_prepare": roles.MEMBER,
    "documents:version_upload": roles.MEMBER,
    "forum:forum": roles.MEMBER,
    "forum:index": roles.MEMBER,
    "forum_conversation:*": roles.MEMBER,
    "forum_feeds:forum_latest_topics": roles.MEMBER,
    "forum_feeds:forum_latest_topics_with_descendants": roles.MEMBER,
    "forum_feeds:latest_topics": roles.MEMBER,
    "forum_member:*": roles.MEMBER,
    "forum_moderation:*": roles.MODERATOR,
    "forum_search:search": roles.MEMBER,
    "forum_tracking:*": roles.MEMBER,
    "notifications:api": roles.MEMBER,
    "notifications:center": roles.MEMBER,
    "notifications:mark_all_read": roles.MEMBER,
    "notifications:mark_read": roles.MEMBER,
    "notifications:open": roles.MEMBER,
    "notifications:preferences": roles.MEMBER,
    "notifications:unsubscribe": roles.PUBLIC,
    "trainings:cancel_registration": roles.MEMBER,
    "trainings:certificate": roles.APPLICANT,
    "trainings:detail": roles.MEMBER,
    "trainings:feed": roles.PUBLIC,
    "trainings:hosted": roles.MEMBER,
    "trainings:hosted_detail": roles.MEMBER,
    "trainings:hosted_export": roles.MEMBER,
    "trainings:ics": roles.MEMBER,
    "trainings:list": roles.MEMBER,
    "trainings:mine": roles.MEMBER,
    "trainings:propose": roles.MEMBER,
    "trainings:month": roles.MEMBER,
    "trainings:month_of": roles.MEMBER,
    "trainings:my_certificates": roles.APPLICANT,
    "trainings:my_certificates_zip": roles.APPLICANT,
    "trainings:regenerate_feed": roles.MEMBER,
    "trainings:register": roles.MEMBER,
    "trainings:staff_attendance": roles.STAFF,
    "trainings:staff_cancel": roles.STAFF,
    "trainings:staff_decline": roles.STAFF,
    "trainings:staff_create": roles.STAFF,
    "trainings:staff_demote": roles.STAFF,
    "trainings:staff_detail": roles.STAFF,
    "trainings:staff_edit": roles.STAFF,
    "trainings:staff_export": roles.STAFF,
    "trainings:staff_list": roles.STAFF,
    "trainings:staff_promote": roles.STAFF,
    "trainings:staff_publish": roles.STAFF,
    "trainings:staff_signin_sheet": roles.STAFF,
    "trainings:verify": roles.PUBLIC,
    "trainings:verify_code": roles.PUBLIC,
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


def expected_level(ns: str, name: str) -> str | None:
    key = f"{ns}:{name}" if ns else name
    return EXPECTED.get(key) or EXPECTED.get(f"{ns.split(':')[0]}:*")


def test_every_url_is_classified():
    unclassified = [
        f"{path} ({ns}:{name})" for path, ns, name in ALL_URLS if level_for(ns, name) is None
    ]
    assert not unclassified, "URLs no app classified in its access.py: " + ", ".join(unclassified)


def test_every_url_has_an_expected_level_written_here():
    missing = [
        f"{path} ({ns}:{name})" for path, ns, name in ALL_URLS if not expected_level(ns, name)
    ]
    assert not missing, "URLs missing from EXPECTED (decide who may open them): " + ", ".join(
        missing
    )


def test_the_apps_classify_each_url_as_written_here():
    disagree = [
        f"{ns}:{name}: access.py says {level_for(ns, name)}, EXPECTED says {expected_level(ns, name)}"
        for _, ns, name in ALL_URLS
        if level_for(ns, name) != expected_level(ns, name)
    ]
    assert not disagree, "\n".join(disagree)


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
        level = expected_level(ns, name) or roles.MEMBER
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
