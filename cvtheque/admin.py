"""Admin screens of the CV library (staff): offers and CVs, read mostly."""

from django.contrib import admin

from cvtheque.models import CandidateProfile, ContactRequest, JobOffer


@admin.register(JobOffer)
class JobOfferAdmin(admin.ModelAdmin):
    list_display = ["title", "structure", "status", "closing_date", "published_at"]
    list_filter = ["status", "contract_type", "departement"]
    search_fields = ["title", "structure__name"]
    raw_id_fields = ["author"]


@admin.register(CandidateProfile)
class CandidateProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "headline", "visibility", "updated_at", "expires_on"]
    list_filter = ["visibility"]
    search_fields = ["headline", "user__email", "user__last_name"]
    raw_id_fields = ["user"]
    readonly_fields = ["consent_at", "created_at", "updated_at", "expires_on", "cv_file"]


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    list_display = ["recruiter", "profile", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["recruiter", "profile"]
