"""A newcomer applies while signing up: the museum is picked by typing its name, town or
département among the verified structures, or proposed when it is not listed (staff verify it
or attach the application to a listed one); an application accepted from 1 October counts for
the next calendar year."""

import datetime
import html

import pytest
import time_machine
from django.urls import reverse

from community.membership import services
from community.models import Membership, Structure, User, end_of_membership_year
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide-42"
PARIS = datetime.timezone(datetime.timedelta(hours=2))


def sign_up(client, **fields):
    data = {
        "email": "nouvelle@musee-test.fr",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Élise",
        "last_name": "Gardel",
        "job_title": "Chargée des publics",
        "profession": "mediation",
        **fields,
    }
    return client.post(reverse("account_signup"), data)


@pytest.fixture
def fabre():
    return factories.StructureFactory(name="Musée Fabre", city="Montpellier", departement="34")


def test_the_login_page_says_what_the_space_is_and_how_to_join(anonymous_client):
    page = html.unescape(anonymous_client.get(reverse("account_login")).content.decode())
    assert "l'espace professionnel des musées" in page
    assert f'href="{reverse("account_signup")}">Demander l\'adhésion</a>' in page


@pytest.mark.usefixtures("fabre")
def test_the_picker_offers_verified_structures_by_name_town_and_departement(anonymous_client):
    factories.StructureFactory(name="Musée proposé", city="Sète", departement="34", verified=False)
    page = html.unescape(anonymous_client.get(reverse("account_signup")).content.decode())
    assert '<option value="Musée Fabre — Montpellier, Hérault (34)"></option>' in page
    assert 'list="structure-options"' in page
    assert "Musée proposé" not in page


def test_a_structure_picked_from_the_list_goes_with_the_account(anonymous_client, fabre):
    response = sign_up(anonymous_client, structure="Musée Fabre — Montpellier, Hérault (34)")
    assert response.status_code == 302
    membership = User.objects.get(email="nouvelle@musee-test.fr").membership
    assert (membership.structure, membership.status) == (fabre, Membership.Status.PENDING)
    assert membership.job_title == "Chargée des publics"


@pytest.mark.usefixtures("fabre")
def test_a_structure_not_picked_is_refused_with_a_summary_and_the_typed_text_kept(
    anonymous_client,
):
    response = sign_up(anonymous_client, structure="Montpel")
    page = html.unescape(response.content.decode())
    assert response.status_code == 200  # allauth's answer to an invalid form
    assert 'class="error-summary"' in page
    assert '<a href="#id_structure">' in page
    assert "Choisissez votre structure dans la liste proposée" in page
    assert 'value="Montpel"' in page and 'value="Chargée des publics"' in page
    assert not User.objects.exists() and Structure.objects.count() == 1


def test_a_proposal_needs_its_name_town_and_departement(anonymous_client):
    response = sign_up(anonymous_client, structure_missing="on", proposed_name="Musée du Vin")
    page = html.unescape(response.content.decode())
    for missing in ("proposed_city", "proposed_departement"):
        assert f'<a href="#id_{missing}">' in page  # in the summary at the top
        assert f'id="id_{missing}_error">Indiquez-le pour que l\'équipe' in page
    assert 'id="id_proposed_name_error"' not in page
    assert not User.objects.exists() and not Structure.objects.exists()


def test_an_unlisted_structure_is_proposed_then_verified_by_staff(anonymous_client, staff_client):
    response = sign_up(
        anonymous_client,
        structure_missing="on",
        proposed_name="Musée de la Vigne",
        proposed_city="Gaillac",
        proposed_departement="81",
    )
    assert response.status_code == 302
    membership = User.objects.get(email="nouvelle@musee-test.fr").membership
    proposal = membership.structure
    assert (proposal.name, proposal.city, proposal.verified) == (
        "Musée de la Vigne",
        "Gaillac",
        False,
    )
    # Not offered to the next applicant until staff check it.
    assert (
        "Musée de la Vigne" not in anonymous_client.get(reverse("account_signup")).content.decode()
    )

    detail = reverse("community:membership_detail", args=[membership.pk])
    assert "proposée, à vérifier" in staff_client.get(detail).content.decode()
    refused = staff_client.post(reverse("community:membership_approve", args=[membership.pk]))
    assert refused.status_code == 400
    assert "pas encore vérifiée" in html.unescape(refused.content.decode())
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING

    url = reverse("community:membership_structure", args=[membership.pk])
    assert staff_client.post(url, {"structure-action": "verify"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.verified
    approved = staff_client.post(reverse("community:membership_approve", args=[membership.pk]))
    assert approved.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_staff_attach_a_proposal_to_the_listed_structure_it_meant(staff, staff_client, fabre):
    user = factories.UserFactory()
    membership = services.apply_for_membership(
        user=user,
        structure=None,
        proposed_structure={"name": "Musee Fabre", "city": "Montpellier ", "departement": "34"},
        job_title="Régisseur",
        profession="regie",
    )
    proposal = membership.structure
    assert proposal != fabre and not proposal.verified
    url = reverse("community:membership_structure", args=[membership.pk])
    missing = staff_client.post(url, {"structure-action": "attach"})
    assert missing.status_code == 400
    assert "Choisissez la structure à laquelle rattacher." in html.unescape(
        missing.content.decode()
    )
    attached = staff_client.post(
        url, {"structure-action": "attach", "structure-structure": fabre.pk}
    )
    assert attached.status_code == 302
    membership.refresh_from_db()
    assert membership.structure == fabre and membership.decided_by == staff
    assert not Structure.objects.filter(pk=proposal.pk).exists()


def test_a_proposal_naming_a_listed_structure_joins_it(fabre):
    membership = services.apply_for_membership(
        user=factories.UserFactory(),
        structure=None,
        proposed_structure={"name": "musée fabre", "city": "MONTPELLIER", "departement": "34"},
        job_title="Régisseur",
        profession="regie",
    )
    assert membership.structure == fabre


def test_a_verified_structure_cannot_be_resolved_again(staff_client):
    membership = factories.MembershipFactory(status=Membership.Status.PENDING, valid_until=None)
    url = reverse("community:membership_structure", args=[membership.pk])
    response = staff_client.post(url, {"structure-action": "verify"})
    assert response.status_code == 400
    assert "déjà vérifiée" in html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("today", "until"),
    [
        (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
        (datetime.date(2026, 9, 30), datetime.date(2026, 12, 31)),
        (datetime.date(2026, 10, 1), datetime.date(2027, 12, 31)),
        (datetime.date(2026, 11, 28), datetime.date(2027, 12, 31)),
        (datetime.date(2026, 12, 31), datetime.date(2027, 12, 31)),
    ],
)
def test_from_the_first_of_october_an_approval_counts_for_the_next_year(today, until, staff):
    membership = factories.MembershipFactory(status=Membership.Status.PENDING, valid_until=None)
    services.approve_membership(membership, by=staff, today=today)
    membership.refresh_from_db()
    assert membership.valid_until == until


def test_the_day_the_next_year_starts_counting_is_a_setting(settings):
    settings.MEMBERSHIP_NEXT_YEAR_FROM = (11, 15)
    assert end_of_membership_year(datetime.date(2026, 11, 14)) == datetime.date(2026, 12, 31)
    assert end_of_membership_year(datetime.date(2026, 11, 15)) == datetime.date(2027, 12, 31)


def test_the_forms_say_until_when_an_application_accepted_today_counts(anonymous_client):
    with time_machine.travel(datetime.datetime(2026, 10, 5, 10, 0, tzinfo=PARIS), tick=False):
        page = html.unescape(anonymous_client.get(reverse("account_signup")).content.decode())
    assert "valable jusqu'au 31 décembre 2027" in page
    assert "à partir du 1er octobre" in page or "à partir du 1 octobre" in page
