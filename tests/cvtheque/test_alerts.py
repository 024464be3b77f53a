"""A newly published offer tells the candidates whose professions and départements match, once."""

from cvtheque import services
from cvtheque.models import OfferAlert
from notifications.models import Notification
from tests import factories
from tests.cvtheque.conftest import offer_form


def _publish(recruiter_client, **fields):
    return recruiter_client.post("/cvtheque/offres/nouvelle/", offer_form(publish="1", **fields))


def test_matching_candidates_are_alerted_once(recruiter, recruiter_client):
    matching = factories.CandidateProfileFactory(professions=["regie"], departements=["81"])
    whole_region = factories.CandidateProfileFactory(
        professions=["regie", "mediation"], departements=["66"], mobility="region"
    )
    wrong_job = factories.CandidateProfileFactory(professions=["mediation"], departements=["81"])
    wrong_place = factories.CandidateProfileFactory(professions=["regie"], departements=["30"])
    hidden_but_matching = factories.CandidateProfileFactory(
        professions=["regie"], departements=["81"], visibility="hidden"
    )
    _publish(recruiter_client)  # regie, 81
    alerted = set(
        Notification.objects.filter(kind="job_match").values_list("recipient_id", flat=True)
    )
    assert alerted == {matching.user_id, whole_region.user_id, hidden_but_matching.user_id}
    assert wrong_job.user_id not in alerted and wrong_place.user_id not in alerted
    offer = recruiter.membership.structure.job_offers.get()
    assert OfferAlert.objects.filter(offer=offer).count() == 3
    # Asking again (e.g. the offer is re-published) tells nobody twice.
    assert services.send_match_alerts(offer=offer) == 0
    assert Notification.objects.filter(kind="job_match").count() == 3


def test_draft_alerts_nobody_until_published(recruiter, recruiter_client):
    candidate = factories.CandidateProfileFactory(professions=["regie"], departements=["81"])
    recruiter_client.post("/cvtheque/offres/nouvelle/", offer_form(draft="1"))
    assert not Notification.objects.filter(kind="job_match").exists()
    offer = recruiter.membership.structure.job_offers.get()
    recruiter_client.post(f"/cvtheque/offres/{offer.pk}/publier/")
    assert Notification.objects.get(kind="job_match").recipient_id == candidate.user_id
