"""One pattern for every refused form: a summary of the errors at the top of the form, each
linking to its field (base templates: community/includes/error_summary.html), with the typed
values kept. forms.js moves the focus to it (tests/browser/test_signup_journey.py)."""

import html

import pytest
from django.urls import reverse
from machina.core.db.models import get_model

pytestmark = pytest.mark.django_db
Forum = get_model("forum", "Forum")


def summary_links(response) -> list[str]:
    page = html.unescape(response.content.decode())
    assert 'class="error-summary" role="alert" tabindex="-1"' in page
    start = page.index('class="error-summary"')
    block = page[start : page.index("</div>", start)]
    return [part.split('"')[0] for part in block.split('<a href="#')[1:]]


def test_the_profile_form(member_client):
    response = member_client.post(reverse("community:profile"), {"first_name": "Anne"})
    assert response.status_code == 400
    assert summary_links(response) == ["id_last_name", "id_handle"]
    assert 'value="Anne"' in response.content.decode()


def test_a_forum_question(member_client):
    forum = Forum.objects.get(slug="conservation-preventive")
    response = member_client.post(
        reverse("cimaise_forum:ask"), {"forum": forum.pk, "subject": "", "content": "Mon texte"}
    )
    assert response.status_code == 400
    assert "id_subject" in summary_links(response)
    assert "Mon texte</textarea>" in response.content.decode()


def test_a_staff_form_with_a_prefix(staff_client, applicant):
    url = reverse("community:membership_reject", args=[applicant.membership.pk])
    response = staff_client.post(url, {"reject-reason": ""})
    assert response.status_code == 400
    assert summary_links(response) == ["id_reject-reason"]


def test_a_refused_upload_says_to_choose_the_file_again(member_client):
    from documents.models import Document
    from tests import factories
    from tests.documents.conftest import upload

    folder = factories.FolderFactory()
    response = upload(member_client, folder, title="")
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "id_title" in summary_links(response)
    assert (
        "Votre fichier n'a pas pu être gardé avec le formulaire : choisissez-le à nouveau." in page
    )
    assert not Document.objects.exists()
