"""Helpers for the CV library tests: PDF uploads and a recruiter of another structure."""

import datetime

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from community import roles
from tests import factories

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name="cv.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def profile_form(**overrides):
    data = {
        "headline": "Régisseuse des collections",
        "summary": "Prêts, expositions, récolement.",
        "professions": ["regie"],
        "skills": "Récolement, conditionnement",
        "departements": ["31", "34"],
        "mobility": "local",
        "available_from": "",
        "contract_types": ["cdi"],
        "languages": "anglais",
        "visibility": "recruiters",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_recruiter(**membership_kwargs):
    user = factories.make_member(**membership_kwargs)
    user.groups.add(Group.objects.get_or_create(name=roles.RECRUITERS_GROUP)[0])
    return user


def offer_form(**overrides):
    today = timezone.localdate()
    data = {
        "title": "Régisseur·se des collections",
        "description": "Mouvements d'œuvres, constats, prêts.",
        "profession": "regie",
        "contract_type": "cdd",
        "place": "Albi",
        "departement": "81",
        "start_date": (today + datetime.timedelta(days=60)).isoformat(),
        "closing_date": (today + datetime.timedelta(days=20)).isoformat(),
        "salary_band": "Grille B",
        "how_to_apply": "Lettre et CV à rh@musee-albi.fr",
        "sector": "fpt",
    }
    data.update(overrides)
    return data
