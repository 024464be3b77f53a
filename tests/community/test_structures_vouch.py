"""Museums vouch for their staff: staff designate a structure's contacts among its members; an
applicant naming the structure makes its contacts asked (notification, email) to confirm in one
click; staff see the answer on the application. A contact sees only name, job title and email
of their own structure's applicants."""

import html

import pytest
from django.core import mail
from django.urls import reverse

from community.membership import services
from community.membership.forms import structure_label
from community.models import Membership
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def museum():
    return factories.StructureFactory(name="Musée Fenaille", city="Rodez", departement="12")


@pytest.fixture
def contact(museum):
    person = factories.make_member(structure=museum, job_title="Directrice")
    museum.contacts.add(person)
    return person


def logged_in(client, user):
    client.force_login(user)
    return client


def page(response) -> str:
    return html.unescape(response.content.decode())


def apply(museum, **user):
    applicant = factories.UserFactory(**user)
    return services.apply_for_membership(
        user=applicant,
        structure=museum,
        job_title="Régisseur des collections",
        profession="regie",
        application_note="Note privée pour l'association.",
    )


def test_staff_designate_a_contact_among_the_structures_members(staff_client, museum):
    colleague = factories.make_member(structure=museum)
    elsewhere = factories.make_member()
    url = reverse("community:structure_contact", args=[museum.pk])
    detail = page(staff_client.get(reverse("community:structure_detail", args=[museum.pk])))
    assert colleague.get_full_name() in detail and elsewhere.get_full_name() not in detail
    assert staff_client.post(url, {"user": colleague.pk, "designated": "1"}).status_code == 302
    assert list(museum.contacts.all()) == [colleague]
    refused = staff_client.post(url, {"user": elsewhere.pk, "designated": "1"})
    assert refused.status_code == 400
    assert "travaille dans cette structure" in page(refused)
    assert list(museum.contacts.all()) == [colleague]
    assert staff_client.post(url, {"user": "abc", "designated": "1"}).status_code == 404
    staff_client.post(url, {"user": colleague.pk, "designated": "0"})
    assert not museum.contacts.exists()


def test_applying_asks_the_contacts_who_confirm_in_one_click(
    client, contact, museum, staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = apply(museum, first_name="Hugo", last_name="Valat")
    asked = Notification.objects.get(recipient=contact, kind="membership_vouch")
    assert asked.url == reverse("community:vouch_list")
    assert any(contact.email in message.to for message in mail.outbox)

    listing = page(logged_in(client, contact).get(reverse("community:vouch_list")))
    assert "Hugo Valat" in listing and "Régisseur des collections" in listing
    assert membership.user.email in listing
    assert "Note privée" not in listing  # nothing more than name, job and email

    answer = reverse("community:vouch_answer", args=[membership.pk])
    assert client.post(answer, {"answer": "works_here"}).status_code == 302
    membership.refresh_from_db()
    assert (membership.vouch, membership.vouched_by) == ("works_here", contact)
    dashboard = page(staff_client.get(reverse("community:membership_list")))
    assert "confirmée par la structure" in dashboard
    detail = page(staff_client.get(reverse("community:membership_detail", args=[membership.pk])))
    assert "Travaille dans la structure" in detail and contact.get_full_name() in detail


def test_a_contact_may_say_they_do_not_know_the_applicant(client, contact, museum):
    membership = apply(museum)
    logged_in(client, contact).post(
        reverse("community:vouch_answer", args=[membership.pk]), {"answer": "unknown"}
    )
    membership.refresh_from_db()
    assert membership.vouch == Membership.Vouch.UNKNOWN
    odd = client.post(reverse("community:vouch_answer", args=[membership.pk]), {"answer": "x"})
    assert odd.status_code == 302
    membership.refresh_from_db()
    assert membership.vouch == Membership.Vouch.UNKNOWN


@pytest.mark.usefixtures("contact")
def test_other_members_and_other_contacts_see_nothing(client, museum):
    membership = apply(museum, first_name="Hugo", last_name="Valat")
    other_museum = factories.StructureFactory()
    other_contact = factories.make_member(structure=other_museum)
    other_museum.contacts.add(other_contact)
    for outsider in (other_contact, factories.make_member()):
        logged_in(client, outsider)
        assert "Hugo Valat" not in page(client.get(reverse("community:vouch_list")))
        response = client.post(
            reverse("community:vouch_answer", args=[membership.pk]), {"answer": "works_here"}
        )
        assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.vouch == ""


def test_a_contact_no_longer_member_is_not_asked(contact, museum):
    contact.membership.status = Membership.Status.SUSPENDED
    contact.membership.save()
    apply(museum)
    assert not Notification.objects.filter(recipient=contact).exists()


def test_a_decided_application_is_no_longer_to_confirm(client, contact, museum, staff):
    membership = apply(museum)
    services.approve_membership(membership, by=staff)
    logged_in(client, contact)
    response = client.post(
        reverse("community:vouch_answer", args=[membership.pk]), {"answer": "works_here"}
    )
    assert response.status_code == 404


def test_a_sign_up_naming_the_structure_reaches_its_contact(client, contact, museum):
    client.post(
        reverse("account_signup"),
        {
            "email": "hugo.valat@musee-test.fr",
            "password1": "un-mot-de-passe-solide-42",
            "password2": "un-mot-de-passe-solide-42",
            "first_name": "Hugo",
            "last_name": "Valat",
            "structure": structure_label(museum),
            "job_title": "Régisseur",
            "profession": "regie",
        },
    )
    assert Notification.objects.filter(recipient=contact, kind="membership_vouch").exists()


def test_the_home_page_tells_a_contact_what_waits(client, contact, museum):
    apply(museum)
    home = page(logged_in(client, contact).get("/"))
    assert "1 candidature de votre structure attend votre confirmation" in home


def test_a_contact_who_deletes_their_account_is_no_longer_a_contact(contact, museum):
    from community import gdpr

    gdpr.delete_account(contact, confirm_email=contact.email)
    assert not museum.contacts.exists()
