"""Job offers of the public service: sector, catégorie, filière, cadre d'emplois, grade, status and
the legal basis of a contract; refused where they do not belong; filters; CVs that say the same."""

import pytest

from cvtheque import demo, services
from cvtheque.errors import CvError
from cvtheque.models import CandidateProfile, JobOffer
from notifications.models import Notification
from tests import factories
from tests.cvtheque.conftest import offer_form, profile_form

NEW = "/cvtheque/offres/nouvelle/"
PUBLIC_FIELDS = {
    "sector": "fpt",
    "category": "B",
    "filiere": "culturelle",
    "cadre_emplois": "assistant_conservation",
    "grade": "Assistant de conservation principal de 1re classe",
    "employment_status": "titulaire_ou_contractuel",
    "contract_basis": "L332-14",
    "working_time": "complet",
    "salary_band": "IB 389 à 638",
}


def test_recruiter_publishes_a_public_service_offer(recruiter_client, member_client):
    response = recruiter_client.post(NEW, offer_form(publish="1", **PUBLIC_FIELDS))
    assert response.status_code == 302
    offer = JobOffer.objects.get()
    for name, value in PUBLIC_FIELDS.items():
        assert getattr(offer, name) == value, name
    page = member_client.get(offer.get_absolute_url()).content.decode()
    assert "Fonction publique territoriale" in page
    assert "Catégorie B · filière culturelle · Assistant de conservation du patrimoine" in page
    assert "Article L332-14 du CGFP : vacance temporaire d&#x27;emploi" in page
    assert "Titulaire ou, à défaut, contractuel" in page
    assert "IB 389 à 638" in page


def test_the_offer_in_english(recruiter_client, member_client):
    recruiter_client.post(NEW, offer_form(publish="1", **PUBLIC_FIELDS))
    member_client.cookies["django_language"] = "en"
    page = member_client.get(JobOffer.objects.get().get_absolute_url()).content.decode()
    assert "Territorial civil service" in page
    assert "L332-14 of the CGFP: temporary vacancy" in page


@pytest.mark.parametrize("sector", ["associatif", "prive", ""])
def test_public_service_fields_are_refused_outside_the_public_service(sector, recruiter_client):
    data = offer_form(publish="1", **{**PUBLIC_FIELDS, "sector": sector})
    response = recruiter_client.post(NEW, data)
    assert response.status_code == 400
    page = response.content.decode()
    if sector:
        assert "Réservé aux offres de la fonction publique" in page
    else:
        assert "Ce champ est obligatoire" in page
    assert not JobOffer.objects.exists()
    assert 'value="Assistant de conservation principal de 1re classe"' in page  # kept


def test_a_catégorie_that_contradicts_the_cadre_d_emplois_is_refused(recruiter_client):
    data = offer_form(**{**PUBLIC_FIELDS, "category": "A", "cadre_emplois": "adjoint_patrimoine"})
    response = recruiter_client.post(NEW, data)
    assert response.status_code == 400
    assert "relève de la catégorie C" in response.content.decode()
    assert not JobOffer.objects.exists()


def test_a_filière_that_contradicts_the_cadre_d_emplois_is_refused(recruiter_client):
    response = recruiter_client.post(NEW, offer_form(**{**PUBLIC_FIELDS, "filiere": "technique"}))
    assert response.status_code == 400
    assert "relève de la filière culturelle" in response.content.decode()


def test_a_post_for_titulaires_has_no_contract(recruiter_client):
    fields = {**PUBLIC_FIELDS, "employment_status": "titulaire", "contract_type": ""}
    refused = recruiter_client.post(NEW, offer_form(**fields))
    assert refused.status_code == 400
    assert "n&#x27;a pas de fondement contractuel" in refused.content.decode()
    accepted = recruiter_client.post(NEW, offer_form(**{**fields, "contract_basis": ""}))
    assert accepted.status_code == 302
    assert JobOffer.objects.get().contract_type == ""


def test_a_post_open_to_contractuels_needs_its_contract_type(recruiter_client):
    response = recruiter_client.post(NEW, offer_form(**{**PUBLIC_FIELDS, "contract_type": ""}))
    assert response.status_code == 400
    assert "Choisissez le type de contrat" in response.content.decode()
    assert not JobOffer.objects.exists()


def test_an_unknown_choice_is_a_clear_refusal_not_a_500(recruiter_client):
    response = recruiter_client.post(NEW, offer_form(**{**PUBLIC_FIELDS, "contract_basis": "L999"}))
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_editing_an_offer_into_the_private_sector_keeps_the_saved_offer(
    recruiter, recruiter_client
):
    recruiter_client.post(NEW, offer_form(**PUBLIC_FIELDS))
    offer = JobOffer.objects.get()
    response = recruiter_client.post(
        f"/cvtheque/offres/{offer.pk}/modifier/", offer_form(**{**PUBLIC_FIELDS, "sector": "prive"})
    )
    assert response.status_code == 400
    offer.refresh_from_db()
    assert offer.sector == "fpt"
    assert recruiter == offer.author


def test_the_service_refuses_the_same_for_callers_without_the_form(recruiter):
    data = {
        "title": "Chargé·e des publics",
        "description": "…",
        "profession": "mediation",
        "contract_type": "cdd",
        "place": "Albi",
        "departement": "81",
        "closing_date": factories.timezone.localdate(),
        "how_to_apply": "…",
        "sector": "prive",
        "category": "A",
    }
    with pytest.raises(CvError, match="Réservé aux offres de la fonction publique"):
        services.create_offer(author=recruiter, data=data)
    assert not JobOffer.objects.exists()


# --- filters ---------------------------------------------------------------------------


def _titles(client, **params) -> str:
    response = client.get("/cvtheque/offres/", params)
    assert response.status_code == 200
    return response.content.decode()


def _offers():
    factories.JobOfferFactory(
        title="Conservateur Rodez",
        sector="fpt",
        category="A",
        filiere="culturelle",
        cadre_emplois="conservateur_patrimoine",
        employment_status="titulaire",
        contract_type="",
    )
    factories.JobOfferFactory(
        title="Adjoint Nîmes",
        sector="fpe",
        category="C",
        filiere="culturelle",
        cadre_emplois="adjoint_patrimoine",
        employment_status="titulaire_ou_contractuel",
        contract_basis="L332-14",
    )
    factories.JobOfferFactory(title="Médiation asso", sector="associatif")


def test_offers_filtered_by_the_public_service_fields(member_client):
    _offers()
    page = _titles(member_client, sector="public")
    assert "Conservateur Rodez" in page and "Adjoint Nîmes" in page
    assert "Médiation asso" not in page
    page = _titles(member_client, sector="associatif")
    assert "Médiation asso" in page and "Conservateur Rodez" not in page
    page = _titles(member_client, category="A")
    assert "Conservateur Rodez" in page and "Adjoint Nîmes" not in page
    page = _titles(member_client, cadre_emplois="adjoint_patrimoine")
    assert "Adjoint Nîmes" in page and "Conservateur Rodez" not in page
    page = _titles(member_client, filiere="culturelle")
    assert "Adjoint Nîmes" in page and "Médiation asso" not in page


def test_an_offer_open_to_both_matches_titulaires_and_contractuels(member_client):
    _offers()
    page = _titles(member_client, employment_status="titulaire")
    assert "Conservateur Rodez" in page and "Adjoint Nîmes" in page
    page = _titles(member_client, employment_status="contractuel")
    assert "Adjoint Nîmes" in page and "Conservateur Rodez" not in page


def test_a_wrong_filter_value_is_not_an_error(member_client):
    _offers()
    page = _titles(member_client, category="Z", sector="nowhere")
    assert "Sélectionnez un choix valide" in page


def test_the_offers_page_is_for_members_only(client_for_role):
    for role in ("anonymous", "applicant", "suspended"):
        client, _user = client_for_role(role)
        assert client.get("/cvtheque/offres/", {"sector": "public"}).status_code in (302, 403)


# --- CVs -------------------------------------------------------------------------------


def test_a_cv_states_its_catégorie_cadre_and_grade(member, member_client, recruiter_client):
    data = profile_form(
        category="B", cadre_emplois="assistant_conservation", grade="Assistant principal"
    )
    assert member_client.post("/cvtheque/mon-cv/", data).status_code == 302
    profile = CandidateProfile.objects.get(user=member)
    assert (profile.category, profile.cadre_emplois, profile.grade) == (
        "B",
        "assistant_conservation",
        "Assistant principal",
    )
    page = recruiter_client.get(profile.get_absolute_url()).content.decode()
    assert "Catégorie B · Assistant de conservation du patrimoine" in page
    assert "Assistant principal" in page


def test_a_cv_whose_catégorie_contradicts_its_cadre_is_refused(member_client):
    data = profile_form(category="A", cadre_emplois="adjoint_patrimoine")
    response = member_client.post("/cvtheque/mon-cv/", data)
    assert response.status_code == 400
    assert "relève de la catégorie C" in response.content.decode()
    assert not CandidateProfile.objects.exists()


# --- demo ------------------------------------------------------------------------------


def test_the_demo_offers_are_public_service_offers(member, recruiter):
    demo.seed({"recruiter": recruiter, "members": [member]})
    offers = JobOffer.objects.filter(structure=recruiter.membership.structure)
    assert offers.count() == 2
    for offer in offers:
        assert offer.is_public_service and offer.cadre_emplois
        offer.clean()  # the demo obeys the rules the forms enforce
    assert CandidateProfile.objects.get(user=member).cadre_emplois


# --- alerts narrowed by the candidate ---------------------------------------------------


def _alerted(recruiter_client, **fields) -> set[int]:
    before = set(Notification.objects.filter(kind="job_match").values_list("id", flat=True))
    assert recruiter_client.post(NEW, offer_form(publish="1", **fields)).status_code == 302
    return set(
        Notification.objects.filter(kind="job_match")
        .exclude(id__in=before)
        .values_list("recipient_id", flat=True)
    )


def test_alerts_follow_the_employers_and_catégories_the_candidate_chose(recruiter_client):
    anything = factories.CandidateProfileFactory(professions=["regie"], departements=["81"])
    territorial = factories.CandidateProfileFactory(
        professions=["regie"], departements=["81"], alert_sectors=["fpt"]
    )
    category_a = factories.CandidateProfileFactory(
        professions=["regie"], departements=["81"], alert_categories=["A"]
    )
    # offer_form: regie, 81. A territorial category B post.
    alerted = _alerted(recruiter_client, **PUBLIC_FIELDS)
    assert alerted == {anything.user_id, territorial.user_id}
    # A private employer's post has no catégorie: only the employer criterion counts.
    alerted = _alerted(recruiter_client, title="Régie privée", sector="prive")
    assert alerted == {anything.user_id, category_a.user_id}


def test_my_cv_saves_the_alert_criteria(member, member_client):
    data = profile_form(alert_sectors=["fpt", "fpe"], alert_categories=["B"])
    assert member_client.post("/cvtheque/mon-cv/", data).status_code == 302
    profile = CandidateProfile.objects.get(user=member)
    assert profile.alert_sectors == ["fpt", "fpe"]
    assert profile.alert_categories == ["B"]
    page = member_client.get("/cvtheque/mon-cv/").content.decode()
    assert 'name="alert_sectors" value="fpt"' in page
