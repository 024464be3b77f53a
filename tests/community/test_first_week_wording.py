"""Wording fixed for a member's first week: the directory option says what ticking it does, and
the English mobility choice is in English; empty lists are calm, not warnings."""

from django.urls import reverse
from django.utils import translation

from cvtheque.models import CandidateProfile


def test_the_directory_option_says_what_ticking_it_does(member_client):
    page = member_client.get(reverse("community:profile")).content.decode()
    assert "Votre fiche n&#x27;apparaît plus" not in page
    assert "Votre fiche n'apparaît plus" not in page
    assert "Cochez cette case pour que votre fiche n" in page
    english = member_client.get(reverse("community:profile"), HTTP_ACCEPT_LANGUAGE="en")
    assert (
        "Tick this box to keep your entry out of the member directory" in english.content.decode()
    )


def test_the_local_mobility_choice_reads_in_english():
    with translation.override("en"):
        assert str(CandidateProfile.Mobility.LOCAL.label) == "My departments only"


def test_an_empty_directory_search_is_a_calm_empty_state(member_client):
    page = member_client.get(reverse("community:directory"), {"q": "zzzyyyxxx"}).content.decode()
    assert '<p class="empty-state">Aucun membre ne correspond à cette recherche.</p>' in page
