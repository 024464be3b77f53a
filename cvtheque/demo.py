"""Demo content of the CV library: a few CVs of members and job offers of the recruiter's museum."""

import datetime

from django.utils import timezone

from cvtheque.models import CandidateProfile, JobOffer
from cvtheque.services import expiry_for

PROFILES = [
    {
        "headline": "Régisseuse des collections, 8 ans d'expérience",
        "summary": "Mouvements d'œuvres, constats d'état, convoiements et prêts internationaux.",
        "professions": ["regie"],
        "skills": ["récolement", "conditionnement", "constat d'état", "convoiement"],
        "departements": ["31", "81"],
        "mobility": "region",
        "contract_types": ["cdi", "cdd"],
        "languages": "anglais courant, espagnol",
        "category": "B",
        "cadre_emplois": "assistant_conservation",
        "grade": "Assistant de conservation principal de 2e classe",
        "visibility": "recruiters",
    },
    {
        "headline": "Médiateur culturel, publics scolaires et handicap",
        "summary": "Conception d'ateliers, visites en LSF, accueil des publics éloignés.",
        "professions": ["mediation"],
        "skills": ["ateliers", "lsf", "accessibilité"],
        "departements": ["34"],
        "mobility": "50km",
        "contract_types": ["cdd", "vacation", "freelance"],
        "languages": "anglais, LSF",
        "visibility": "members",
    },
    {
        "headline": "Documentaliste des collections — inventaire et numérisation",
        "summary": "Inventaire réglementaire, bases de données de collections, campagnes photo.",
        "professions": ["documentation", "numerique"],
        "skills": ["inventaire", "flora", "micromusée", "numérisation"],
        "departements": ["30", "34"],
        "mobility": "local",
        "contract_types": ["cdd", "stage"],
        "languages": "anglais",
        "visibility": "recruiters",
    },
]

OFFERS = [
    {
        "title": "Chargé·e de médiation culturelle",
        "description": "Accueil des groupes, conception d'ateliers et de visites, "
        "programmation jeune public.",
        "profession": "mediation",
        "sector": "fpt",
        "category": "B",
        "filiere": "culturelle",
        "cadre_emplois": "assistant_conservation",
        "grade": "Assistant de conservation (tous grades)",
        "employment_status": "titulaire_ou_contractuel",
        "contract_basis": "L332-14",
        "contract_type": "cdd",
        "working_time": "complet",
        "salary_band": "Grille des assistants de conservation, régime indemnitaire (RIFSEEP)",
        "how_to_apply": "Lettre de motivation et CV au service des ressources humaines.",
        "status": JobOffer.Status.PUBLISHED,
    },
    {
        "title": "Régisseur·se des œuvres",
        "description": "Mouvements d'œuvres, suivi des prêts, conditionnement, récolement décennal.",
        "profession": "regie",
        "sector": "fpt",
        "category": "C",
        "filiere": "culturelle",
        "cadre_emplois": "adjoint_patrimoine",
        "grade": "Adjoint du patrimoine principal de 2e classe",
        "employment_status": "titulaire",
        "contract_type": "",
        "working_time": "complet",
        "salary_band": "Indices bruts 368 à 558",
        "how_to_apply": "Candidature par courrier électronique avant la date limite.",
        "status": JobOffer.Status.DRAFT,
    },
]


def seed(ctx: dict) -> None:
    now = timezone.now()
    today = timezone.localdate()
    for member, data in zip(ctx.get("members", []), PROFILES, strict=False):
        CandidateProfile.objects.get_or_create(
            user=member,
            defaults={
                **data,
                "available_from": today + datetime.timedelta(days=30),
                "consent_at": now,
                "updated_at": now,
                "expires_on": expiry_for(now),
            },
        )
    recruiter = ctx.get("recruiter")
    membership = getattr(recruiter, "membership", None) if recruiter else None
    if membership is None:
        return
    structure = membership.structure
    for data in OFFERS:
        published = data["status"] == JobOffer.Status.PUBLISHED
        JobOffer.objects.get_or_create(
            structure=structure,
            title=data["title"],
            defaults={
                **data,
                "author": recruiter,
                "place": structure.city,
                "departement": structure.departement,
                "start_date": today + datetime.timedelta(days=60),
                "closing_date": today + datetime.timedelta(days=30),
                "published_at": now if published else None,
            },
        )
