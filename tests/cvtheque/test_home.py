"""The CV library's home page links each person to what they may do."""

import pytest


def test_member_home_links(member_client):
    page = member_client.get("/cvtheque/").content.decode()
    assert "/cvtheque/mon-cv/" in page and "/cvtheque/offres/" in page
    assert "/cvtheque/cv/recherche/" not in page


def test_recruiter_home_links_to_search(recruiter_client):
    page = recruiter_client.get("/cvtheque/").content.decode()
    assert "/cvtheque/cv/recherche/" in page and "/cvtheque/offres/nouvelle/" in page


@pytest.mark.parametrize(
    ("role", "sent_to"),
    [
        ("anonymous", "/comptes/login/?next=%2Fcvtheque%2F"),
        ("applicant", "/adhesion/en-attente/"),
        ("expired", "/adhesion/renouvellement/"),
    ],
)
@pytest.mark.usefixtures("db")
def test_outsiders_do_not_reach_the_cvtheque(client_for_role, role, sent_to):
    client, _user = client_for_role(role)
    response = client.get("/cvtheque/")
    assert response.status_code == 302
    assert response["Location"] == sent_to
