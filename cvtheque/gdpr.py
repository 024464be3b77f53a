"""Personal data of the CV library: the CV and its file, its views and contacts, offers written."""

from community.gdpr import safe_zip_name
from cvtheque import services
from cvtheque.models import CandidateProfile, ContactRequest, JobOffer, OfferAlert


def export(user) -> dict:
    data = {"profile": None, "views": [], "contacts_received": []}
    files = []
    profile = CandidateProfile.objects.filter(user=user).first()
    if profile is not None:
        data["profile"] = {
            "headline": profile.headline,
            "summary": profile.summary,
            "professions": profile.professions,
            "skills": profile.skills,
            "departements": profile.departements,
            "mobility": profile.mobility,
            "available_from": profile.available_from,
            "contract_types": profile.contract_types,
            "languages": profile.languages,
            "visibility": profile.visibility,
            "cv_filename": profile.cv_filename,
            "consent_at": profile.consent_at,
            "created_at": profile.created_at,
            "updated_at": profile.updated_at,
            "expires_on": profile.expires_on,
        }
        data["views"] = [
            {"recruiter": str(view.recruiter), "viewed_at": view.viewed_at}
            for view in profile.views.select_related("recruiter")
        ]
        data["contacts_received"] = [
            {
                "recruiter": str(contact.recruiter),
                "message": contact.message,
                "sent_at": contact.created_at,
                "status": contact.status,
                "reply": contact.reply,
                "answered_at": contact.answered_at,
            }
            for contact in profile.contacts.select_related("recruiter")
        ]
        if profile.cv_file:
            files.append((safe_zip_name(profile.cv_filename, "cv.pdf"), profile.cv_file))
    data["contacts_sent"] = [
        {
            "candidate_profile": contact.profile.headline,
            "message": contact.message,
            "sent_at": contact.created_at,
            "status": contact.status,
            "reply": contact.reply,
        }
        for contact in ContactRequest.objects.filter(recruiter=user).select_related("profile")
    ]
    data["job_offers_written"] = [
        {
            "title": offer.title,
            "structure": str(offer.structure),
            "status": offer.status,
            "created_at": offer.created_at,
        }
        for offer in JobOffer.objects.filter(author=user).select_related("structure")
    ]
    return {"data": data, "files": files}


def erase(user) -> None:
    profile = CandidateProfile.objects.filter(user=user).first()
    if profile is not None:
        # delete_profile removes the views and contacts and schedules the file after commit.
        services.delete_profile(profile=profile)
    OfferAlert.objects.filter(user=user).delete()
    # Offers belong to their structure; messages sent as a recruiter stay with the candidates.
    JobOffer.objects.filter(author=user).update(author=None)
